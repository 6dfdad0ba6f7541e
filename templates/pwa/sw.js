// Walk Well service worker (rendered by backpain/pwa.py; served at /sw.js, scope "/").
// Static files: cache first. Pages: network first; the walk and check-in forms
// are kept for offline use (fetched as soon as an account is known), other
// pages fall back to the offline page. A walk or check-in posted while the
// network is down is kept on the device (IndexedDB, js/queue.js) and sent
// through the API later, with its client_id.
//
// Kept pages and entries belong to one account: every page from the network
// names the signed-in account (the X-WalkWell-Account header, an opaque key,
// empty for nobody). When it changes, the kept pages are deleted (they show
// the last account's name), and once another account signs in, entries that
// a previous account left here are deleted unsent.
"use strict";
importScripts("{{ queue_js }}");

const CONFIG = {{ config|safe }};
const SHELL = "walkwell-shell-" + CONFIG.version;
const PAGES = "walkwell-pages-" + CONFIG.version;
const META = "walkwell-meta";
const ACCOUNT_KEY = "/__account__";
const HEADER = WalkWellQueue.ACCOUNT_HEADER;

let account = null; // read from META on first use

async function currentAccount() {
  if (account === null) {
    const hit = await caches.match(ACCOUNT_KEY, { cacheName: META });
    account = hit ? await hit.text() : "";
  }
  return account;
}

async function keepOfflinePages() {
  const cache = await caches.open(PAGES);
  await Promise.all(
    CONFIG.offlinePages.map(async (path) => {
      try {
        const response = await fetch(path, { credentials: "same-origin", cache: "no-store" });
        if (response.ok && !response.redirected && response.headers.get(HEADER) === account) {
          await cache.put(path, response);
        }
      } catch (error) {
        // offline: the next page from the network tries again
      }
    })
  );
}

// One change of account at a time, in the order pages arrived.
let accountChange = Promise.resolve();

function noteAccount(response) {
  const seen = response.headers.get(HEADER);
  if (seen === null) return accountChange;
  accountChange = accountChange
    .then(async () => {
      const before = await currentAccount();
      if (seen !== before) {
        await caches.delete(PAGES);
        account = seen;
        await (await caches.open(META)).put(ACCOUNT_KEY, new Response(seen));
        if (seen) await WalkWellQueue.forget(seen);
      }
      if (seen) {
        const kept = await caches.open(PAGES);
        const missing = await Promise.all(CONFIG.offlinePages.map((p) => kept.match(p)));
        if (missing.some((hit) => !hit)) await keepOfflinePages();
      }
    })
    .catch(() => {});
  return accountChange;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(CONFIG.shell))
      // The forms, for the account signed in now (if any), so "Log a walk"
      // works offline even if it was never opened online.
      .then(() => fetch("/offline/", { credentials: "same-origin", cache: "no-store" }))
      .then((response) => noteAccount(response))
      .catch(() => {})
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter(
              (name) =>
                name.startsWith("walkwell-") && name !== SHELL && name !== PAGES && name !== META
            )
            .map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

function isOfflinePage(url) {
  return CONFIG.offlinePages.includes(url.pathname);
}

// A kept form is opened again and again: each opening is a new entry, so it
// gets a key of its own (the key makes a resent entry save once).
async function withFreshKey(cached) {
  const html = await cached.text();
  const fresh = html.replace(
    /(name="client_id" value=")[0-9a-f-]*(")/,
    "$1" + WalkWellQueue.uuid() + "$2"
  );
  return new Response(fresh, { status: 200, headers: cached.headers });
}

// The offline page is kept for whoever uses this device and names nobody;
// served offline, it is for the account whose pages are kept here.
async function forAccount(page) {
  const html = await page.text();
  const mine = html.replace('data-account=""', 'data-account="' + (await currentAccount()) + '"');
  return new Response(mine, { status: 200, headers: page.headers });
}

async function pageFirstFromNetwork(event, request, url) {
  try {
    const response = await fetch(request);
    event.waitUntil(noteAccount(response));
    const kept = response.headers.get(HEADER);
    if (response.ok && isOfflinePage(url) && !response.redirected && kept) {
      const copy = response.clone();
      event.waitUntil(
        accountChange.then(async () => {
          if (kept === (await currentAccount())) {
            await (await caches.open(PAGES)).put(url.pathname, copy);
          }
        })
      );
    }
    return response;
  } catch (error) {
    const cached = isOfflinePage(url) ? await caches.match(url.pathname, { cacheName: PAGES }) : undefined;
    if (cached) return withFreshKey(cached);
    // (the offline page's own "saved" forms first; their Vary headers name
    // request headers the worker's own fetch did not send)
    const shell =
      (await caches.match(url.pathname + url.search, { cacheName: SHELL, ignoreVary: true })) ||
      (await caches.match(CONFIG.offlineUrl, { cacheName: SHELL }));
    return shell ? forAccount(shell) : Response.error();
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
    const owner = await currentAccount();
    await WalkWellQueue.add(WalkWellQueue.entryFromFormData(kind, form, owner));
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
    event.respondWith(pageFirstFromNetwork(event, request, url));
  }
});

// Background Sync, where the browser has it: send what is waiting even if
// no page of the app is open, for the account signed in last; tell open
// pages what arrived.
async function sendWaiting() {
  const report = await WalkWellQueue.sendAll(null, await currentAccount());
  if (report.sent.length) {
    const pages = await self.clients.matchAll({ type: "window" });
    pages.forEach((page) => page.postMessage({ type: "entries-sent", sent: report.sent }));
  }
  if (report.waiting) throw new Error("entries still waiting"); // the browser retries
}

self.addEventListener("sync", (event) => {
  if (event.tag === "send-entries") {
    event.waitUntil(sendWaiting());
  }
});

self.addEventListener("message", (event) => {
  if (event.data === "clear-pages") {
    event.waitUntil(caches.delete(PAGES));
  }
});
