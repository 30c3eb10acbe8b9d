/* The home page's charts: task status and progress by indicator group (ECharts, vendored). */
(function () {
  var node = document.getElementById("board-chart");
  if (!node || typeof echarts === "undefined") return;
  var data = JSON.parse(node.textContent);
  var colors = {approved: "#2e7d32", submitted: "#1565c0", returned: "#c62828", in_progress: "#ef6c00", not_started: "#9e9e9e"};
  var pie = document.getElementById("chart-partition");
  if (pie) {
    echarts.init(pie).setOption({
      tooltip: {trigger: "item"},
      legend: {bottom: 0},
      color: Object.values(colors),
      series: [{type: "pie", radius: ["40%", "70%"], data: data.partition.map(function (p) { return {name: p[0], value: p[1]}; })}]
    });
  }
  var bars = document.getElementById("chart-groups");
  if (bars) {
    var keys = Object.keys(colors);
    echarts.init(bars).setOption({
      tooltip: {trigger: "axis"},
      legend: {bottom: 0},
      grid: {left: 140, right: 20, top: 10, bottom: 40},
      xAxis: {type: "value"},
      yAxis: {type: "category", data: data.groups, inverse: true, axisLabel: {width: 130, overflow: "truncate"}},
      series: keys.map(function (k) {
        return {name: data.labels[k], type: "bar", stack: "all", data: data.series[k].groups, itemStyle: {color: colors[k]}};
      })
    });
  }
})();
