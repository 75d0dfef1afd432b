"""Walk monograph files, parse them in parallel, and write each one's graph to a store.

One broken file never stops an ingest: it is reported with file:line and the reason, and
its previous graph (if any) stays as it was.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox

from drugkg.errors import DrugkgError, MonographError
from drugkg.ingest.assemble import Component, Fact, assemble
from drugkg.ingest.emit import emit, graph_iri
from drugkg.ingest.monograph import Monograph, read_monograph
from drugkg.ingest.recognise import matcher_for
from drugkg.ontology import DKG, INFERRED_GRAPH, ONTOLOGY_FILE, ONTOLOGY_GRAPH, vocabulary_files
from drugkg.ontology.lexicon import load_lexicon
from drugkg.store import OxigraphStore

SUFFIXES = {".md", ".markdown"}


@dataclass
class IngestReport:
    """What an ingest did, for the CLI summary and for tests."""

    files: int = 0
    ingested: int = 0
    unchanged: int = 0
    pruned: int = 0
    triples: int = 0
    failures: list[MonographError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def find_monographs(paths: Iterable[str | Path]) -> list[Path]:
    """Markdown files named directly or found under directories, sorted."""
    found: set[Path] = set()
    for p in map(Path, paths):
        if p.is_dir():
            found |= {f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()}
        elif p.exists():
            found.add(p)
        else:
            raise DrugkgError(f"{p}: no such file or directory")
    return sorted(found)


def extract(path: Path) -> tuple[Monograph, list[Component], list[Fact]]:
    """Parse one file and assemble its facts (runs in worker processes)."""
    monograph = read_monograph(path)
    components, facts = assemble(monograph, matcher_for(load_lexicon()))
    return monograph, components, facts


def _extract_safely(path: Path):
    try:
        return path, extract(path), None
    except MonographError as exc:
        return path, None, exc
    except Exception as exc:  # a parser bug must not stop the other files
        return path, None, MonographError(path, f"internal error {type(exc).__name__}: {exc}")


def _warm() -> None:
    matcher_for(load_lexicon())


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def load_ontology(store: OxigraphStore) -> int:
    """(Re)load the ontology and vocabularies into their graph when they changed."""
    contents = [f.read_bytes() for f in (ONTOLOGY_FILE, *vocabulary_files())]
    digest = hashlib.sha256(b"".join(contents)).hexdigest()
    if store.graph_sha256(ONTOLOGY_GRAPH) == digest:
        return 0
    g = ox.NamedNode(ONTOLOGY_GRAPH)
    quads = [ox.Quad(g, ox.NamedNode(DKG + "sha256"), ox.Literal(digest), g)]
    for data in contents:
        quads += [ox.Quad(t.subject, t.predicate, t.object, g)
                  for t in ox.parse(data, format=ox.RdfFormat.TURTLE)]
    return store.replace_graph(ONTOLOGY_GRAPH, quads)


def ingest(
    paths: Iterable[str | Path],
    store: OxigraphStore,
    *,
    base: str,
    jobs: int = 1,
    prune: bool = False,
    force: bool = False,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> IngestReport:
    """Ingest monograph files into ``store``; see :class:`IngestReport`."""
    report = IngestReport()
    files = find_monographs(paths)
    report.files = len(files)
    report.triples += load_ontology(store)
    todo = []
    for path in files:
        if not force and store.graph_sha256(graph_iri(base, path)) == _sha256(path):
            report.unchanged += 1
        else:
            todo.append(path)
    results = _run(todo, jobs)
    if progress is not None:
        results = progress(results, total=len(todo))
    for path, extracted, error in results:
        if error is not None:
            report.failures.append(error)
            continue
        monograph, components, facts = extracted
        try:
            # build every quad first: a failure here leaves the stored graph untouched
            quads = list(emit(monograph, components, facts, base=base))
            report.triples += store.replace_graph(graph_iri(base, monograph.path), quads)
            report.ingested += 1
        except DrugkgError as exc:
            report.failures.append(MonographError(path, str(exc)))
        except Exception as exc:  # a bug while emitting one file must not stop the others
            report.failures.append(
                MonographError(path, f"internal error {type(exc).__name__}: {exc}")
            )
    if prune:
        report.pruned = prune_missing(store)
    if report.ingested or report.pruned:
        # what the reasoner inferred from the old graphs is stale: 'drugkg reason' again
        store.drop_graph(INFERRED_GRAPH)
    store.flush()
    return report


def _run(paths: list[Path], jobs: int) -> Iterator:
    if jobs <= 1 or len(paths) < 4:
        _warm()
        yield from map(_extract_safely, paths)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm) as pool:
        yield from pool.map(_extract_safely, paths, chunksize=max(1, len(paths) // (jobs * 8)))


def prune_missing(store: OxigraphStore) -> int:
    """Drop graphs whose source file no longer exists; returns how many."""
    dropped = 0
    for graph, source in store.source_graphs().items():
        parsed = urlparse(source)
        if parsed.scheme == "file" and not os.path.exists(unquote(parsed.path)):
            store.drop_graph(graph)
            dropped += 1
    return dropped
