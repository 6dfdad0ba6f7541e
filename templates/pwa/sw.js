// Walk Well service worker (rendered by walks/pwa.py; served at /sw.js, scope "/").
// Static files: cache first. Pages: network first; the walk and check-in forms
// are kept for offline use, other pages fall back to the offline page. A walk
// or check-in posted while the network is down is kept on the device
// (IndexedDB, js/queue.js) and sent through the API later, with its client_id.
"use strict";
importScripts("{{ queue_js }}");

const CONFIG = {{ config|safe }};
const SHELL = "walkwell-shell-" + CONFIG.version;
const PAGES = "walkwell-pages-" + CONFIG.version;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(CONFIG.shell)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("walkwell-") && name !== SHELL && name !== PAGES)
            .map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

function isOfflinePage(url) {
  return CONFIG.offlinePages.includes(url.pathname);
}

async function pageFirstFromNetwork(request, url) {
  try {
    const response = await fetch(request);
    if (response.ok && isOfflinePage(url) && !response.redirected) {
      const copy = response.clone();
      caches.open(PAGES).then((cache) => cache.put(url.pathname, copy));
    }
    return response;
  } catch (error) {
    const cached = isOfflinePage(url) ? await caches.match(url.pathname) : undefined;
    return cached || (await caches.match(CONFIG.offlineUrl));
  }
}

async function postOrKeep(request, url) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (error) {
    // The network is down: keep the entry on this device and send it later.
    const form = await copy.formData();
    const kind = url.pathname.startsWith("/checkins/") ? "checkin" : "walk";
    await WalkWellQueue.add(WalkWellQueue.entryFromFormData(kind, form));
    if (self.registration.sync) {
      self.registration.sync.register("send-entries").catch(() => {});
    }
    return Response.redirect(CONFIG.offlineUrl + "?saved=" + kind, 303);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && isOfflinePage(url) && request.mode === "navigate") {
    event.respondWith(postOrKeep(request, url));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(SHELL).then((cache) => cache.put(request, copy));
            }
            return response;
          })
      )
    );
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(pageFirstFromNetwork(request, url));
  }
});

// Background Sync, where the browser has it: send what is waiting even if
// no page of the app is open.
self.addEventListener("sync", (event) => {
  if (event.tag === "send-entries") {
    event.waitUntil(WalkWellQueue.sendAll(null));
  }
});

self.addEventListener("message", (event) => {
  if (event.data === "clear-pages") {
    event.waitUntil(caches.delete(PAGES));
  }
});
