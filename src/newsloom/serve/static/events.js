// The actor page's event chart: stacked by PLOVER type or quad class; a click on a bar lists that
// bar's events with their sentences, read from the JSON API. Text goes in as text, never as HTML.
(function () {
  var el = document.getElementById("events-chart");
  var specEl = document.getElementById("events-spec");
  var list = document.getElementById("event-list");
  if (!el || !specEl || typeof vegaEmbed !== "function") return;
  var base = JSON.parse(specEl.textContent);
  var meta = base.usermeta || {};
  var stack = "type";
  document.querySelectorAll(".js-only").forEach(function (node) { node.hidden = false; });

  function spec() {
    var s = JSON.parse(JSON.stringify(base));
    if (stack === "quad") {
      s.encoding.color = { field: "quad", type: "nominal", title: "quad class",
        scale: { domain: meta.quads, range: meta.quads.map(function (q) { return meta.quad_colours[q]; }) } };
    }
    return s;
  }

  function add(parent, tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    parent.appendChild(node);
    return node;
  }

  function show(period, last, group) {
    var types = stack === "quad" ? (meta.types_by_quad[group] || []).join(",") : group;
    var url = el.getAttribute("data-events-url") + "?role=source&limit=200&type=" + encodeURIComponent(types) +
      "&since=" + encodeURIComponent(period) + "&until=" + encodeURIComponent(last || period);
    list.textContent = "Loading…";
    fetch(url, { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); }).then(function (body) {
      list.textContent = "";
      add(list, "h3", group + " · " + period + (last && last !== period ? " to " + last : "") + " (" + body.items.length + ")");
      var ul = add(list, "ul", "", "events picked");
      body.items.forEach(function (e) {
        var li = add(ul, "li", "", "eventrow");
        var who = e.source.name + (e.targets.length ? " → " + e.targets.map(function (t) { return t.name; }).join(", ") : "");
        add(li, "span", (e.date || e.article.published || "").slice(0, 10) + " · " + e.type + (e.mode ? " (" + e.mode + ")" : "") + " · " + who, "meta");
        add(li, "p", e.text, "sentence");
        var a = add(li, "a", e.article.title || e.doc_id, "small");
        a.href = "/articles/" + encodeURIComponent(e.doc_id);
      });
    }).catch(function (err) { list.textContent = "Could not load the events: " + err; });
  }

  function draw() {
    vegaEmbed(el, spec(), { actions: false, renderer: "svg" }).then(function (res) {
      var table = el.parentNode.querySelector("details.chart-table");
      if (table) table.open = false;  // drawn: the table folds away under the chart
      res.view.addEventListener("click", function (event, item) {
        // "first" and "last" are the period's days as text ("period" itself was parsed into a time).
        if (!item || !item.datum || !item.datum.first) return;
        show(item.datum.first, item.datum.last, item.datum[stack]);
      });
    }).catch(function (err) { el.textContent = "Chart unavailable: " + err; });
  }

  document.querySelectorAll("input[name=event-stack]").forEach(function (input) {
    input.addEventListener("change", function () { stack = input.value; list.textContent = ""; draw(); });
  });
  draw();
})();
