"""The JSON API: named queries, search with autocomplete, entity summaries, drug cards."""

from __future__ import annotations

import re
from functools import partial

import pyoxigraph as ox
from flask import Blueprint, Response, jsonify, request, url_for

from drugkg.errors import QueryError
from drugkg.ontology import PREFIXES
from drugkg.ontology.identifiers import external_converter
from drugkg.publish.cards import build_cards
from drugkg.server.errors import ApiError
from drugkg.server.sparql import on_worker, run_query
from drugkg.server.state import state
from drugkg.sparql import load

bp = Blueprint("api", __name__, url_prefix="/api")
RESULTS_JSON = "application/sparql-results+json"
MAX_QUESTION_CHARS = 200
MAX_QUESTION_WORDS = 25  # 28 repeated phrases took 3.5 s to read, 36 took 87 s


def _query_meta(q) -> dict:
    return {
        "name": q.name,
        "title": q.title,
        "description": q.description,
        "params": [{"name": p.name, "type": p.type, "default": p.default,
                    "description": p.description, **({"kind": p.kind} if p.kind else {})}
                   for p in q.params],
        "example": q.example,
        "tags": list(q.tags),
        "sparql": q.sparql,
        "url": url_for("api.run_named", name=q.name, _external=True),
    }


@bp.get("/queries")
def list_queries():
    return jsonify({"queries": [_query_meta(q) for q in state().queries.values()]})


@bp.get("/queries/<name>")
def run_named(name: str):
    named = state().queries.get(name)
    if named is None:
        raise ApiError(404, f"no named query {name!r}; see {url_for('api.list_queries')}")
    values = {k: v for k, v in request.args.items() if k != "format"}
    sparql, bindings = named.prepare(values, state().store)
    from drugkg.store import with_values

    # serialised by the engine (a JSON object: head, results), never a Python object per value
    outcome = run_query(with_values(sparql, bindings), media=RESULTS_JSON)
    about = {"query": _query_meta(named),
             "params": {p.name: bindings[p.name].value
                        if p.name in bindings and p.type != "concept"
                        else values.get(p.name, p.default) for p in named.params},
             "concepts": {p.name: [t.value for t in bindings[p.name]]
                          for p in named.params if p.type == "concept"}}
    import json

    # one object: these keys first, then the engine's own, its text as it wrote it
    head = json.dumps(about, ensure_ascii=False, separators=(",", ":"))[:-1].encode()
    response = Response(head + b"," + outcome.body.lstrip()[1:], mimetype="application/json")
    if outcome.truncated:
        response.headers["X-Result-Truncated"] = "true"
    return response


MAX_SEARCH_CHARS = 200
FUZZY_CUTOFF = 80  # rapidfuzz ratio: "clonazepan" scores 90 against "clonazepam"


def _kind(type_iri: str | None) -> str | None:
    return (type_iri or "").replace(PREFIXES["dkg"], "") or None


def search_hits(q: str, limit: int = 10, wanted: str | None = None) -> list[dict]:
    """Labels and synonyms that start with ``q`` (any case), best first: exact name, then
    the preferred label itself, then the closest synonym."""
    hits: dict[str, dict] = {}
    for row in state().store.select(load("search-prefix"), q=ox.Literal(q)):
        kind = _kind(row["type"])
        if wanted and kind != wanted:
            continue
        hit = hits.setdefault(row["iri"], {"iri": row["iri"], "label": row["label"] or
                                           row["matched"], "types": [], "matched": []})
        if kind and kind not in hit["types"]:
            hit["types"].append(kind)
        if row["matched"] not in hit["matched"]:
            hit["matched"].append(row["matched"])
    low = q.lower()
    ranked = sorted(hits.values(), key=lambda h: (
        not any(m.lower() == low for m in h["matched"]),  # exact name first
        not h["label"].lower().startswith(low),  # then the preferred label itself
        min(len(m) for m in h["matched"]),  # then the closest synonym
        h["label"].lower()))
    return ranked[:limit]


def fuzzy_hits(q: str, limit: int = 10) -> list[dict]:
    """Names close to ``q`` despite typos (rapidfuzz), best first: for 'did you mean'."""
    from rapidfuzz import fuzz, process, utils

    names = _names()
    found = process.extract(q.lower(), list(names), scorer=fuzz.ratio,
                            processor=utils.default_process, score_cutoff=FUZZY_CUTOFF,
                            limit=limit * 3)
    hits: dict[str, dict] = {}
    for name, score, _ in sorted(found, key=lambda f: (-f[1], len(f[0]), f[0])):
        for iri, info in sorted(names[name]["iris"].items()):
            hit = hits.setdefault(iri, {"iri": iri, "label": info["label"] or names[name][
                "name"], "types": sorted(k for k in info["kinds"] if k), "matched": [],
                "score": round(score, 1)})
            hit["matched"].append(names[name]["name"])
    return list(hits.values())[:limit]


_NAMES: dict[int, tuple[int, dict]] = {}


def _names() -> dict[str, dict]:
    """lower-cased name -> {name, iris: {iri: {label, kinds}}} of every typed concept. Read
    once per state of the store's graphs (reading them takes a second on the dev corpora)."""
    store = state().store
    key = len(store)  # ingest and updates change it
    cached = _NAMES.get(id(store))
    if cached and cached[0] == key:
        return cached[1]
    names: dict[str, dict] = {}
    for row in store.select(load("search-names")):
        entry = names.setdefault(row["name"].lower(), {"name": row["name"], "iris": {}})
        kinds = entry["iris"].setdefault(row["iri"], {"label": row["label"], "kinds": set()})
        kinds["kinds"].add(_kind(row["type"]))
    _NAMES.clear()  # one store per app: keep only the newest
    _NAMES[id(store)] = (key, names)
    return names


def search_args() -> tuple[str, int, str | None]:
    """(q, limit, type) of a search request, or a 400 saying what is wrong."""
    q = request.args.get("q", "").strip()
    if len(q) < 2:
        raise ApiError(400, "parameter 'q' needs at least 2 characters")
    if len(q) > MAX_SEARCH_CHARS:
        raise ApiError(400, f"parameter 'q' is at most {MAX_SEARCH_CHARS} characters")
    try:
        limit = max(1, min(100, int(request.args.get("limit", 10))))
    except ValueError as exc:
        raise ApiError(400, "parameter 'limit' must be an integer") from exc
    return q, limit, request.args.get("type") or None


@bp.get("/search")
def search():
    """Autocomplete over labels and synonyms: ?q=benzo&limit=10&type=DrugClass. With no
    name starting so, the closest names despite typos, as ``suggestions``."""
    q, limit, wanted = search_args()
    results = search_hits(q, limit, wanted)
    body: dict = {"q": q, "results": results}
    if not results:
        body["suggestions"] = fuzzy_hits(q, limit)
    return jsonify(body)


# Kinds in the order that decides an entity's badge, colour and the order of its groups
# (an unlinked concept is also typed with the kind it was read as: it is badged unlinked).
KIND_ORDER = ["UnlinkedConcept", "Drug", "DrugProduct", "CombinationProduct", "DrugClass",
              "Mechanism", "Neurotransmitter", "Target", "Condition", "AdverseEffect", "Risk",
              "Substance", "Evidence"]


def primary_kind(kinds) -> str | None:
    """The kind that names an entity (dkg: local names, IRIs or CURIEs given)."""
    short = {k.replace(PREFIXES["dkg"], "").replace("dkg:", "") for k in kinds if k}
    return next((k for k in KIND_ORDER if k in short), None)


def property_labels() -> dict[str, dict]:
    """property IRI -> {label, inverse}: the ontology's rdfs:label and dkg:inverseLabel."""
    return {r["p"]: {"label": r["label"], "inverse": r["inverse"]}
            for r in state().store.select(load("property-labels"))}


def property_label(labels: dict[str, dict], iri: str, inverse: bool = False) -> str:
    """A property's heading: its label (or inverse label), else its local name in words."""
    known = labels.get(iri, {})
    if inverse:
        if known.get("inverse"):
            return known["inverse"]
        return f"{property_label(labels, iri)} (inverse)"
    if known.get("label"):
        return known["label"]
    local = re.split(r"[#/:]", iri)[-1] or iri
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("_", " ").lower()


def _blank_nodes(node: ox.NamedNode, labels: dict) -> dict[str, list[dict]]:
    """blank node id -> its statements (property label, value), to show inline."""
    out: dict[str, list[dict]] = {}
    for r in state().store.select(load("entity-blank-nodes"), iri=node):
        rows = out.setdefault(r["b"], [])
        fact = {"property": r["p"], "property_label": property_label(labels, r["p"]),
                "value": r["o"], "label": r["label"], "blank": r["isBlank"] == "true"}
        if fact not in rows:
            rows.append(fact)
    return out


def entity_summary(iri: str) -> dict:
    """Everything the graph says about one IRI: relations grouped by property (incoming
    ones also by the kind of their subject), labelled from the ontology, each value with
    the numbers of its evidence sentences; the sentences once each, with the facts they
    support and the rule that read each; blank nodes' statements to show inline."""
    from drugkg.ontology import INFERRED_GRAPH, RDF, RDFS, SKOS

    try:
        node = ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"{iri!r} is not an IRI") from exc
    store = state().store
    rows = store.select(load("entity-relations"), iri=node)
    labels = property_labels()
    usage = store.select(load("term-usage"), iri=node)[0]
    uses = int(usage["uses"] or 0)
    if not rows and not uses:
        raise ApiError(404, f"nothing in the graph is about <{iri}>")
    evidence: dict[tuple, dict] = {}  # (graph, line, sentence) -> sentence entry
    fact_evidence: dict[tuple, list[int]] = {}
    for e in sorted(store.select(load("entity-evidence"), iri=node),
                    key=lambda e: (e["source"], int(e["line"]), e["sentence"])):
        key = (e["g"], int(e["line"]), e["sentence"])
        entry = evidence.setdefault(key, {
            "id": len(evidence) + 1, "sentence": e["sentence"], "section": e["section"],
            "source": e["source"], "line": int(e["line"]), "graph": e["g"], "facts": []})
        fact = {"subject": e["s"], "property": e["p"], "object": e["o"], "rule": e["rule"],
                "property_label": property_label(labels, e["p"])}
        if fact not in entry["facts"]:
            entry["facts"].append(fact)
        ids = fact_evidence.setdefault((e["s"], e["p"], e["o"]), [])
        if entry["id"] not in ids:
            ids.append(entry["id"])
    names, types, synonyms, definition, xrefs = [], [], set(), None, {}
    groups: dict[tuple, dict] = {}
    values: dict[tuple, dict] = {}
    for r in rows:
        p, other, g = r["p"], r["other"], r["g"]
        if r["direction"] == "out":
            if p in (SKOS + "prefLabel", RDFS + "label"):
                names.append(other)
                continue
            if p == SKOS + "altLabel":
                synonyms.add(other)
                continue
            if p == SKOS + "definition":
                definition = other
                continue
            if p == RDF + "type":
                types.append(other)
            if p in (SKOS + "exactMatch", SKOS + "closeMatch"):
                parsed = external_converter().parse_uri(other)
                if parsed and parsed[0]:
                    ids = xrefs.setdefault(parsed[0], [])
                    if {"id": parsed[1], "iri": other} not in ids:
                        ids.append({"id": parsed[1], "iri": other})
        key = (r["direction"], p, other)
        value = values.get(key)
        if value is None:
            fact = (iri, p, other) if r["direction"] == "out" else (other, p, iri)
            value = values[key] = {
                "iri": other, "label": r["otherLabel"], "kinds": set(),
                "link": r["isIri"] == "true", "blank": r["isBlank"] == "true",
                "inferred": False, "asserted": False,
                "evidence": fact_evidence.get(fact, [])}
        if r["otherType"]:
            value["kinds"].add(r["otherType"])
        value["inferred" if g == INFERRED_GRAPH else "asserted"] = True
        if not value["label"] and r["otherLabel"]:
            value["label"] = r["otherLabel"]
    for (direction, p, _), value in values.items():
        value["kind"] = primary_kind(value.pop("kinds"))
        value["inferred_only"] = value["inferred"] and not value["asserted"]
        subject_kind = value["kind"] if direction == "in" else None
        group = groups.setdefault((direction, p, subject_kind), {
            "direction": direction, "property": p, "kind": subject_kind,
            "label": property_label(labels, p, inverse=direction == "in"), "values": []})
        group["values"].append(value)
    for group in groups.values():
        group["values"].sort(key=lambda v: ((v["label"] or v["iri"]).lower(), v["iri"]))
    kind = primary_kind(types)
    summary = {
        "iri": iri,
        "label": names[0] if names else (property_label(labels, iri) if uses else
                                         iri.rstrip("/#").rsplit("/", 1)[-1]),
        "kind": kind,
        "types": sorted({external_converter().compress(t) or t for t in types}),
        "definition": definition,
        "synonyms": sorted(synonyms, key=lambda s: (s.lower(), s)),  # ties: not store order
        "xrefs": xrefs,
        "outgoing": sorted((g for g in groups.values() if g["direction"] == "out"),
                           key=lambda g: (g["label"], g["property"])),
        "incoming": sorted((g for g in groups.values() if g["direction"] == "in"),
                           key=lambda g: (g["label"], g["kind"] or "", g["property"])),
        "evidence": list(evidence.values()),
        "blank_nodes": _blank_nodes(node, labels),
    }
    if uses:
        summary["as_property"] = {
            "uses": uses, "subjects": int(usage["subjects"] or 0),
            "examples": [{"subject": r["s"], "subject_label": r["sl"],
                          "subject_link": r["sIri"] == "true", "object": r["o"],
                          "object_label": r["ol"], "object_link": r["oIri"] == "true"}
                         for r in store.select(load("term-examples"), iri=node)]}
    return summary


@bp.get("/entity")
def entity():
    iri = request.args.get("iri", "")
    if not iri:
        raise ApiError(400, "parameter 'iri' is required")
    return jsonify(entity_summary(iri))


MAX_LABELS = 500


@bp.get("/labels")
def labels():
    """Labels of IRIs for result tables: ?iri=...&iri=... (at most 500) -> {iri: label}."""
    iris = list(dict.fromkeys(request.args.getlist("iri")))
    if len(iris) > MAX_LABELS:
        raise ApiError(400, f"at most {MAX_LABELS} 'iri' parameters")
    terms = []
    for iri in iris:
        try:
            terms.append(ox.NamedNode(iri))
        except ValueError as exc:
            raise ApiError(400, f"{iri[:200]!r} is not an IRI") from exc
    rows = state().store.select(load("labels-of"), iri=tuple(terms)) if terms else []
    return jsonify({"labels": {r["iri"]: r["name"] for r in rows if r["name"]}})


@bp.get("/cards")
def cards():
    """Drug cards, optionally filtered: ?drug=clonazepam&source=paroxetine-clonazepam.md."""
    drug = request.args.get("drug", "").lower()
    source = request.args.get("source")
    built = [c for c in build_cards(state().store)
             if (not drug or c["label"].lower() == drug or c["id"] == drug)
             and (not source or c["source"] == source)]
    return jsonify({"cards": built})


def overlong(question: str) -> str | None:
    """Why a question is too long to read, or None. Reading one costs time that grows
    with its words (issue 15: 10 KB ran for 13 minutes); a question is a sentence."""
    if len(question) > MAX_QUESTION_CHARS or len(question.split()) > MAX_QUESTION_WORDS:
        return (f"a question is at most {MAX_QUESTION_WORDS} words and {MAX_QUESTION_CHARS} "
                "characters; ask a shorter one")
    return None


@bp.get("/ask")
def ask():
    """A question in plain words: ?q=which drugs act on GABA. The reading, the SPARQL, the
    answers; a question not understood is a 400 saying which words and what is close."""
    from drugkg.queries.ask import AskError
    from drugkg.queries.ask import ask as run_ask

    q = request.args.get("q", "").strip()
    if not q:
        raise ApiError(400, "parameter 'q' (the question) is required")
    if (too_long := overlong(q)) is not None:
        raise ApiError(400, too_long)
    try:  # on a query worker: reading some questions takes long, and a worker can be stopped
        answer = on_worker(partial(run_ask, q), "reading the question", "ask a shorter one")
    except AskError as exc:
        raise ApiError(400, str(exc)) from exc
    return jsonify(ask_body(answer))


def ask_body(answer) -> dict:
    """An Ask answer as JSON, with links into the query page for its SPARQL and for each
    alternative reading's."""
    body = answer.to_json()
    body["query_url"] = url_for("browse.query_page", query=answer.sparql)
    for alt in body["alternatives"]:
        alt["query_url"] = url_for("browse.query_page", query=alt["sparql"])
    return body


@bp.get("/context.jsonld")
def context():
    """The prefix map as a JSON-LD context (one prefix map for every CURIE drugkg writes)."""
    ctx = {**{p: iri for p, iri in PREFIXES.items()},
           **{p: uri for p, uri in external_converter().prefix_map.items()}}
    return jsonify({"@context": ctx})
