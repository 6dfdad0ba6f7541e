// Starts Swagger UI on /api/docs/ (a static file, so the CSP forbids inline scripts).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  SwaggerUIBundle({ url: root.dataset.schemaUrl, domNode: root, deepLinking: true });
})();
