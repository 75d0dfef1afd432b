"""What ingest records in the store about the graphs it wrote, and reads back next time.

Each graph carries its source's sha256 (``<g> dkg:sha256 "..."`` in the graph itself): the
mark that says the graph is complete and current. It is written with the graph or after
it, never before, so a graph cut short (a crash, Ctrl-C) has no mark and the next ingest
writes it again. Monograph graphs also name their source file (``prov:wasDerivedFrom``),
label graphs their set id and version. All of it is kept with the store's generic verbs and
read with the internal queries in ``queries/internal/``.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import pyoxigraph as ox

from drugkg import sparql
from drugkg.store import Store


def digests(store: Store) -> dict[str, str]:
    """Every graph that records its source's sha256: graph IRI -> digest (one query)."""
    return {r["g"]: r["sha"] for r in store.select(sparql.load("graph-digests"))}


def digest(store: Store, graph: str) -> str | None:
    """The sha256 ``graph`` records, if it is stored and complete."""
    rows = store.select(sparql.load("graph-digests"), g=ox.NamedNode(graph))
    return rows[0]["sha"] if rows else None


def sources(store: Store) -> dict[str, str]:
    """Monograph graphs: graph IRI -> source file URI."""
    return {r["g"]: r["src"] for r in store.select(sparql.load("graph-sources"))}


def label_versions(store: Store) -> dict[str, dict[str, str]]:
    """Label graphs by set id: set id -> {graph IRI: version}."""
    versions: dict[str, dict[str, str]] = {}
    for row in store.select(sparql.load("label-versions")):
        versions.setdefault(row["set"], {})[row["g"]] = row["v"]
    return versions


def write_new(store: Store, nquads: bytes | IO[bytes], marks: list[ox.Quad]) -> None:
    """Bulk-load graphs new to the store, then record each one complete (its ``marks``).

    Ctrl-C is held while both run, so every graph of the load is written and marked; when
    the process is killed outright (or Ctrl-C is pressed twice) the graphs are left
    unmarked, and the next ingest writes them again."""
    with _interrupt_held():
        store.load(nquads, checked=True)  # emit wrote it from pyoxigraph's checked terms
        store.add(marks)


def drop_orphans(store: Store, graph: str) -> None:
    """Remove from a shared ``graph`` what no other graph mentions any more."""
    store.update(sparql.load("drop-orphans"), bindings={"shared": ox.NamedNode(graph)})


@contextmanager
def _interrupt_held() -> Iterator[None]:
    """Run the block to its end when Ctrl-C comes, and raise KeyboardInterrupt after it; a
    second Ctrl-C stops at once (what was loaded stays unmarked). Only the main thread
    receives signals; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: object) -> None:
        if caught:
            raise KeyboardInterrupt
        caught.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:  # None: a handler set outside Python, which cannot be put back from here
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
    if caught:
        raise KeyboardInterrupt
