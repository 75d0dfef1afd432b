"""The SSSOM export of the vocabulary mappings parses back to exactly the stored links."""

from __future__ import annotations

import csv
import io
import warnings

import pytest
from click.testing import CliRunner

from drugkg.cli import main
from drugkg.ingest.run import load_ontology
from drugkg.ontology import PREFIXES, SKOS, VOCAB
from drugkg.publish.mappings import (
    COLUMNS,
    MANUAL_CURATION,
    collect,
    converter,
    write_sssom,
)
from drugkg.store import open_store
from tests.conftest import EXAMPLES

STORED = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o } VALUES ?p { skos:exactMatch skos:closeMatch }
  FILTER(isIRI(?o) && STRSTARTS(STR(?s), "%s"))
}""" % VOCAB


@pytest.fixture(scope="module")
def vocab_store():
    store = open_store("memory:")
    load_ontology(store)
    return store


@pytest.fixture(scope="module")
def sssom_text(vocab_store):
    buf = io.StringIO()
    report = write_sssom(vocab_store, buf)
    assert report.skipped == []
    return buf.getvalue()


def stored_links(store) -> set[tuple[str, str, str]]:
    return {(r["s"], r["p"], r["o"]) for r in store.select(STORED)}


def read_plain(text: str) -> tuple[str, list[dict]]:
    """Split the '#' metadata block from the TSV rows (no SSSOM library needed)."""
    lines = text.splitlines(keepends=True)
    meta = "".join(line[1:] for line in lines if line.startswith("#"))
    rows = list(csv.DictReader(io.StringIO("".join(ln for ln in lines if not ln.startswith("#"))),
                               delimiter="\t"))
    return meta, rows


def test_rows_expand_back_to_the_stored_links(vocab_store, sssom_text):
    import yaml
    from curies import Converter

    meta_text, rows = read_plain(sssom_text)
    meta = yaml.safe_load(meta_text)
    for key in ("mapping_set_id", "mapping_set_version", "license", "curie_map", "mapping_date",
                "creator_label"):
        assert meta[key], key
    assert list(rows[0]) == COLUMNS
    converter = Converter.from_prefix_map(meta["curie_map"])
    expanded = set()
    for row in rows:
        for column in ("subject_id", "predicate_id", "object_id", "mapping_justification",
                       "subject_source"):
            assert converter.expand(row[column]) is not None, (column, row[column])
        expanded.add((converter.expand(row["subject_id"]), converter.expand(row["predicate_id"]),
                      converter.expand(row["object_id"])))
        assert row["mapping_justification"] == MANUAL_CURATION
        assert row["predicate_id"] in ("skos:exactMatch", "skos:closeMatch")
    stored = stored_links(vocab_store)
    assert len(rows) == len(stored) > 1000
    assert expanded == stored
    # every prefix in the curie map is used, and drugkg's own prefixes keep their names
    used = {v.split(":", 1)[0] for row in rows for v in row.values() if ":" in v and " " not in v}
    assert set(meta["curie_map"]) == used
    assert {meta["curie_map"][p] for p in ("drug", "ae", "dclass")} == {
        PREFIXES["drug"], PREFIXES["ae"], PREFIXES["dclass"]}
    by_subject = {row["subject_id"]: row for row in rows}
    assert by_subject["ae:abdominal-pain"]["object_id"] == "meddra:10000081"
    assert by_subject["ae:abdominal-pain"]["subject_label"] == "abdominal pain"
    assert by_subject["ae:abdominal-pain"]["subject_source"] == "dkv:adverse-effects"


def test_sssom_py_reads_and_validates_it(vocab_store, sssom_text, tmp_path):
    with warnings.catch_warnings():  # sssom and its pandas stack warn on import
        warnings.simplefilter("ignore")
        sssom = pytest.importorskip("sssom")
        from sssom.constants import SchemaValidationType
        from sssom.parsers import parse_sssom_table
        from sssom.validators import validate

        path = tmp_path / "drugkg.sssom.tsv"
        path.write_text(sssom_text, encoding="utf-8")
        msdf = parse_sssom_table(path)
        results = validate(msdf, [SchemaValidationType.JsonSchema,
                                  SchemaValidationType.PrefixMapCompleteness],
                           fail_on_error=False)
    assert sssom is not None
    assert all(not r.results for r in results.values()), results
    df = msdf.df
    assert len(df) == len(stored_links(vocab_store))
    assert set(df["predicate_id"]) <= {"skos:exactMatch", "skos:closeMatch"}
    expanded = {(msdf.converter.expand(s), msdf.converter.expand(p), msdf.converter.expand(o))
                for s, p, o in zip(df["subject_id"], df["predicate_id"], df["object_id"],
                                   strict=True)}
    assert expanded == stored_links(vocab_store)
    assert msdf.metadata["mapping_set_id"].startswith("https://w3id.org/drugkg/")
    assert msdf.metadata["license"].startswith("https://")


def test_counts_per_predicate_match_sparql(vocab_store):
    mappings = collect(vocab_store)
    for predicate in ("exactMatch", "closeMatch"):
        n = vocab_store.select(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { ?s <%s> ?o }"
            " FILTER(isIRI(?o) && STRSTARTS(STR(?s), \"%s\")) } }" % (SKOS + predicate, VOCAB))
        assert sum(m.predicate == SKOS + predicate for m in mappings) == int(n[0]["n"]) > 0


def test_the_prefix_map_puts_drugkg_prefixes_first():
    conv = converter()
    assert conv.compress(PREFIXES["drug"] + "zolpidem") == "drug:zolpidem"
    assert conv.compress("http://purl.obolibrary.org/obo/CHEBI_10125") == "chebi:10125"
    assert conv.expand("meddra:10013573").endswith("conceptid=10013573")


def test_a_mapping_outside_the_prefix_map_is_left_out_and_reported(vocab_store):
    store = open_store("memory:")
    load_ontology(store)
    store.update("INSERT DATA { GRAPH <urn:x:g> { <%sdrug/zolpidem> <%sexactMatch> "
                 "<https://example.org/unknown/1> } }" % (VOCAB, SKOS))
    buf = io.StringIO()
    report = write_sssom(store, buf)
    assert [m.object for m in report.skipped] == ["https://example.org/unknown/1"]
    assert report.written == len(stored_links(vocab_store))


def test_cli_writes_the_mapping_set(tmp_path):
    store = f"oxigraph:{tmp_path}/kg"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(EXAMPLES / "monographs" / "zolpidem.md"),
                                "--store", store]).exit_code == 0
    out = tmp_path / "out" / "drugkg.sssom.tsv"
    result = runner.invoke(main, ["mappings", "--store", store, "--format", "sssom",
                                  "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "mappings written" in result.stderr
    meta, rows = read_plain(out.read_text(encoding="utf-8"))
    assert "curie_map:" in meta and len(rows) > 1000
    stdout = runner.invoke(main, ["mappings", "--store", store]).stdout
    assert stdout == out.read_text(encoding="utf-8")
