// Spotcheck's service worker. go-app renders it as app-worker.js through
// Handler.ServiceWorkerTemplate ({{.Version}} is the deployment's content Version); package
// site fills in the list of URLs to cache.
//
// Install caches everything a full triage needs (the page, go-app's scripts, the wasm,
// knowledge, styles, icons, images) and only succeeds when all of it is cached: the worker
// becomes active with a complete cache or not at all. Requests are then answered from that
// cache first. A new Version installs next to the old one and takes over at once; the page
// (offline.js) sees the change of controller and offers a reload.
"use strict";

const VERSION = "{{.Version}}";
const SCOPE = new URL(self.registration.scope).pathname; // "/" or "/sub/path/"
const CACHE_PREFIX = "spotcheck:" + SCOPE + ":";
const CACHE = CACHE_PREFIX + VERSION;
const PRECACHE = /*PRECACHE*/[];

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(PRECACHE.map(async (url) => {
      // "no-cache" revalidates with the server: a 304 reuses the browser's copy, and a stale
      // file of another Version is never cached under this one.
      const response = await fetch(url, { cache: "no-cache", redirect: "error" });
      if (!response.ok) {
        throw new Error("precache " + url + ": HTTP " + response.status);
      }
      await cache.put(url, response);
    }));
  } catch (err) {
    await caches.delete(CACHE);
    throw err; // the install fails; the browser tries again at the next visit
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) {
    return;
  }
  event.respondWith(respond(request, url));
});

// respond answers from the cache first. A page is looked up without its query; a navigation
// to a page the cache does not hold goes to the network, and offline gets the app's start
// page, whose router shows the right screen.
async function respond(request, url) {
  const cache = await caches.open(CACHE);
  const navigate = request.mode === "navigate";
  const hit = navigate
    ? await cache.match(url.pathname, { ignoreVary: true })
    : await cache.match(request, { ignoreVary: true });
  if (hit) {
    return hit;
  }
  try {
    return await fetch(request);
  } catch (err) {
    const start = navigate && await cache.match(SCOPE, { ignoreVary: true });
    if (start) {
      return start;
    }
    throw err;
  }
}

// A page asks {type: "spotcheck:status"} on a MessageChannel; the answer says whether every
// URL of the list is in this Version's cache. {type: "spotcheck:claim"} makes the worker
// control the pages of its scope that were loaded before it (the first visit), so that what
// they fetch later comes from the cache too. The worker does not claim on its own at
// activation: go-app's app.js would take a first install for an update.
self.addEventListener("message", (event) => {
  const msg = event.data;
  if (msg && msg.type === "spotcheck:claim") {
    event.waitUntil(self.clients.claim());
    return;
  }
  if (!msg || msg.type !== "spotcheck:status" || !event.ports[0]) {
    return;
  }
  event.waitUntil((async () => {
    let cached = 0;
    if (await caches.has(CACHE)) {
      const cache = await caches.open(CACHE);
      const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
      cached = PRECACHE.filter((u) => have.has(u)).length;
    }
    event.ports[0].postMessage({
      version: VERSION,
      cached: cached,
      total: PRECACHE.length,
      complete: cached === PRECACHE.length,
    });
  })());
});
