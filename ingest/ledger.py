"""What ingest records in the store about the graphs it wrote, and reads back next time.

Each graph carries its source's sha256 (``<g> dkg:sha256 "..."`` in the graph itself): the
mark that says the graph is complete and current. It is written with the graph or after
it, never before, so a graph cut short (a crash, Ctrl-C) has no mark and the next ingest
writes it again. Monograph graphs also name their source file (``prov:wasDerivedFrom``),
label graphs their set id and version. All of it is kept with the store's generic verbs and
read with the internal queries in ``queries/internal/``.
"""

from __future__ import annotations

import io
import signal
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

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


class NewGraphs:
    """Bulk-loads graphs new to the store and records each one complete (its mark).

    Each load carries the marks of the load before it: they are written after those graphs,
    as the ledger requires, and in the same bulk load as the next graphs. Marks added on
    their own (a transaction) left RocksDB one more small file per load to compact with the
    store, a third more compaction writing. :meth:`close` writes the marks of the last load;
    call it when the loads end, also on an error or Ctrl-C.

    Ctrl-C is held while a load runs, so every graph of it is written; when the process is
    killed outright (or Ctrl-C is pressed twice) the graphs of the last load or two are left
    unmarked, and the next ingest writes them again."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._unmarked: list[ox.Quad] = []  # of graphs loaded whole

    def load(self, nquads: list[bytes], marks: list[ox.Quad]) -> None:
        """Load N-Quads that emit wrote (from pyoxigraph's checked terms) for the graphs
        that ``marks`` will record."""
        earlier = "".join(f"{mark} .\n" for mark in self._unmarked).encode()
        with _interrupt_held():
            self.store.load(_Joined([earlier, *nquads]), checked=True)
            self._unmarked = list(marks)

    def close(self) -> None:
        """Record the graphs of the last load."""
        if self._unmarked:
            with _interrupt_held():
                self.store.add(self._unmarked)
                self._unmarked = []


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


class _Joined(io.RawIOBase):
    """Byte strings read one after the other, never copied into one."""

    def __init__(self, parts: list[bytes]) -> None:
        self._parts = deque(memoryview(p) for p in parts)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._parts and not self._parts[0]:
            self._parts.popleft()
        if not self._parts:
            return 0
        part = self._parts[0]
        n = min(len(buffer), len(part))
        buffer[:n] = part[:n]
        self._parts[0] = part[n:]
        return n
