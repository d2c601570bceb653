// Starts Swagger UI on the API's own schema (kept in a file: the docs page runs no inline script).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: document.body.dataset.openapi,
    dom_id: "#swagger-ui",
    deepLinking: true,
    withCredentials: true,
    requestInterceptor: function (request) {
      // A session (cookie) request that changes something needs the CSRF token given at login.
      var token = window.sessionStorage.getItem("spotterCsrf");
      if (token && request.method && request.method.toUpperCase() !== "GET") {
        request.headers["X-CSRF-Token"] = token;
      }
      return request;
    },
  });
});
