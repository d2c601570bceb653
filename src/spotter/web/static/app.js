// Spotter's web app, on every page: the CSRF token on every request that changes something
// (htmx and fetch), the connection state in the top bar, and the service worker.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") || "" : "";
  }

  // fetch() on this site's API with the session cookie and the CSRF token; JSON in and out.
  function api(path, options) {
    options = options || {};
    var headers = Object.assign({ "Accept": "application/json" }, options.headers || {});
    var method = (options.method || "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD") {
      headers["X-CSRF-Token"] = csrfToken();
    }
    var init = { method: method, headers: headers, credentials: "same-origin" };
    if (options.json !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      init.body = options.body;
    }
    return fetch(path, init);
  }

  function showNetwork() {
    var el = document.getElementById("net");
    if (!el) { return; }
    var waiting = window.Spotter && window.Spotter.waiting ? window.Spotter.waiting() : 0;
    var parts = [];
    if (!navigator.onLine) { parts.push("Offline"); }
    if (waiting > 0) { parts.push(waiting + (waiting === 1 ? " set waiting to send" : " sets waiting to send")); }
    el.textContent = parts.join(" · ");
    el.hidden = parts.length === 0;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var verb = (event.detail.verb || "get").toUpperCase();
    if (verb !== "GET") {
      event.detail.headers["X-CSRF-Token"] = csrfToken();
    }
  });

  // A failed htmx request says so instead of doing nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var target = event.detail.target;
    var xhr = event.detail.xhr;
    if (target && xhr && xhr.responseText && xhr.getResponseHeader("Content-Type") &&
        xhr.getResponseHeader("Content-Type").indexOf("text/html") === 0) {
      target.innerHTML = xhr.responseText;
    }
  });
  document.addEventListener("htmx:sendError", showNetwork);

  // A field's message swapped in by a check: the fields it describes are marked invalid or not.
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    var message = event.detail.target;
    if (!message || !message.id) { return; }
    var wrong = message.textContent.trim() !== "";
    document.querySelectorAll("input, select, textarea").forEach(function (control) {
      var ids = (control.getAttribute("aria-describedby") || "").split(/\s+/);
      if (ids.indexOf(message.id) >= 0) {
        if (wrong) { control.setAttribute("aria-invalid", "true"); } else { control.removeAttribute("aria-invalid"); }
      }
    });
  });

  // A form field that wants the phone's time zone (registration) gets it.
  document.addEventListener("DOMContentLoaded", function () {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    document.querySelectorAll('input[data-fill="timezone"]').forEach(function (input) {
      if (zone && (!input.value || input.value === "UTC")) { input.value = zone; }
    });
  });

  window.addEventListener("online", showNetwork);
  window.addEventListener("offline", showNetwork);
  document.addEventListener("spotter:outbox", showNetwork);
  document.addEventListener("DOMContentLoaded", showNetwork);

  // The service worker, for signed-in pages. A page marked data-offline (Today) that was loaded
  // before the worker controlled it is put in the worker's page cache once the worker is ready,
  // so that it opens without a connection from then on.
  if ("serviceWorker" in navigator && document.body && document.body.dataset.user) {
    window.addEventListener("load", function () {
      var controlled = !!navigator.serviceWorker.controller;
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
        return navigator.serviceWorker.ready;
      }).then(function () {
        var keep = document.querySelector("[data-offline]");
        if (!controlled && keep && window.caches && navigator.onLine) {
          return caches.open("spotter-pages").then(function (cache) {
            return cache.add(keep.getAttribute("data-offline"));
          });
        }
        return undefined;
      }).then(function () {
        document.documentElement.dataset.offlineReady = "true";
      }).catch(function () {});
    });
  }

  // -- ids made in the browser (a set's uuid): crypto.randomUUID where the page is a secure
  // context, else the same version-4 layout from crypto.getRandomValues.
  function uuid4() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // -- the outbox: writes kept in localStorage until the server has them. Each entry carries
  // the uuid the API dedupes on, so sending one twice (a retry, a second tab) stores it once.
  var user = document.body ? (document.body.dataset.user || "") : "";
  var BOX = "spotter.outbox." + user;
  var FAILED = "spotter.failed." + user;
  var flushing = false;
  var signedOut = false; // the server said the session is over: the sets wait for a sign-in

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function write(key, items) {
    localStorage.setItem(key, JSON.stringify(items));
  }
  function changed() {
    document.dispatchEvent(new CustomEvent("spotter:outbox"));
  }
  function waiting() { return user ? read(BOX).length : 0; }
  function failures() { return user ? read(FAILED) : []; }
  function clearFailures() { write(FAILED, []); changed(); }

  function add(entry) {
    var items = read(BOX);
    items.push(entry);
    write(BOX, items);
    changed();
    flush();
  }

  function drop(id) {
    write(BOX, read(BOX).filter(function (e) { return e.id !== id; }));
  }

  function problemText(response) {
    return response.json().then(function (body) {
      return body && body.detail ? body.detail : ("error " + response.status);
    }, function () { return "error " + response.status; });
  }

  // Send what waits, oldest first; stop at the first network failure or server trouble.
  function flush() {
    if (flushing || !user) { return Promise.resolve(); }
    var items = read(BOX);
    if (items.length === 0) { return Promise.resolve(); }
    flushing = true;
    var entry = items[0];
    return api(entry.path, { method: entry.method, json: entry.body }).then(function (response) {
      if (response.ok) {
        drop(entry.id);
        return response.json().catch(function () { return null; }).then(function (body) {
          document.dispatchEvent(new CustomEvent("spotter:sent", { detail: { entry: entry, body: body } }));
          return true;
        });
      }
      if (response.status === 401 || response.status === 403 || response.status === 429 || response.status >= 500) {
        signedOut = response.status === 401;
        return false; // signed out, stale token, busy or down: keep it and try again later
      }
      signedOut = false;
      return problemText(response).then(function (text) {
        drop(entry.id);
        var failed = read(FAILED);
        failed.push({ id: entry.id, label: entry.label || entry.path, error: text, slot: entry.slot || "" });
        write(FAILED, failed);
        document.dispatchEvent(new CustomEvent("spotter:failed", { detail: { entry: entry, error: text } }));
        return true;
      });
    }, function () {
      return false; // no connection: the entry stays
    }).then(function (goOn) {
      flushing = false;
      changed();
      if (goOn) { return flush(); }
      return undefined;
    });
  }

  window.addEventListener("online", function () { flush(); });
  document.addEventListener("DOMContentLoaded", function () { flush(); });
  window.setInterval(function () { if (waiting() > 0) { flush(); } }, 15000);

  // Signing out forgets this browser's copies of the pages (unsent sets stay for the next sign-in).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.classList && form.classList.contains("signout")) {
      if (window.caches && caches.keys) {
        caches.keys().then(function (names) { names.forEach(function (n) { caches.delete(n); }); });
      }
    }
  });

  window.Spotter = Object.assign(window.Spotter || {}, {
    api: api,
    csrfToken: csrfToken,
    showNetwork: showNetwork,
    uuid4: uuid4,
    user: user,
    outbox: {
      add: add, flush: flush, waiting: waiting, failures: failures, clearFailures: clearFailures,
      items: function () { return read(BOX); },
      needsSignIn: function () { return signedOut; }
    },
    waiting: waiting
  });
})();
