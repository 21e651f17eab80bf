// After the filters swap the bookings in place, move focus to what changed: the list of
// problems when a filter was refused, else the number of bookings found, so that keyboard and
// screen-reader users land on the result instead of the top of the page.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail.target;
  if (!target || !target.hasAttribute("data-bookings")) return;
  var landing = target.querySelector("#error-summary-title") ||
    target.querySelector("#bookings-results-title");
  if (!landing) return;
  landing.setAttribute("tabindex", "-1");
  landing.focus();
});
