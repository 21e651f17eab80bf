// "Voir plus de résultats": once htmx has appended the next page to the list, focus moves to
// the first new result's link, so keyboard and screen-reader users carry on where they were.
(function () {
  if (window.passCultureLoadMore) return;
  window.passCultureLoadMore = true;
  var before = 0;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var list = event.detail.target;
    if (list && list.id === "results-list") before = list.children.length;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var list = event.detail.target;
    if (!list || list.id !== "results-list") return;
    var first = list.children[before];
    var link = first && first.querySelector("a");
    if (link) link.focus();
  });
})();
