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

// Dark mode: a toggle that remembers the choice; without a choice the page
// follows the phone's setting, even when it changes while the page is open.
(function () {
  "use strict";
  var root = document.documentElement;
  var toggle = document.getElementById("theme-toggle");
  var system = window.matchMedia("(prefers-color-scheme: dark)");

  function apply(theme) {
    root.setAttribute("data-bs-theme", theme);
    if (toggle) toggle.setAttribute("aria-pressed", theme === "dark" ? "true" : "false");
    document.dispatchEvent(new CustomEvent("walkwell:theme", { detail: theme }));
  }

  function stored() {
    try {
      return localStorage.getItem("walkwell-theme");
    } catch (e) {
      return null;
    }
  }

  if (toggle) {
    toggle.setAttribute("aria-pressed", root.getAttribute("data-bs-theme") === "dark" ? "true" : "false");
    toggle.addEventListener("click", function () {
      var next = root.getAttribute("data-bs-theme") === "dark" ? "light" : "dark";
      try {
        localStorage.setItem("walkwell-theme", next);
      } catch (e) {
        /* not remembered, still applied */
      }
      apply(next);
    });
  }
  system.addEventListener("change", function (event) {
    if (!stored()) apply(event.matches ? "dark" : "light");
  });
})();

// Copy buttons beside read-only links (share links, the calendar link). The
// clipboard may be refused (no permission, an old browser, plain HTTP): then
// the text is selected, and the patient copies it themselves.
(function () {
  "use strict";
  document.querySelectorAll(".copy-button").forEach(function (button) {
    var field = document.getElementById(button.dataset.copyTarget);
    var status = document.getElementById(button.dataset.copyTarget + "-status");
    function say(text) {
      if (status) status.textContent = text;
    }
    function fallback() {
      field.focus();
      field.select();
      field.setSelectionRange(0, field.value.length);
      say(button.dataset.fallback);
    }
    button.addEventListener("click", function () {
      if (!navigator.clipboard || !window.isSecureContext) {
        fallback();
        return;
      }
      navigator.clipboard.writeText(field.value).then(function () {
        say(button.dataset.copied);
      }, fallback);
    });
  });
})();
