"""The same checks on the embedded store, a real Oxigraph server and a real Virtuoso: ingest
the examples, then the same cards, the same answers to every named query and to ``ask``,
``drugkg serve`` in front, a changed page replaced, ``--prune``, and the federation guard."""

from __future__ import annotations

import json
import re
import shutil
from typing import NamedTuple

import pyoxigraph as ox
import pytest

from drugkg import queries
from drugkg.errors import DrugkgError, QueryError, StoreError
from drugkg.ingest import ledger
from drugkg.ingest.run import ingest
from drugkg.ontology import DKG, ONTOLOGY_GRAPH
from drugkg.publish.cards import build_cards
from drugkg.queries.ask import ask
from drugkg.server import create_app
from drugkg.store import RemoteStore, open_store
from tests.conftest import BASE, EXAMPLES
from tests.queries.test_ask import CASES
from tests.server.conftest import free_port

ENGINES = ["embedded", "oxigraph", "virtuoso"]
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def empty(store) -> None:
    """Drop drugkg's graphs (never an engine's own: Virtuoso keeps its schema in graphs)."""
    for graph in store.graphs():
        if graph.startswith((BASE, "https://w3id.org/drugkg/")):
            store.drop_graph(graph)


@pytest.fixture(scope="module")
def reference(examples_store):
    return examples_store


class Engine(NamedTuple):
    name: str
    selector: str


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> Engine:
    """A store holding nothing of drugkg's."""
    if request.param == "embedded":
        return Engine("embedded", "memory:")
    selector = "sparql:" + request.getfixturevalue(f"{request.param}_url")
    empty(open_store(selector))
    return Engine(request.param, selector)


@pytest.fixture(scope="module")
def kg(engine):
    store = open_store(engine.selector)
    report = ingest([EXAMPLES / "monographs"], store, base=BASE)
    assert report.ok and report.ingested == 14, report.failures
    return store


def comparable(cards: list[dict]) -> list[dict]:
    for card in cards:  # graph IRIs and ids are the same; only list order may differ
        for field in ("adverse_effects", "indications"):
            card[field] = sorted(card[field], key=lambda i: i["id"])
    return cards


def rows(store, name: str) -> list[tuple]:
    """A named query's rows in a comparable form: SPARQL leaves the order of rows and of the
    values a GROUP_CONCAT joins to the engine, and Virtuoso answers booleans as 1 and 0."""
    sparql, bindings = queries.get(name).prepare({}, store)
    joints = re.findall(r'SEPARATOR\s*=\s*"([^"]+)"', sparql, re.I)

    def value(term) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.Literal) and term.datatype == XSD_BOOLEAN:
            return str(int(term.value == "true"))
        for joint in joints:
            if joint in term.value:
                return joint.join(sorted(term.value.split(joint)))
        return term.value

    return sorted(tuple(map(value, row)) for row in store.query(sparql, bindings=bindings))


LOCAL = [q.name for q in queries.library().values()
         if not any(p.type == "endpoint" for p in q.params)]


def test_ingest_is_kept_and_the_ontology_loaded_once(kg):
    again = ingest([EXAMPLES / "monographs"], kg, base=BASE)
    assert (again.unchanged, again.ingested, again.triples) == (14, 0, 0)
    assert ledger.digest(kg, ONTOLOGY_GRAPH)  # the ontology's digest, checked by each ingest


def test_same_cards(kg, reference):
    cards = comparable(build_cards(kg))
    assert len(cards) == 20 and cards == comparable(build_cards(reference))


@pytest.mark.parametrize("name", LOCAL)
def test_same_answers_to_every_named_query(kg, reference, name):
    assert rows(kg, name) == rows(reference, name)


def test_same_answers_to_ask(engine, kg, reference):
    def answered(store, question: str) -> list[str]:
        # not the evidence sentences: which ones ask picks when there are more than it shows
        # varies between runs on any store
        rows = [{k: v for k, v in row.items() if k != "evidence"}
                for row in ask(question, store).rows]
        return sorted(json.dumps(row, sort_keys=True) for row in rows)

    answers = {question: answered(kg, question) for question, _, _ in CASES}
    assert answers == {question: answered(reference, question) for question in answers}
    assert sum(map(bool, answers.values())) > len(answers) * 0.9


def test_serve_in_front(engine, kg, reference):
    # a remote store as `drugkg serve --store sparql:URL` opens it; memory: is per process
    app = create_app(store=kg) if engine.name == "embedded" else \
        create_app({"STORE": engine.selector})
    client = app.test_client()
    served = client.get("/api/cards")
    assert served.status_code == 200
    assert comparable(served.json["cards"]) == comparable(build_cards(reference))
    answer = client.get("/api/queries/gaba-dependence").json["results"]["bindings"]
    assert {b["label"]["value"] for b in answer} == {"clobazam", "zolpidem"}
    page = client.get("/drugs")
    assert page.status_code == 200 and b"zolpidem" in page.data
    sparql = client.get("/sparql", query_string={"query": "ASK { ?s a ?o }"},
                        headers={"Accept": "application/sparql-results+json"})
    assert sparql.json["boolean"] is True


def test_federation_guard(kg):
    from drugkg.federation import FederationError

    sparql, bindings = queries.get("chebi-roles").prepare({}, kg)
    with pytest.raises(FederationError, match="allow"):
        kg.query(sparql, bindings=bindings)
    with pytest.raises(FederationError):
        kg.update("LOAD <http://example.org/elsewhere.ttl>")


def test_changed_page_replaced_and_prune(engine, kg, reference, tmp_path):
    """Last: it rewrites the store. Each step gives the same cards as the embedded store."""
    pages = tmp_path / "monographs"
    shutil.copytree(EXAMPLES / "monographs", pages)
    mirror = open_store("memory:")
    for store in (kg, mirror):  # the sources now live in tmp_path
        assert ingest([pages], store, base=BASE, force=True).ingested == 14
    page = pages / "zolpidem.md"
    text = page.read_text(encoding="utf-8")
    assert "* People allergic to zolpidem.\n" in text
    page.write_text(text.replace("* People allergic to zolpidem.\n", ""), encoding="utf-8")
    for store in (kg, mirror):
        report = ingest([pages], store, base=BASE)
        assert (report.ingested, report.replaced, report.unchanged) == (1, 1, 13)
    changed = comparable(build_cards(kg))
    assert changed == comparable(build_cards(mirror))
    assert changed != comparable(build_cards(reference))  # the old graph's facts are gone

    next(pages.glob("*losartan*")).unlink()
    for store in (kg, mirror):
        assert ingest([pages], store, base=BASE, prune=True).pruned == 1
    assert comparable(build_cards(kg)) == comparable(build_cards(mirror))
    assert "losartan" not in {c["label"] for c in build_cards(kg)}
    assert len(build_cards(kg)) < len(build_cards(reference))


# ------------------------------------------------------------------ remote stores only

@pytest.fixture(params=["oxigraph", "virtuoso"])
def remote(request) -> RemoteStore:
    store = open_store("sparql:" + request.getfixturevalue(f"{request.param}_url"))
    assert isinstance(store, RemoteStore)
    return store


def blank_node_graph(g: ox.NamedNode) -> list[ox.Quad]:
    """250 subjects pointing at one blank node, which has a label with awkward characters."""
    blank = ox.BlankNode()
    quads = [ox.Quad(ox.NamedNode(f"{BASE}s{i}"), ox.NamedNode(BASE + "p"), blank, g)
             for i in range(250)]
    return [*quads, ox.Quad(blank, ox.NamedNode(BASE + "label"), ox.Literal("é \"q\"\n"), g)]


@pytest.mark.parametrize("protocol", ["SPARQL Update", "Graph Store"])
def test_large_graphs_are_written_whole_with_blank_nodes_skolemised(remote, protocol):
    """In chunks of SPARQL Update, or in one Graph Store PUT: the same graph either way."""
    graph = BASE + "graph/chunked"
    g, sha = ox.NamedNode(graph), ox.NamedNode(DKG + "sha256")
    quads = blank_node_graph(g)
    remote.chunk_triples = 100
    if protocol == "SPARQL Update":
        remote._graph_store = ""
    else:
        assert remote.graph_store_url
    try:
        remote.replace_graph(graph, [*quads, ox.Quad(g, sha, ox.Literal("v1"), g)])
        assert ledger.digest(remote, graph) == "v1"
        found = remote.select(
            "SELECT ?o (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s <" + BASE + "p> ?o } } GROUP BY ?o",
            g=g)
        assert len(found) == 1 and found[0]["n"] == "250"  # one node, in chunks or not
        assert found[0]["o"].startswith("https://example.org/.well-known/genid/")
        label = remote.select("SELECT ?l WHERE { GRAPH ?g { ?b <" + BASE + "label> ?l } }", g=g)
        assert label == [{"l": "é \"q\"\n"}]
        remote.replace_graph(graph, [ox.Quad(g, sha, ox.Literal("v2"), g)])  # replaces all
        assert len(remote.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", g=g)) == 1
    finally:
        remote.drop_graph(graph)


def test_ask_and_construct_answers(remote):
    g = ox.NamedNode(BASE + "graph/kinds")
    remote.replace_graph(g.value, [ox.Quad(ox.NamedNode(f"{BASE}s{i}"), RDF_TYPE, g, g)
                                   for i in range(3)])
    try:
        assert bool(remote.query("ASK { ?s a ?t }")) is True
        assert bool(remote.query('ASK { ?s ?p "no such literal anywhere" }')) is False
        # the query's kind is read past comments, IRIs, strings and prefixes like keywords
        triples = remote.query(
            '# SELECT\nPREFIX select: <http://example.org/ask#>\nCONSTRUCT { ?s select:p "ASK" }'
            ' WHERE { GRAPH ?g { ?s a ?t } }', bindings={"g": g})
        assert len(triples) == 3 and all(t.object.value == "ASK" for t in triples)
    finally:
        remote.drop_graph(g.value)


def test_errors_fit_on_one_screen(remote):
    """The engine, the status, its message and the request's start; never the whole request
    (Virtuoso echoes it back)."""
    huge = "INSERT DATA { " + "<urn:a> <urn:b> <urn:c> . " * 100_000 + "} BROKEN"
    with pytest.raises(QueryError) as caught:
        remote._update(huge)  # as ingest writes (user updates are capped before this)
    message = str(caught.value)
    assert len(message) < 2000
    assert "400" in message and "2,600,022 characters" in message
    assert "Virtuoso 37000 Error SP03" in message or "oxigraph" in message.lower()
    with pytest.raises(QueryError, match="SELEC"):
        remote.query("SELEC nothing")


def test_whole_graphs_are_put_where_the_engine_serves_the_graph_store_protocol(remote):
    """Found from the engine's Server header; the extra quads go first, by SPARQL Update."""
    assert remote.graph_store_url.endswith(
        "/store" if "oxigraph" in remote._server.lower() else "/sparql-graph-crud")
    sent: list[str] = []
    http = remote._http
    remote._http = lambda request, doing, shown: sent.append(request.get_method()) or http(
        request, doing, shown)
    g, shared = ox.NamedNode(BASE + "graph/put"), ox.NamedNode(BASE + "graph/shared-put")
    remote.chunk_triples = 100
    try:
        remote.replace_graph(g.value, blank_node_graph(g),
                             extra=[ox.Quad(g, RDF_TYPE, ox.NamedNode(BASE + "Page"), shared)])
        assert sent == ["POST", "PUT"]  # the shared quad, then all 251 triples at once
        assert len(remote.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", g=g)) == 251
        assert len(remote.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", g=shared)) == 1
    finally:
        remote.drop_graph(g.value)
        remote.drop_graph(shared.value)


def test_without_a_graph_store_endpoint_writes_fall_back_to_sparql_update(remote):
    missing = remote.query_url.rsplit("/", 1)[0] + "/no-such-graph-store"
    store = RemoteStore(remote.query_url, update_url=remote.update_url,
                        graph_store_url=missing)
    g = ox.NamedNode(BASE + "graph/fallback")
    try:
        assert store.replace_graph(g.value, blank_node_graph(g)) == 251
        assert store.graph_store_url == ""  # and so for the next writes
        assert len(store.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", g=g)) == 251
    finally:
        store.drop_graph(g.value)


@pytest.mark.parametrize(("query_url", "server", "graph_store"), [
    ("http://h:7878/query", "Oxigraph/0.5.13", "http://h:7878/store"),
    ("http://h:8890/sparql", "Virtuoso/07.20.3229 (Linux)", "http://h:8890/sparql-graph-crud"),
    ("http://h:3030/kg/query", "Apache Jena Fuseki (5.1.0)", "http://h:3030/kg/data"),
    ("http://h:7200/repositories/kg", "", "http://h:7200/repositories/kg/rdf-graphs/service"),
    ("http://h:7001/", "", ""),  # QLever, or anything else: SPARQL Update
])
def test_where_each_engine_serves_the_graph_store_protocol(query_url, server, graph_store):
    from drugkg.store import _graph_store_of

    assert _graph_store_of(query_url, query_url, server) == graph_store
    if server.startswith("Virtuoso"):  # updates that authenticate go to the -auth forms
        assert _graph_store_of(query_url, query_url + "-auth", server) == graph_store + "-auth"


def test_a_refused_write_names_the_graph(remote, monkeypatch):
    remote.update_url = remote.query_url.rsplit("/", 1)[0] + "/no-such-endpoint"
    remote._graph_store = ""  # a PUT refused as missing falls back to this path
    g = ox.NamedNode(BASE + "graph/refused")
    with pytest.raises(DrugkgError) as caught:
        remote.replace_graph(g.value, [ox.Quad(g, g, g, g)] * 3)
    assert g.value in str(caught.value) and "404" in str(caught.value)
    assert len(str(caught.value)) < 2000


def test_an_unreachable_server_is_named():
    dead = open_store(f"sparql:http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreError, match=r"failed .* Is it running"):
        dead.query("ASK {}")


def test_a_slow_server_is_named():
    import socket

    with socket.socket() as listener:  # accepts the connection, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        slow = RemoteStore(f"http://127.0.0.1:{listener.getsockname()[1]}/query", timeout=0.2)
        with pytest.raises(StoreError, match=r"did not answer a query within 0.2 s"):
            slow.query("ASK {}")
