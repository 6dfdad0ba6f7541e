// Light or dark, decided before the page paints (loaded in <head>): the
// patient's own choice if they made one, else the phone's setting.
(function () {
  "use strict";
  var stored = null;
  try {
    stored = localStorage.getItem("walkwell-theme");
  } catch (e) {
    /* storage blocked: follow the system */
  }
  var dark = stored ? stored === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.setAttribute("data-bs-theme", dark ? "dark" : "light");
})();
