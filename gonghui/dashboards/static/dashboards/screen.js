/* The big screen: scales the 1920×1080 stage to the window, draws the province map (vendored
   geometry) coloured by the chosen figure, refreshes the figures and lists from the API. */
(function () {
  var stage = document.getElementById("screen");
  function fit() {
    var k = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    stage.style.transform = "scale(" + k + ")";
  }
  window.addEventListener("resize", fit);
  fit();

  function tick() {
    var clock = document.getElementById("clock");
    if (clock) clock.textContent = new Date().toLocaleTimeString("zh-CN", {hour12: false});
  }
  setInterval(tick, 1000);
  tick();

  // A rolling list repeats its items once so the scroll loops without a jump.
  function roll(id, items, render) {
    var box = document.getElementById(id);
    if (!box) return;
    var ul = document.createElement("ul");
    var html = items.map(render).join("");
    ul.innerHTML = items.length > 6 ? html + html : html;
    if (items.length <= 6) ul.style.animation = "none";
    if (items.length) box.replaceChildren(ul);
  }
  function esc(text) {
    var d = document.createElement("div");
    d.textContent = text == null ? "" : String(text);
    return d.innerHTML;
  }
  function wan(v) {
    if (v == null) return "—";
    return Math.abs(v) >= 10000 ? (Math.round(v / 100) / 100) + "万" : String(Math.round(v * 10) / 10);
  }

  var chart = null;
  var mapName = null;
  var namesByCode = {};  // the geometry's own city names, by division code
  var mapUrl = stage.dataset.map;
  var panel = document.querySelector(".panel.map");
  if (mapUrl && typeof echarts !== "undefined") {
    fetch(mapUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (geo) {
      mapName = "province";
      (geo.features || []).forEach(function (f) { namesByCode[String(f.id)] = f.properties.name; });
      echarts.registerMap(mapName, geo);
      chart = echarts.init(document.getElementById("map"));
      refresh();
    }).catch(function () { panel.classList.add("no-map"); });
  } else {
    panel.classList.add("no-map");
  }

  function drawMap(data) {
    if (!chart) return;
    var values = data.regions.map(function (r) {
      return {name: namesByCode[r.code] || r.name, value: r.value, org: r.organization};
    });
    var max = Math.max(1, Math.max.apply(null, values.map(function (v) { return v.value; }).concat([0])));
    var label = document.querySelector(".pick select");
    chart.setOption({
      tooltip: {trigger: "item", formatter: function (p) { return (p.data && p.data.org ? p.data.org : p.name) + "<br>" + (p.value || 0); }},
      visualMap: {min: 0, max: max, left: 20, top: 20, text: [String(max), "0"], calculable: true,
        inRange: {color: ["#16325f", "#2f6fd6", "#ffd54f", "#ff7043"]}, textStyle: {color: "#dfe9ff"}},
      series: [{type: "map", map: mapName, roam: false, data: values, name: label ? label.selectedOptions[0].text : "",
        label: {show: true, color: "#fff", fontSize: 14},
        itemStyle: {areaColor: "#16325f", borderColor: "#6fa8ff"},
        emphasis: {label: {color: "#000"}, itemStyle: {areaColor: "#ffd54f"}}}]
    });
  }

  function refresh() {
    var params = new URLSearchParams({figure: stage.dataset.figure});
    if (stage.dataset.org) params.set("organization_id", stage.dataset.org);
    // A chosen "as of" date stays on every refresh; without one the API answers as of today.
    if (stage.dataset.asOf) params.set("as_of", stage.dataset.asOf);
    fetch(stage.dataset.api + "?" + params, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        data.totals.forEach(function (f) {
          var node = document.querySelector('.total[data-figure="' + f.key + '"] .v');
          if (node) node.textContent = wan(f.value);
        });
        roll("activities", data.activities, function (a) {
          return "<li><span class=\"d\">" + esc(a.date) + "</span> <b>" + esc(a.organization) + "</b> " + esc(a.title) + "</li>";
        });
        roll("wishes", data.wishes, function (w) {
          return "<li><b>" + esc(w.organization) + "</b> " + esc(w.title) + " <span class=\"d\">" + esc(w.category) + "</span></li>";
        });
        drawMap(data);
        stage.dataset.loaded = "1";
      })
      .catch(function () { /* offline or signed out: keep what is shown, try again later */ });
  }
  if (!mapUrl) refresh();
  setInterval(refresh, (parseInt(stage.dataset.refresh, 10) || 60) * 1000);
})();
