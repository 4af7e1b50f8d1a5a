// Dashboard charts (Chart.js, served from /lib/chartjs). Each <canvas data-chart data-table="id"> is drawn from the
// table beside it: row headers are the labels, data-value attributes the numbers, so chart and table never disagree.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') { return; }
  var palette = ['#0b5563', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51', '#6d597a', '#457b9d', '#8ab17d', '#b56576', '#355070', '#bc6c25', '#606c38', '#9d4edd', '#219ebc'];
  var persian = new Intl.NumberFormat('fa-IR');
  Chart.defaults.font.family = 'Vazirmatn, Tahoma, sans-serif';
  Chart.defaults.locale = 'fa-IR';

  // Long names are never cut: an axis label is broken into lines of about 18 characters at spaces (Chart.js draws an
  // array as lines), and a doughnut's legend sits under it with each name in full.
  function lines(text) {
    var out = [], line = '';
    text.split(/\s+/).forEach(function (word) {
      if (line.length > 0 && line.length + word.length + 1 > 18) { out.push(line); line = word; } else { line = line ? line + ' ' + word : word; }
    });
    if (line) { out.push(line); }
    return out.length > 1 ? out : text;
  }

  document.querySelectorAll('canvas[data-chart][data-table]').forEach(function (canvas) {
    var table = document.getElementById(canvas.dataset.table);
    if (!table) { return; }
    var kind = canvas.dataset.chart;
    // A column chart narrower than ~480 px (a phone) is drawn as bars, so its names have room beside them.
    var horizontal = kind === 'hbar' || (kind === 'bar' && canvas.parentElement.clientWidth < 480);
    var round = kind === 'doughnut';
    var labels = [], values = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var head = row.querySelector('th');
      var cell = row.querySelector('[data-value]');
      if (!head || !cell) { return; }
      var name = head.textContent.trim();
      labels.push(kind === 'doughnut' ? name : lines(name));
      values.push(Number(cell.dataset.value));
    });
    var tallest = labels.reduce(function (n, l) { return Math.max(n, Array.isArray(l) ? l.length : 1); }, 1);
    canvas.parentElement.style.height = horizontal ? Math.max(160, (16 * tallest + 14) * labels.length + 40) + 'px'
      : round ? (260 + 24 * labels.length) + 'px' : (240 + 16 * tallest) + 'px';
    var chart = new Chart(canvas, {
      type: round ? 'doughnut' : 'bar',
      data: { labels: labels, datasets: [{ data: values, backgroundColor: round ? palette : '#0b5563', borderWidth: round ? 1 : 0 }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: {
          legend: { display: round, position: 'bottom', align: 'start', rtl: true, textDirection: 'rtl', labels: { boxWidth: 12 } },
          tooltip: { rtl: true, callbacks: { label: function (c) { return ' ' + persian.format(c.parsed.y !== undefined && !horizontal && !round ? c.parsed.y : (round ? c.parsed : c.parsed.x)); } } }
        },
        scales: round ? {} : {
          x: { reverse: horizontal, ticks: { autoSkip: horizontal, maxRotation: 0, minRotation: 0, callback: horizontal ? function (v) { return persian.format(v); } : function (v, i) { return this.getLabelForValue(v); } } },
          y: { position: horizontal ? 'right' : 'left', beginAtZero: true, ticks: { autoSkip: !horizontal, callback: horizontal ? function (v) { return this.getLabelForValue(v); } : function (v) { return persian.format(v); } } }
        }
      }
    });
    canvas.dataset.drawn = chart.data.datasets[0].data.length > 0 ? 'true' : 'empty';
  });
})();
