// The stations map (vendored Leaflet): tiles only from the configured provider, none by default,
// so the points are drawn on a blank background and nothing is fetched from another site.
// Positions arrive already converted into the provider's coordinate system.
// The staff map gets a layer: every station when there are few, else clusters (a count on a grid
// square); when it is live, moving or zooming asks the site for the stations in view, so the
// page never carries more than a bounded number of markers.
(function () {
  var box = document.getElementById("station-map");
  if (!box || !window.L) return;
  var read = function (id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; };
  var config = read("map-config") || { layers: [] };
  var layer = read("map-layer") || { points: read("map-points") || [], clusters: [] };
  var origin = read("map-origin");
  var map = L.map(box, { attributionControl: config.layers.length > 0, zoomSnap: 0.5 });
  config.layers.forEach(function (tiles) {
    L.tileLayer(tiles.url, { subdomains: tiles.subdomains, attribution: tiles.attribution, maxZoom: tiles.maxZoom }).addTo(map);
  });
  var colours = { open: "#c8102e", planned: "#888", suspended: "#e69a00", closed: "#555" };
  var drawn = L.layerGroup().addTo(map);
  var pageOf = function (p) {
    if (p.url !== undefined) return p.url;
    return config.detailUrl ? config.detailUrl.replace("/0/", "/" + p.id + "/") : "";
  };
  var draw = function (data) {
    drawn.clearLayers();
    var bounds = [];
    data.points.forEach(function (p) {
      var marker = L.circleMarker(p.pos, {
        radius: data.points.length > 200 ? 5 : 7, weight: 1, color: "#fff",
        fillColor: colours[p.status] || "#c8102e", fillOpacity: 0.9
      }).addTo(drawn);
      var url = pageOf(p);
      var label = document.createElement(url ? "a" : "strong");
      label.textContent = p.name;
      if (url) label.href = url;
      marker.bindPopup(label);
      marker.bindTooltip(p.name);
      bounds.push(p.pos);
    });
    (data.clusters || []).forEach(function (c) {
      var size = Math.round(28 + 8 * Math.log10(c.n));
      var icon = L.divIcon({
        className: "station-cluster", html: "<span>" + c.n + "</span>",
        iconSize: [size, size]
      });
      L.marker(c.pos, { icon: icon, title: c.n + (box.dataset.stations || "") }).addTo(drawn)
        .on("click", function () { map.setView(c.pos, Math.min(map.getZoom() + 2, 18)); });
      bounds.push(c.pos);
    });
    box.dataset.ready = String(data.points.length + (data.clusters || []).length);
    return bounds;
  };
  var bounds = draw(layer);
  if (origin) {
    L.circleMarker(origin, { radius: 9, weight: 3, color: "#1565c0", fillColor: "#fff", fillOpacity: 1 })
      .addTo(map).bindTooltip(box.dataset.you, { permanent: false });
    bounds.push(origin);
  }
  var fit = function () {
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    else if (bounds.length === 1) map.setView(bounds[0], 14);
    else map.setView([35, 105], 4);
  };
  fit();
  // A map inside a closed <details> has no size until it is opened.
  var details = box.closest("details");
  if (details) details.addEventListener("toggle", function () { map.invalidateSize(); fit(); });

  // Only a clustered layer needs asking again: with every station drawn, the view changes nothing.
  if (!box.dataset.live || !config.layerUrl || !(layer.clusters || []).length) return;
  var asked = 0, timer = null;
  var reload = function () {
    var b = map.getBounds(), mine = ++asked;
    var params = new URLSearchParams(window.location.search);
    params.set("bbox", [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()].map(function (v) { return v.toFixed(5); }).join(","));
    params.set("zoom", String(Math.round(map.getZoom())));
    fetch(config.layerUrl + "?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && mine === asked) draw(data); });
  };
  map.on("moveend", function () { clearTimeout(timer); timer = setTimeout(reload, 250); });
})();
