"""The synthetic benchmark corpus: deterministic, prefix-stable, ingestible, and its gold
says what its pages say."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import yaml
from click.testing import CliRunner

from benchmarks import corpus
from benchmarks.corpus import generate
from drugkg import cli
from drugkg.store import open_store

CONCEPT_FIELDS = ("classes", "mechanisms", "indications", "adverse_effects_common",
                  "adverse_effects_serious", "contraindications", "interactions")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def golds(corpus: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((corpus / "gold").rglob("*.yaml"))]


def test_same_seed_gives_the_same_bytes_and_a_smaller_corpus_is_a_prefix(tmp_path):
    assert generate(tmp_path / "a", 40, seed=7, gold=True) == 40
    generate(tmp_path / "b", 40, seed=7, gold=True)
    generate(tmp_path / "small", 20, seed=7, gold=True)
    generate(tmp_path / "other", 40, seed=8)
    a, small = tree(tmp_path / "a"), tree(tmp_path / "small")
    assert a == tree(tmp_path / "b")
    pages = [name for name in a if name.endswith(".md")]
    assert len(pages) == 40
    assert all(re.fullmatch(r"00000/0000\d\d-[a-z0-9-]+\.md", name) for name in pages)
    del small["questions.yaml"]  # answers q1 over the whole corpus
    assert sum(name.endswith(".md") for name in small) == 20
    assert all(a.get(name) == data for name, data in small.items())
    other = tree(tmp_path / "other")
    assert sum(a.get(name) == data for name, data in other.items()) < 5


def test_pages_are_spread_over_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "PER_FOLDER", 10)
    generate(tmp_path, 21, broken=0)
    assert [len(list((tmp_path / f"0000{i}").iterdir())) for i in range(3)] == [10, 10, 1]
    assert [p.name[:7] for p in (tmp_path / "00002").iterdir()] == ["000020-"]


def test_gold_lists_surface_forms_that_are_on_the_page(tmp_path):
    generate(tmp_path, 40, seed=3, gold=True, flat=True)
    documents = golds(tmp_path)
    assert len(documents) >= 35  # the others are broken pages, which have no gold
    for doc in documents:
        raw = (tmp_path / "monographs" / doc["file"]).read_bytes()
        text = raw.decode("utf-8-sig").lower()
        assert doc["combination"] == (len(doc["components"]) > 1)
        for comp in doc["components"]:
            assert comp["name"].lower() in text
            if f"{comp['name'].lower()} is not habit-forming" in text:  # a trap, not a fact
                assert "dependence" not in comp["risks"], doc["file"]
            for field in CONCEPT_FIELDS:
                for forms in comp[field]:
                    assert any(f.lower() in text for f in forms), (doc["file"], field, forms)


def test_ingest_stores_the_readable_pages_and_finds_the_gold_drugs(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    generate(folder, 15, seed=5, gold=True, broken=0.15)
    pages = sorted(folder.glob("0*/*.md"))
    with_gold = {doc["file"] for doc in golds(folder)}
    broken = [p for p in pages if p.name not in with_gold]
    assert 0 < len(broken) < len(pages) // 2

    # both commands share one in-memory store: an on-disk one costs seconds to set up
    store = open_store("memory:")
    monkeypatch.setattr(cli, "open_store", lambda selector, **_: store)
    result = CliRunner().invoke(cli.main, ["ingest", str(folder), "-q"])
    assert result.exit_code == 1, result.output
    assert f"{len(pages)} files: {len(pages) - len(broken)} ingested" in result.output
    assert result.output.count("failed: ") == len(broken)
    assert all(p.name in result.output for p in broken)

    cards = json.loads(CliRunner().invoke(cli.main, ["cards", "--format", "json"]).output)
    labels: dict[str, set[str]] = defaultdict(set)
    facts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for card in cards:
        labels[card["source"]].add(card["label"].lower())
        for field in ("classes", "indications", "adverse_effects", "contraindications"):
            facts[card["source"], card["label"].lower()] |= {i["label"] for i in card[field]}
    documents = golds(folder)
    named = [all(c["name"].lower() in labels[doc["file"]] for c in doc["components"])
             for doc in documents]
    assert sum(named) >= 0.9 * len(documents)
    wanted = [(doc["file"], c["name"].lower(), forms[0]) for doc in documents
              for c in doc["components"]
              for field in ("classes", "indications", "adverse_effects_common",
                            "adverse_effects_serious", "contraindications")
              for forms in c[field]]
    found = [label in facts[source, name] for source, name, label in wanted]
    assert sum(found) >= 0.8 * len(wanted)
