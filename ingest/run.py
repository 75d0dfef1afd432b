"""Walk monograph files, parse them in parallel, and write each one's graph to a store.

One broken file never stops an ingest: it is reported with file:line and the reason, and
its previous graph (if any) stays as it was.

Scale: workers turn files into N-Quads (parse → assemble → emit → serialise) a bounded
number of chunks ahead of the writer, so memory stays flat however many files there are.
Graphs new to the store are bulk-loaded in batches and marked done (their sha256)
with the next batch; graphs that already exist are swapped atomically, one SPARQL Update each. What
ingest records about its graphs is kept by :mod:`drugkg.ingest.ledger`.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox

from drugkg import corpus
from drugkg.errors import DrugkgError, MonographError
from drugkg.ingest import labels, ledger
from drugkg.ingest.assemble import assemble
from drugkg.ingest.emit import emit, graph_iri, monograph_graph
from drugkg.ingest.labels import LabelRecord
from drugkg.ingest.model import Component, Fact
from drugkg.ingest.monograph import Monograph, read_monograph
from drugkg.ontology import (
    DKG,
    INFERRED_GRAPH,
    ONTOLOGY_FILE,
    ONTOLOGY_GRAPH,
    UNLINKED_GRAPH,
    vocabulary_files,
)
from drugkg.ontology.lexicon import load_lexicon
from drugkg.ontology.recognise import matcher_for
from drugkg.store import Store

SUFFIXES = {".md", ".markdown", *labels.LABEL_SUFFIXES}
CHUNK = 8  # files per task sent to a worker
AHEAD = 16  # chunks per worker parsed ahead of the writer: work to do while a batch loads
# new graphs are bulk-loaded this many triples at a time. Larger loads cost the writer less
# CPU (10k pages: ~9 ms a page at 200,000, ~7 at 500,000) but Oxigraph's loader holds the
# batch's indexes in memory: the writer's peak RSS went from 362 to 763 MB
BATCH_TRIPLES = 200_000
_SHA = DKG + "sha256"
Item = Path | LabelRecord  # a Markdown file, or one label record read from a label file


@dataclass
class IngestReport:
    """What an ingest did, for the CLI summary and for tests."""

    files: int = 0
    ingested: int = 0
    replaced: int = 0  # of the ingested, those whose graph was in the store before
    unchanged: int = 0
    pruned: int = 0
    triples: int = 0  # quads written; a concept two pages mint counts twice (``stored`` is exact)
    stored: int | None = None  # quads the store holds at the end (None: nothing changed)
    optimize_seconds: float = 0.0  # compacting the store after the writes
    records: int = 0  # label records read from label files (JSON, XML, zip)
    older: int = 0  # label records skipped: the store holds a newer version
    superseded: int = 0  # label graphs dropped: a newer version was ingested
    failures: list[MonographError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. identifier conflicts

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class GraphPayload:
    """One file's graph, ready to write: N-Quads without its sha256 mark, and the mark."""

    path: Path
    graph: str
    nquads: bytes
    mark: ox.Quad
    triples: int
    warnings: tuple[str, ...] = ()


def find_monographs(paths: Iterable[str | Path],
                    refused: list[MonographError] | None = None) -> list[Path]:
    """Files named directly or found under directories (following symlinks that stay inside
    the folder), sorted. A symlink leading out of its folder, or back into a folder being
    walked (a loop), is not read: it is added to ``refused`` with the reason. A folder with
    no monograph file in it is an error."""
    refused = [] if refused is None else refused
    found: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            in_folder = _walk(p, refused)
            if not in_folder:
                raise DrugkgError(f"{p}: no monograph files ({', '.join(sorted(SUFFIXES))}) "
                                  "in this folder")
            found |= in_folder
        elif p.exists():
            found.add(p)
        else:
            raise DrugkgError(f"{p}: no such file or directory")
    return sorted(found)


def _walk(folder: Path, refused: list[MonographError]) -> set[Path]:
    root = Path(os.path.realpath(folder))
    found: set[Path] = set()
    seen: set[Path] = set()
    for here, dirs, names in os.walk(folder, followlinks=True):
        real = Path(os.path.realpath(here))
        if real in seen:  # a symlink back into a folder already walked
            refused.append(MonographError(here, f"symlink loop: this folder is {real} again; "
                                                "skipped"))
            dirs.clear()
            continue
        seen.add(real)
        if not real.is_relative_to(root):
            refused.append(MonographError(here, f"symlink leads out of {folder} to {real}; "
                                                "not read (copy the files in instead)"))
            dirs.clear()
            continue
        dirs.sort()
        for name in names:
            f = Path(here) / name
            if f.suffix.lower() not in SUFFIXES or not f.is_file():
                continue
            target = Path(os.path.realpath(f))
            if not target.is_relative_to(root):
                refused.append(MonographError(f, f"symlink leads out of {folder} to {target}; "
                                                 "not read (copy the file in instead)"))
                continue
            found.add(f)
    return found


def extract(item: Item) -> tuple[Monograph, list[Component], list[Fact]]:
    """Parse one file (or label record) and assemble its facts."""
    monograph = labels.to_monograph(item) if isinstance(item, LabelRecord) else \
        read_monograph(item)
    matcher = matcher_for(load_lexicon())
    components, facts = assemble(monograph, matcher)
    facts += labels.structured_facts(monograph, components, matcher)
    return monograph, components, facts


def prepare(item: Item, base: str) -> GraphPayload:
    """Everything a worker does for one file or label record: extract, emit, serialise."""
    monograph, components, facts = extract(item)
    # build every quad first: a failure here leaves the stored graph untouched
    lines = list(emit(monograph, components, facts, base=base))
    graph = monograph_graph(base, monograph)
    at = next(i for i, line in enumerate(lines) if line.startswith(f"<{graph}> <{_SHA}> "))
    mark = next(ox.parse(lines.pop(at), format=ox.RdfFormat.N_QUADS))
    return GraphPayload(monograph.path, graph, "".join(lines).encode(), mark, len(lines) + 1,
                        tuple(labels.identifiers(monograph, components)[1]))


def _prepare_chunk(items: list[Item], base: str) -> list[GraphPayload | MonographError]:
    out: list[GraphPayload | MonographError] = []
    for item in items:
        try:
            out.append(prepare(item, base))
        except MonographError as exc:
            out.append(exc)
        except Exception as exc:  # a parser bug must not stop the other files
            path, where = (item.source, item.where) if isinstance(item, LabelRecord) else \
                (item, "")
            out.append(MonographError(path, f"{where}internal error {type(exc).__name__}: {exc}"))
    return out


def _warm() -> None:
    matcher_for(load_lexicon())


def _start_worker() -> None:
    """A worker leaves Ctrl-C to the parent, which stops the pool and reports; forked
    workers find the matcher built, spawned ones build their own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _warm()


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def load_ontology(store: Store) -> int:
    """(Re)load the ontology and vocabularies into their graph when they changed."""
    contents = [f.read_bytes() for f in (ONTOLOGY_FILE, *vocabulary_files())]
    digest = hashlib.sha256(b"".join(contents)).hexdigest()
    if ledger.digest(store, ONTOLOGY_GRAPH) == digest:
        return 0
    g = ox.NamedNode(ONTOLOGY_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, g)
             for data in contents for t in ox.parse(data, format=ox.RdfFormat.TURTLE)]
    quads.append(ox.Quad(g, ox.NamedNode(_SHA), ox.Literal(digest), g))  # the mark last
    if ONTOLOGY_GRAPH in store.graphs():
        return store.replace_graph(ONTOLOGY_GRAPH, quads)
    # not there yet: added as it is, the mark last (no SPARQL text for Oxigraph to parse:
    # 0.5 s of CPU against 2 s); a load cut short has no mark and is replaced next time
    store.add(quads)
    return len(quads)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    base: str,
    jobs: int = 1,
    prune: bool = False,
    force: bool = False,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> IngestReport:
    """Ingest monograph files into ``store``; see :class:`IngestReport`."""
    report = IngestReport()
    paths = list(paths)
    files = find_monographs(paths, report.failures)
    corpus.record(store, paths)  # the monograph view serves files only from under these
    report.files = len(files)
    report.triples += load_ontology(store)
    digests = ledger.digests(store)
    existing = store.graphs()
    todo, claimed, label_files = [], {}, []
    for path in files:
        if labels.sniff(path) != "markdown":
            label_files.append(path)
            continue
        graph = graph_iri(base, path)
        if graph in claimed:
            report.failures.append(MonographError(
                path, f"has the same graph IRI as {claimed[graph]} (graphs are named after "
                "the file name); rename one of them"))
            continue
        claimed[graph] = path
        if not force and graph in digests and digests[graph] == _sha256(path):
            report.unchanged += 1
        else:
            todo.append(path)
    replaces: dict[str, list[str]] = {}  # new label version's graph -> older versions' graphs
    records = _label_records(label_files, store, base, digests, force, report, replaces)
    results = _run(chain(todo, records), jobs, base)
    if progress is not None:
        results = progress(results, total=None if label_files else len(todo))
    batch: list[GraphPayload] = []
    batch_triples = 0
    new = ledger.NewGraphs(store)
    try:
        for result in results:
            if isinstance(result, MonographError):
                report.failures.append(result)
                continue
            report.warnings += [f"{result.path}: {w}" for w in result.warnings]
            if result.graph in existing:
                _replace(result, store, report)
            else:
                batch.append(result)
                batch_triples += result.triples
                if batch_triples >= BATCH_TRIPLES:
                    _write_new(batch, new, report)
                    batch, batch_triples = [], 0
        _write_new(batch, new, report)
    finally:  # also on an error or Ctrl-C: what was loaded whole is recorded
        new.close()
    if replaces:
        report.superseded = _drop_superseded(store, replaces)
    if prune:
        report.pruned = prune_missing(store)
    if report.replaced or report.pruned or report.superseded:
        ledger.drop_orphans(store, UNLINKED_GRAPH)  # concepts only the old graphs named
    if report.ingested or report.pruned:
        # what the reasoner inferred from the old graphs is stale: 'drugkg reason' again
        store.drop_graph(INFERRED_GRAPH)
    store.flush()
    if report.triples or report.ingested or report.pruned or report.superseded:
        # a store left uncompacted after a bulk load answers queries about twice as slowly
        started = time.perf_counter()
        store.optimize()
        report.optimize_seconds = time.perf_counter() - started
        report.stored = len(store)  # the summary's count is what a query would see
    return report


def _label_records(files: list[Path], store: Store, base: str, digests: dict[str, str],
                   force: bool, report: IngestReport,
                   replaces: dict[str, list[str]]) -> Iterator[LabelRecord]:
    """The label records to ingest, streamed from the files: one graph per set id and
    version. A record unchanged since the last ingest, or older than the version the store
    holds, is skipped; a newer one is noted in ``replaces`` so that the older version's graph
    is dropped once the new one is written."""
    versions = ledger.label_versions(store) if files else {}
    claimed: dict[str, str] = {}
    for path in files:
        for item in labels.iter_records(path):
            if isinstance(item, MonographError):
                report.failures.append(item)
                continue
            report.records += 1
            graph = f"{base}graph/{item.key}"
            if graph in claimed:
                report.failures.append(MonographError(path, (
                    f"{item.where}the same label version as {claimed[graph]} "
                    "(set id and version); ingested once")))
                continue
            claimed[graph] = f"{path.name} {item.position}".strip()
            stored = versions.setdefault(item.set_id, {}) if item.set_id else {}
            mine = labels.version_number(item.version)
            if any(labels.version_number(v) > mine for g, v in stored.items() if g != graph):
                report.older += 1
                continue
            if not force and digests.get(graph) == item.sha256:
                report.unchanged += 1
                continue
            older = [g for g in stored if g != graph]
            if older:
                replaces[graph] = older
            if item.set_id:
                versions[item.set_id] = {graph: item.version}
            yield item


def _drop_superseded(store: Store, replaces: dict[str, list[str]]) -> int:
    """Drop the older versions of labels whose newer version is now stored."""
    stored, dropped = store.graphs(), set()
    for graph, older in replaces.items():
        if graph in stored:
            for old in set(older) - dropped:
                store.drop_graph(old)
                dropped.add(old)
    return len(dropped)


def _replace(payload: GraphPayload, store: Store, report: IngestReport) -> None:
    """Swap a stored graph for its new version (one atomic write)."""
    quads = [*ox.parse(payload.nquads, format=ox.RdfFormat.N_QUADS), payload.mark]
    own = [q for q in quads if q.graph_name == payload.mark.graph_name]
    shared = [q for q in quads if q.graph_name != payload.mark.graph_name]
    try:
        store.replace_graph(payload.graph, own, extra=shared)
    except DrugkgError as exc:
        report.failures.append(MonographError(payload.path, str(exc)))
        return
    report.replaced += 1
    report.ingested += 1
    report.triples += payload.triples


def _write_new(batch: list[GraphPayload], new: ledger.NewGraphs, report: IngestReport) -> None:
    if not batch:
        return
    try:
        new.load([p.nquads for p in batch], [p.mark for p in batch])
    except DrugkgError as exc:
        report.failures += [MonographError(p.path, str(exc)) for p in batch]
        return
    report.ingested += len(batch)
    report.triples += sum(p.triples for p in batch)


def _run(items: Iterable[Item], jobs: int, base: str) -> Iterator[GraphPayload | MonographError]:
    """Prepared graphs in file order; workers stay at most a few chunks ahead (the items
    may be a stream: label records are read from their files as the workers need them)."""
    source = iter(items)
    first = list(islice(source, CHUNK))
    chunks = chain([first] if first else [], iter(lambda: list(islice(source, CHUNK)), []))
    if jobs <= 1 or len(first) < 4:
        _warm()
        for chunk in chunks:
            yield from _prepare_chunk(chunk, base)
        return
    # The lexicon and matcher (~260 MB) are built once, here, and forked workers share them
    # (frozen out of the collector, whose passes would otherwise copy their pages).
    _warm()
    gc.freeze()
    fork = "fork" in multiprocessing.get_all_start_methods()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                               mp_context=multiprocessing.get_context("fork") if fork else None)
    try:
        pending = deque(pool.submit(_prepare_chunk, c, base) for c in islice(chunks, jobs * AHEAD))
        while pending:
            done = pending.popleft().result()
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(_prepare_chunk, chunk, base))
            yield from done
    except BrokenProcessPool as exc:
        raise DrugkgError("a worker process stopped (killed, or out of memory?); what was "
                          "written is kept: run the ingest again, or with --jobs 1") from exc
    finally:  # Ctrl-C or an error in the writer: drop the queued work, let the running end
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def prune_missing(store: Store) -> int:
    """Drop graphs whose source file no longer exists; returns how many."""
    dropped = 0
    for graph, source in ledger.sources(store).items():
        parsed = urlparse(source)
        if parsed.scheme == "file" and not os.path.exists(unquote(parsed.path)):
            store.drop_graph(graph)
            dropped += 1
    return dropped
