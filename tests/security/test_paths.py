"""Files: /monograph serves only files under the folders ingest was given, never a path
taken from the graph alone; symlinks out of a corpus folder and symlink loops are refused
at ingest with a message (issue 15, items 8 and 10)."""

from __future__ import annotations

import shutil

import pytest

from drugkg import corpus
from drugkg.errors import DrugkgError
from drugkg.ingest.run import find_monographs, ingest
from drugkg.ontology import DKG
from drugkg.server import create_app
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES

SECRET = "---\ntitle: Sertraline\n---\n# Sertraline\n\nTOP-SECRET-NOTES\n"


@pytest.fixture
def tree(tmp_path):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    shutil.copy(EXAMPLES / "monographs" / "bupropion.md", corpus_dir / "bupropion.md")
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "notes.md").write_text(SECRET, encoding="utf-8")
    (corpus_dir / "linked.md").symlink_to(outside / "notes.md")
    (corpus_dir / "elsewhere").symlink_to(outside)
    (corpus_dir / "loop").symlink_to(corpus_dir)
    return corpus_dir, outside


def test_symlinks_out_of_the_corpus_and_loops_are_refused_with_a_message(tree):
    corpus_dir, _ = tree
    refused = []
    assert [p.name for p in find_monographs([corpus_dir], refused)] == ["bupropion.md"]
    reasons = sorted(str(e) for e in refused)
    assert len(reasons) == 3
    assert sum("leads out of" in r for r in reasons) == 2
    assert any("symlink loop" in r for r in reasons)


def test_monograph_serves_only_files_under_the_ingested_roots(tree):
    corpus_dir, outside = tree
    store = open_store("memory:")
    report = ingest([corpus_dir], store, base=BASE)
    assert report.ingested == 1 and len(report.failures) == 3
    client = create_app({}, store=store).test_client()
    page = client.get("/monograph?source=bupropion.md")
    assert page.status_code == 200 and "Bupropion" in page.get_data(as_text=True)
    # a graph written by an update token holder, naming a file outside the roots
    secret = (outside / "notes.md").resolve().as_uri()
    store.update(f"""PREFIX prov: <http://www.w3.org/ns/prov#>
        INSERT DATA {{ GRAPH <urn:g> {{ <urn:g> prov:wasDerivedFrom <{secret}> ;
        <{DKG}sourceFile> "notes.md" }} }}""")
    assert not corpus.allows(store, outside / "notes.md")
    for url in ("/monograph?graph=urn:g", "/monograph?graph=urn:g&format=json"):
        response = client.get(url)
        assert response.status_code == 200  # the graph is found, its file is not read
        assert "TOP-SECRET" not in response.get_data(as_text=True)
    assert client.get("/monograph?graph=urn:g&format=json").get_json()["available"] is False


def test_roots_of_an_on_disk_store_live_beside_it(tmp_path):
    store = open_store(f"oxigraph:{tmp_path / 'kg'}")
    corpus.record(store, [EXAMPLES / "monographs"])
    assert (tmp_path / "kg.roots").is_file()
    assert corpus.allows(store, EXAMPLES / "monographs" / "bupropion.md")
    assert not corpus.allows(store, EXAMPLES / "README.md")


def test_a_folder_with_no_monograph_is_an_error(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DrugkgError, match="no monograph files"):
        find_monographs([tmp_path])
