"""Both stores implement the Store protocol, and do the same with its basic verbs: the
embedded one (on disk and in memory), and the remote one against a real Oxigraph server and
a real Virtuoso."""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from drugkg.store import OxigraphStore, RemoteStore, Store, open_store
from tests.conftest import BASE

VERBS = ("query", "select", "update", "graphs", "quads", "add", "load", "replace_graph",
         "drop_graph", "flush", "optimize", "__len__")


@pytest.mark.parametrize("implementation", [OxigraphStore, RemoteStore])
def test_every_verb_of_the_protocol_is_implemented_with_its_signature(implementation):
    for verb in VERBS:
        wanted = inspect.signature(getattr(Store, verb))
        have = inspect.signature(getattr(implementation, verb))
        assert list(have.parameters) == list(wanted.parameters), (implementation, verb)
        kinds = [p.kind for p in have.parameters.values()]
        assert kinds == [p.kind for p in wanted.parameters.values()], (implementation, verb)
    assert isinstance(implementation.selector, property)


@pytest.fixture(params=["memory", "disk", "oxigraph", "virtuoso"])
def any_store(request, tmp_path) -> Iterator[Store]:
    if request.param == "memory":
        selector = "memory:"
    elif request.param == "disk":
        selector = f"oxigraph:{tmp_path / 'kg'}"
    else:
        selector = "sparql:" + request.getfixturevalue(f"{request.param}_url")
    store = open_store(selector)
    yield store
    for graph in store.graphs():
        if graph.startswith(BASE):
            store.drop_graph(graph)


def node(name: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + name)


def triples(store: Store, graph: str) -> set[tuple[str, str, str]]:
    return {(q.subject.value, q.predicate.value, q.object.value)
            for q in store.quads(graph=graph)}


def test_the_basic_verbs_do_the_same_on_every_store(any_store):
    store = any_store
    assert isinstance(store, Store)
    g1, g2 = BASE + "graph/one", BASE + "graph/two"
    before = len(store)
    name, p = node("name"), node("p")

    written = store.replace_graph(g1, [ox.Quad(node("a"), p, ox.Literal("1"), node("x")),
                                       ox.Quad(node("b"), p, ox.Literal("2"), node("x"))],
                                  extra=[ox.Quad(node("a"), name, ox.Literal("A"),
                                                 ox.NamedNode(g2))])
    assert written == 2  # the quads were moved into g1, whatever graph they named
    assert {g1, g2} <= store.graphs()
    assert triples(store, g1) == {(BASE + "a", p.value, "1"), (BASE + "b", p.value, "2")}
    assert triples(store, g2) == {(BASE + "a", name.value, "A")}
    assert len(store) == before + 3
    mine = [q for q in store.quads() if q.graph_name.value in (g1, g2)]
    assert len(mine) == 3 and all(isinstance(q, ox.Quad) for q in mine)

    rows = store.select(f"SELECT ?s ?v WHERE {{ GRAPH ?g {{ ?s <{p.value}> ?v }} }} ORDER BY ?v",
                        g=ox.NamedNode(g1))
    assert rows == [{"s": BASE + "a", "v": "1"}, {"s": BASE + "b", "v": "2"}]
    assert bool(store.query("ASK WHERE { ?s ?p ?o }", bindings={"o": ox.Literal("2")})) is True
    assert bool(store.query("ASK WHERE { ?s ?p ?o }", bindings={"o": ox.Literal("3")})) is False

    store.replace_graph(g1, [ox.Quad(node("c"), p, ox.Literal("3"), ox.NamedNode(g1))])
    assert triples(store, g1) == {(BASE + "c", p.value, "3")}  # replaced, not added to

    store.add([ox.Quad(node("d"), p, ox.Literal("4"), ox.NamedNode(g1))])
    store.load(f"<{BASE}e> <{p.value}> \"5\" <{g1}> .\n".encode())
    assert {v for _, _, v in triples(store, g1)} == {"3", "4", "5"}

    store.update('DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } '
                 'FILTER(?o = "4") }', bindings={"g": ox.NamedNode(g1)})
    assert {v for _, _, v in triples(store, g1)} == {"3", "5"}

    store.drop_graph(g1)
    store.drop_graph(g2)
    store.drop_graph(BASE + "graph/never-written")  # silently nothing
    assert not {g1, g2} & store.graphs()
    assert len(store) == before
    store.flush()
    store.optimize()
