// The stations map (vendored Leaflet): tiles only from the configured provider, none by default,
// so the points are drawn on a blank background and nothing is fetched from another site.
// Positions arrive already converted into the provider's coordinate system.
(function () {
  var box = document.getElementById("station-map");
  if (!box || !window.L) return;
  var read = function (id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; };
  var config = read("map-config") || { layers: [] };
  var points = read("map-points") || [];
  var origin = read("map-origin");
  var map = L.map(box, { attributionControl: config.layers.length > 0, zoomSnap: 0.5 });
  config.layers.forEach(function (layer) {
    L.tileLayer(layer.url, { subdomains: layer.subdomains, attribution: layer.attribution, maxZoom: layer.maxZoom }).addTo(map);
  });
  var colours = { open: "#c8102e", planned: "#888", suspended: "#e69a00", closed: "#555" };
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker(p.pos, {
      radius: points.length > 500 ? 4 : 7, weight: 1, color: "#fff",
      fillColor: colours[p.status] || "#c8102e", fillOpacity: 0.9
    }).addTo(map);
    var label = document.createElement(p.url ? "a" : "strong");
    label.textContent = p.name;
    if (p.url) label.href = p.url;
    marker.bindPopup(label);
    marker.bindTooltip(p.name);
    bounds.push(p.pos);
  });
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
  box.dataset.ready = String(points.length);
})();
