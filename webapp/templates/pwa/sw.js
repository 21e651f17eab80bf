// The pass Culture service worker (version {{ version }}).
// Pages: network first, the offline page when the network fails. Hashed static files: cache
// first. Personal pages and htmx partials are never cached, except tickets, kept so that a ticket
// can be shown at the venue without network; they are deleted when someone signs in or out.
const VERSION = {{ version | tojson }};
const SHELL_CACHE = "shell-" + VERSION;
const TICKETS_CACHE = "tickets-v1";
const OFFLINE_URL = {{ offline_url | tojson }};
const SHELL = {{ shell | tojson }}.concat([OFFLINE_URL]);
const TICKET_PATH = /^\/reservations\/\d+$/;
const SESSION_PATHS = ["/connexion", "/deconnexion"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(
      names.filter((name) => name.startsWith("shell-") && name !== SHELL_CACHE)
        .map((name) => caches.delete(name))
    )).then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "clear-tickets") {
    event.waitUntil(caches.delete(TICKETS_CACHE));
  } else if (data.type === "keep-tickets" && Array.isArray(data.urls)) {
    event.waitUntil(keepTickets(data.urls));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && SESSION_PATHS.includes(url.pathname)) {
    event.waitUntil(caches.delete(TICKETS_CACHE));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, url));
  }
});

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL_CACHE);
    cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request, url) {
  const isTicket = TICKET_PATH.test(url.pathname);
  try {
    const response = await fetch(request);
    if (isTicket && response.ok && !response.redirected) {
      const cache = await caches.open(TICKETS_CACHE);
      await cache.put(url.pathname, response.clone());
    }
    return response;
  } catch (error) {
    if (isTicket) {
      const ticket = await caches.match(url.pathname, { cacheName: TICKETS_CACHE });
      if (ticket) return ticket;
    }
    return caches.match(OFFLINE_URL, { cacheName: SHELL_CACHE });
  }
}

async function keepTickets(urls) {
  const cache = await caches.open(TICKETS_CACHE);
  await Promise.all(urls.filter((path) => TICKET_PATH.test(path)).map(async (path) => {
    const response = await fetch(path, { credentials: "same-origin" });
    if (response.ok && !response.redirected) await cache.put(path, response);
  }));
}
