// Small behaviours shared by every page. No inline scripts: the CSP forbids them.
(function () {
  "use strict";
  // After a form comes back with errors, put the keyboard focus on the first
  // field that needs fixing, so screen-reader users hear its message.
  var invalid = document.querySelector("form [aria-invalid='true']");
  if (invalid) {
    invalid.focus();
  }
})();

// A printed report shows the patient's notes even when they are folded away on screen.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details.report-notes").forEach(function (details) {
    details.open = true;
  });
});
