"""The drugkg command as a user runs it."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from drugkg.cli import main
from tests.conftest import EXAMPLES


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ingest_cards_query_stats(tmp_path):
    store = f"oxigraph:{tmp_path}/kg"
    result = run("ingest", str(EXAMPLES / "monographs"), "--store", store)
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output

    cards = json.loads(run("cards", "--store", store, "--format", "json").output)
    by_label = {(c["label"], c["source"]): c for c in cards}
    codeine = by_label[("codeine", "codeine-paracetamol.md")]
    assert codeine["product"] == "Codeine + Paracetamol"
    assert codeine["xrefs"]["drugbank"].startswith("DB")
    for field in ("classes", "mechanisms", "neurotransmitters", "indications",
                  "adverse_effects", "contraindications", "risks", "interactions"):
        assert isinstance(codeine[field], list)
    item = codeine["adverse_effects"][0]
    assert set(item) >= {"id", "label", "synonyms", "linked", "serious"}

    # JSON Lines: the same cards, one a line; --drug keeps one drug's
    lines = run("cards", "--store", store, "--format", "jsonl").output.splitlines()
    assert [json.loads(line) for line in lines] == cards
    only = run("cards", "--store", store, "--format", "json", "--drug", "codeine").output
    assert json.loads(only) == [c for c in cards if c["label"] == "codeine"]
    missing = CliRunner().invoke(main, ["cards", "--store", store, "--drug", "nosuchdrug"])
    assert missing.exit_code == 2 and "no cards for 'nosuchdrug'" in missing.output

    table = run("cards", "--store", store)
    assert "codeine" in table.output and "adverse effects" in table.output

    answer = json.loads(run("query", "gaba-dependence", "--store", store, "--format",
                            "json").output)
    assert answer["head"]["vars"] == ["drug", "label"]
    labels = {b["label"]["value"] for b in answer["results"]["bindings"]}
    assert "clobazam" in labels and "gabapentin" not in labels

    csv_out = run("query", "gaba-dependence", "--store", store, "--format", "csv").output
    assert csv_out.splitlines()[0] == "drug,label"

    stats = run("stats", "--store", store)
    assert "monograph graphs" in stats.output
    # the ingest summary counts what the store holds, as stats does
    held = re.search(r"holds (\d+) triples \(compacted in", result.output)
    assert held and f"{held[1]} quads in" in stats.output


def test_ingest_exit_code_1_names_the_broken_file(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "ok.md").write_text("---\ntitle: Diazepam\n---\n\n## Usage\n\nAnxiety.\n")
    (folder / "broken.md").write_bytes(b"\xff\xfe\x00binary")
    result = run("ingest", str(folder), "--store", f"oxigraph:{tmp_path}/kg")
    assert result.exit_code == 1
    assert "broken.md" in result.output
    assert "1 ingested" in result.output


def test_query_parameters_are_bound(tmp_path):
    store = f"oxigraph:{tmp_path}/kg"
    run("ingest", str(EXAMPLES / "monographs"), "--store", store)
    out = run("query", "gaba-dependence", "--store", store, "-p", "target=target:serotonin",
              "--format", "tsv").output
    assert "gabapentin" not in out
    bad = CliRunner().invoke(main, ["query", "gaba-dependence", "--store", store, "-p",
                                    "target=not an iri> } DROP ALL {"])
    assert bad.exit_code == 2
    assert "not an IRI" in bad.output


def test_unknown_store_scheme_is_a_clear_error():
    result = CliRunner().invoke(main, ["stats", "--store", "postgres:x"])
    assert result.exit_code == 2
    assert "unknown store scheme" in result.output


def test_unknown_query_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["query", "nope", "--store", f"oxigraph:{tmp_path}/kg"])
    assert result.exit_code == 2
    assert "no named query 'nope'" in result.output


def test_drugkg_toml_sets_the_store_and_base_and_the_environment_and_flags_win(tmp_path,
                                                                            monkeypatch):
    """Settings come from the --flag, else DRUGKG_*, else drugkg.toml, else the default
    (docs/configuration.md); options not given must not pass their defaults on."""
    from drugkg.store import open_store

    for name in ("DRUGKG_STORE", "DRUGKG_BASE", "DRUGKG_INSTANCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drugkg.toml").write_text('store = "memory:"\n')
    stats = run("stats")
    assert stats.exit_code == 0, stats.output
    assert stats.output.rstrip().endswith("0 quads in memory:")

    kg = tmp_path / "from-toml"
    (tmp_path / "drugkg.toml").write_text(
        f'store = "oxigraph:{kg}"\nbase = "https://example.org/toml/"\n')
    page = str(EXAMPLES / "monographs" / "buspirone.md")
    ingested = run("ingest", page)
    assert ingested.exit_code == 0, ingested.output
    assert f"oxigraph:{kg} holds" in ingested.output
    assert not (tmp_path / "var").exists()  # the built-in default was not used
    graphs = open_store(f"oxigraph:{kg}", read_only=True).graphs()
    assert "https://example.org/toml/graph/buspirone" in graphs
    assert f"quads in oxigraph:{kg}" in run("stats").output

    monkeypatch.setenv("DRUGKG_STORE", f"oxigraph:{tmp_path}/from-env")  # env over the file
    refused = run("stats")
    assert refused.exit_code == 2 and f"no store at {tmp_path}/from-env" in refused.output
    flagged = run("stats", "--store", f"oxigraph:{kg}")  # the flag over everything
    assert flagged.exit_code == 0 and f"quads in oxigraph:{kg}" in flagged.output
    assert run("stats", "--store", "memory:").output.rstrip().endswith("0 quads in memory:")
