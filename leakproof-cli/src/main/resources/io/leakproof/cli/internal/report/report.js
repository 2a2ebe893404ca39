// Renders the report's charts from the JSON specs the CLI wrote (see Chart.java).
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('charts').textContent);
  var css = getComputedStyle(document.body);
  Chart.defaults.font.family = css.fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#52606d';
  Chart.defaults.borderColor = '#e4e7eb';

  function alpha(hex, a) {
    var h = hex.replace('#', '');
    var r = parseInt(h.substring(0, 2), 16), g = parseInt(h.substring(2, 4), 16),
        b = parseInt(h.substring(4, 6), 16);
    return 'rgba(' + r + ',' + g + ',' + b + ',' + a + ')';
  }

  function options(s) {
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        title: { display: true, text: s.title, align: 'start',
                 font: { size: 14, weight: '600' }, color: '#1f2933', padding: { bottom: 10 } },
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12, usePointStyle: false } }
      }
    };
  }

  // The smallest positive value of a chart, for the floor of a logarithmic axis.
  function smallest(s) {
    var min = Infinity;
    s.series.forEach(function (d) {
      (d.values || d.y || []).forEach(function (v) { if (v > 0 && v < min) { min = v; } });
    });
    return min;
  }

  specs.forEach(function (s, i) {
    var canvas = document.getElementById('chart-' + i);
    var config;
    var yAxis = {
      type: s.logY ? 'logarithmic' : 'linear',
      beginAtZero: !s.logY,
      title: { display: !!s.y, text: s.y },
      grid: { color: '#eef0f3' }
    };
    if (s.logY) {
      var low = smallest(s);
      // Bars start at the axis floor: put it a decade below the smallest bar so every bar shows.
      yAxis.min = isFinite(low) ? Math.pow(10, Math.floor(Math.log10(low)) - 1) : 1;
    }
    if (s.limit !== undefined && s.limit !== null) {
      yAxis.suggestedMax = s.limit * 1.25; // room above the limit line, so lines on it stay visible
    }
    if (s.type === 'bar') {
      config = {
        type: 'bar',
        data: {
          labels: s.categories,
          datasets: s.series.map(function (d) {
            return { label: d.label, data: d.values, backgroundColor: d.color,
                     borderRadius: 4, maxBarThickness: 46 };
          })
        },
        options: options(s)
      };
      config.options.scales = { x: { grid: { display: false } }, y: yAxis };
    } else {
      var minX = Infinity, maxX = -Infinity;
      var datasets = s.series.map(function (d) {
        d.x.forEach(function (x) { minX = Math.min(minX, x); maxX = Math.max(maxX, x); });
        return {
          label: d.label,
          data: d.x.map(function (x, j) { return { x: x, y: d.y[j] }; }),
          borderColor: d.color,
          backgroundColor: d.style === 'area' ? alpha(d.color, 0.14) : d.color,
          fill: d.style === 'area' ? 'origin' : false,
          stepped: d.style === 'step' ? 'before' : false,
          borderDash: d.style === 'dashed' ? [6, 4] : [],
          borderWidth: 2,
          pointRadius: 0,
          pointHoverRadius: 3,
          tension: 0
        };
      });
      if (s.limit !== undefined && s.limit !== null && isFinite(minX)) {
        datasets.push({
          label: s.limitLabel, data: [{ x: minX, y: s.limit }, { x: maxX, y: s.limit }],
          borderColor: '#c62828', backgroundColor: '#c62828', borderDash: [5, 5],
          borderWidth: 2, pointRadius: 0, fill: false,
          order: -1 // drawn over the pools' lines, which sit on it when the limit holds
        });
      }
      config = { type: 'line', data: { datasets: datasets }, options: options(s) };
      config.options.scales = {
        x: { type: 'linear', title: { display: !!s.x, text: s.x }, grid: { color: '#f1f3f5' },
             ticks: { maxTicksLimit: 12 } },
        y: yAxis
      };
    }
    new Chart(canvas, config);
  });
})();
