// The import's progress page: ask the server how far the task has got about
// once a second and move the bar; when the file has been read (or could not
// be), load the page again, which then shows the preview or the reason.
// Without this script the page's "Check again" link does the same.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) return;
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  var url = box.dataset.progressUrl;
  var delay = 1000;

  function show(state) {
    bar.value = state.percent;
    bar.textContent = state.percent + "%";
    bar.setAttribute("aria-valuetext", state.text);
    if (text.textContent !== state.text) text.textContent = state.text;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (state.finished) {
          window.location.reload();
          return;
        }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // Offline or a server restart: try again, less often.
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
