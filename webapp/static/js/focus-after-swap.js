// After htmx replaces the main content, move focus to the new heading so that keyboard and
// screen-reader users land where the change happened.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.target;
  if (!target || target.id !== "contenu" && target.tagName !== "BODY") return;
  var heading = document.querySelector("main h1");
  if (!heading) return;
  heading.setAttribute("tabindex", "-1");
  heading.focus();
});

// The young people's app scrolls in its own box above its tabs (css/young/tabs.css): with
// nothing focused, scrolling keys would go to the document, so the box takes the focus first.
document.addEventListener("keydown", function (event) {
  var keys = ["PageDown", "PageUp", "End", "Home", "ArrowDown", "ArrowUp", " "];
  var view = document.querySelector("[data-app-view]");
  var focused = document.activeElement;
  if (view && (!focused || focused === document.body) && keys.indexOf(event.key) !== -1) {
    view.focus({preventScroll: true});
  }
});
