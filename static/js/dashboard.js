// Draws the dashboard charts from the JSON the page carries (json_script).
// Loaded as a static file so the Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";

  document.querySelectorAll(".progress-bar[data-percent]").forEach(function (bar) {
    bar.style.width = bar.dataset.percent + "%";
  });

  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  // Words from Django's JavaScript catalogue (/jsi18n/), English without it.
  var gettext = typeof window.gettext === "function" ? window.gettext : function (text) { return text; };
  var lang = document.documentElement.lang || undefined;
  // Colours with enough contrast on each background (light and dark mode).
  var PALETTES = {
    light: { target: "#b35c00", minutes: "#2f7cb3", before: "#6f42c1", after: "#198754" },
    dark: { target: "#ffb866", minutes: "#6fb3e6", before: "#c0a8ff", after: "#63d297" },
  };
  function palette() {
    return PALETTES[document.documentElement.getAttribute("data-bs-theme") === "dark" ? "dark" : "light"];
  }
  function setDefaults() {
    var style = getComputedStyle(document.documentElement);
    Chart.defaults.color = style.getPropertyValue("--bs-body-color").trim() || "#212529";
    Chart.defaults.borderColor = style.getPropertyValue("--bs-border-color-translucent").trim() || "rgba(0,0,0,.175)";
  }
  setDefaults();
  var colours = palette();
  var charts = [];
  var labels = data.labels.map(function (iso) {
    var d = new Date(iso + "T00:00:00");
    return d.toLocaleDateString(lang, { day: "numeric", month: "short" });
  });

  var minutesCanvas = document.getElementById("minutes-chart");
  if (minutesCanvas) {
    charts.push(new Chart(minutesCanvas, {
      data: {
        labels: labels,
        datasets: [
          {
            type: "line",
            role: "target",
            label: gettext("Target (minutes)"),
            data: data.target,
            borderColor: colours.target,
            backgroundColor: colours.target,
            borderDash: [6, 4],
            pointRadius: 2,
            stepped: true,
            spanGaps: false,
          },
          {
            type: "bar",
            role: "minutes",
            label: gettext("Minutes walked"),
            data: data.minutes,
            backgroundColor: colours.minutes,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: gettext("minutes") } } },
      },
    }));
  }

  var painCanvas = document.getElementById("pain-chart");
  if (painCanvas) {
    charts.push(new Chart(painCanvas, {
      type: "line",
      data: {
        labels: labels,
        datasets: [
          {
            role: "before",
            label: gettext("Pain before"),
            data: data.pain_before,
            borderColor: colours.before,
            backgroundColor: colours.before,
            spanGaps: true,
          },
          {
            role: "after",
            label: gettext("Pain after"),
            data: data.pain_after,
            borderColor: colours.after,
            backgroundColor: colours.after,
            borderDash: [4, 3],
            spanGaps: true,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 10, title: { display: true, text: gettext("pain (0-10)") } } },
      },
    }));
  }

  // Re-colour when the patient switches between light and dark.
  document.addEventListener("walkwell:theme", function () {
    setDefaults();
    var now = palette();
    charts.forEach(function (chart) {
      chart.data.datasets.forEach(function (set) {
        var colour = now[set.role];
        if (colour) {
          set.borderColor = colour;
          set.backgroundColor = colour;
        }
      });
      ["x", "y"].forEach(function (axis) {
        var scale = chart.options.scales[axis];
        if (scale) {
          scale.ticks = Object.assign({}, scale.ticks, { color: Chart.defaults.color });
          scale.grid = Object.assign({}, scale.grid, { color: Chart.defaults.borderColor });
          if (scale.title) scale.title.color = Chart.defaults.color;
        }
      });
      chart.options.plugins.legend.labels.color = Chart.defaults.color;
      chart.update();
    });
  });
})();
