// Neighbourhood graph (Cytoscape.js). Data from the page's JSON twin (/graph?iri=…&format=json);
// a click expands a node, a double-click opens its page.
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
  var cy = cytoscape({
    container: el,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "background-color": function (n) { return colours[n.data("type")] || colours.Other; },
        "label": "data(label)", "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 110,
        "width": 18, "height": 18, "color": "#222", "text-valign": "bottom", "text-margin-y": 3 } },
      { selector: "node.centre", style: { "width": 30, "height": 30, "border-width": 3, "border-color": "#000", "font-weight": "bold" } },
      { selector: "node.expanded", style: { "border-width": 2, "border-color": "#444" } },
      { selector: "edge", style: {
        "width": 1.2, "line-color": "#aaa", "target-arrow-color": "#aaa", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "label": "data(label)", "font-size": 7, "color": "#777",
        "text-rotation": "autorotate" } },
      { selector: ":selected", style: { "border-width": 3, "border-color": "#f0b400" } }
    ]
  });
  window.drugkgGraph = cy;
  var expanded = {};
  function report() { document.body.dataset.nodes = String(cy.nodes().length); }
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
        cy.getElementById(iri).addClass("expanded");
        cy.layout({ name: "cose", animate: false, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 90; } }).run();
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
  cy.on("dbltap", "node", function (ev) { window.location.href = ev.target.data("href"); });
})();
