"""Dumps in every format parse back to the store's content, and their VoID counts agree
with SPARQL COUNTs over the store."""

from __future__ import annotations

import io
import tracemalloc

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from drugkg.cli import main
from drugkg.formats import GRAPH, by_name
from drugkg.ingest.run import ingest
from drugkg.ontology import ONTOLOGY_GRAPH, SKOS, VOCAB
from drugkg.ontology.identifiers import external_converter as converter
from drugkg.publish.export import (
    DATASET,
    VOID,
    VOID_GRAPH,
    dump,
    store_quads,
    void_description,
)
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES

PAGES = [EXAMPLES / "monographs" / name for name in ("zolpidem.md", "codeine-paracetamol.md")]


@pytest.fixture(scope="module")
def kg():
    store = open_store("memory:")
    report = ingest(PAGES, store, base=BASE)
    assert report.ok
    return store


def ground(items) -> set:
    """Quads or triples without blank nodes (whose labels a parser renames)."""
    return {q for q in items
            if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}


def parsed_dump(store, fmt: str, **kwargs) -> list:
    buf = io.BytesIO()
    dump(store, buf, fmt, **kwargs)
    return list(ox.parse(buf.getvalue(), format=by_name(fmt, GRAPH).rdf))


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld"])
def test_quad_formats_round_trip_with_void_in_its_own_graph(kg, fmt):
    quads = parsed_dump(kg, fmt)
    void_graph = ox.NamedNode(VOID_GRAPH)
    data = [q for q in quads if q.graph_name != void_graph]
    void = [q for q in quads if q.graph_name == void_graph]
    assert len(data) == len(kg)
    assert ground(data) == ground(kg._store)
    assert len(void) == len(void_description(kg))
    assert ox.Quad(ox.NamedNode(DATASET), ox.NamedNode(VOID + "triples"),
                   ox.Literal(str(len(kg)), datatype=ox.NamedNode(
                       "http://www.w3.org/2001/XMLSchema#integer")), void_graph) in void


@pytest.mark.parametrize("fmt", ["ttl", "nt", "rdfxml"])
def test_triple_formats_merge_the_graphs_and_the_void(kg, fmt):
    triples = {q.triple for q in parsed_dump(kg, fmt)}
    union = {q.triple for q in kg._store}
    void = void_description(kg)
    assert ground(triples) == ground(union) | ground(void)
    # blank nodes are renamed by the parser, but none is lost or merged
    assert len(triples - ground(triples)) == len(union - ground(union)) + len(
        set(void) - ground(void))


@pytest.mark.parametrize("fmt,rdflib_format", [("rdfxml", "xml"), ("ttl", "turtle"),
                                                ("nt", "nt")])
def test_rdflib_reads_the_triple_dumps(kg, fmt, rdflib_format):
    import rdflib

    buf = io.BytesIO()
    dump(kg, buf, fmt)
    graph = rdflib.Graph().parse(data=buf.getvalue(), format=rdflib_format)
    assert len(graph) == len(set(parsed_dump(kg, fmt)))


@pytest.mark.parametrize("fmt,rdflib_format", [("nq", "nquads"), ("trig", "trig"),
                                                ("jsonld", "json-ld")])
def test_rdflib_reads_the_quad_dumps(kg, fmt, rdflib_format):
    import rdflib

    buf = io.BytesIO()
    dump(kg, buf, fmt)
    ds = rdflib.Dataset()
    ds.parse(data=buf.getvalue(), format=rdflib_format)
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert VOID_GRAPH in graphs and ONTOLOGY_GRAPH in graphs
    assert f"{BASE}graph/zolpidem" in graphs
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(parsed_dump(kg, fmt))


def void_store(store) -> ox.Store:
    out = ox.Store()
    out.extend(ox.Quad(t.subject, t.predicate, t.object) for t in void_description(store))
    return out


def one(store: ox.Store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))[0].value)


def test_void_counts_agree_with_sparql(kg):
    v = void_store(kg)
    prologue = f"PREFIX void: <{VOID}>\n"
    assert one(v, prologue + f"SELECT ?n WHERE {{ <{DATASET}> void:triples ?n }}") == one(
        kg._store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == len(kg)
    assert one(v, prologue + f"SELECT ?n WHERE {{ <{DATASET}> void:distinctSubjects ?n }}") == \
        one(kg._store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")

    classes = {r["c"].value: int(r["n"].value) for r in v.query(
        prologue + f"SELECT ?c ?n WHERE {{ <{DATASET}> void:classPartition [ void:class ?c ; "
                   "void:entities ?n ] }")}
    expected = {r["c"].value: int(r["n"].value) for r in kg._store.query(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c")}
    assert classes == expected
    assert classes["https://w3id.org/drugkg/ontology#Evidence"] > 10

    props = {r["p"].value: int(r["n"].value) for r in v.query(
        prologue + f"SELECT ?p ?n WHERE {{ <{DATASET}> void:propertyPartition [ void:property "
                   "?p ; void:triples ?n ] }")}
    expected = {r["p"].value: int(r["n"].value) for r in kg._store.query(
        "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p")}
    assert props == expected
    assert sum(props.values()) == len(kg)


def test_one_linkset_per_vocabulary_and_link_predicate(kg):
    v = void_store(kg)
    linksets = {(r["space"].value, r["pred"].value): int(r["n"].value) for r in v.query(f"""
        PREFIX void: <{VOID}>
        SELECT ?space ?pred ?n WHERE {{
          <{DATASET}> void:subset ?ls . ?ls a void:Linkset ; void:subjectsTarget <{DATASET}> ;
            void:objectsTarget ?t ; void:linkPredicate ?pred ; void:triples ?n .
          ?t a void:Dataset ; void:uriSpace ?space }}""")}
    assert len(linksets) > 5
    for (space, predicate), n in linksets.items():
        assert n == one(kg._store, f"""
            SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{
              GRAPH ?g {{ ?s <{predicate}> ?o }}
              FILTER(STRSTARTS(STR(?s), "{VOCAB}") && STRSTARTS(STR(?o), "{space}")) }} }}""") \
            or space in _longer_spaces(space)  # a namespace inside another one
    spaces = {s for s, _ in linksets}
    assert converter().prefix_map["chebi"] in spaces
    assert (converter().prefix_map["meddra"], SKOS + "closeMatch") in linksets


def _longer_spaces(space: str) -> set[str]:
    return {s for s in converter().prefix_map.values() if s != space and s.startswith(space)}


def test_one_graph_dump_describes_that_graph(kg):
    graph = f"{BASE}graph/zolpidem"
    quads = parsed_dump(kg, "nq", graph=graph)
    graphs = {q.graph_name.value for q in quads}
    assert graphs == {graph, VOID_GRAPH}
    n = sum(1 for q in quads if q.graph_name.value == graph)
    assert n == one(kg._store,
                    f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    void = {(t.predicate.value, t.object.value) for t in void_description(kg, graph=graph)
            if t.subject == ox.NamedNode(DATASET)}
    assert (VOID + "triples", str(n)) in void


def test_a_stored_void_graph_is_not_dumped_twice(kg):
    store = open_store("memory:")
    ingest(PAGES[:1], store, base=BASE)
    store.update(f"INSERT DATA {{ GRAPH <{VOID_GRAPH}> {{ <urn:x:a> <urn:x:b> <urn:x:c> }} }}")
    quads = parsed_dump(store, "nq")
    assert ox.NamedNode("urn:x:a") not in {q.subject for q in quads}
    # the page, the ontology and a VoID graph described afresh are there
    void_graph = ox.NamedNode(VOID_GRAPH)
    assert sum(q.graph_name == void_graph for q in quads) == len(void_description(store)) > 0
    assert {q.graph_name.value for q in quads} == {BASE + "graph/zolpidem", ONTOLOGY_GRAPH,
                                                   VOID_GRAPH}


def peak_memory(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_dumps_stream(kg, tmp_path):
    """Python holds no copy of the data: dumping costs the VoID queries and little more."""
    assert not isinstance(store_quads(kg), list | tuple)
    path = tmp_path / "kg.nq"
    void_peak = peak_memory(lambda: void_description(kg))

    def write():
        with path.open("wb") as out:
            dump(kg, out, "nq")

    assert peak_memory(write) < void_peak + 256 * 1024
    assert path.stat().st_size > 4 * 1024 * 1024


@pytest.fixture
def empty_oxigraph_server(tmp_path):
    """Query URL of an Oxigraph server of this test's own (the session's one is shared)."""
    from benchmarks.engines import oxigraph_server

    with oxigraph_server(tmp_path / "oxigraph") as (url, _):
        yield url


def test_remote_store_dumps_graph_by_graph(empty_oxigraph_server):
    remote = open_store(f"sparql:{empty_oxigraph_server}")
    ingest(PAGES[:1], remote, base=BASE)
    quads = parsed_dump(remote, "nq")
    data = [q for q in quads if q.graph_name.value != VOID_GRAPH]
    assert len(data) == len(remote)
    assert {q.graph_name.value for q in data} == {ONTOLOGY_GRAPH, f"{BASE}graph/zolpidem"}
    assert len(parsed_dump(remote, "ttl")) > 0


def test_cli_export(tmp_path):
    store = f"oxigraph:{tmp_path}/kg"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(PAGES[0]), "--store", store]).exit_code == 0
    out = tmp_path / "dump.nq"
    result = runner.invoke(main, ["export", "--store", store, "--format", "nq", "--output",
                                  str(out)])
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(out.read_bytes(), format=ox.RdfFormat.N_QUADS))
    assert VOID_GRAPH in {q.graph_name.value for q in quads}
    ttl = runner.invoke(main, ["export", "--store", store, "--format", "ttl"])
    assert ttl.exit_code == 0
    assert len(list(ox.parse(ttl.stdout_bytes, format=ox.RdfFormat.TURTLE))) < len(quads) + 1
    bad = runner.invoke(main, ["export", "--store", store, "--format", "xls"])
    assert bad.exit_code == 2
