"""Vocabulary lint: the hygiene rules a label must keep (docs/extraction.md, 'Vocabulary').

A label is a term a reader would use, never a sentence copied from one page; one wording
means one concept within a scheme; a risk's wording that is also an adverse effect's is
one mapping (the effect signals the risk), so the risk is found whichever way a page puts it.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from drugkg.ontology.lexicon import load_lexicon
from drugkg.ontology.recognise import matcher_for, norm_phrase

MAX_WORDS = 9


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def test_no_label_is_a_sentence(lexicon):
    """vocab.no-sentences: 'blocks the action of a chemical messenger serotonin that may
    cause nausea and vomiting' is a page's sentence, not a term."""
    long = sorted((c.iri, label) for c in lexicon.concepts.values() for label in c.labels
                  if len(label.split()) > MAX_WORDS)
    assert not long
    assert any(len(label.split()) == MAX_WORDS for c in lexicon.concepts.values()
               for label in c.labels)  # the limit is not set below what labels use


def test_one_wording_one_concept_per_scheme(lexicon):
    """vocab.unique-wording: no normalised label names two concepts of one scheme."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in lexicon.concepts.values():
        for label in c.labels:
            owners[(c.kind, norm_phrase(label))].add(c.iri)
    assert owners
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_risk_wording_and_effect_wording_are_one_mapping(lexicon):
    """vocab.risk-effect-sync: an adverse effect worded like a risk signals that risk
    ('physical dependence' the effect signals 'dependence' the risk)."""
    risks: dict[str, set[str]] = defaultdict(set)
    for c in lexicon.of_kind("risk"):
        for label in c.labels:
            risks[norm_phrase(label)].add(c.iri)
    unsynced = sorted((c.label, label) for c in lexicon.of_kind("adverse-effect")
                      for label in c.labels
                      if risks.get(norm_phrase(label), set()) - set(c.linked("signalsRisk")))
    assert not unsynced
    dependence = lexicon.get("https://w3id.org/drugkg/vocab/adverse-effect/dependence")
    assert "https://w3id.org/drugkg/vocab/risk/dependence" in dependence.linked("signalsRisk")


@pytest.mark.parametrize("wording", ["slowed or stopped breathing", "fits or convulsions",
                                     "drop in blood pressure when standing up",
                                     "swelling of the face, lips, tongue and throat"])
def test_risk_wording_that_describes_an_effect_names_the_effect(lexicon, wording):
    """vocab.risk-effect-sync, the other way: a risk's wording that describes what happens
    to the patient ('slowed or stopped breathing') is also the effect's, so a side-effect
    list that uses it states the effect, not only the risk."""
    found = {(m.kind, m.concept.iri) for m in matcher_for(lexicon).find(wording)}
    risks = {iri for kind, iri in found if kind == "risk"}
    effects = [lexicon.get(iri) for kind, iri in found if kind == "adverse-effect"]
    assert risks and effects
    assert risks <= {r for e in effects for r in e.linked("signalsRisk")}


@pytest.mark.parametrize("phrase", ["in the absence of resuscitative equipment",
                                    "in the presence of food", "at the same time"])
def test_ordinary_phrases_name_no_concept(lexicon, phrase):
    """vocab.no-common-words: a label is a term, not a common word a sentence uses for
    something else ('absences' for absence seizures matched 'in the absence of')."""
    assert matcher_for(lexicon).find(phrase) == []


def test_a_milder_finding_does_not_signal_its_severe_form(lexicon):
    """vocab.distinct-concepts: a low white blood cell count (leucopenia, neutropenia) is
    not agranulocytosis, the severe form: neither its wording nor the effect names that
    risk; 'severe neutropenia' still does."""
    found = {(m.kind, m.concept.label) for m in matcher_for(lexicon).find(
        "a low white blood cell count")}
    assert ("adverse-effect", "leucopenia") in found
    assert not {label for kind, label in found if kind == "risk"}
    for label in ("leucopenia", "neutropenia"):
        effect = next(c for c in lexicon.of_kind("adverse-effect") if c.label == label)
        assert not effect.linked("signalsRisk"), label
    assert ("risk", "agranulocytosis") in {(m.kind, m.concept.label) for m in
                                           matcher_for(lexicon).find("severe neutropenia")}
    # jaundice and unusual bruising are signs with several causes, not the hepatotoxicity
    # or bleeding risk; liver injury is
    for sign, effect in (("yellowing of the skin or eyes", "jaundice"),
                         ("unusual bruising", "bruising")):
        found = {(m.kind, m.concept.label) for m in matcher_for(lexicon).find(sign)}
        assert ("adverse-effect", effect) in found
        assert not {label for kind, label in found if kind == "risk"}, sign
    assert ("risk", "hepatotoxicity") in {(m.kind, m.concept.label) for m in
                                          matcher_for(lexicon).find("liver injury")}
