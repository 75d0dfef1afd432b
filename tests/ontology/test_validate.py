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


def test_pages_validated_a_batch_at_a_time_report_the_same(monkeypatch):
    """Batches bound memory; the verdict and each violation are the whole store's, once."""
    store = open_store("memory:")
    ingest([EXAMPLES / "monographs"], store, base=BASE)
    store._store.update(f"""
        PREFIX dkg: <https://w3id.org/drugkg/ontology#>
        INSERT DATA {{ GRAPH <{BASE}graph/zolpidem> {{
            <{BASE}product/zolpidem> dkg:hasActiveIngredient <{BASE}drug/mystery> .
            <{BASE}drug/mystery> a dkg:Drug . }}
          GRAPH <{BASE}graph/clobazam> {{
            <{BASE}product/clobazam> dkg:hasActiveIngredient <{BASE}drug/mystery> . }} }}""")
    whole = validate(store)
    monkeypatch.setattr("drugkg.ontology.validate.BATCH_GRAPHS", 3)
    seen = []
    batched = validate(store, progress=lambda done, total: seen.append((done, total)))
    assert batched == whole and not whole.conforms
    assert whole.violations == [f"{BASE}drug/mystery: every drug has a label "
                                "(http://www.w3.org/2004/02/skos/core#prefLabel)"]
    assert seen[-1] == (14, 14) and [d for d, _ in seen] == sorted({d for d, _ in seen})
    assert len(seen) == 5  # 14 page graphs, 3 at a time
