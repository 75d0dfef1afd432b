// The query page: YASGUI on this server's /sparql, the named queries as ready examples,
// and download links for every result format the endpoint offers.
(function () {
  "use strict";
  var el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") return;
  var endpoint = el.dataset.endpoint;
  var named = JSON.parse(document.getElementById("named-queries").textContent);
  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasr: { prefixes: {} }
  });
  window.drugkgYasgui = yasgui;
  function yasqe() { return yasgui.getTab().getYasqe(); }
  var select = document.getElementById("named-query");
  var description = document.getElementById("named-description");
  select.addEventListener("change", function () {
    var q = named.find(function (n) { return n.name === select.value; });
    if (!q) return;
    yasqe().setValue(q.sparql);
    description.textContent = q.description || "";
  });
  var wanted = new URLSearchParams(window.location.search).get("named");
  if (wanted) { select.value = wanted; select.dispatchEvent(new Event("change")); }
  var given = new URLSearchParams(window.location.search).get("query");
  if (given && !wanted) yasqe().setValue(given);  // e.g. the SPARQL of an Ask answer
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
