// Dashboard charts (Chart.js, served from /lib/chartjs). Each <canvas data-chart data-table="id"> is drawn from the
// table beside it: row headers are the labels, data-value attributes the numbers, so chart and table never disagree.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') { return; }
  var palette = ['#0b5563', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51', '#6d597a', '#457b9d', '#8ab17d', '#b56576', '#355070', '#bc6c25', '#606c38', '#9d4edd', '#219ebc'];
  var persian = new Intl.NumberFormat('fa-IR');
  Chart.defaults.font.family = 'Vazirmatn, Tahoma, sans-serif';
  Chart.defaults.locale = 'fa-IR';

  function truncate(text) { return text.length > 28 ? text.slice(0, 26) + '…' : text; }

  document.querySelectorAll('canvas[data-chart][data-table]').forEach(function (canvas) {
    var table = document.getElementById(canvas.dataset.table);
    if (!table) { return; }
    var labels = [], values = [];
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var head = row.querySelector('th');
      var cell = row.querySelector('[data-value]');
      if (!head || !cell) { return; }
      labels.push(truncate(head.textContent.trim()));
      values.push(Number(cell.dataset.value));
    });
    var kind = canvas.dataset.chart;
    var horizontal = kind === 'hbar';
    var round = kind === 'doughnut';
    canvas.parentElement.style.height = horizontal ? Math.max(160, 28 * labels.length + 40) + 'px' : '260px';
    var chart = new Chart(canvas, {
      type: round ? 'doughnut' : 'bar',
      data: { labels: labels, datasets: [{ data: values, backgroundColor: round ? palette : '#0b5563', borderWidth: round ? 1 : 0 }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: {
          legend: { display: round, position: 'right', rtl: true, labels: { boxWidth: 12 } },
          tooltip: { rtl: true, callbacks: { label: function (c) { return ' ' + persian.format(c.parsed.y !== undefined && !horizontal && !round ? c.parsed.y : (round ? c.parsed : c.parsed.x)); } } }
        },
        scales: round ? {} : {
          x: { reverse: horizontal, ticks: { callback: horizontal ? function (v) { return persian.format(v); } : function (v, i) { return this.getLabelForValue(v); } } },
          y: { position: horizontal ? 'right' : 'left', beginAtZero: true, ticks: { callback: horizontal ? function (v) { return this.getLabelForValue(v); } : function (v) { return persian.format(v); } } }
        }
      }
    });
    canvas.dataset.drawn = chart.data.datasets[0].data.length > 0 ? 'true' : 'empty';
  });
})();
