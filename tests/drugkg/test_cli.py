"""The drugkg command as a user runs it."""

from __future__ import annotations

import json

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
