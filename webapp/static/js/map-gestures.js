// Gestures on the map, as a shortcut for its buttons: drag to move it, double-click or pinch
// to zoom (Ctrl + wheel, as trackpads pinch, too). The map follows the finger at once; on
// release the server draws the new view (same URL scheme as the arrow links, so history and
// reloads behave alike). Without this file, the buttons and links do everything.
(function () {
  if (window.passCultureMapGestures) return;
  window.passCultureMapGestures = true;

  var TILE = 256;
  var DRAG_THRESHOLD = 6;

  function world(lat, lon, zoom) {
    var size = TILE * Math.pow(2, zoom);
    var sin = Math.sin(lat * Math.PI / 180);
    return {
      x: (lon + 180) / 360 * size,
      y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size
    };
  }

  function latLon(x, y, zoom) {
    var size = TILE * Math.pow(2, zoom);
    var n = Math.PI * (1 - 2 * y / size);
    return { lat: Math.atan((Math.exp(n) - Math.exp(-n)) / 2) * 180 / Math.PI, lon: x / size * 360 - 180 };
  }

  function bind(frame) {
    if (frame.dataset.gesturesBound) return;
    frame.dataset.gesturesBound = "1";
    var svg = frame.querySelector("svg");
    var layers = frame.querySelectorAll("[data-map-layer]");
    var zoom = Number(frame.dataset.zoom);
    var center = world(Number(frame.dataset.lat), Number(frame.dataset.lon), zoom);
    var pointers = new Map();
    var start = null, moved = false, pinchStart = 0, pinchRatio = 1, busy = false;

    function scale() { return Number(frame.dataset.width) / svg.getBoundingClientRect().width; }

    function go(dx, dy, steps) {
      if (busy) return;
      busy = true;
      var k = scale();
      var target = latLon(center.x - dx * k, center.y - dy * k, zoom);
      var newZoom = Math.max(5, Math.min(17, zoom + steps));
      var url = new URL(frame.dataset.url, window.location.href);
      url.searchParams.set("lat", target.lat.toFixed(5));
      url.searchParams.set("lon", target.lon.toFixed(5));
      url.searchParams.set("z", String(newZoom));
      var nav = frame.closest("#carte").querySelector(".map-controls");
      htmx.ajax("GET", url.pathname + url.search, { source: nav });
    }

    function shift(dx, dy, ratio) {
      var k = scale();
      var transform = "translate(" + (dx * k).toFixed(1) + " " + (dy * k).toFixed(1) + ")";
      if (ratio && ratio !== 1) {
        var w = Number(frame.dataset.width) / 2, h = Number(frame.dataset.height) / 2;
        transform += " translate(" + w + " " + h + ") scale(" + ratio.toFixed(3) + ") translate(" + -w + " " + -h + ")";
      }
      layers.forEach(function (layer) { layer.setAttribute("transform", transform); });
    }

    function spread() {
      var points = Array.from(pointers.values());
      return Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y);
    }

    svg.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.size === 1) {
        start = { x: event.clientX, y: event.clientY };
        moved = false;
      } else if (pointers.size === 2) {
        pinchStart = spread();
        pinchRatio = 1;
        moved = true;
      }
    });

    svg.addEventListener("pointermove", function (event) {
      if (!pointers.has(event.pointerId) || !start) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      var dx = event.clientX - start.x, dy = event.clientY - start.y;
      if (pointers.size === 2 && pinchStart) {
        pinchRatio = spread() / pinchStart;
        shift(0, 0, pinchRatio);
        return;
      }
      if (!moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      if (!moved) svg.setPointerCapture(event.pointerId);
      moved = true;
      shift(dx, dy, 1);
    });

    function end(event) {
      if (!pointers.has(event.pointerId)) return;
      pointers.delete(event.pointerId);
      if (pointers.size > 0 || !start) return;
      if (moved) {
        var steps = Math.round(Math.log2(pinchRatio));
        if (pinchStart && steps !== 0) go(0, 0, steps);
        else if (!pinchStart) go(event.clientX - start.x, event.clientY - start.y, 0);
        else shift(0, 0, 1);
      }
      start = null;
      pinchStart = 0;
    }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", function (event) {
      pointers.delete(event.pointerId);
      if (pointers.size === 0) { start = null; pinchStart = 0; shift(0, 0, 1); }
    });

    // A drag that ends on a marker is not a click on it.
    svg.addEventListener("click", function (event) {
      if (moved) { event.preventDefault(); event.stopImmediatePropagation(); moved = false; }
    }, true);

    svg.addEventListener("dblclick", function (event) {
      event.preventDefault();
      var box = svg.getBoundingClientRect();
      go(box.width / 2 - (event.clientX - box.left), box.height / 2 - (event.clientY - box.top), 1);
    });

    svg.addEventListener("wheel", function (event) {
      if (!event.ctrlKey) return;
      event.preventDefault();
      go(0, 0, event.deltaY < 0 ? 1 : -1);
    }, { passive: false });
  }

  function bindAll(root) {
    var frames = (root || document).querySelectorAll("[data-map]");
    frames.forEach(bind);
    if (root && root.matches && root.matches("[data-map]")) bind(root);
  }

  document.addEventListener("htmx:load", function (event) { bindAll(event.detail.elt); });
  bindAll(document);
})();
