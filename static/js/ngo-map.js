/* Map of the listed organisations (Leaflet, vendored). Progressive enhancement: the list below the map
   is complete without JavaScript, and markers stay usable when the OpenStreetMap tiles fail to load. */
(function () {
  "use strict";
  var section = document.querySelector("[data-ngo-map]");
  var dataElement = document.getElementById("ngo-map-data");
  if (!section || !dataElement || typeof window.L === "undefined") {
    return;
  }
  var markers;
  try {
    markers = JSON.parse(dataElement.textContent);
  } catch (error) {
    return;
  }
  if (!markers.length) {
    return;
  }
  section.hidden = false;
  var canvas = section.querySelector("[data-ngo-map-canvas]");
  var L = window.L;
  L.Icon.Default.imagePath = canvas.getAttribute("data-icon-path");
  var map = L.map(canvas, { scrollWheelZoom: false });
  var tiles = L.tileLayer(canvas.getAttribute("data-tiles"), {
    maxZoom: 18,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
  });
  var errorNote = section.querySelector("[data-ngo-map-error]");
  var failures = 0;
  tiles.on("tileerror", function () {
    failures += 1;
    if (failures >= 3 && errorNote) {
      errorNote.hidden = false;
    }
  });
  tiles.addTo(map);
  var bounds = [];
  markers.forEach(function (item) {
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    var popup = document.createElement("div");
    popup.appendChild(link);
    if (item.address) {
      var address = document.createElement("p");
      address.textContent = item.address;
      popup.appendChild(address);
    }
    L.marker([item.lat, item.lng], { title: item.title, alt: item.title }).bindPopup(popup).addTo(map);
    bounds.push([item.lat, item.lng]);
  });
  if (bounds.length === 1) {
    map.setView(bounds[0], 15);
  } else {
    map.fitBounds(bounds, { padding: [24, 24] });
  }
})();
