"""The /sparql endpoint, driven as clients drive it: SPARQLWrapper, rdflib, raw HTTP."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, TSV, TURTLE, XML, SPARQLWrapper

GABA_DEP = """PREFIX dkg: <https://w3id.org/drugkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label WHERE {
  ?d dkg:hasRisk <https://w3id.org/drugkg/vocab/risk/dependence> ;
     (dkg:actsOn|dkg:hasMechanism/dkg:actsOn|dkg:inClass/dkg:hasMechanism/dkg:actsOn) ?t ;
     skos:prefLabel ?label .
  ?t skos:broader* <https://w3id.org/drugkg/vocab/target/gaba> .
} ORDER BY ?label"""
EXPECTED = ["clobazam", "zolpidem"]
CONSTRUCT = """PREFIX dkg: <https://w3id.org/drugkg/ontology#>
CONSTRUCT { ?d dkg:hasRisk ?r } WHERE { ?d dkg:hasRisk ?r } LIMIT 20"""


def http(url: str, *, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()  # headers: case-insensitive


def wrapper(live, method="GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{live}/sparql")
    if method == "POST":
        client.setMethod(POST)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json_through_sparqlwrapper(live, method):
    client = wrapper(live, method)
    client.setQuery(GABA_DEP)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == EXPECTED


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_xml(live, method):
    client = wrapper(live, method)
    client.setQuery(GABA_DEP)
    client.setReturnFormat(XML)
    doc = client.query().convert()
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert literals == EXPECTED


def test_select_csv(live):
    client = wrapper(live)
    client.setQuery(GABA_DEP)
    client.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(client.query().convert().decode())))
    assert rows == [["label"], *([x] for x in EXPECTED)]


def test_select_tsv_writes_terms_in_ntriples_syntax(live):
    client = wrapper(live)
    client.setQuery(GABA_DEP)
    client.setReturnFormat(TSV)
    lines = client.query().convert().decode().splitlines()
    assert lines == ["?label", *(f'"{x}"@en' for x in EXPECTED)]


def test_ask(live):
    client = wrapper(live, "POST")
    client.setQuery("ASK { <https://w3id.org/drugkg/vocab/drug/zolpidem> ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setReturnFormat(XML)
    assert "true" in client.query().convert().toxml()


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, XML])
def test_construct_in_rdf_formats(live, fmt):
    client = wrapper(live)
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    graph = client.query().convert()
    if not isinstance(graph, rdflib.Graph):  # SPARQLWrapper hands some formats back raw
        graph = rdflib.Graph().parse(data=graph, format="turtle" if fmt in (TURTLE, N3)
                                     else "json-ld")
    assert len(graph) == 20


@pytest.mark.parametrize(("accept", "parse_as"), [
    ("application/n-triples", "nt"), ("application/n-quads", "nquads"),
    ("text/turtle", "turtle"), ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
])
def test_construct_by_accept(live, accept, parse_as):
    url = f"{live}/sparql?" + urllib.parse.urlencode({"query": CONSTRUCT})
    status, headers, body = http(url, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    graph = rdflib.Dataset() if parse_as == "nquads" else rdflib.Graph()
    graph.parse(data=body, format=parse_as)
    assert len(graph) == 20


def test_post_sparql_query_body_and_q_values(live):
    status, headers, _body = http(
        f"{live}/sparql", data=GABA_DEP.encode(),
        headers={"Content-Type": "application/sparql-query",
                 "Accept": "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1"})
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+xml")


def test_format_parameter_overrides_accept(live):
    url = f"{live}/sparql?" + urllib.parse.urlencode({"query": GABA_DEP, "format": "tsv"})
    status, headers, _ = http(url, headers={"Accept": "application/json"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")


def test_rdflib_sparqlstore(live):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = rdflib.Graph(store=SPARQLStore(f"{live}/sparql", returnFormat="json"))
    rows = list(graph.query(GABA_DEP))
    assert [str(r[0]) for r in rows] == EXPECTED


def test_named_graphs_stay_addressable(live):
    query = ("SELECT ?s WHERE { ?s a <https://w3id.org/drugkg/ontology#DrugProduct> }")
    url = f"{live}/sparql?" + urllib.parse.urlencode(
        {"query": query, "default-graph-uri": "https://example.org/kg/graph/zolpidem"})
    _, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
    products = [b["s"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert products == ["https://example.org/kg/product/zolpidem"]
    graphs = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    _, _, body = http(f"{live}/sparql?" + urllib.parse.urlencode({"query": graphs}))
    names = {b["g"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert "https://example.org/kg/graph/zolpidem" in names
    assert "https://w3id.org/drugkg/graph/ontology" in names


def test_malformed_query_is_400_with_the_parser_message(live):
    status, _headers, body = http(f"{live}/sparql?query=SELEC%20*")
    assert status == 400
    error = json.loads(body)["error"]
    assert error["status"] == 400 and "malformed SPARQL" in error["message"]


def test_unsatisfiable_accept_is_406(live):
    url = f"{live}/sparql?" + urllib.parse.urlencode({"query": GABA_DEP})
    status, _, body = http(url, headers={"Accept": "image/png"})
    assert status == 406 and "image/png" in json.loads(body)["error"]["message"]
    status, _, _ = http(url, headers={"Accept": "text/turtle"})  # a graph type for a SELECT
    assert status == 406


def test_oversized_query_is_413(live):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 6000
    status, _, body = http(f"{live}/sparql", data=big.encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and "limit" in json.loads(body)["error"]["message"]


def test_slow_query_is_503(live):
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    slow = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a {label} ?c . ?d {label} ?f }}"  # ~1.5 s
    status, _headers, body = http(f"{live}/sparql?" + urllib.parse.urlencode({"query": slow}))
    assert status == 503
    assert "DRUGKG_QUERY_TIMEOUT" in json.loads(body)["error"]["message"]


def test_row_cap_is_visible(live):
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 500"
    status, headers, body = http(f"{live}/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 200
    assert headers["X-Result-Truncated"] == "true" and headers["X-Result-Limit"] == "50"
    assert len(json.loads(body)["results"]["bindings"]) == 50


def test_updates_need_a_bearer_token(live, examples_store):
    update = ("INSERT DATA { GRAPH <https://example.org/kg/graph/scratch> { "
              "<https://example.org/x> <https://example.org/p> 1 } }")
    form = urllib.parse.urlencode({"update": update}).encode()
    ctype = {"Content-Type": "application/x-www-form-urlencoded"}
    status, headers, _ = http(f"{live}/sparql", data=form, headers=ctype)
    assert status == 401 and "Bearer" in headers["WWW-Authenticate"]
    status, _, _ = http(f"{live}/sparql", data=form,
                        headers={**ctype, "Authorization": "Bearer wrong"})
    assert status == 403
    status, _, _ = http(f"{live}/sparql", data=form,
                        headers={**ctype, "Authorization": "Bearer s3cret"})
    assert status == 204
    examples_store.drop_graph("https://example.org/kg/graph/scratch")


def test_updates_are_off_by_default(client):
    response = client.post("/sparql", data={"update": "CLEAR ALL"})
    assert response.status_code == 403
    assert "disabled" in response.get_json()["error"]["message"]


def test_cors_for_reads(live):
    url = f"{live}/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
    _, headers, _ = http(url, headers={"Origin": "https://example.com"})
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" not in headers["Access-Control-Allow-Headers"]


def test_service_description(live):
    status, headers, body = http(f"{live}/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.feature, sd.UnionDefaultGraph) in graph
    assert (None, sd.supportedLanguage, sd.SPARQL11Query) in graph


def test_browsers_get_the_query_page(live):
    status, headers, _body = http(f"{live}/sparql", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")


def test_void_description(live):
    status, headers, body = http(f"{live}/.well-known/void", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    datasets = list(graph.subjects(rdflib.RDF.type, void.Dataset))
    assert datasets and int(graph.value(datasets[0], void.triples)) > 40000
    assert (None, void.sparqlEndpoint, rdflib.URIRef(f"{live}/sparql")) in graph
    assert list(graph.subjects(rdflib.RDF.type, void.Linkset))


def test_native_rendering_equals_the_capped_python_path_and_gives_way_to_the_cap():
    import pyoxigraph as ox

    from drugkg.queries import results

    store = ox.Store()
    for i in range(30):
        store.add(ox.Quad(ox.NamedNode(f"https://example.org/d{i}"),
                          ox.NamedNode("https://example.org/label"),
                          ox.Literal(f"drug {i}", language="en")))
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
    media = "application/sparql-results+json"
    rendered = results.render_native(store.query(query), media, max_rows=100)
    python = results.solutions_json(results.collect(store.query(query), 100))
    assert rendered is not None and json.loads(rendered.body) == json.loads(python)
    cut = results.render_native(store.query(query), media, max_rows=29)
    assert cut.truncated and json.loads(cut.body)["results"]["bindings"] == \
        json.loads(python)["results"]["bindings"][:29]
    assert results.render_native(store.query(query), "text/csv", max_rows=2) is None
    # rows counted without parsing: a string holding the row separator cannot hide a row
    store.add(ox.Quad(ox.NamedNode("https://example.org/d99"),
                      ox.NamedNode("https://example.org/label"), ox.Literal('a"},{"b},{')))
    exact = results.render_native(store.query(query), media, max_rows=31)
    assert not exact.truncated and len(json.loads(exact.body)["results"]["bindings"]) == 31
    over = results.render_native(store.query(query), media, max_rows=30)
    assert over.truncated and len(json.loads(over.body)["results"]["bindings"]) == 30


def test_only_a_query_without_service_may_be_proven_and_skip_the_workers(examples_store):
    """A remote endpoint's speed is not the query's: a SERVICE query always runs on a
    worker (drugkg.server.runner), where its deadline can stop it."""
    from drugkg.server import create_app

    app = create_app({}, store=examples_store)
    runner, flags = app.extensions["drugkg"].runner, []

    class Recorder:
        def run(self, job, *, timeout, repeatable=False):
            flags.append(repeatable)
            return runner.run(job, timeout=timeout)

    app.extensions["drugkg"].runner = Recorder()
    client = app.test_client()
    for query in ("ASK { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                  "ask { service silent <http://example.org/sparql> { ?s ?p ?o } }",
                  "ASK { ?s ?p ?o }"):
        client.get("/sparql", query_string={"query": query})
    assert flags == [False, False, True]


FAST_PATH_CASES = [  # (query string, Accept): answered by the fast path or handed to Flask
    ({"query": GABA_DEP}, "application/sparql-results+json"),
    ({"query": GABA_DEP}, None),
    ({"query": GABA_DEP}, "text/csv;q=0.5, application/sparql-results+xml"),
    ({"query": GABA_DEP}, "text/tab-separated-values"),
    ({"query": "ASK { ?s ?p ?o }"}, "application/sparql-results+json"),
    ({"query": "ASK { ?s ?p ?o }"}, "text/csv"),
    ({"query": CONSTRUCT}, "text/turtle"),
    ({"query": CONSTRUCT}, "application/sparql-results+json"),  # 406
    ({"query": CONSTRUCT}, "text/html"),  # a browser: the 406 as a page
    ({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 60"}, None),  # over MAX_ROWS: truncated
    ({"query": "SELEC ?x"}, None),  # 400
    ({"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 6000}, None),  # 413
    ({"query": ""}, None),  # 400
    ({"query": GABA_DEP, "format": "csv"}, "application/sparql-results+json"),  # Flask's
    ({"query": "ASK {}", "default-graph-uri": "https://example.org/g"}, None),  # Flask's
]


@pytest.mark.parametrize(("params", "accept"), FAST_PATH_CASES)
def test_the_fast_path_answers_as_flask_would(examples_store, params, accept):
    """GET /sparql?query=... skips Flask's request machinery (drugkg.server.fast_path): the
    status, headers and body are those of the Flask view, errors included."""
    from flask import request_started
    from werkzeug.test import Client

    from drugkg.server import create_app

    app = create_app({"MAX_ROWS": 50, "MAX_QUERY_BYTES": 5000}, store=examples_store)
    headers = {"Accept": accept} if accept else {}
    flask_only = Client(app.wsgi_app.flask).get("/sparql", query_string=params,
                                                headers=headers)
    through_flask: list[object] = []

    def seen(sender, **extra) -> None:
        through_flask.append(sender)

    with request_started.connected_to(seen, app):
        fast = app.test_client().get("/sparql", query_string=params, headers=headers)
    assert (fast.status, sorted(fast.headers.items()), fast.data) == (
        flask_only.status, sorted(flask_only.headers.items()), flask_only.data)
    # only a plain query that succeeds stays out of Flask; anything else is Flask's
    assert bool(through_flask) == (len(params) > 1 or fast.status_code != 200)
