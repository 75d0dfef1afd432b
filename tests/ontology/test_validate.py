"""SHACL validation of ingested data."""

from __future__ import annotations

from drugkg.ingest.run import ingest
from drugkg.ontology.validate import validate
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES


def test_ingested_examples_conform(examples_store):
    report = validate(examples_store)
    assert report.conforms, report.violations[:5]


def test_fact_without_evidence_and_unlabelled_drug_are_violations():
    store = open_store("memory:")
    ingest([EXAMPLES / "monographs" / "zolpidem.md"], store, base=BASE)
    store._store.update(f"""
        PREFIX dkg: <https://w3id.org/drugkg/ontology#>
        INSERT DATA {{ GRAPH <{BASE}graph/zolpidem> {{
            <https://w3id.org/drugkg/vocab/drug/zolpidem> dkg:hasRisk
                <https://w3id.org/drugkg/vocab/risk/bleeding> .
            <{BASE}product/zolpidem> dkg:hasActiveIngredient <{BASE}drug/mystery> .
            <{BASE}drug/mystery> a dkg:Drug .
        }} }}""")
    report = validate(store)
    assert not report.conforms
    text = "\n".join(report.violations)
    assert "fact without evidence" in text and "risk/bleeding" in text
    assert f"{BASE}drug/mystery: every drug has a label" in text
