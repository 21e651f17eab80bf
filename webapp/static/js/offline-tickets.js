// On the offline page, list the tickets this device keeps, read from the service worker's cache.
(function () {
  function listTickets(root) {
    var list = root.querySelector("[data-offline-ticket-list]");
    if (!list || !("caches" in window)) return;
    caches.open("tickets-v1").then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          return cache.match(request).then(function (response) { return response.text(); })
            .then(function (html) {
              var page = new DOMParser().parseFromString(html, "text/html");
              var heading = page.querySelector("h1");
              return { url: new URL(request.url).pathname, title: heading ? heading.textContent : request.url };
            });
        }));
      });
    }).then(function (tickets) {
      if (!tickets.length) return;
      list.hidden = false;
      tickets.forEach(function (ticket) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = ticket.url;
        link.textContent = ticket.title;
        item.appendChild(link);
        list.querySelector("ul").appendChild(item);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { listTickets(document); });
})();
