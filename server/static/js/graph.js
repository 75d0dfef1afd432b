// Neighbourhood graph (Cytoscape.js). Data from the page's JSON twin (/graph?iri=…&format=json).
// Colour and shape by kind (the legend beside it), a tap (touch or click) adds a node's
// neighbours and shows it in the panel; filter by relation, fit, export PNG or SVG.
(function () {
  "use strict";
  var el = document.getElementById("cy");
  if (!el || typeof cytoscape === "undefined") return;
  var colours = {
    Drug: "#1f77b4", DrugProduct: "#6baed6", CombinationProduct: "#6baed6", DrugClass: "#9467bd",
    Mechanism: "#e377c2", Neurotransmitter: "#2ca02c", Target: "#98df8a", Condition: "#ff7f0e",
    AdverseEffect: "#d62728", Risk: "#8c564b", Substance: "#17becf", Evidence: "#bcbd22",
    UnlinkedConcept: "#7f7f7f", Other: "#c7c7c7"
  };
  // shapes tell apart kinds whose names may be the same (a risk and an adverse effect)
  var shapes = {
    Drug: "ellipse", DrugProduct: "round-rectangle", CombinationProduct: "round-rectangle",
    DrugClass: "hexagon", Mechanism: "diamond", Neurotransmitter: "star", Target: "pentagon",
    Condition: "round-triangle", AdverseEffect: "triangle", Risk: "octagon", Substance: "barrel",
    Evidence: "tag", UnlinkedConcept: "vee", Other: "rectangle"
  };
  function kindOf(n) { return n.data("type"); }
  var cy = cytoscape({
    container: el,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "background-color": function (n) { return colours[kindOf(n)] || colours.Other; },
        "shape": function (n) { return shapes[kindOf(n)] || shapes.Other; },
        "label": "data(label)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120,
        "width": 20, "height": 20, "color": "#1d2330", "text-valign": "bottom", "text-margin-y": 4,
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
        "min-zoomed-font-size": 7 } },
      { selector: "node.centre", style: { "width": 34, "height": 34, "border-width": 3, "border-color": "#000", "font-weight": "bold", "font-size": 13, "z-index": 10 } },
      { selector: "node.expanded", style: { "border-width": 2, "border-color": "#444" } },
      { selector: "edge", style: {
        "width": 1.2, "line-color": "#b5bcc7", "target-arrow-color": "#b5bcc7", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "label": "data(label)", "font-size": 9, "color": "#555",
        "text-rotation": "autorotate", "text-background-color": "#fcfcfd", "text-background-opacity": 0.9,
        "text-background-padding": 1, "min-zoomed-font-size": 10 } },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#f0b400" } }
    ]
  });
  window.drugkgGraph = cy;
  var expanded = {};
  var filter = document.getElementById("relation-filter");
  function report() { document.body.dataset.nodes = String(cy.nodes().length); }
  function layout() {
    cy.layout({ name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
      nodeRepulsion: function () { return 60000; }, idealEdgeLength: function () { return 120; },
      componentSpacing: 80, padding: 20 }).run();
  }
  function applyFilter() {
    var wanted = filter ? filter.value : "";
    cy.batch(function () {
      cy.edges().forEach(function (e) { e.toggleClass("hidden", !!wanted && e.data("label") !== wanted); });
      cy.nodes().forEach(function (n) {
        var keep = !wanted || n.hasClass("centre") || n.connectedEdges().not(".hidden").length > 0;
        n.toggleClass("hidden", !keep);
      });
    });
  }
  function addOptions(edges) {
    if (!filter) return;
    var have = {};
    Array.prototype.forEach.call(filter.options, function (o) { have[o.value] = true; });
    edges.forEach(function (e) {
      if (!have[e.data.label]) {
        have[e.data.label] = true;
        var o = document.createElement("option");
        o.value = o.textContent = e.data.label;
        filter.appendChild(o);
      }
    });
  }
  function load(iri, url) {
    if (expanded[iri]) return Promise.resolve();
    expanded[iri] = true;
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        var fresh = [];
        data.elements.nodes.concat(data.elements.edges).forEach(function (e) {
          if (cy.getElementById(e.data.id).length === 0) fresh.push(e);
        });
        cy.add(fresh);
        addOptions(data.elements.edges);
        cy.getElementById(iri).addClass("expanded");
        layout();
        applyFilter();
        report();
      });
  }
  function panel(node) {
    document.getElementById("panel-title").textContent = node.data("label");
    document.getElementById("panel-type").textContent = node.data("type");
    document.getElementById("panel-link").setAttribute("href", node.data("href"));
  }
  function urlFor(iri) { return el.dataset.graphUrl + "?format=json&iri=" + encodeURIComponent(iri); }
  load("__centre__", el.dataset.src).then(function () {
    var first = cy.nodes()[0];
    if (first) { first.addClass("centre"); expanded[first.id()] = true; }
    report();
    document.body.dataset.ready = "true";
  }).catch(function (err) { el.textContent = "Could not load the graph: " + err.message; });
  cy.on("tap", "node", function (ev) {
    panel(ev.target);
    load(ev.target.id(), urlFor(ev.target.id()));
  });
  if (filter) filter.addEventListener("change", applyFilter);
  var fit = document.getElementById("graph-fit");
  if (fit) fit.addEventListener("click", function () { cy.fit(cy.elements().not(".hidden"), 20); });
  function save(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  var png = document.getElementById("graph-png");
  if (png) png.addEventListener("click", function () {
    save(cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }), "drugkg-graph.png");
  });
  // SVG drawn from the laid-out positions (Cytoscape has no SVG renderer of its own):
  // the visible nodes in their kind's colour and shape, edges as arrows, labels as text
  var sides = { triangle: 3, "round-triangle": 3, diamond: 4, pentagon: 5, hexagon: 6, octagon: 8 };
  function esc(t) {
    return String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function nodeShape(n) {
    var p = n.position(), r = n.width() / 2, shape = shapes[kindOf(n)] || shapes.Other;
    var fill = ' fill="' + (colours[kindOf(n)] || colours.Other) + '"' + (n.hasClass("centre") ? ' stroke="#000" stroke-width="3"' : "");
    if (shape === "ellipse") return '<circle cx="' + p.x + '" cy="' + p.y + '" r="' + r + '"' + fill + "/>";
    var count = sides[shape];
    if (!count) return '<rect x="' + (p.x - r) + '" y="' + (p.y - r) + '" width="' + 2 * r + '" height="' + 2 * r + '" rx="3"' + fill + "/>";
    var points = [];
    for (var i = 0; i < count; i++) {
      var a = -Math.PI / 2 + 2 * Math.PI * i / count;
      points.push((p.x + r * Math.cos(a)).toFixed(1) + "," + (p.y + r * Math.sin(a)).toFixed(1));
    }
    return '<polygon points="' + points.join(" ") + '"' + fill + "/>";
  }
  function toSvg() {
    var shown = cy.elements().not(".hidden"), box = shown.boundingBox(), pad = 20;
    var out = ['<svg xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" viewBox="' +
      [box.x1 - pad, box.y1 - pad, box.w + 2 * pad, box.h + 2 * pad].join(" ") + '" width="' + Math.ceil(box.w + 2 * pad) +
      '" height="' + Math.ceil(box.h + 2 * pad) + '">',
      '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b5bcc7"/></marker></defs>',
      '<rect x="' + (box.x1 - pad) + '" y="' + (box.y1 - pad) + '" width="' + (box.w + 2 * pad) + '" height="' + (box.h + 2 * pad) + '" fill="#ffffff"/>'];
    shown.edges().forEach(function (e) {
      var s = e.source().position(), t = e.target().position();
      var dx = t.x - s.x, dy = t.y - s.y, len = Math.sqrt(dx * dx + dy * dy) || 1, r = e.target().width() / 2;
      out.push('<g class="edge"><line x1="' + s.x + '" y1="' + s.y + '" x2="' + (t.x - dx / len * r) + '" y2="' + (t.y - dy / len * r) +
        '" stroke="#b5bcc7" stroke-width="1.2" marker-end="url(#arrow)"/><text x="' + (s.x + dx / 2) + '" y="' + (s.y + dy / 2) +
        '" font-size="9" fill="#555" text-anchor="middle">' + esc(e.data("label")) + "</text></g>");
    });
    shown.nodes().forEach(function (n) {
      var p = n.position();
      out.push('<g class="node">' + nodeShape(n) + '<text x="' + p.x + '" y="' + (p.y + n.height() / 2 + 14) +
        '" font-size="' + (n.hasClass("centre") ? 13 : 11) + '" fill="#1d2330" text-anchor="middle">' + esc(n.data("label")) + "</text></g>");
    });
    out.push("</svg>");
    return out.join("\n");
  }
  window.drugkgGraphSvg = toSvg;
  var svg = document.getElementById("graph-svg");
  if (svg) svg.addEventListener("click", function () {
    save(new Blob([toSvg()], { type: "image/svg+xml" }), "drugkg-graph.svg");
  });
})();
