// The query page: YASGUI on this server's /sparql (no outside prefix or vocabulary
// services), a named query from the gallery opened and run, result IRIs of this graph shown
// by label and linked to their local pages, readable errors, downloads in every format, a Chart view for counts.
(function () {
  "use strict";
  var el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") return;
  var endpoint = el.dataset.endpoint;
  var local = JSON.parse(el.dataset.local);  // [vocab base, data base]
  var routes = [el.dataset.vocabRoute, el.dataset.dataRoute];
  var errorBox = document.getElementById("query-error");
  var description = document.getElementById("named-description");
  var labelCache = {};

  function localHref(iri) {
    for (var i = 0; i < local.length; i++) {
      if (iri.indexOf(local[i]) === 0 && iri.length > local[i].length) {
        return routes[i] + iri.slice(local[i].length).split("/").map(encodeURIComponent).join("/");
      }
    }
    return null;
  }
  function showError(text) {
    var message = text;
    try { message = JSON.parse(text).error.message; } catch (e) { /* not our JSON */ }
    errorBox.textContent = "";
    var p = document.createElement("p");
    p.className = "message";
    p.textContent = message;
    errorBox.appendChild(p);
    var at = /error at (\d+):(\d+)/.exec(message);
    if (at) {  // the line of the query with a caret under the position
      var line = yasqe().getValue().split("\n")[Number(at[1]) - 1];
      if (line !== undefined) {
        var pre = document.createElement("pre");
        pre.textContent = "line " + at[1] + ": " + line + "\n" + " ".repeat(("line " + at[1] + ": ").length + Number(at[2]) - 1) + "^";
        errorBox.appendChild(pre);
      }
    }
    errorBox.hidden = false;
  }
  var Yasr = Yasgui.Yasr;
  if (Yasr && Yasr.defaults) {
    Yasr.defaults.errorRenderers = [function (error) {
      showError(error.text || String(error.statusText || error.status || "the query failed"));
      var div = document.createElement("div");
      div.className = "query-error-note";
      div.textContent = "The query did not run: see the message above the editor.";
      return Promise.resolve(div);
    }];
  }
  // Chart: horizontal bars for a result with a numeric column (counts), drawn with CSS, the
  // label taken from the first other column (an IRI of this graph by its label when known)
  var NUMERIC = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|unsignedInt|unsignedLong)$/;
  function numericColumn(vars, rows) {
    var numeric = vars.filter(function (v) {
      return rows.every(function (row) { return !row[v] || (row[v].type !== "uri" && NUMERIC.test(row[v].datatype || "")); }) &&
        rows.some(function (row) { return row[v]; });
    });
    return numeric.length ? numeric[numeric.length - 1] : null;  // counts come last
  }
  function ChartPlugin(yasr) { this.yasr = yasr; this.label = "Chart"; this.priority = 5; }
  ChartPlugin.prototype.rows = function () {
    var r = this.yasr.results;
    return (r && r.getBindings && r.getBindings()) || [];
  };
  ChartPlugin.prototype.canHandleResults = function () {
    var r = this.yasr.results, rows = this.rows();
    return rows.length > 0 && !!numericColumn(r.getVariables(), rows);
  };
  ChartPlugin.prototype.getIcon = function () { return null; };
  ChartPlugin.prototype.draw = function () {
    var vars = this.yasr.results.getVariables(), rows = this.rows();
    var value = numericColumn(vars, rows);
    var name = vars.filter(function (v) { return v !== value; })[0];
    var shown = rows.slice(0, 100);
    var max = Math.max.apply(null, shown.map(function (row) { return row[value] ? Number(row[value].value) : 0; }).concat([0]));
    var figure = document.createElement("figure");
    figure.className = "bar-chart";
    var caption = document.createElement("figcaption");
    caption.textContent = value + (name ? " by " + name : "") + (rows.length > shown.length ? " (the first " + shown.length + " of " + rows.length + " rows)" : "");
    figure.appendChild(caption);
    var list = document.createElement("ol");
    shown.forEach(function (row, i) {
      var n = row[value] ? Number(row[value].value) : 0;
      var term = name && row[name];
      var text = !term ? "row " + (i + 1) : term.type === "uri" ? (labelCache[term.value] || term.value.replace(/^.*[/#]/, "")) : term.value;
      var li = document.createElement("li");
      var label = document.createElement("span");
      label.className = "bar-label";
      label.textContent = text;
      label.title = term ? term.value : "";
      var track = document.createElement("span");
      track.className = "bar-track";
      var bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = (max > 0 && n > 0 ? Math.max(0.5, 100 * n / max) : 0) + "%";
      track.appendChild(bar);
      var figureValue = document.createElement("span");
      figureValue.className = "bar-value";
      figureValue.textContent = n.toLocaleString("en");
      li.append(label, track, figureValue);
      list.appendChild(li);
    });
    figure.appendChild(list);
    this.yasr.resultsEl.appendChild(figure);
  };
  if (Yasr && Yasr.registerPlugin) Yasr.registerPlugin("chart", ChartPlugin);
  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { autocompleters: ["variables"] },  // the others ask services on the Internet
    yasr: { prefixes: {} }
  });
  window.drugkgYasgui = yasgui;
  function yasqe() { return yasgui.getTab().getYasqe(); }
  function yasr() { return yasgui.getTab().getYasr(); }

  function relabel(root) {
    var anchors = Array.prototype.slice.call(root.querySelectorAll("a[href]"));
    var wanted = [];
    anchors.forEach(function (a) {
      var iri = a.getAttribute("href");
      var href = localHref(iri);
      if (href) {
        a.setAttribute("href", href);
        a.removeAttribute("target");
        a.dataset.iri = iri;
        a.title = iri;
        a.classList.add("local");
        if (!(iri in labelCache)) wanted.push(iri);
      } else {
        a.setAttribute("rel", "noopener noreferrer");
      }
    });
    root.querySelectorAll(".nonIri sup").forEach(function (sup) {
      if (sup.textContent.charAt(0) === "@") sup.remove();  // "alprazolam"@en -> alprazolam
    });
    root.querySelectorAll(".nonIri").forEach(function (span) {
      var t = span.textContent;
      if (t.length > 1 && t.charAt(0) === '"' && t.charAt(t.length - 1) === '"') span.textContent = t.slice(1, -1);
    });
    var unique = wanted.filter(function (x, i) { return wanted.indexOf(x) === i; }).slice(0, 500);
    var apply = function () {
      anchors.forEach(function (a) {
        var name = a.dataset.iri && labelCache[a.dataset.iri];
        if (name) a.textContent = name;
      });
      document.body.dataset.labelled = "true";
    };
    if (!unique.length) { apply(); return; }
    var params = new URLSearchParams();
    unique.forEach(function (iri) { params.append("iri", iri); });
    fetch(el.dataset.labels + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { labels: {} }; })
      .then(function (body) {
        unique.forEach(function (iri) { labelCache[iri] = body.labels[iri] || null; });
        apply();
      });
  }
  function hook(tab) {
    var r = tab.getYasr();
    if (!r || r.drugkgHooked) return;
    r.drugkgHooked = true;
    r.on("drawn", function () { relabel(r.resultsEl); });
  }
  hook(yasgui.getTab());
  yasgui.on("tabChange", function () { hook(yasgui.getTab()); });
  yasgui.on("query", function () { errorBox.hidden = true; document.body.dataset.labelled = "false"; });

  var chosen = JSON.parse(document.getElementById("chosen-query").textContent);
  var given = new URLSearchParams(window.location.search).get("query");
  if (chosen) yasqe().setValue(chosen);
  else if (given) yasqe().setValue(given);  // e.g. the SPARQL of an Ask answer
  if (chosen && el.dataset.run) yasqe().query();

  // concept parameters: suggestions of that kind from the search API as one types
  document.querySelectorAll(".param-form input[data-type]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || !list) return;
      timer = setTimeout(function () {
        fetch(el.dataset.search + "?limit=8&type=" + encodeURIComponent(input.dataset.type) + "&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (body) {
            list.textContent = "";
            (body.results || []).forEach(function (hit) {
              var o = document.createElement("option");
              o.value = hit.label;
              list.appendChild(o);
            });
          });
      }, 150);
    });
  });
  // YASGUI's icon buttons and fields have no names of their own for a screen reader
  var names = { ".yasqe_queryButton": "Run query", ".yasqe_share": "Share query",
    ".autocompleteWrapper input": "SPARQL endpoint", ".tabContextButton": "Settings",
    ".addTab": "New tab", ".closeTab": "Close tab", ".yasr_external_ref_btn": "Help",
    ".yasr_downloadIcon": "Download results", ".yasr .tableFilter": "Filter results",
    ".yasr .tableSizer": "Rows per page", ".yasr .tableControls input[type=checkbox]": "Table option" };
  function nameControls() {
    Object.keys(names).forEach(function (sel) {
      el.querySelectorAll(sel).forEach(function (c) {
        if (!c.getAttribute("aria-label") && !(c.textContent || "").trim()) c.setAttribute("aria-label", c.title || names[sel]);
      });
    });
  }
  nameControls();
  new MutationObserver(nameControls).observe(el, { childList: true, subtree: true });

  document.querySelectorAll("a.download").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      var kind = yasqe().getQueryType ? yasqe().getQueryType() : "SELECT";
      var graphKind = kind === "CONSTRUCT" || kind === "DESCRIBE";
      if (graphKind !== a.classList.contains("graph")) {
        ev.preventDefault();
        description.textContent = a.textContent + " is for " + (graphKind ? "SELECT/ASK" : "CONSTRUCT/DESCRIBE") + " queries; this one is " + kind + ".";
        return;
      }
      var params = new URLSearchParams({ query: yasqe().getValue(), format: a.dataset.format });
      a.href = endpoint + "?" + params.toString();
      a.setAttribute("download", "results." + a.dataset.format);
    });
  });
  document.body.dataset.ready = "true";
})();
