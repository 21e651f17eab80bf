// The pass Culture service worker (version {{ version }}).
// Pages: network first, the offline page when the network fails. Hashed static files: cache
// first. Personal pages and htmx partials are never cached, except tickets, kept so that a ticket
// can be shown at the venue without network. A kept ticket must never outlive its booking or be
// shown to somebody else:
// - only a confirmed booking is kept (the page says so in X-Ticket-State); a cancelled one is
//   dropped as soon as its page is seen, and at once when it is cancelled from this device;
// - every ticket is kept with its holder (X-Person, an opaque name); the person signed in last
//   on this device is remembered, and a ticket held by anybody else is neither kept nor shown;
// - signing in, signing out and deleting the account drop every ticket (the server also sends
//   Clear-Site-Data on the last two).
const VERSION = {{ version | tojson }};
const SHELL_CACHE = "shell-" + VERSION;
const TICKETS_CACHE = "tickets-v1";
const OFFLINE_URL = {{ offline_url | tojson }};
const SHELL = {{ shell | tojson }}.concat([OFFLINE_URL]);
const TICKET_PATH = /^\/reservations\/\d+$/;
const CANCEL_PATH = /^(\/reservations\/\d+)\/annuler$/;
const SESSION_PATHS = ["/connexion", "/deconnexion", "/profil/supprimer"];
// Where the tickets cache remembers who was signed in last (never a real page's URL).
const PERSON_KEY = "/__person__";

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
  const cancelled = request.method === "POST" && CANCEL_PATH.exec(url.pathname);
  if (cancelled) {
    event.waitUntil(caches.open(TICKETS_CACHE).then((cache) => cache.delete(cancelled[1])));
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
    await rememberPerson(response);
    if (isTicket) await updateTicket(url.pathname, response);
    return response;
  } catch (error) {
    if (isTicket) {
      const ticket = await keptTicket(url.pathname);
      if (ticket) return ticket;
    }
    return caches.match(OFFLINE_URL, { cacheName: SHELL_CACHE });
  }
}

async function keepTickets(urls) {
  await Promise.all(urls.filter((path) => TICKET_PATH.test(path)).map(async (path) => {
    const response = await fetch(path, { credentials: "same-origin" });
    await rememberPerson(response);
    await updateTicket(path, response);
  }));
}

// Keep the ticket page if it shows a confirmed booking of the person signed in; else drop it.
async function updateTicket(path, response) {
  const cache = await caches.open(TICKETS_CACHE);
  const holder = response.headers.get("X-Person");
  const state = response.headers.get("X-Ticket-State");
  if (response.ok && !response.redirected && holder && state === "confirmed") {
    await cache.put(path, response.clone());
  } else if (response.ok || response.status === 404 || response.redirected
             || response.type === "opaqueredirect") {
    // Cancelled, not this person's, or nobody signed in any more: not to be shown offline.
    await cache.delete(path);
  }
}

// The kept ticket of `path`, only if it is held by the person signed in last on this device.
async function keptTicket(path) {
  const cache = await caches.open(TICKETS_CACHE);
  const [ticket, person] = await Promise.all([cache.match(path), currentPerson(cache)]);
  if (!ticket || !person || ticket.headers.get("X-Person") !== person) return undefined;
  return ticket;
}

async function currentPerson(cache) {
  const stored = await cache.match(PERSON_KEY);
  return stored ? stored.text() : null;
}

// A response naming somebody else than the person remembered means a change of person on the
// device: the tickets of anybody else are dropped at once.
async function rememberPerson(response) {
  const person = response.headers.get("X-Person");
  if (!person) return;
  const cache = await caches.open(TICKETS_CACHE);
  if ((await currentPerson(cache)) === person) return;
  const keys = await cache.keys();
  await Promise.all(keys.map(async (key) => {
    const kept = await cache.match(key);
    if (kept && kept.headers.get("X-Person") !== person) await cache.delete(key);
  }));
  await cache.put(PERSON_KEY, new Response(person));
}
