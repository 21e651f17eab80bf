// GET forms marked data-clean-query leave their empty fields out of the request, so the URL
// htmx pushes into history stays short enough to read and share. Without JavaScript the server
// redirects to the same clean URL.
(function () {
  if (window.passCultureCleanQuery) return;
  window.passCultureCleanQuery = true;

  function isEmpty(value) {
    if (Array.isArray(value)) return value.every(isEmpty);
    return value === "" || value === null || value === undefined;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    if (event.detail.verb !== "get" || !source.closest || !source.closest("form[data-clean-query]")) return;
    var parameters = event.detail.parameters;
    Object.keys(parameters).forEach(function (name) {
      if (isEmpty(parameters[name])) delete parameters[name];
    });
  });
})();
