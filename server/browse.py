"""The browse UI: home, entity pages (Linked Data at /id/...), search results, faceted
drugs, graph view, query page and monograph view.

Every HTML page has a JSON twin (``Accept: application/json`` or ``?format=json``) with the
data the page shows (the drugs table also CSV); entity IRIs also answer Turtle, N-Triples,
JSON-LD and RDF/XML. The SPARQL is in ``queries/internal/*.rq``; user values reach it only
as bound RDF terms (``store.select(sparql, name=term)``), never as text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import pyoxigraph as ox
from flask import (
    Blueprint,
    Response,
    jsonify,
    render_template,
    request,
    url_for,
)
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from drugkg import corpus, formats
from drugkg.ontology import SCHEMES, VOCAB
from drugkg.ontology.identifiers import curie, expand
from drugkg.queries import results
from drugkg.server import negotiation
from drugkg.server.api import (
    KIND_ORDER,
    MAX_QUESTION_CHARS,
    ask_body,
    entity_summary,
    fuzzy_hits,
    overlong,
    primary_kind,
    property_label,
    property_labels,
    search_args,
    search_hits,
)
from drugkg.server.entity_view import KIND_PLURALS, PAGE_SIZE, entity_view
from drugkg.server.errors import ApiError
from drugkg.server.sparql import on_worker, run_query
from drugkg.server.state import state
from drugkg.sparql import load
from drugkg.store import with_values

bp = Blueprint("browse", __name__)

# format parameter -> media type (drugkg.formats): pages (json, csv for tables), entity IRIs
FORMATS = formats.names(formats.PAGE, formats.GRAPH)
PAGE_OFFERS = ["text/html", "application/json"]
TABLE_OFFERS = ["text/html", "application/json", "text/csv"]
ENTITY_RDF = ["text/turtle", "application/n-triples", "application/ld+json",
              "application/rdf+xml"]
ENTITY_OFFERS = PAGE_OFFERS + ENTITY_RDF
# the "Data:" links of an entity page: (label, format name, media type)
ENTITY_ALTERNATES = (("JSON", "json", "application/json"), *(
    (f.label, f.name, f.media) for f in map(partial(formats.by_media, kind=formats.GRAPH),
                                            ENTITY_RDF)))
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
KIND_NAMES = {"UnlinkedConcept": "Unlinked concept", "DrugProduct": "Drug product",
              "CombinationProduct": "Combination product", "DrugClass": "Drug class",
              "AdverseEffect": "Adverse effect"}


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


def kind_name(kind: str | None) -> str:
    return KIND_NAMES.get(kind or "", kind or "Other")


def _wanted(offers: list[str]) -> str:
    return negotiation.pick(offers, FORMATS, "this page")


def _csv(rows: list[dict], columns: list[str]) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["|".join(v) if isinstance(v := row.get(c, ""), list) else v
                         for c in columns])
    return Response(out.getvalue(), mimetype="text/csv")


def page(template: str, data: dict, offers=PAGE_OFFERS, table: tuple | None = None,
         **context) -> Response:
    """HTML for browsers, the same data as JSON for clients (Accept or ?format=json), and
    for a table page its rows as CSV (``table`` = (rows, columns))."""
    media = _wanted(offers)
    if media == "application/json":
        response = jsonify(data)
    elif media == "text/csv" and table is not None:
        response = _csv(*table)
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


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        raise ApiError(400, f"parameter 'page' must be a page number, not {raw[:40]!r}")
    return int(raw)


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
            "kind_name": kind_name, "query_page_data": query_page_data}


@bp.get("/favicon.ico")
def favicon():
    icon = (Path(bp.root_path) / "static" / "favicon.svg").read_bytes()
    response = Response(icon, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


# ------------------------------------------------------------------ facets

FACETS = {"neurotransmitter": "Neurotransmitter", "class": "Drug class", "risk": "Risk",
          "adverse": "Adverse effect", "contraindication": "Contraindication"}
SORTS = {"name": "name A–Z", "-name": "name Z–A", "sources": "most monographs first"}


def _selected() -> dict[str, list[str]]:
    """The facet values of the request, each facet's values sorted and unique."""
    unknown = set(request.args) - set(FACETS) - {"format", "sort", "page"}
    if unknown:
        raise ApiError(400, f"unknown parameter(s) {sorted(unknown)}; facets are "
                            f"{sorted(FACETS)}, and sort, page, format")
    selected = {}
    for facet in sorted(FACETS):
        values = sorted({v for v in request.args.getlist(facet) if v})
        for value in values:
            _node(value)
        if values:
            selected[facet] = values
    return selected


def facet_index(only=tuple(FACETS)) -> tuple[dict[str, dict[str, set[str]]], dict[str, str]]:
    """(facet -> value -> drugs, value -> label) over every drug a product contains (one
    query per facet: as one UNION the store plans it many times slower)."""
    index: dict[str, dict[str, set[str]]] = {f: {} for f in only}
    store = state().store
    for facet in only:
        for row in store.select(load("facet-" + facet)):
            index[facet].setdefault(row["V"], set()).add(row["drug"])
    values = tuple(ox.NamedNode(v) for f in index.values() for v in f)
    labels = {r["iri"]: r["name"] for r in store.select(load("labels-of"), iri=values)
              if r["name"]} if values else {}
    return index, labels


def facet_counts(selected: dict[str, list[str]], only=tuple(FACETS),
                 facets: tuple[dict, dict] | None = None) -> dict:
    """Each facet's values with the number of drugs that would match if the value were
    chosen: OR within a facet (so a facet's own choice does not narrow its counts), AND
    across facets."""
    index, labels = facets or facet_index(tuple(dict.fromkeys([*only, *selected])))
    everything = set().union(*(d for f in index.values() for d in f.values()))
    chosen = {f: set().union(*(index[f].get(v, set()) for v in vs))
              for f, vs in selected.items()}
    out: dict[str, dict] = {}
    for facet in only:
        others = everything.intersection(*(d for f, d in chosen.items() if f != facet))
        values = []
        for value, drugs in index[facet].items():
            count = len(drugs & others)
            is_selected = value in selected.get(facet, [])
            if count or is_selected:
                values.append({"iri": value, "label": labels.get(value) or curie(value),
                               "count": count, "selected": is_selected})
        values.sort(key=lambda v: (-v["count"], v["label"].lower(), v["iri"]))
        out[facet] = {"facet": facet, "title": FACETS[facet], "values": values}
    return out


def matching_drugs(selected: dict[str, list[str]], facets: tuple[dict, dict] | None = None
                   ) -> list[dict]:
    """The drugs with at least one chosen value in every facet that has a choice."""
    index, _ = facets or (facet_index(tuple(selected)) if selected else ({}, {}))
    keep = None
    for facet, values in selected.items():
        drugs = set().union(*(index[facet].get(v, set()) for v in values))
        keep = drugs if keep is None else keep & drugs
    rows = state().store.select(load("drug-sources"))
    return [{"iri": r["drug"], "label": r["label"] or curie(r["drug"]),
             "sources": sorted(s for s in (r["sources"] or "").split("|") if s)}
            for r in rows if keep is None or r["drug"] in keep]


def drugs_url(selected: dict[str, list[str]], sort: str = "name", page_no: int = 1,
              **extra) -> str:
    """The canonical URL of a drugs view: facets by name, values sorted, defaults left out."""
    params = {f: sorted(selected[f]) for f in sorted(selected) if selected[f]}
    if sort != "name":
        params["sort"] = sort
    if page_no != 1:
        params["page"] = str(page_no)
    params.update(extra)
    return url_for("browse.drugs", **params)


def nofollow(selected: dict[str, list[str]], sort: str = "name", page_no: int = 1) -> bool:
    """Whether a link to this view is a combination (more than one choice): crawlers are
    told not to follow those, which keeps the URL space one link per facet value."""
    return sum(map(len, selected.values())) + (sort != "name") + (page_no != 1) > 1


# ------------------------------------------------------------------ pages

def named_examples() -> list[dict]:
    """Each named query with its parameters and defaults bound, ready to run at /sparql."""
    out = []
    for q in state().queries.values():
        try:
            text = with_values(q.sparql, q.bindings({}))
        except Exception:  # a parameter without a default: show the query unbound
            text = q.sparql
        out.append({"name": q.name, "title": q.title, "description": q.description,
                    "sparql": text, "tags": list(q.tags),
                    "params": [{"name": p.name, "type": p.type, "default": p.default,
                                "description": p.description, "kind": p.kind,
                                "search_type": SCHEMES[p.kind][1] if p.kind else None}
                               for p in q.params]})
    return out


STATS_ORDER = ["monograph graphs", "drugs", "facts with evidence", "unlinked concepts"]


@bp.get("/")
def home():
    stats_query = state().queries.get("graph-stats")
    stats = [{"what": r["what"], "count": int(r["count"])}
             for r in state().store.select(stats_query.sparql)] if stats_query else []
    # a fixed order: the store answers a UNION in no promised order
    stats.sort(key=lambda s: (STATS_ORDER.index(s["what"]) if s["what"] in STATS_ORDER
                              else len(STATS_ORDER), s["what"]))
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


@bp.get("/search")
def search_page():
    """Search results on Enter: every match grouped by kind; with none, the closest names
    despite typos ('did you mean')."""
    q = request.args.get("q", "").strip()
    data: dict = {"q": q, "groups": [], "suggestions": [], "count": 0}
    if q:
        q, _, wanted = search_args()
        hits = search_hits(q, 200, wanted)
        if not hits:
            data["suggestions"] = fuzzy_hits(q, 10)
        by_kind: dict[str, list[dict]] = {}
        for hit in hits:
            by_kind.setdefault(primary_kind(hit["types"]) or "Other", []).append(hit)
        order = [*KIND_ORDER, "Other"]
        data["groups"] = [{"kind": k, "title": KIND_PLURALS.get(k, "Other"), "hits": v}
                          for k, v in sorted(by_kind.items(), key=lambda kv: order.index(
                              kv[0]) if kv[0] in order else len(order))]
        data["count"] = len(hits)
    return page("search.html", data)


@bp.get("/drugs")
def drugs():
    selected = _selected()
    sort = request.args.get("sort", "name")
    if sort not in SORTS:
        raise ApiError(400, f"parameter 'sort' is one of {sorted(SORTS)}, not {sort[:40]!r}")
    page_no = _page_number()
    index = facet_index()  # read once for the counts and the matches
    facets = facet_counts(selected, facets=index)
    found = matching_drugs(selected, facets=index)
    if sort == "sources":
        found.sort(key=lambda d: (-len(d["sources"]), d["label"].lower()))
    else:
        found.sort(key=lambda d: d["label"].lower(), reverse=sort == "-name")
    pages = max(1, -(-len(found) // PAGE_SIZE))
    if page_no > pages:
        raise ApiError(404, f"page {page_no} of {pages}: there are {len(found)} drugs")
    shown = found[(page_no - 1) * PAGE_SIZE: page_no * PAGE_SIZE]
    labels = {v["iri"]: v["label"] for f in facets.values() for v in f["values"]}

    def toggle(facet: str, iri: str) -> tuple[str, bool]:
        """(URL, nofollow) of the view with ``iri`` added to or taken from ``facet``."""
        params = {f: list(v) for f, v in selected.items()}
        values = params.setdefault(facet, [])
        if iri in values:
            values.remove(iri)
        else:
            values.append(iri)
        return drugs_url(params, sort), nofollow(params, sort)

    def view(sort_by: str = sort, number: int = 1) -> tuple[str, bool]:
        return drugs_url(selected, sort_by, number), nofollow(selected, sort_by, number)

    data = {"selected": [{"facet": f, "title": FACETS[f], "iri": v,
                          "label": labels.get(v, curie(v))}
                         for f, vs in selected.items() for v in vs],
            "count": len(found), "sort": sort, "page": page_no, "pages": pages,
            "drugs": shown, "facets": list(facets.values())}
    return page("drugs.html", data, offers=TABLE_OFFERS,
                table=(found, ["iri", "label", "sources"]), toggle=toggle, view=view,
                sorts=SORTS, canonical=drugs_url(selected, sort, page_no),
                downloads={fmt: drugs_url(selected, sort, format=fmt) for fmt in ("csv", "json")},
                combination=nofollow(selected, sort, page_no))


def _entity_response(iri: str) -> Response:
    node = _node(iri)
    media = _wanted(ENTITY_OFFERS)
    if media not in ("text/html", "application/json"):
        triples = run_query(with_values(load("entity-describe"), {"iri": node}))
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
    view = entity_view(summary, request.args.get("group"), _page_number())
    if summary["kind"] == "UnlinkedConcept":
        view["candidates"] = [h for h in fuzzy_hits(summary["label"], 8)
                              if h["iri"] != iri and "UnlinkedConcept" not in h["types"]][:5]
    here = request.path if request.path != url_for("browse.entity") else None
    alternates = [{"name": name, "media": media_type,
                   "href": (here + "?format=" + fmt) if here else
                   url_for("browse.entity", iri=iri, format=fmt)}
                  for name, fmt, media_type in ENTITY_ALTERNATES]
    response = Response(render_template(
        "entity.html", data=summary, view=view, alternates=alternates,
        facet_links=_facet_links(iri, summary["kind"])), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def _facet_links(iri: str, kind: str | None) -> list[dict]:
    facet = {"Neurotransmitter": "neurotransmitter", "DrugClass": "class", "Risk": "risk",
             "AdverseEffect": "adverse", "Condition": "contraindication"}.get(kind or "")
    if not facet:
        return []
    return [{"title": f"Drugs by {FACETS[facet].lower()}: this one",
             "href": drugs_url({facet: [iri]})}]


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

MAX_NEIGHBOURS = 120


def neighbourhood(iri: str) -> dict:
    node = _node(iri)
    store = state().store
    me = store.select(load("graph-centre"), iri=node)[0]
    rows = store.select(load("graph-neighbours"), iri=node)
    if not rows and not me["types"] and not me["label"] and \
            not store.select(load("entity-known"), iri=node):
        raise ApiError(404, f"nothing in the graph is about <{iri}>")
    labels = property_labels()

    def make(x: str, label: str | None, types: str | None) -> dict:
        kind = primary_kind((types or "").split())
        return {"data": {"id": x, "label": label or curie(x), "type": kind or "Other",
                         "href": entity_href(x)}}

    nodes = {iri: make(iri, me["label"], me["types"])}
    edges = []
    rows.sort(key=lambda r: (r["p"], r["label"] or r["other"], r["other"]))
    for r in rows[:MAX_NEIGHBOURS]:
        nodes.setdefault(r["other"], make(r["other"], r["label"], r["types"]))
        s, o = (iri, r["other"]) if r["dir"] == "out" else (r["other"], iri)
        edges.append({"data": {"id": f"{s} {r['p']} {o}", "source": s, "target": o,
                               "property": r["p"],
                               "label": property_label(labels, r["p"])}})
    return {"iri": iri, "truncated": len(rows) > MAX_NEIGHBOURS,
            "elements": {"nodes": list(nodes.values()), "edges": edges}}


@bp.get("/graph")
def graph():
    iri = request.args.get("iri", "")
    if not iri:
        raise ApiError(400, "parameter 'iri' is required")
    data = neighbourhood(iri)
    nodes = data["elements"]["nodes"]
    kinds = sorted({n["data"]["type"] for n in nodes},
                   key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER))
    relations = sorted({e["data"]["label"] for e in data["elements"]["edges"]})
    by_id = {n["data"]["id"]: n["data"] for n in nodes}
    table = sorted(({"source": by_id[e["data"]["source"]], "label": e["data"]["label"],
                     "target": by_id[e["data"]["target"]]} for e in data["elements"]["edges"]),
                   key=lambda r: (r["label"], r["source"]["label"], r["target"]["label"]))
    return page("graph.html", data, centre=nodes[0]["data"], kinds=kinds, relations=relations,
                edges_table=table)


# ------------------------------------------------------------------ query page

@bp.get("/query")
def query_page():
    """The SPARQL editor, with the named queries as a gallery: each with a form for its
    parameters; ``?named=NAME&param=value`` opens one bound to those values."""
    return page("query.html", query_page_data())


def query_page_data() -> dict:
    """The query page's data (also for /sparql, which shows this page to browsers)."""
    chosen = None
    name = request.args.get("named")
    if name:
        named = state().queries.get(name)
        if named is None:
            raise ApiError(404, f"no named query {name!r}; see {url_for('browse.query_page')}")
        values = {p.name: request.args[p.name] for p in named.params if request.args.get(p.name)}
        sparql, bindings = named.prepare(values, state().store)
        chosen = {"name": name, "given": values, "sparql": with_values(sparql, bindings)}
    return {"endpoint": url_for("sparql.endpoint"), "queries": named_examples(),
            "chosen": chosen, "local": [VOCAB, state().config["BASE"]]}


# ------------------------------------------------------------------ monograph view

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

    def heading(renderer, tokens, idx, options, env):
        token = tokens[idx]  # the page has its own H1: the monograph's headings sit below it
        token.tag = f"h{min(6, int(token.tag[1]) + 1)}"
        return renderer.renderToken(tokens, idx, options, env)

    def link_open(renderer, tokens, idx, options, env):
        tokens[idx].attrSet("rel", "nofollow noopener noreferrer")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("text", text_rule)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("heading_open", heading)
    md.add_render_rule("heading_close", heading)
    return md.renderer.render(tokens, md.options, env), front


@bp.get("/monograph")
def monograph():
    store = state().store
    graph_iri, source = request.args.get("graph"), request.args.get("source")
    if graph_iri:
        rows = store.select(load("monograph-source"), g=_node(graph_iri))
    elif source:
        rows = store.select(load("monograph-source"), file=ox.Literal(source))
    else:
        raise ApiError(400, "give 'graph' (a monograph graph IRI) or 'source' (its file name)")
    if not rows:
        raise ApiError(404, "no monograph graph " + (f"<{graph_iri}>" if graph_iri
                                                       else f"from {source!r}"))
    info = rows[0]
    labels = property_labels()
    facts = [{"evidence": r["e"], "subject": r["s"], "subject_label": r["sl"] or curie(r["s"]),
              "property": r["p"], "property_curie": curie(r["p"]),
              "property_label": property_label(labels, r["p"]), "rule": r["rule"],
              "object": r["o"],
              "object_label": r["ol"] or curie(r["o"]), "sentence": r["sentence"],
              "section": r["section"], "line": int(r["line"])}
             for r in store.select(load("monograph-evidence"), g=ox.NamedNode(info["g"]))]
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
