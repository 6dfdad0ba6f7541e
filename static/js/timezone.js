// Pre-select the browser's own time zone in a time-zone list, on a form where
// the patient has not chosen one yet (sign-up): the server cannot know it.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;
  document.querySelectorAll("select[data-browser-timezone]").forEach(function (select) {
    if (select.form && select.form.dataset.bound === "1") return;
    var option = Array.prototype.find.call(select.options, function (o) {
      return o.value === zone || (o.dataset.aliases || "").split(" ").indexOf(zone) !== -1;
    });
    if (option) select.value = option.value;
  });
})();
