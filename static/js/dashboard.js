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
  var labels = data.labels.map(function (iso) {
    var d = new Date(iso + "T00:00:00");
    return d.toLocaleDateString(undefined, { day: "numeric", month: "short" });
  });

  var minutesCanvas = document.getElementById("minutes-chart");
  if (minutesCanvas) {
    new Chart(minutesCanvas, {
      data: {
        labels: labels,
        datasets: [
          {
            type: "line",
            label: "Target (minutes)",
            data: data.target,
            borderColor: "#b35c00",
            backgroundColor: "#b35c00",
            borderDash: [6, 4],
            pointRadius: 2,
            stepped: true,
            spanGaps: false,
          },
          {
            type: "bar",
            label: "Minutes walked",
            data: data.minutes,
            backgroundColor: "#2f7cb3",
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, title: { display: true, text: "minutes" } } },
      },
    });
  }

  var painCanvas = document.getElementById("pain-chart");
  if (painCanvas) {
    new Chart(painCanvas, {
      type: "line",
      data: {
        labels: labels,
        datasets: [
          {
            label: "Pain before",
            data: data.pain_before,
            borderColor: "#6f42c1",
            backgroundColor: "#6f42c1",
            spanGaps: true,
          },
          {
            label: "Pain after",
            data: data.pain_after,
            borderColor: "#198754",
            backgroundColor: "#198754",
            borderDash: [4, 3],
            spanGaps: true,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 10, title: { display: true, text: "pain (0-10)" } } },
      },
    });
  }
})();
