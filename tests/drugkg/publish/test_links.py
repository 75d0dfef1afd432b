"""The link report on the bundled examples: unlinked concepts with suggestions, identifier
coverage of the drugs, malformed identifiers."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from drugkg.cli import main
from drugkg.ontology import DKG, SKOS, VOCAB
from drugkg.publish.links import COVERAGE_PREFIXES, link_report, malformed_identifiers, patterns
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES


@pytest.fixture(scope="module")
def kg(examples_store):
    return examples_store


@pytest.fixture(scope="module")
def report(kg):
    return link_report(kg)


def test_every_unlinked_concept_is_listed_most_mentioned_first(kg, report):
    stored = {r["c"] for r in kg.select(
        "SELECT DISTINCT ?c WHERE { GRAPH ?g { ?c a <%sUnlinkedConcept> } }" % DKG)}
    unlinked = report["unlinked"]
    assert {u["id"] for u in unlinked} == stored and len(stored) > 5
    counts = [u["mentions"] for u in unlinked]
    assert counts == sorted(counts, reverse=True)
    for u in unlinked:
        assert u["id"].startswith(f"{BASE}")
        assert u["monographs"] >= 1 and u["label"]


def test_the_most_mentioned_unlinked_concept_comes_first(store, write):
    from drugkg.ingest.run import ingest

    for name, effects in (("a.md", ["Glassy toenail syndrome", "Purple tongue syndrome"]),
                          ("b.md", ["Purple tongue syndrome"])):
        items = "".join(f"- {e}\n" for e in effects)
        write(name, f"---\ntitle: Diazepam\n---\n\n## Side effects\n\n{items}")
    assert ingest([write("c.md", "---\ntitle: Lorazepam\n---\n\n## Side effects\n\n"
                               "- Purple tongue syndrome\n").parent], store, base=BASE).ok
    unlinked = link_report(store)["unlinked"]
    assert [(u["label"].lower(), u["mentions"], u["monographs"]) for u in unlinked] == [
        ("purple tongue syndrome", 3, 3), ("glassy toenail syndrome", 1, 1)]


def test_mention_counts_count_evidence(kg, report):
    top = report["unlinked"][0]
    n = kg.select("""SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE { GRAPH ?g {
        { ?ev <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?c }
        UNION { ?ev <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?c } } }""",
                  c=ox.NamedNode(top["id"]))
    assert top["mentions"] >= int(n[0]["n"]) >= 1


def test_suggestions_are_vocabulary_concepts_of_the_same_kind(kg, report):
    suggested = [(u, s) for u in report["unlinked"] for s in u["suggestions"]]
    assert suggested
    for unlinked, suggestion in suggested:
        assert suggestion["id"].startswith(f"{VOCAB}{unlinked['kind']}/")
        assert 60 <= suggestion["score"] <= 100
    for u in report["unlinked"]:
        assert len(u["suggestions"]) <= 3
        scores = [s["score"] for s in u["suggestions"]]
        assert scores == sorted(scores, reverse=True)
    by_label = {u["label"]: u for u in report["unlinked"]}
    milk = by_label["milk discharge from the nipples"]
    assert milk["kind"] == "adverse-effect"
    assert milk["suggestions"][0]["label"] == "galactorrhoea"


def test_coverage_is_the_share_of_drug_components_with_an_identifier(kg, report):
    cov = report["coverage"]
    drugs = {r["d"] for r in kg.select(
        "SELECT DISTINCT ?d WHERE { GRAPH ?g { ?p <%shasActiveIngredient> ?d } }" % DKG)}
    assert cov["drugs"] == len(drugs) >= 14
    assert list(cov["vocabularies"]) == COVERAGE_PREFIXES
    spaces = {"drugbank": "https://go.drugbank.com/drugs/",
              "chebi": "http://purl.obolibrary.org/obo/CHEBI_"}
    for prefix, space in spaces.items():
        linked = {r["d"] for r in kg.select(
            "SELECT DISTINCT ?d WHERE { GRAPH ?g { ?p <%shasActiveIngredient> ?d } "
            "?d <%sexactMatch>|<%scloseMatch> ?x FILTER(STRSTARTS(STR(?x), \"%s\")) }"
            % (DKG, SKOS, SKOS, space))}
        c = cov["vocabularies"][prefix]
        assert c["linked"] == len(linked) > 0
        assert c["share"] == round(len(linked) / len(drugs), 4)
        assert set(c["missing"]) == drugs - linked


def test_no_malformed_identifiers_in_the_vocabularies(report):
    assert report["malformed"] == {"count": 0, "identifiers": []}


def test_a_malformed_identifier_is_counted():
    store = open_store("memory:")
    store.update(f"""INSERT DATA {{ GRAPH <urn:x:g> {{
        <{VOCAB}drug/x> <{SKOS}exactMatch> <https://go.drugbank.com/drugs/DB123> ,
            <https://go.drugbank.com/drugs/DB01234> , <http://purl.obolibrary.org/obo/CHEBI_x1> ,
            <https://example.org/not-a-vocabulary/1> .
    }} }}""")
    bad = malformed_identifiers(store)
    assert [(m["prefix"], m["local_id"]) for m in bad] == [("chebi", "x1"), ("drugbank", "DB123")]
    assert bad[1]["pattern"] == patterns()["drugbank"].pattern


def test_patterns_come_from_the_stored_prefix_map():
    assert patterns()["drugbank"].search("DB00001")
    assert not patterns()["drugbank"].search("DB0001")
    assert patterns()["meddra"].search("10013573")


def test_cli_links(tmp_path):
    store = f"oxigraph:{tmp_path}/kg"
    runner = CliRunner()
    page = EXAMPLES / "monographs" / "aceclofenac-paracetamol-serratiopeptidase.md"
    assert runner.invoke(main, ["ingest", str(page), "--store", store]).exit_code == 0
    table = runner.invoke(main, ["links", "--store", store])
    assert table.exit_code == 0, table.output
    assert "Unlinked concepts" in table.stdout and "drugbank" in table.stdout
    assert "Malformed identifiers: 0" in table.stdout
    data = json.loads(runner.invoke(main, ["links", "--store", store, "--format", "json"]).stdout)
    assert set(data) == {"unlinked", "coverage", "malformed"}
    assert data["coverage"]["drugs"] == 3
