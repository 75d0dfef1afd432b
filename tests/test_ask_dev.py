"""The canonical questions of the dev corpora, asked in plain words, answer what the
equivalent named queries answer on the same graph (skipped where ../shared is absent)."""

from __future__ import annotations

import pytest

from drugkg import queries
from drugkg.ask import ask
from drugkg.ingest.run import ingest
from drugkg.store import open_store
from tests.conftest import BASE, SHARED

CORPORA = [name for name in ("dev-a", "dev-b")
           if (SHARED / "corpus" / name / "monographs").exists()]
QUESTIONS = [  # (plain words, named query, its parameters)
    ("Which drugs acting on GABA have a dependence risk?", "gaba-dependence", {}),
    ("drugs that act on serotonin", "acts-on", {"target": "target:serotonin"}),
    ("What is contraindicated in glaucoma?", "contraindicated-in", {"term": "glaucoma"}),
    ("drugs with a risk of serotonin syndrome", "drugs-with-risk",
     {"risk": "risk:serotonin-syndrome"}),
    ("Which medicines cause drowsiness?", "drugs-causing", {"term": "drowsiness"}),
    ("drugs with a risk of respiratory depression", "drugs-with-risk",
     {"risk": "risk:respiratory-depression"}),
    ("Which drugs are benzodiazepines?", "drugs-in-class", {"class": "dclass:benzodiazepine"}),
    ("drugs with a teratogenicity risk", "drugs-with-risk", {"risk": "risk:teratogenicity"}),
]


@pytest.fixture(scope="module", params=CORPORA or [pytest.param(None, marks=pytest.mark.skip(
    reason="../shared/corpus is not present"))])
def kg(request):
    store = open_store("memory:")
    assert ingest([SHARED / "corpus" / request.param / "monographs"], store, base=BASE).ok
    return store


@pytest.mark.parametrize(("question", "name", "params"), QUESTIONS)
def test_plain_words_equal_the_named_query(kg, question, name, params):
    q = queries.get(name)
    sparql, bindings = q.prepare(params)
    expected = {r["label"] for r in kg.select(sparql, **bindings)}
    answer = ask(question, kg)
    assert {r["label"] for r in answer.rows} == expected
    assert expected  # every canonical question has answers on the dev corpora
