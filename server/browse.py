"""The browse UI: home, entity pages (Linked Data at /id/...), faceted drugs, graph view,
query page and monograph view.

Every HTML page has a JSON twin (``Accept: application/json`` or ``?format=json``) with the
data the page shows; entity IRIs also answer Turtle, N-Triples and JSON-LD. User values
reach SPARQL only as bound RDF terms (``store.select(sparql, name=term)``), never as text.
"""

from __future__ import annotations

import hashlib
import re
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, render_template, request, url_for
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from drugkg import corpus
from drugkg.ontology import DKG, INFERRED_GRAPH, VOCAB, sparql_prefixes
from drugkg.ontology.identifiers import curie, expand
from drugkg.queries import results
from drugkg.server import negotiation
from drugkg.server.api import MAX_QUESTION_CHARS, ask_body, entity_summary, overlong
from drugkg.server.errors import ApiError
from drugkg.server.sparql import on_worker, run_query
from drugkg.server.state import state
from drugkg.store import with_values

bp = Blueprint("browse", __name__)
_PROLOGUE = sparql_prefixes()

# format parameter -> media type, for pages (json) and entity IRIs (RDF too)
FORMATS = {"html": "text/html", "json": "application/json", "ttl": "text/turtle",
           "turtle": "text/turtle", "nt": "application/n-triples",
           "ntriples": "application/n-triples", "jsonld": "application/ld+json"}
PAGE_OFFERS = ["text/html", "application/json"]
ENTITY_OFFERS = ["text/html", "application/json", "text/turtle", "application/n-triples",
                 "application/ld+json"]
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

# Types in the order that decides a node's colour and badge.
TYPE_ORDER = ["Drug", "DrugProduct", "CombinationProduct", "DrugClass", "Mechanism",
              "Neurotransmitter", "Target", "Condition", "AdverseEffect", "Risk", "Substance",
              "Evidence", "UnlinkedConcept"]


# ------------------------------------------------------------------ helpers

def entity_href(iri: str) -> str:
    """The browse URL of an IRI: /id/vocab/... and /id/data/... for our own, else /entity."""
    base = state().config["BASE"]
    if iri.startswith(VOCAB):
        return url_for("browse.linked_data", space="vocab", rest=iri[len(VOCAB):])
    if iri.startswith(base) and len(iri) > len(base):
        return url_for("browse.linked_data", space="data", rest=iri[len(base):])
    return url_for("browse.entity", iri=iri)


def safe_url(iri: str) -> str | None:
    """An external link target only if it is http(s); anything else is shown, not linked."""
    return iri if urlparse(iri).scheme in ("http", "https") else None


def _wanted(offers: list[str]) -> str:
    return negotiation.pick(offers, FORMATS, "this page")


def page(template: str, data: dict, offers=PAGE_OFFERS, **context) -> Response:
    """HTML for browsers, the same data as JSON for clients (Accept or ?format=json)."""
    media = _wanted(offers)
    if media == "application/json":
        response = jsonify(data)
    else:
        response = Response(render_template(template, data=data, **context),
                            mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def _node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise ApiError(400, f"{iri!r} is not an IRI") from exc


def _primary_type(types) -> str | None:
    short = {t.replace(DKG, "").replace("dkg:", "") for t in types if t}
    return next((t for t in TYPE_ORDER if t in short), None)


@bp.after_app_request
def _security_headers(response: Response) -> Response:
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


@bp.app_context_processor
def _template_helpers():
    return {"entity_href": entity_href, "curie": curie, "safe_url": safe_url, "expand": expand,
            "named_examples": named_examples}


# ------------------------------------------------------------------ facets

FACETS = {
    "neurotransmitter": ("Neurotransmitter",
                         "?drug (dkg:actsOn|dkg:hasMechanism/dkg:actsOn|"
                         "dkg:inClass/dkg:hasMechanism/dkg:actsOn)/skos:broader* ?V . "
                         "?V a dkg:Neurotransmitter ."),
    "class": ("Drug class", "?drug dkg:inClass ?V ."),
    "risk": ("Risk", "?drug dkg:hasRisk ?V ."),
    "adverse": ("Adverse effect",
                "?drug dkg:hasCommonAdverseEffect|dkg:hasSeriousAdverseEffect ?V ."),
    "contraindication": ("Contraindication",
                         "?drug dkg:contraindicatedIn|dkg:contraindicatedWith ?V ."),
}


def _filters(selected: dict[str, list[str]]) -> tuple[str, dict[str, ox.NamedNode]]:
    """FILTER EXISTS blocks over our own variable names; the values are bound terms."""
    text, bindings = [], {}
    for facet, values in selected.items():
        for value in values:
            var = f"f{len(bindings)}"
            bindings[var] = _node(value)
            text.append("FILTER EXISTS { %s }" % FACETS[facet][1].replace("?V", "?" + var))
    return "\n  ".join(text), bindings


def _selected() -> dict[str, list[str]]:
    unknown = set(request.args) - set(FACETS) - {"format"}
    if unknown:
        raise ApiError(400, f"unknown facet(s) {sorted(unknown)}; use {sorted(FACETS)}")
    return {f: [v for v in request.args.getlist(f) if v] for f in FACETS
            if request.args.getlist(f)}


def facet_counts(selected: dict[str, list[str]], only=tuple(FACETS)) -> dict:
    filters, bindings = _filters(selected)
    unions = "\n  UNION ".join(
        '{ %s BIND("%s" AS ?facet) }' % (FACETS[f][1], f) for f in only)
    sparql = _PROLOGUE + """
SELECT ?facet ?V (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?drug) AS ?n) WHERE {
  ?product dkg:hasActiveIngredient ?drug .
  %s
  %s
  OPTIONAL { ?V skos:prefLabel|rdfs:label ?l }
} GROUP BY ?facet ?V""" % (filters, unions)
    out: dict[str, dict] = {f: {"facet": f, "title": FACETS[f][0], "values": []} for f in only}
    for row in state().store.select(sparql, **bindings):
        out[row["facet"]]["values"].append({
            "iri": row["V"], "label": row["label"] or curie(row["V"]), "count": int(row["n"]),
            "selected": row["V"] in selected.get(row["facet"], [])})
    for facet in out.values():
        facet["values"].sort(key=lambda v: (-v["count"], v["label"].lower()))
    return out


def matching_drugs(selected: dict[str, list[str]]) -> list[dict]:
    filters, bindings = _filters(selected)
    sparql = _PROLOGUE + """
SELECT ?drug (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT ?src; separator="|") AS ?sources)
WHERE {
  ?product dkg:hasActiveIngredient ?drug .
  %s
  OPTIONAL { ?drug skos:prefLabel ?l }
  OPTIONAL { GRAPH ?g { ?product dkg:hasActiveIngredient ?drug } ?g dkg:sourceFile ?src }
} GROUP BY ?drug""" % filters
    rows = state().store.select(sparql, **bindings)
    drugs = [{"iri": r["drug"], "label": r["label"] or curie(r["drug"]),
              "sources": sorted(s for s in (r["sources"] or "").split("|") if s)}
             for r in rows]
    return sorted(drugs, key=lambda d: d["label"].lower())


# ------------------------------------------------------------------ pages

def named_examples() -> list[dict]:
    """Each named query with its defaults bound, ready to run at /sparql."""
    out = []
    for q in state().queries.values():
        try:
            text = with_values(q.sparql, q.bindings({}))
        except Exception:  # a parameter without a default: show the query unbound
            text = q.sparql
        out.append({"name": q.name, "title": q.title, "description": q.description,
                    "sparql": text})
    return out


@bp.get("/")
def home():
    stats_query = state().queries.get("graph-stats")
    stats = [{"what": r["what"], "count": int(r["count"])}
             for r in state().store.select(stats_query.sparql)] if stats_query else []
    entry = facet_counts({}, only=("neurotransmitter", "class", "risk"))
    data = {"stats": stats, "entry_points": list(entry.values()),
            "search": url_for("api.search"), "ask": _ask(request.args.get("ask", "").strip())}
    return page("home.html", data)


def _ask(question: str) -> dict | None:
    """The home page's Ask box: the reading, answers and SPARQL, or why it was not read."""
    if not question:
        return None
    if (too_long := overlong(question)) is not None:
        return {"question": question[:MAX_QUESTION_CHARS], "error": too_long}
    from drugkg.queries.ask import AskError, ask

    try:
        answer = on_worker(partial(ask, question), "reading the question", "ask a shorter one")
    except AskError as exc:
        return {"question": question, "error": str(exc)}
    except ApiError as exc:  # the page still shows, saying why there is no answer
        return {"question": question, "error": exc.message}
    return ask_body(answer)


@bp.get("/drugs")
def drugs():
    selected = _selected()
    facets = facet_counts(selected)
    found = matching_drugs(selected)
    labels = {v["iri"]: v["label"] for f in facets.values() for v in f["values"]}

    def toggle(facet: str, iri: str) -> str:
        params = {f: list(v) for f, v in selected.items()}
        values = params.setdefault(facet, [])
        if iri in values:
            values.remove(iri)
        else:
            values.append(iri)
        return url_for("browse.drugs", **{f: v for f, v in params.items() if v})

    data = {"selected": [{"facet": f, "title": FACETS[f][0], "iri": v,
                          "label": labels.get(v, curie(v))}
                         for f, vs in selected.items() for v in vs],
            "count": len(found), "drugs": found, "facets": list(facets.values())}
    return page("drugs.html", data, toggle=toggle)


_DESCRIBE = """CONSTRUCT { ?iri ?p ?o . ?s ?q ?iri } WHERE {
  { ?iri ?p ?o } UNION { ?s ?q ?iri }
}"""
_RDF_MEDIA = {"text/turtle", "application/n-triples", "application/ld+json"}
_IRI_VALUES = _PROLOGUE + """
SELECT DISTINCT ?x WHERE { { ?iri ?p ?x FILTER(isIRI(?x)) } UNION { ?x ?q ?iri } }"""


def _entity_response(iri: str) -> Response:
    node = _node(iri)
    media = _wanted(ENTITY_OFFERS)
    if media in _RDF_MEDIA:
        triples = run_query(with_values(_DESCRIBE, {"iri": node}))
        if not triples:
            raise ApiError(404, f"nothing in the graph is about <{iri}>")
        response = Response(results.render_triples(triples, media), mimetype=media)
        response.headers["Vary"] = "Accept"
        return response
    summary = entity_summary(iri)
    if media == "application/json":
        response = jsonify(summary)
        response.headers["Vary"] = "Accept"
        return response
    iris = {r["x"] for r in state().store.select(_IRI_VALUES, iri=node)}
    for group in summary["outgoing"] + summary["incoming"]:  # the facts first, then the rest
        group["facts_first"] = (not group["property"].startswith(DKG), group["property"])
    kind = _primary_type(summary["types"])
    alternates = {name: url_for("browse.entity", iri=iri, format=fmt)
                  for name, fmt in (("JSON", "json"), ("Turtle", "ttl"),
                                    ("N-Triples", "nt"), ("JSON-LD", "jsonld"))}
    response = Response(render_template(
        "entity.html", data=summary, iris=iris, kind=kind, alternates=alternates,
        inferred_graph=INFERRED_GRAPH, facet_links=_facet_links(iri, kind)),
        mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def _facet_links(iri: str, kind: str | None) -> list[dict]:
    facet = {"Neurotransmitter": "neurotransmitter", "DrugClass": "class", "Risk": "risk",
             "AdverseEffect": "adverse", "Condition": "contraindication"}.get(kind or "")
    if not facet:
        return []
    return [{"title": f"Drugs by {FACETS[facet][0].lower()}: this one",
             "href": url_for("browse.drugs", **{facet: iri})}]


@bp.get("/entity")
def entity():
    iri = request.args.get("iri", "")
    if not iri:
        raise ApiError(400, "parameter 'iri' is required")
    return _entity_response(iri)


@bp.get("/id/<any(vocab, data):space>/<path:rest>")
def linked_data(space: str, rest: str):
    """Linked Data: /id/vocab/drug/clobazam is https://w3id.org/drugkg/vocab/drug/clobazam;
    /id/data/... is the configured BASE + ...; HTML, JSON or RDF by Accept."""
    base = VOCAB if space == "vocab" else state().config["BASE"]
    return _entity_response(base + rest)


# ------------------------------------------------------------------ graph view

_HIDDEN = ["rdf:type", "skos:inScheme", "rdf:subject", "rdf:object", "rdf:predicate",
           "prov:wasDerivedFrom", "prov:wasGeneratedBy", "skos:exactMatch",
           "skos:closeMatch", "rdfs:domain", "rdfs:range"]
_NEIGHBOURS = _PROLOGUE + """
SELECT ?dir ?p ?other (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?t)) AS ?types)
WHERE {
  { ?iri ?p ?other . BIND("out" AS ?dir) } UNION { ?other ?p ?iri . BIND("in" AS ?dir) }
  FILTER(isIRI(?other) && ?p NOT IN (%s))
  OPTIONAL { ?other skos:prefLabel|rdfs:label ?l }
  OPTIONAL { ?other a ?t }
} GROUP BY ?dir ?p ?other""" % ", ".join(_HIDDEN)
_SELF = _PROLOGUE + """
SELECT (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?t)) AS ?types) WHERE {
  OPTIONAL { ?iri skos:prefLabel|rdfs:label ?l } OPTIONAL { ?iri a ?t } }"""
MAX_NEIGHBOURS = 120


def neighbourhood(iri: str) -> dict:
    node = _node(iri)
    store = state().store
    me = store.select(_SELF, iri=node)[0]
    rows = store.select(_NEIGHBOURS, iri=node)
    if not rows and not me["types"] and not me["label"]:
        raise ApiError(404, f"nothing in the graph is about <{iri}>")

    def make(x: str, label: str | None, types: str | None) -> dict:
        kind = _primary_type((types or "").split())
        return {"data": {"id": x, "label": label or curie(x), "type": kind or "Other",
                         "href": entity_href(x)}}

    nodes = {iri: make(iri, me["label"], me["types"])}
    edges = []
    rows.sort(key=lambda r: (r["p"], r["label"] or r["other"]))
    for r in rows[:MAX_NEIGHBOURS]:
        nodes.setdefault(r["other"], make(r["other"], r["label"], r["types"]))
        s, o = (iri, r["other"]) if r["dir"] == "out" else (r["other"], iri)
        edges.append({"data": {"id": f"{s} {r['p']} {o}", "source": s, "target": o,
                               "label": curie(r["p"]).split(":", 1)[-1]}})
    return {"iri": iri, "truncated": len(rows) > MAX_NEIGHBOURS,
            "elements": {"nodes": list(nodes.values()), "edges": edges}}


@bp.get("/graph")
def graph():
    iri = request.args.get("iri", "")
    if not iri:
        raise ApiError(400, "parameter 'iri' is required")
    data = neighbourhood(iri)
    return page("graph.html", data, centre=data["elements"]["nodes"][0]["data"])


# ------------------------------------------------------------------ query page

@bp.get("/query")
def query_page():
    return page("query.html", {"endpoint": url_for("sparql.endpoint"),
                               "queries": named_examples()})


# ------------------------------------------------------------------ monograph view

_SOURCE = _PROLOGUE + """
SELECT ?g ?src ?file ?sha ?format ?record WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?src ;
  dkg:sourceFile ?file . OPTIONAL { ?g dkg:sha256 ?sha }
  OPTIONAL { ?g dkg:labelFormat ?format } OPTIONAL { ?g dkg:record ?record } } }"""
_GRAPH_EVIDENCE = _PROLOGUE + """
SELECT ?e ?s ?p ?o ?sentence ?section ?line (SAMPLE(?sl0) AS ?sl) (SAMPLE(?ol0) AS ?ol)
WHERE {
  GRAPH ?g { ?e a dkg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                dkg:sentence ?sentence ; dkg:section ?section ; dkg:line ?line }
  OPTIONAL { ?s skos:prefLabel|rdfs:label ?sl0 }
  OPTIONAL { ?o skos:prefLabel|rdfs:label ?ol0 }
} GROUP BY ?e ?s ?p ?o ?sentence ?section ?line"""
MAX_FILE_BYTES = 4_000_000
MAX_LABEL_FILE_BYTES = 64_000_000  # a label page is re-read from its (bulk) file on demand
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.S | re.M)


def _markdown() -> MarkdownIt:
    # html disabled: raw HTML is text; validateLink (default) drops javascript:, vbscript:,
    # file: and data: (except images) links, which then render as plain text.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    return md


def _read_source(src: str) -> tuple[str, str] | None:
    """(text, sha256) of the monograph file, if it is still on disk."""
    parsed = urlparse(src)
    if parsed.scheme != "file":
        return None
    path = Path(url2pathname(unquote(parsed.path)))
    if not corpus.allows(state().store, path):  # provenance alone could name any file
        return None
    try:
        if path.suffix.lower() != ".md" or not path.is_file() or \
                path.stat().st_size > MAX_FILE_BYTES:
            return None
        raw = path.read_bytes()
        return raw.decode("utf-8", errors="replace"), hashlib.sha256(raw).hexdigest()
    except OSError:
        return None


def _read_label(src: str, record: str) -> tuple[str, str] | None:
    """(page, sha256 of the record) of a structured label as ingest rendered it, if its
    file still holds it (files over the size cap are not scanned for a page view)."""
    from drugkg.ingest.labels import label_markdown

    parsed = urlparse(src)
    if parsed.scheme != "file":
        return None
    path = Path(url2pathname(unquote(parsed.path)))
    if not corpus.allows(state().store, path):
        return None
    try:
        if not path.is_file() or path.stat().st_size > MAX_LABEL_FILE_BYTES:
            return None
    except OSError:
        return None
    return label_markdown(path, record)


def render_monograph(text: str, evidence: list[dict]) -> tuple[str, str | None]:
    """(body HTML, front matter text): everything escaped, evidence blocks and sentences
    marked, each evidence line anchored as #L<line>."""
    front = None
    match = _FRONT_MATTER.match(text)
    if match:
        front = match.group(0)
        # keep line numbers: the front matter becomes blank lines
        text = "\n" * front.count("\n") + text[match.end():]
    md = _markdown()
    env: dict = {}
    tokens = md.parse(text, env)
    by_line: dict[int, list[dict]] = {}
    for e in evidence:
        by_line.setdefault(e["line"], []).append(e)
    used: set[int] = set()
    for token in tokens:
        if token.type not in ("paragraph_open", "list_item_open", "heading_open", "tr_open") \
                or not token.map or (token.type == "paragraph_open" and token.hidden):
            continue
        lines = [n for n in range(token.map[0] + 1, token.map[1] + 1) if n in by_line]
        if not lines:
            continue
        token.attrJoin("class", "has-evidence")
        token.attrSet("data-lines", " ".join(map(str, lines)))
        if token.type != "list_item_open" and lines[0] not in used:
            token.attrSet("id", f"L{lines[0]}")
            used.add(lines[0])
    sentences = sorted({(e["sentence"], e["line"]) for e in evidence},
                       key=lambda s: -len(s[0]))

    def text_rule(renderer, tokens, idx, options, env):
        content = tokens[idx].content
        spans: list[tuple[int, int, int]] = []
        for sentence, line in sentences:
            start = content.find(sentence)
            if start < 0 or any(a < start + len(sentence) and start < b for a, b, _ in spans):
                continue
            spans.append((start, start + len(sentence), line))
        out, pos = [], 0
        for a, b, line in sorted(spans):
            out.append(str(escape(content[pos:a])))
            anchor = "" if line in used else f' id="L{line}"'
            used.add(line)
            out.append(f'<mark class="evidence" data-line="{line}"{anchor}>'
                       f"{escape(content[a:b])}</mark>")
            pos = b
        out.append(str(escape(content[pos:])))
        return "".join(out)

    def link_open(renderer, tokens, idx, options, env):
        tokens[idx].attrSet("rel", "nofollow noopener noreferrer")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("text", text_rule)
    md.add_render_rule("link_open", link_open)
    return md.renderer.render(tokens, md.options, env), front


@bp.get("/monograph")
def monograph():
    store = state().store
    graph_iri, source = request.args.get("graph"), request.args.get("source")
    if graph_iri:
        rows = store.select(_SOURCE, g=_node(graph_iri))
    elif source:
        rows = store.select(_SOURCE, file=ox.Literal(source))
    else:
        raise ApiError(400, "give 'graph' (a monograph graph IRI) or 'source' (its file name)")
    if not rows:
        raise ApiError(404, "no monograph graph " + (f"<{graph_iri}>" if graph_iri
                                                       else f"from {source!r}"))
    info = rows[0]
    facts = [{"evidence": r["e"], "subject": r["s"], "subject_label": r["sl"] or curie(r["s"]),
              "property": r["p"], "property_curie": curie(r["p"]), "object": r["o"],
              "object_label": r["ol"] or curie(r["o"]), "sentence": r["sentence"],
              "section": r["section"], "line": int(r["line"])}
             for r in store.select(_GRAPH_EVIDENCE, g=ox.NamedNode(info["g"]))]
    facts.sort(key=lambda f: (f["line"], f["subject_label"], f["object_label"]))
    read = _read_label(info["src"], info["record"] or "") if info["format"] else \
        _read_source(info["src"])
    text = read[0] if read else None
    data = {"graph": info["g"], "source": info["file"], "file": info["src"],
            "available": text is not None, "changed": None, "facts": facts,
            "markdown": text}
    body = front = None
    if text is not None:
        if info["sha"]:
            data["changed"] = read[1] != info["sha"]
        html, front = render_monograph(text, facts)
        body = Markup(html)  # built from escaped text by markdown-it with html disabled
    return page("monograph.html", data, body=body, front=front)
