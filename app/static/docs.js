// Starts Swagger UI on /v1/docs. A file of its own, not an inline script, so that the
// page's Content-Security-Policy can allow scripts from this service only.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // No badge from the public validator: the page talks to this service only.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
