// Spotter's service worker: the app shell from the cache, pages from the network with the last
// copy kept for when there is none (Today and its data live in its page), the API never cached
// (sets logged offline wait in the page's outbox, not here).
"use strict";

var VERSION = "__VERSION__";
var SHELL = __SHELL__;
var CACHE = "spotter-shell-" + VERSION;
var PAGES = "spotter-pages";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf("spotter-shell-") === 0 && n !== CACHE;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function offlinePage() {
  return new Response(
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
    "<title>Offline · Spotter</title></head><body><main><h1>You are offline</h1>" +
    "<p>This page has not been opened on this phone yet. <a href=\"/today\">Today</a> works " +
    "offline once it has been opened.</p></main></body></html>",
    { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } }
  );
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf("/api/") === 0 ||
      url.pathname === "/sw.js") {
    return;
  }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
    return;
  }
  // A page or a piece of one: the network first; its last good copy when offline.
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && !response.redirected && response.type === "basic") {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }, function () {
    return caches.match(request, { cacheName: PAGES }).then(function (hit) {
      if (hit) { return hit; }
      if (request.mode === "navigate") {
        return caches.match(url.pathname, { cacheName: PAGES, ignoreSearch: true }).then(function (page) {
          return page || offlinePage();
        });
      }
      return offlinePage();
    });
  }));
});
