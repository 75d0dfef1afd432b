// The header search: an ARIA combobox with autocomplete over labels and synonyms (GET
// /api/search); Enter on a highlighted suggestion opens it, else the results page (/search).
// Results are written with textContent only, so nothing from the graph is parsed as HTML.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var list = form.querySelector(".suggestions");
  var timer = null, active = -1, items = [], seq = 0;

  function hrefFor(hit) {
    return form.dataset.entity + "?iri=" + encodeURIComponent(hit.iri);
  }
  function close() {
    list.hidden = true; list.textContent = ""; items = []; active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function highlight(i) {
    items.forEach(function (li, j) {
      li.classList.toggle("active", i === j);
      li.setAttribute("aria-selected", i === j ? "true" : "false");
    });
    active = i;
    if (items[i]) input.setAttribute("aria-activedescendant", items[i].id);
  }
  function show(results) {
    list.textContent = "";
    items = results.map(function (hit, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "suggestion-" + i;
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = hrefFor(hit);
      a.className = "suggestion";
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = hit.label;
      a.appendChild(label);
      var other = hit.matched.filter(function (m) { return m.toLowerCase() !== hit.label.toLowerCase(); });
      if (other.length) {
        var syn = document.createElement("span");
        syn.className = "syn";
        syn.textContent = " (" + other.slice(0, 2).join(", ") + ")";
        a.appendChild(syn);
      }
      if (hit.types.length) {
        var t = document.createElement("span");
        t.className = "badge type-" + hit.types[0];
        t.textContent = hit.types[0];
        a.appendChild(t);
      }
      li.appendChild(a);
      li.addEventListener("mouseenter", function () { highlight(i); });
      list.appendChild(li);
      return li;
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }
  function lookup() {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    var mine = ++seq;
    fetch(form.dataset.api + "?limit=12&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (body) { if (mine === seq) show(body.results || []); })
      .catch(close);
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(lookup, 120); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" && items.length) { ev.preventDefault(); highlight((active + 1) % items.length); }
    else if (ev.key === "ArrowUp" && items.length) { ev.preventDefault(); highlight((active - 1 + items.length) % items.length); }
    else if (ev.key === "Escape") { close(); }
    else if (ev.key === "Enter" && active >= 0 && items[active]) {
      ev.preventDefault();
      window.location.href = items[active].querySelector("a").href;
    }  // Enter otherwise submits the form: the results page
  });
  document.addEventListener("click", function (ev) { if (!form.contains(ev.target)) close(); });
})();
