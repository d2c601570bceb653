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

  if ("serviceWorker" in navigator && document.body && document.body.dataset.user) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }

  window.Spotter = Object.assign(window.Spotter || {}, {
    api: api,
    csrfToken: csrfToken,
    showNetwork: showNetwork
  });
})();
