// Quarterly figures: line charts drawn from the table beside them (row headers are the quarters, each column whose
// header has data-series is a line, the cells' data-value the numbers; an empty value is unknown and left as a gap).
(function () {
  'use strict';
  if (typeof Chart === 'undefined') { return; }
  var colours = ['#0b5563', '#e76f51', '#2a9d8f'];
  var persian = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });
  document.querySelectorAll('canvas[data-line-table]').forEach(function (canvas) {
    var table = document.getElementById(canvas.dataset.lineTable);
    if (!table) { return; }
    var heads = Array.prototype.slice.call(table.querySelectorAll('thead th'));
    var series = [];
    heads.forEach(function (th, i) { if (th.dataset.series) { series.push({ index: i, label: th.dataset.series, data: [] }); } });
    var labels = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var cells = row.children;
      labels.push(cells[0].textContent.trim());
      series.forEach(function (s) {
        var v = cells[s.index].dataset.value;
        s.data.push(v === '' || v === undefined ? null : Number(v));
      });
    });
    canvas.parentElement.style.height = '260px';
    var chart = new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: series.map(function (s, i) { return { label: s.label, data: s.data, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length], spanGaps: false, tension: 0.2 }; }) },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { rtl: true, position: 'bottom' }, tooltip: { rtl: true, callbacks: { label: function (c) { return ' ' + c.dataset.label + ': ' + persian.format(c.parsed.y) + '٪'; } } } },
        scales: { x: { reverse: true }, y: { min: 0, max: 100, position: 'right', ticks: { callback: function (v) { return persian.format(v) + '٪'; } } } }
      }
    });
    canvas.dataset.drawn = chart.data.datasets.length > 0 ? 'true' : 'empty';
  });
})();
