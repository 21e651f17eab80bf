// On the offline page, list the tickets this device keeps, read from the service worker's cache:
// only those of the person signed in last on the device, as the service worker shows no other.
(function () {
  var TICKET_PATH = /^\/reservations\/\d+$/;

  function ticketOf(cache, request, person) {
    return cache.match(request).then(function (response) {
      if (!response || response.headers.get("X-Person") !== person) return null;
      return response.text().then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var heading = page.querySelector("h1");
        return { url: new URL(request.url).pathname, title: heading ? heading.textContent : request.url };
      });
    });
  }

  function keptTickets(cache) {
    return Promise.all([cache.keys(), cache.match("/__person__")]).then(function (found) {
      var requests = found[0].filter(function (request) {
        return TICKET_PATH.test(new URL(request.url).pathname);
      });
      return (found[1] ? found[1].text() : Promise.resolve(null)).then(function (person) {
        return Promise.all(requests.map(function (request) { return ticketOf(cache, request, person); }));
      });
    });
  }

  function listTickets(root) {
    var list = root.querySelector("[data-offline-ticket-list]");
    if (!list || !("caches" in window)) return;
    caches.open("tickets-v1").then(keptTickets).then(function (found) {
      var tickets = found.filter(Boolean);
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
