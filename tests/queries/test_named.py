"""Every named query, run on the bundled examples, against answers known from the gold
annotations in examples/ (examples/questions.yaml and examples/gold/*.yaml)."""

from __future__ import annotations

import itertools
import re

import pytest
import yaml

from drugkg import queries
from tests.conftest import EXAMPLES

QUESTIONS = yaml.safe_load((EXAMPLES / "questions.yaml").read_text())
GOLD = [yaml.safe_load(p.read_text()) for p in sorted((EXAMPLES / "gold").glob("*.yaml"))]


@pytest.fixture(scope="module")
def kg(examples_store):
    return examples_store


def run(kg, name: str, **params) -> list[dict]:
    q = queries.get(name)
    result = kg.query(q.sparql, bindings=q.bindings(params))
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names}
            for row in result]


def labels(rows, key="label") -> set[str]:
    return {r[key].lower() for r in rows}


def expected(question: str) -> set[str]:
    return {name.lower() for name in QUESTIONS[question]}


@pytest.mark.parametrize(("question", "name", "params"), [
    ("q1_gaba_dependence", "gaba-dependence", {}),
    ("q2_serotonin", "acts-on", {"target": "target:serotonin"}),
    ("q3_glaucoma_contraindicated", "contraindicated-in", {"term": "glaucoma"}),
    ("q4_serotonin_syndrome", "drugs-with-risk", {"risk": "risk:serotonin-syndrome"}),
    ("q5_drowsiness", "drugs-causing", {"term": "drowsiness"}),
    ("q6_respiratory_depression", "drugs-with-risk", {"risk": "risk:respiratory-depression"}),
    ("q7_benzodiazepines", "drugs-in-class", {"class": "dclass:benzodiazepine"}),
    ("q8_pregnancy_harm", "drugs-with-risk", {"risk": "risk:teratogenicity"}),
])
def test_canonical_questions(kg, question, name, params):
    assert labels(run(kg, name, **params)) == expected(question)


def test_serotonin_syndrome_pairs_are_all_pairs_of_serotonergic_drugs(kg):
    drugs = expected("q2_serotonin") | expected("q4_serotonin_syndrome")
    pairs = {frozenset((r["label1"], r["label2"])) for r in run(kg, "serotonin-syndrome-pairs")}
    assert pairs == {frozenset(p) for p in itertools.combinations(sorted(drugs), 2)}


def test_combination_products(kg):
    want = {g["title"] for g in GOLD if g["combination"]}
    assert {r["label"] for r in run(kg, "combination-products")} == want


def test_drugs_for_condition(kg):
    # clobazam (epilepsy) and gabapentin (seizures) are the examples' antiepileptic uses
    assert {"clobazam", "gabapentin"} <= labels(run(kg, "drugs-for-condition", term="seiz"))
    assert "sertraline" not in labels(run(kg, "drugs-for-condition", term="seiz"))


def test_shared_adverse_effects(kg):
    rows = run(kg, "shared-adverse-effects", drug1="drug:zolpidem", drug2="drug:clobazam")
    assert "drowsiness" in labels(rows)
    none = run(kg, "shared-adverse-effects", drug1="drug:zolpidem", drug2="drug:amoxicillin")
    assert "drowsiness" not in labels(none)


def test_interactions_of(kg):
    partners = labels(run(kg, "interactions-of", drug="drug:zolpidem"))
    assert {"ethanol", "opioid analgesic"} <= partners
    assert "zolpidem" not in partners


def test_evidence_sentences_are_in_the_monograph(kg):
    rows = run(kg, "evidence", drug="drug:clobazam", property="dkg:hasRisk")
    text = re.sub(r"[*_`]", "", (EXAMPLES / "monographs" / "clobazam.md").read_text())
    text = re.sub(r"\s+", " ", text)
    assert "dependence" in labels(rows)
    for row in rows:
        assert row["source"] == "clobazam.md"
        assert row["sentence"] in text


def test_drug_card(kg):
    rows = run(kg, "drug-card", drug="drug:sertraline")
    props = {r["property"] for r in rows}
    assert {"inClass", "indicatedFor", "hasCommonAdverseEffect", "hasRisk"} <= props
    assert "selective serotonin reuptake inhibitor" in {
        (r["label"] or "").lower() for r in rows if r["property"] == "inClass"}


def test_unlinked_concepts_come_from_the_pages(kg):
    text = " ".join(p.read_text().lower() for p in (EXAMPLES / "monographs").glob("*.md"))
    rows = run(kg, "unlinked-concepts")
    assert rows
    for row in rows:
        assert row["label"] in text
        assert int(row["monographs"]) >= 1


def test_graph_stats(kg):
    stats = {r["what"]: int(r["count"]) for r in run(kg, "graph-stats")}
    assert stats["monograph graphs"] == len(GOLD)
    assert stats["drugs"] == len({c["name"].lower() for g in GOLD for c in g["components"]})
