// The map's venue panel and view swaps, for keyboard and screen-reader users: focus moves to
// the panel's heading when it opens and back to what opened it when it closes; after a new
// view of the map replaces the old one, focus stays on the control used (htmx keeps it by id)
// or, when that control is gone (a cluster), goes to the map's heading.
(function () {
  if (window.passCultureMapPanel) return;
  window.passCultureMapPanel = true;
  var opener = null;

  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target && target.id === "panneau-lieu") opener = event.detail.elt;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target) return;
    if (target.id === "panneau-lieu") {
      var heading = document.getElementById("lieu-titre");
      if (heading) heading.focus();
    } else if (target.id === "carte") {
      var active = document.activeElement;
      if (!active || active === document.body) {
        var title = document.getElementById("carte-titre");
        if (title) title.focus();
      }
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-map-panel-close]");
    if (!button) return;
    var panel = document.getElementById("panneau-lieu");
    if (panel) panel.textContent = "";
    var back = opener && document.body.contains(opener) ? opener : document.getElementById("carte-titre");
    if (back) back.focus();
  });
})();
