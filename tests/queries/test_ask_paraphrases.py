"""Paraphrases of each question (tests/queries/ask_paraphrases.yaml), typos included, give
exactly the answers of the intent's named query, computed on the same store when the test
runs: on the bundled examples, and on dev-a, dev-b and dev-c where ../shared is present."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drugkg import queries
from drugkg.ingest.run import ingest
from drugkg.queries.ask import AskError, ask
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES, SHARED

SUITE = yaml.safe_load((Path(__file__).parent / "ask_paraphrases.yaml").read_text())["intents"]
CORPORA = {"examples": EXAMPLES / "monographs"} | {
    name: SHARED / "corpus" / name / "monographs" for name in ("dev-a", "dev-b", "dev-c")
    if (SHARED / "corpus" / name / "monographs").exists()}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request):
    store = open_store("memory:")
    assert ingest([CORPORA[request.param]], store, base=BASE).ok
    return request.param, store


def answers_of(store, spec: dict) -> set[str]:
    """The IRIs the intent's query (or combination of named queries) answers."""
    for op in ("all", "any", "minus"):
        if op in spec:
            sets = [answers_of(store, part) for part in spec[op]]
            if op == "all":
                return set.intersection(*sets)
            if op == "any":
                return set.union(*sets)
            return sets[0].difference(*sets[1:])
    named = queries.get(spec["query"])
    sparql, bindings = named.prepare(spec.get("params", {}), store)
    found = {row[spec.get("key", "drug")] for row in store.select(sparql, **bindings)}
    return found & {queries.expand(spec["check"])} if "check" in spec else found


def test_the_suite_is_big_enough_and_has_typos():
    assert len(SUITE) >= 20
    text = (Path(__file__).parent / "ask_paraphrases.yaml").read_text()
    for intent in SUITE:
        assert len(intent["paraphrases"]) >= 8, intent["name"]
        typos = [p for p in intent["paraphrases"] if f"{p}  # typo" in text]
        assert typos, f"{intent['name']}: no paraphrase with a typo"
        assert len(set(intent["paraphrases"])) == len(intent["paraphrases"])


@pytest.mark.parametrize("intent", SUITE, ids=[i["name"] for i in SUITE])
def test_every_paraphrase_gives_the_intents_answers(corpus, intent):
    name, store = corpus
    expected = answers_of(store, intent)
    if name == "examples" or intent.get("canonical"):  # written to answer these
        assert expected, f"{intent['name']}: the named query has no answers on {name}"
    wrong = {}
    for question in intent["paraphrases"]:
        try:
            answer = ask(question, store)
        except AskError as exc:
            wrong[question] = str(exc)
            continue
        if intent.get("count"):
            got = answer.count
            if got != len(expected):
                wrong[question] = (answer.query.reading(), got, len(expected))
        else:
            got = {row["iri"] for row in answer.rows}
            if got != expected:
                wrong[question] = (answer.query.reading(), sorted(got - expected),
                                   sorted(expected - got))
    assert not wrong, f"{intent['name']} on {name}: {wrong}"


TYPOS = {"swap": lambda w: w[:2] + w[3] + w[2] + w[4:], "drop": lambda w: w[:3] + w[4:]}


@pytest.mark.parametrize("typo", sorted(TYPOS))
def test_typos_are_read_or_refused_never_misread(examples_store, typo):
    """Each word of five letters or more in the first three paraphrases of every intent, with
    two letters swapped or one dropped, on the bundled examples: the intent's answers, or a
    refusal; never others."""
    store = examples_store
    misread, read, refused = {}, 0, 0
    for intent in SUITE:
        expected = answers_of(store, intent)
        for question in intent["paraphrases"][:3]:
            words = question.split()
            for i, word in enumerate(words):
                if len(word) < 5 or not word.isalpha():
                    continue
                typed = " ".join([*words[:i], TYPOS[typo](word), *words[i + 1:]])
                try:
                    answer = ask(typed, store)
                except AskError:
                    refused += 1
                    continue
                got = answer.count if intent.get("count") else {r["iri"] for r in answer.rows}
                if got != (len(expected) if intent.get("count") else expected):
                    misread[typed] = answer.query.reading()
                else:
                    read += 1
    assert not misread
    assert read >= 9 * refused  # most typos are read, not refused
