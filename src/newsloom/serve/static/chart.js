// Renders the actor timeline from the JSON spec the server embedded; without JS the table remains.
(function () {
  var el = document.getElementById("timeline-chart");
  var specEl = document.getElementById("timeline-spec");
  if (!el || !specEl || typeof vegaEmbed !== "function") return;
  var spec = JSON.parse(specEl.textContent);
  if (!spec.data || !spec.data.values || spec.data.values.length === 0) {
    el.textContent = "No dated mentions yet.";
    return;
  }
  vegaEmbed(el, spec, { actions: false, renderer: "svg" }).catch(function (err) {
    el.textContent = "Chart unavailable: " + err;
  });
})();
