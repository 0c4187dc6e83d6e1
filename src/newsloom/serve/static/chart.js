// Renders the actor timeline from the JSON spec the server embedded. Without JavaScript (or when
// the chart cannot be drawn) the table the page carries stays open in its place.
(function () {
  document.querySelectorAll(".js-only").forEach(function (node) { node.hidden = false; });
  var el = document.getElementById("timeline-chart");
  var specEl = document.getElementById("timeline-spec");
  if (!el || !specEl || typeof vegaEmbed !== "function") return;
  var spec = JSON.parse(specEl.textContent);
  if (!spec.data || !spec.data.values || spec.data.values.length === 0) return;
  vegaEmbed(el, spec, { actions: false, renderer: "svg" }).then(function () {
    var table = el.parentNode.querySelector("details.chart-table");
    if (table) table.open = false;
  }).catch(function (err) {
    el.textContent = "Chart unavailable: " + err;
  });
})();
