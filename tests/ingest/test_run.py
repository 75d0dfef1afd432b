"""Ingesting folders into a store: failures, re-ingest, prune, atomic replacement."""

from __future__ import annotations

import shutil

import pytest

from drugkg.ingest import emit as emit_module
from drugkg.ingest import ledger, run
from drugkg.ingest.emit import graph_iri
from tests.conftest import BASE, EXAMPLES

PAGE = """---
title: {title}
---

## Side Effects

- {effect}
"""


def drugs_in(store) -> set[str]:
    rows = store.select(
        "SELECT ?label WHERE { GRAPH ?g { ?p <https://w3id.org/drugkg/ontology#"
        "hasActiveIngredient> ?d } ?d <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
    )
    return {r["label"] for r in rows}


def effects_in(store, graph: str) -> set[str]:
    rows = store.select(
        "PREFIX dkg: <https://w3id.org/drugkg/ontology#> "
        "SELECT ?label WHERE { GRAPH ?g { ?d dkg:hasCommonAdverseEffect ?e } "
        "?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }",
        g=__import__("pyoxigraph").NamedNode(graph),
    )
    return {r["label"] for r in rows}


def test_examples_ingest_cleanly(store):
    report = run.ingest([EXAMPLES / "monographs"], store, base=BASE)
    assert report.ok, report.failures
    assert report.files == report.ingested >= 10
    assert {"sertraline", "codeine", "paracetamol", "clavulanic acid"} <= drugs_in(store)


def test_broken_file_is_named_and_the_rest_are_stored(store, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.md").write_text(PAGE.format(title="Diazepam", effect="Drowsiness"))
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02PNG")
    (folder / "latin1.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    report = run.ingest([folder], store, base=BASE)
    assert report.ingested == 1
    assert sorted(f.path.rsplit("/", 1)[-1] for f in report.failures) == [
        "binary.md", "empty.md", "latin1.md"]
    assert drugs_in(store) == {"diazepam"}


def test_reingest_of_unchanged_files_is_a_no_op(store, tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(EXAMPLES / "monographs", folder)
    first = run.ingest([folder], store, base=BASE)
    size = len(store)
    second = run.ingest([folder], store, base=BASE)
    assert second.ingested == 0
    assert second.unchanged == first.ingested
    assert second.triples == 0
    assert len(store) == size


def test_changed_file_replaces_its_graph(store, tmp_path):
    page = tmp_path / "drug.md"
    page.write_text(PAGE.format(title="Diazepam", effect="Drowsiness"))
    run.ingest([page], store, base=BASE)
    graph = graph_iri(BASE, page)
    assert effects_in(store, graph) == {"drowsiness"}
    page.write_text(PAGE.format(title="Diazepam", effect="Headache"))
    report = run.ingest([page], store, base=BASE)
    assert report.ingested == 1
    assert effects_in(store, graph) == {"headache"}


def test_prune_drops_graphs_of_deleted_files(store, tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(PAGE.format(title="Diazepam", effect="Drowsiness"))
    b.write_text(PAGE.format(title="Lorazepam", effect="Headache"))
    run.ingest([tmp_path], store, base=BASE)
    b.unlink()
    kept = run.ingest([tmp_path], store, base=BASE)
    assert kept.pruned == 0 and drugs_in(store) == {"diazepam", "lorazepam"}
    pruned = run.ingest([tmp_path], store, base=BASE, prune=True)
    assert pruned.pruned == 1
    assert drugs_in(store) == {"diazepam"}


def test_failure_while_writing_keeps_the_previous_graph(store, tmp_path, monkeypatch):
    page = tmp_path / "drug.md"
    page.write_text(PAGE.format(title="Diazepam", effect="Drowsiness"))
    run.ingest([page], store, base=BASE)
    graph = graph_iri(BASE, page)
    before = len(store)

    def broken_emit(*args, **kwargs):
        yield from list(emit_module.emit(*args, **kwargs))[:5]
        raise RuntimeError("disk full halfway through")

    monkeypatch.setattr(run, "emit", broken_emit)
    page.write_text(PAGE.format(title="Diazepam", effect="Headache"))
    report = run.ingest([page], store, base=BASE)
    assert len(report.failures) == 1
    assert "disk full" in str(report.failures[0])
    assert effects_in(store, graph) == {"drowsiness"}
    assert len(store) == before


@pytest.mark.parametrize("jobs", [1, 2])
def test_parallel_and_serial_ingest_store_the_same_facts(tmp_path, jobs):
    from drugkg.store import open_store

    store = open_store("memory:")
    report = run.ingest([EXAMPLES / "monographs"], store, base=BASE, jobs=jobs)
    assert report.ok
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a "
                        "<https://w3id.org/drugkg/ontology#Evidence> } }")
    assert int(rows[0]["n"]) > 300


def test_graph_cut_short_without_its_mark_is_rewritten(store, tmp_path):
    page = tmp_path / "drug.md"
    page.write_text(PAGE.format(title="Diazepam", effect="Drowsiness"))
    graph = graph_iri(BASE, page)
    # what a crash during a bulk load leaves: part of the graph, no sha256 mark
    import pyoxigraph as ox

    store.add([ox.Quad(ox.NamedNode(BASE + "drug/stale"),
                       ox.NamedNode(BASE + "stale"), ox.Literal("x"), ox.NamedNode(graph))])
    report = run.ingest([page], store, base=BASE)
    assert report.ingested == 1
    assert not store.select(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s <{BASE}stale> ?o }} }}",
                            g=ox.NamedNode(graph))
    assert effects_in(store, graph) == {"drowsiness"}


def test_two_files_with_one_name_do_not_share_a_graph(store, tmp_path):
    for folder, effect in (("a", "Drowsiness"), ("b", "Headache")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "drug.md").write_text(PAGE.format(title="Diazepam", effect=effect))
    report = run.ingest([tmp_path], store, base=BASE)
    assert report.ingested == 1
    assert len(report.failures) == 1
    assert "rename" in str(report.failures[0]) and "b/drug.md" in str(report.failures[0])
    assert effects_in(store, graph_iri(BASE, tmp_path / "a" / "drug.md")) == {"drowsiness"}


def test_many_files_go_through_batched_bulk_loads(tmp_path, monkeypatch):
    from drugkg.store import open_store

    monkeypatch.setattr(run, "BATCH_TRIPLES", 50)  # force several batches
    for i in range(12):
        (tmp_path / f"d{i}.md").write_text(PAGE.format(title="Diazepam", effect="Headache"))
    store = open_store("memory:")
    report = run.ingest([tmp_path], store, base=BASE, jobs=2)
    assert report.ingested == 12 and report.ok
    assert len(ledger.digests(store)) == 13  # 12 pages + the ontology
    again = run.ingest([tmp_path], store, base=BASE, jobs=2)
    assert again.unchanged == 12


def test_broken_files_are_reported_from_worker_processes(tmp_path):
    from drugkg.store import open_store

    for i in range(6):
        (tmp_path / f"d{i}.md").write_text(PAGE.format(title="Diazepam", effect="Headache"))
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02PNG")
    report = run.ingest([tmp_path], open_store("memory:"), base=BASE, jobs=2)
    assert report.ingested == 6
    assert [f.path.rsplit("/", 1)[-1] for f in report.failures] == ["binary.md"]


def test_a_minted_concept_is_declared_once_and_dropped_with_its_last_page(store, tmp_path):
    label = "zorblax wobbles"  # in no vocabulary: a minted concept
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(PAGE.format(title="Diazepam", effect=label.capitalize()))

    def labels() -> list[str]:
        rows = store.select("SELECT ?c WHERE { ?c <http://www.w3.org/2004/02/skos/core#"
                            f"prefLabel> \"{label}\"@en }}")
        return [r["c"] for r in rows]

    run.ingest([tmp_path], store, base=BASE)
    assert len(labels()) == 1  # not one copy per page in the union default graph
    (tmp_path / "a.md").unlink()
    run.ingest([tmp_path], store, base=BASE, prune=True)
    assert len(labels()) == 1  # b.md still names it
    (tmp_path / "b.md").write_text(PAGE.format(title="Diazepam", effect="Headache"))
    run.ingest([tmp_path], store, base=BASE)
    assert labels() == []


def test_summary_count_is_what_the_store_holds_and_the_store_is_compacted(store, tmp_path,
                                                                         monkeypatch):
    """Two pages minting the same unknown drug declare it once in the shared graph: the
    count reported is the store's own, and every ingest that wrote something compacts."""
    compactions = []
    monkeypatch.setattr(store, "optimize", lambda: compactions.append(len(store)))
    for name in ("zentrofam-tablets", "zentrofam-syrup"):
        (tmp_path / f"{name}.md").write_text(PAGE.format(title="Zentrofam", effect="Nausea"))
    first = run.ingest([tmp_path], store, base=BASE)
    assert first.ingested == 2
    assert first.stored == len(store) < first.triples  # the declarations counted twice
    assert compactions == [len(store)]
    again = run.ingest([tmp_path], store, base=BASE)
    assert again.stored is None and compactions == [len(store)]  # nothing written
    (tmp_path / "zentrofam-syrup.md").unlink()
    pruned = run.ingest([tmp_path], store, base=BASE, prune=True)
    assert pruned.pruned == 1 and pruned.stored == len(store) < first.stored
    assert len(compactions) == 2
