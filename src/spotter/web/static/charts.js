/* Progress charts: e1RM and volume per session of one exercise, drawn with uPlot (vendored)
   from the JSON API. The page names the data in data attributes (no inline script: the content
   security policy is default-src 'self'):

   <div class="charts" data-progress="/api/v1/users/me/progress?exercise=SLUG" data-unit="kg">
     <div class="chart" data-series="e1rm"></div>
     <div class="chart" data-series="volume"></div>
   </div>

   A select with data-autosubmit submits its form when changed. */
(function () {
  "use strict";

  var SERIES = {
    e1rm: { label: "e1RM", stroke: "#1d4ed8", bars: false },
    volume: { label: "Volume", stroke: "#047857", bars: true },
  };

  function dayToSeconds(iso) {
    return Date.parse(iso + "T00:00:00Z") / 1000;
  }

  function say(el, text) {
    el.textContent = "";
    var p = document.createElement("p");
    p.className = "muted";
    p.textContent = text;
    el.appendChild(p);
  }

  function draw(el, kind, sessions, unit) {
    var spec = SERIES[kind];
    if (!spec) return null;
    var xs = sessions.map(function (s) { return dayToSeconds(s.date); });
    var ys = sessions.map(function (s) { return kind === "e1rm" ? s.e1rm : s.volume; });
    var series = {
      label: spec.label + " (" + unit + ")",
      stroke: spec.stroke,
      width: 2,
      points: { show: true, size: 7, fill: spec.stroke },
      value: function (u, v) { return v == null ? "–" : (Math.round(v * 10) / 10) + " " + unit; },
    };
    if (spec.bars && window.uPlot.paths && window.uPlot.paths.bars) {
      series.paths = window.uPlot.paths.bars({ size: [0.6, 48] });
      series.fill = spec.stroke + "99";
      series.points = { show: false };
    }
    var opts = {
      width: Math.max(el.clientWidth || 0, 280),
      height: 220,
      tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); },
      scales: { x: { time: true, range: function (u, min, max) {
        // room for the first and last bar (or point) inside the plot: at least a day
        var pad = Math.max((max - min) * 0.06, 86400);
        return [min - pad, max + pad];
      } }, y: { range: function (u, min, max) {
        var lo = spec.bars ? 0 : min * 0.95;
        var hi = max > lo ? max * 1.05 : lo + 1;
        return [lo, hi];
      } } },
      axes: [{}, { size: 56, values: function (u, vals) {
        return vals.map(function (v) { return v + ""; });
      } }],
      legend: { show: true, live: false },
      series: [{}, series],
    };
    el.textContent = "";
    return new window.uPlot(opts, [xs, ys], el);
  }

  function load(box) {
    var unit = box.getAttribute("data-unit") || "kg";
    var charts = box.querySelectorAll(".chart[data-series]");
    if (!window.uPlot) {
      charts.forEach(function (el) { say(el, "The chart could not be drawn; the numbers are in the table below."); });
      return;
    }
    fetch(box.getAttribute("data-progress"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (data) {
        var ex = (data.exercises || [])[0];
        var sessions = ex ? ex.sessions : [];
        var shown = [];
        charts.forEach(function (el) {
          if (!sessions.length) {
            say(el, "No sessions to chart yet.");
            return;
          }
          var plot = draw(el, el.getAttribute("data-series"), sessions, data.unit || unit);
          if (plot) shown.push([el, plot]);
        });
        box.setAttribute("data-drawn", String(shown.length));
        window.addEventListener("resize", function () {
          shown.forEach(function (pair) {
            pair[1].setSize({ width: Math.max(pair[0].clientWidth || 0, 280), height: 220 });
          });
        });
      })
      .catch(function () {
        charts.forEach(function (el) {
          say(el, "The chart needs a connection; the numbers are in the table below.");
        });
      });
  }

  function start() {
    document.querySelectorAll(".charts[data-progress]").forEach(load);
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () {
        if (sel.form) sel.form.submit();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
