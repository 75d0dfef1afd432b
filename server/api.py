"""The JSON API: named queries, search with autocomplete, entity summaries, drug cards."""

from __future__ import annotations

from functools import partial

import pyoxigraph as ox
from flask import Blueprint, jsonify, request, url_for

from drugkg.errors import QueryError
from drugkg.ontology import PREFIXES, sparql_prefixes
from drugkg.ontology.identifiers import external_converter
from drugkg.publish.cards import build_cards
from drugkg.queries.results import solutions_json
from drugkg.server.errors import ApiError
from drugkg.server.sparql import on_worker, run_query
from drugkg.server.state import state

bp = Blueprint("api", __name__, url_prefix="/api")
MAX_QUESTION_CHARS = 200
MAX_QUESTION_WORDS = 25  # 28 repeated phrases took 3.5 s to read, 36 took 87 s
_PROLOGUE = sparql_prefixes()


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

    outcome = run_query(with_values(sparql, bindings))
    body = {"query": _query_meta(named),
            "params": {p.name: bindings[p.name].value
                       if p.name in bindings and p.type != "concept"
                       else values.get(p.name, p.default) for p in named.params},
            "concepts": {p.name: [t.value for t in bindings[p.name]]
                         for p in named.params if p.type == "concept"}}
    import json

    body.update(json.loads(solutions_json(outcome)))
    response = jsonify(body)
    if outcome.truncated:
        response.headers["X-Result-Truncated"] = "true"
    return response


_SEARCH = _PROLOGUE + """
SELECT ?iri ?label ?matched ?type WHERE {
  ?iri skos:prefLabel|skos:altLabel|rdfs:label ?matched .
  FILTER(isIRI(?iri) && STRSTARTS(LCASE(STR(?matched)), LCASE(?q)))
  OPTIONAL { ?iri skos:prefLabel|rdfs:label ?label }
  OPTIONAL { ?iri a ?type . FILTER(STRSTARTS(STR(?type), STR(dkg:))) }
}"""


@bp.get("/search")
def search():
    """Autocomplete over labels and synonyms: ?q=benzo&limit=10&type=DrugClass."""
    q = request.args.get("q", "").strip()
    if len(q) < 2:
        raise ApiError(400, "parameter 'q' needs at least 2 characters")
    try:
        limit = max(1, min(100, int(request.args.get("limit", 10))))
    except ValueError as exc:
        raise ApiError(400, "parameter 'limit' must be an integer") from exc
    wanted = request.args.get("type")
    rows = state().store.select(_SEARCH, q=ox.Literal(q))
    hits: dict[str, dict] = {}
    for row in rows:
        kind = (row["type"] or "").replace(PREFIXES["dkg"], "") or None
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
    return jsonify({"q": q, "results": ranked[:limit]})


_ENTITY = _PROLOGUE + """
SELECT ?direction ?p ?other ?otherLabel ?g WHERE {
  { GRAPH ?g { ?iri ?p ?other } BIND("out" AS ?direction) }
  UNION
  { GRAPH ?g { ?other ?p ?iri } BIND("in" AS ?direction)
    FILTER(?p NOT IN (rdf:subject, rdf:object)) }
  OPTIONAL { ?other skos:prefLabel|rdfs:label ?otherLabel }
}"""
_EVIDENCE = _PROLOGUE + """
SELECT ?s ?p ?o ?sentence ?section ?source ?line ?g WHERE {
  GRAPH ?g { ?e a dkg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                dkg:sentence ?sentence ; dkg:section ?section ; dkg:sourceFile ?source ;
                dkg:line ?line . }
  FILTER(?s = ?iri || ?o = ?iri)
}"""


def entity_summary(iri: str) -> dict:
    """Everything the graph says about one IRI, grouped by property, with evidence."""
    try:
        node = ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"{iri!r} is not an IRI") from exc
    store = state().store
    rows = store.select(_ENTITY, iri=node)
    if not rows:
        raise ApiError(404, f"nothing in the graph is about <{iri}>")
    evidence: dict[tuple, list] = {}
    for e in store.select(_EVIDENCE, iri=node):
        evidence.setdefault((e["s"], e["p"], e["o"]), []).append(
            {"sentence": e["sentence"], "section": e["section"], "source": e["source"],
             "line": int(e["line"]), "graph": e["g"]})
    labels, types, synonyms, definition, xrefs = [], [], [], None, {}
    outgoing: dict[str, dict] = {}
    incoming: dict[str, dict] = {}
    from drugkg.ontology import INFERRED_GRAPH, RDF, RDFS, SKOS

    for r in rows:
        p, other, g = r["p"], r["other"], r["g"]
        if r["direction"] == "out":
            if p in (SKOS + "prefLabel", RDFS + "label"):
                labels.append(other)
                continue
            if p == SKOS + "altLabel":
                synonyms.append(other)
                continue
            if p == SKOS + "definition":
                definition = other
                continue
            if p == RDF + "type":
                types.append(external_converter().compress(other) or other)
            if p in (SKOS + "exactMatch", SKOS + "closeMatch"):
                parsed = external_converter().parse_uri(other)
                if parsed and parsed[0]:
                    xrefs.setdefault(parsed[0], []).append({"id": parsed[1], "iri": other})
        groups, key = (outgoing, (iri, p, other)) if r["direction"] == "out" else \
            (incoming, (other, p, iri))
        group = groups.setdefault(p, {"property": p, "values": {}})
        value = group["values"].setdefault(other, {
            "iri": other, "label": r["otherLabel"], "inferred": False, "asserted": False,
            "evidence": evidence.get(key, [])})
        value["inferred" if g == INFERRED_GRAPH else "asserted"] = True
    for groups in (outgoing, incoming):
        for group in groups.values():
            group["values"] = sorted(group["values"].values(),
                                     key=lambda v: (v["label"] or v["iri"]).lower())
    return {
        "iri": iri,
        "label": labels[0] if labels else iri.rsplit("/", 1)[-1],
        "types": sorted(set(types)),
        "definition": definition,
        "synonyms": sorted(set(synonyms)),
        "xrefs": xrefs,
        "outgoing": sorted(outgoing.values(), key=lambda g: g["property"]),
        "incoming": sorted(incoming.values(), key=lambda g: g["property"]),
    }


@bp.get("/entity")
def entity():
    iri = request.args.get("iri", "")
    if not iri:
        raise ApiError(400, "parameter 'iri' is required")
    return jsonify(entity_summary(iri))


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
