// Registers the service worker, and tells it which tickets to keep for offline use: the page
// lists them in a data-offline-tickets attribute (space-separated paths).
(function () {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" });

  function keepTickets(root) {
    var holders = (root || document).querySelectorAll("[data-offline-tickets]");
    holders.forEach(function (holder) {
      var urls = holder.getAttribute("data-offline-tickets").split(" ").filter(Boolean);
      navigator.serviceWorker.ready.then(function (registration) {
        registration.active.postMessage({ type: "keep-tickets", urls: urls });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { keepTickets(document); });
  document.addEventListener("htmx:load", function (event) { keepTickets(event.target); });
  // A boosted link that fails for lack of network becomes a real navigation, so the service
  // worker can answer with a kept ticket or the offline page.
  document.addEventListener("htmx:sendError", function (event) {
    var config = event.detail.requestConfig;
    if (config && config.verb === "get") window.location.href = config.path;
  });
})();
