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
