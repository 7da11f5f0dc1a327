// Starts Swagger UI on /api/v1/docs (kept out of the page so the CSP needs no inline script).
(function () {
  var node = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: node.dataset.openapiUrl, dom_id: "#swagger-ui", deepLinking: true });
})();
