/* Starts every chart on the page: each element with data-chart names the id of a
   <script type="application/json"> holding its ECharts option. No inline script is needed,
   so the site works under a strict Content-Security-Policy. Without JavaScript the caption
   and the table beside each chart say the same. */
(function () {
  'use strict';
  function start() {
    if (typeof window.echarts === 'undefined') { return; }
    var charts = [];
    var elements = document.querySelectorAll('[data-chart]');
    Array.prototype.forEach.call(elements, function (element) {
      var island = document.getElementById(element.getAttribute('data-chart'));
      if (!island) { return; }
      var option;
      try { option = JSON.parse(island.textContent); } catch (error) { return; }
      element.classList.add('chart-ready');
      var chart = window.echarts.init(element, null, { renderer: 'svg' });
      chart.setOption(option);
      charts.push(chart);
    });
    function resize() { charts.forEach(function (chart) { chart.resize(); }); }
    window.addEventListener('resize', resize);
    window.addEventListener('beforeprint', resize);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
