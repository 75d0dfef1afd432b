"""Ctrl-C during ingest (issue 15): every graph is either written and recorded complete, or
not recorded, so that the next ingest goes on from where the first one stopped."""

from __future__ import annotations

import signal

import pyoxigraph as ox
import pytest

from drugkg.ingest import ledger, run
from drugkg.store import Store, open_store
from tests.conftest import BASE, EXAMPLES

PAGES = sorted((EXAMPLES / "monographs").glob("*.md"))
TIMESTAMP = "http://www.w3.org/ns/prov#generatedAtTime"


def page_graphs(store: Store) -> set[str]:
    return {g for g in store.graphs() if g.startswith(BASE + "graph/")}


def content(store: Store) -> tuple[int, set[str]]:
    """How many quads, and those without blank nodes (their labels differ from load to
    load) and ingest timestamps."""
    quads = list(store.quads())
    return len(quads), {str(q) for q in quads if q.predicate.value != TIMESTAMP and not any(
        isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}


def test_ctrl_c_during_a_bulk_load_keeps_every_loaded_graph_recorded(monkeypatch):
    monkeypatch.setattr(run, "BATCH_TRIPLES", 2_000)  # a few pages per load
    store = open_store("memory:")
    loads: list[int] = []
    real_load = store.load

    def load_then_ctrl_c(nquads: bytes, **options: bool) -> None:
        """The second load: Ctrl-C comes while the engine loads (delivered as it returns)."""
        real_load(nquads, **options)
        loads.append(1)
        if len(loads) == 2:
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(store, "load", load_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        run.ingest(PAGES, store, base=BASE)
    assert len(loads) == 2  # nothing was written after the interruption
    written, recorded = page_graphs(store), set(ledger.digests(store))
    assert 2 <= len(written) < len(PAGES)  # two loads of pages went in, the rest did not
    assert written <= recorded  # each graph written is recorded complete

    monkeypatch.undo()  # the real loader; then go on
    again = run.ingest(PAGES, store, base=BASE)
    assert again.ok
    assert (again.unchanged, again.ingested) == (len(written), len(PAGES) - len(written))
    clean = open_store("memory:")
    assert run.ingest(PAGES, clean, base=BASE).ok
    assert content(store) == content(clean)


def test_ctrl_c_between_pages_keeps_what_was_written(monkeypatch):
    monkeypatch.setattr(run, "BATCH_TRIPLES", 2_000)
    store = open_store("memory:")

    def stop_after_ten(results, total):
        for n, result in enumerate(results):
            if n == 10:
                raise KeyboardInterrupt
            yield result

    with pytest.raises(KeyboardInterrupt):
        run.ingest(PAGES, store, base=BASE, progress=stop_after_ten)
    written = page_graphs(store)
    assert written and written <= set(ledger.digests(store))
    assert len(written) <= 10  # the pages prepared but not yet loaded are not in the store
    again = run.ingest(PAGES, store, base=BASE)
    assert (again.unchanged, again.ingested) == (len(written), len(PAGES) - len(written))


def test_a_held_ctrl_c_comes_after_the_write_and_a_second_one_at_once():
    done = []
    with pytest.raises(KeyboardInterrupt), ledger._interrupt_held():
        signal.raise_signal(signal.SIGINT)
        done.append("write finished")
    assert done == ["write finished"]
    with pytest.raises(KeyboardInterrupt), ledger._interrupt_held():
        signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)
        done.append("never")
    assert done == ["write finished"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_a_load_records_the_graphs_of_the_load_before_it_and_close_the_last():
    store = open_store("memory:")
    new = ledger.NewGraphs(store)

    def graph(name: str) -> tuple[bytes, ox.Quad]:
        g = ox.NamedNode(f"{BASE}graph/{name}")
        mark = ox.Quad(g, ox.NamedNode(run.DKG + "sha256"), ox.Literal(name), g)
        return f'<{BASE}x> <{BASE}p> "{name}" <{g.value}> .\n'.encode(), mark

    first, second = graph("first"), graph("second")
    new.load([first[0]], [first[1]])
    assert set(ledger.digests(store)) == set()  # written, recorded with the next load
    with pytest.raises(run.DrugkgError):
        new.load([second[0], b"not N-Quads\n"], [second[1]])
    new.close()  # the failed load's graph stays unrecorded; the one before it is recorded
    assert ledger.digests(store) == {first[1].graph_name.value: "first"}
