"""Prefiltered patterns answer exactly as the patterns themselves (ingest/prefilter.py)."""

import importlib
import pkgutil
import re
from functools import cache
from pathlib import Path

import pytest

import drugkg.ingest.rules as rules
from drugkg.ingest import prefilter
from drugkg.ingest.monograph import read_monograph
from drugkg.ingest.prefilter import Prefiltered, required_words

EXAMPLES = Path(__file__).parents[2] / "examples" / "monographs"
# Texts where a shortcut could go wrong: letters that re.I pairs with ASCII ones ('ſ' with
# 's', the Kelvin sign with 'k', 'İ' with 'i'), capitals, a required word split by a line
# break, empty text.
TRICKY = ["", "SEVERE rash", "ſerious harm", "Seek medical help İmmediately", "\u212aeep it",
          "life-threatening", "life-\nthreatening", "a rare\nevent", "Pregnancy.", "pre- and "
          "post-operative", "Warning signs include fever", "Label: entries", "as a result of "
          "inhibiting", "it blocks the receptor", "with care", "when used", "x" * 300]


def _patterns() -> list[tuple[str, Prefiltered]]:
    names = ["drugkg.ingest.cues", "drugkg.ingest.sections",
             *(f"drugkg.ingest.rules.{m.name}" for m in pkgutil.iter_modules(rules.__path__))]
    found: dict[int, tuple[str, Prefiltered]] = {}
    for name in names:
        for attr, value in vars(importlib.import_module(name)).items():
            if isinstance(value, Prefiltered):
                found.setdefault(id(value), (f"{name}.{attr}", value))
    return sorted(found.values(), key=lambda p: p[0])


@cache
def _texts() -> list[str]:
    texts = list(TRICKY)
    for page in sorted(EXAMPLES.glob("*.md"))[:30]:
        for block in read_monograph(page).blocks:
            texts += [block.text, *block.labels, *block.text.split(" ")[:9]]
    return texts


def _answers(pattern, text: str) -> tuple:
    def spans(found):
        return None if found is None else (found.span(), found.groups())

    return (spans(pattern.search(text)), spans(pattern.match(text)),
            spans(pattern.fullmatch(text)), [spans(m) for m in pattern.finditer(text)],
            pattern.findall(text), pattern.split(text), pattern.sub("<>", text),
            pattern.subn("<>", text, count=1), spans(pattern.search(text, 2, 40)))


def test_the_hot_rule_patterns_are_prefiltered():
    names = {name.rsplit(".", 1)[1] for name, _ in _patterns()}
    assert {"SERIOUS", "EXAMPLE", "_STOPPED_HEAD", "_REPORTED", "_BROKEN_WORD"} <= names


@pytest.mark.parametrize(("name", "pattern"), _patterns(), ids=lambda p: getattr(p, "pattern",
                                                                                  p)[:30])
def test_a_prefiltered_pattern_answers_as_the_pattern_does(name, pattern):
    plain = re.compile(pattern.pattern, pattern.flags)
    texts = _texts()
    skipped = 0
    for text in texts:
        assert _answers(pattern, text) == _answers(plain, text), (name, text)
        skipped += pattern._cannot_match(text)
    assert skipped, f"{name}: the prefilter never skipped a text"


def test_required_words():
    assert required_words(re.compile(r"\bserious|\bsevere|life-threatening", re.I)) == \
        frozenset({"serious", "severe", "life-threatening"})
    # the longest literal every match contains; an optional part requires nothing
    assert required_words(re.compile(r"\bas an? (?:direct )?(?:consequence|result) of")) == \
        frozenset({"consequence", "result"})
    assert required_words(re.compile(r"Stop(?:ped)?\b")) == frozenset({"Stop"})
    # what cannot be required: an alternative without a literal, a zero-width assertion,
    # an optional group, scoped flags, a non-ASCII letter under re.I
    assert required_words(re.compile(r"serious|\d+")) is None
    assert required_words(re.compile(r"(?=serious)\w+")) is None
    assert required_words(re.compile(r"(?:serious)?\w")) is None
    assert required_words(re.compile(r"(?i:serious)")) is None
    assert required_words(re.compile(r"ſ", re.I)) is None


def test_case_and_non_ascii_text():
    serious = prefilter.compile(r"\bserious", re.I)
    assert serious.search("SERIOUS").span() == (0, 7)
    assert serious.search("\u017ferious") is not None  # 'ſ' is 's' under re.I: not skipped
    assert serious.search("nothing of the kind") is None
    exact = prefilter.compile(r"Stop")
    assert exact.search("stop") is None and exact.search("Stop").span() == (0, 4)
    assert isinstance(prefilter.compile(r"\w+"), re.Pattern)  # nothing to require: as it is
