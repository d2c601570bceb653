// Starts Swagger UI on the API's own schema (kept in a file: the docs page runs no inline script).
// Signing in with "Try it out" on POST /auth/login keeps the session's CSRF token for this tab, and
// every later request that changes something sends it, as the API asks of cookie sessions.
window.addEventListener("load", function () {
  var CSRF_KEY = "spotterCsrf";
  window.ui = SwaggerUIBundle({
    url: new URL(document.body.dataset.openapi, window.location.href).href,
    dom_id: "#swagger-ui",
    deepLinking: true,
    withCredentials: true,
    requestInterceptor: function (request) {
      var token = window.sessionStorage.getItem(CSRF_KEY);
      var method = (request.method || "GET").toUpperCase();
      if (token && method !== "GET" && method !== "HEAD" && method !== "OPTIONS") {
        request.headers["X-CSRF-Token"] = token;
      }
      return request;
    },
    responseInterceptor: function (response) {
      var body = response && response.body;
      if (body && typeof body.csrf_token === "string") {
        window.sessionStorage.setItem(CSRF_KEY, body.csrf_token);
      }
      return response;
    },
  });
});
