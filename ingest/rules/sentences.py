"""Sentences and clauses: where a statement starts and ends."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from drugkg.ingest import prefilter

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'*])")
# An encyclopaedia's citation markers ('disorder.[11][7] Serious ...') and a label's or
# leaflet's cross-references ('[see Overdosage (10)]', '(see section 4)') are not words
# (rule sentence.cross-reference).
_CITATION = re.compile(r"\[(?:\d+|[a-z]|note \d+)(?:[,\u2013-]\s*\d+)*\]|"
                       r"\[\s*see\b[^\]]*\]|\(\s*see (?:also )?sections?\b[^()]*\)", re.I)
# A word broken at a line end and joined back with a space ('immuno- suppressants'), unlike a
# suspended hyphen ('pre- and post-operative') (rule sentence.broken-word)
_BROKEN_WORD = prefilter.compile(r"\b([A-Za-z]{3,})- (?!(?:and|or|to|nor|as)\b)([a-z]{3,})")
# Clause boundaries for negation scope.
CLAUSE_BREAK = re.compile(
    r"[.;:!?()\u2013\u2014]|,\s*(?=(?:but|however|although|though|whereas|while|which|"
    r"so|because|as|and it|and can|and may|yet)\b)|\b(?:but|however|although|whereas)\b|"
    # a purpose of its own: '... when other medicines have not helped, and to treat hiccups'
    r",\s*(?=(?:and|or) to (?:treat|prevent|relieve|control|calm|stop|reduce|ease|manage)\b)",
    re.I,
)
# Where a sentence about two components splits into one clause for each.
_CLAUSE_SPLIT = re.compile(r",\s*(?:while|whereas|but)\b|;\s+|\.\s+")
_PRONOUN_OPENING = re.compile(r"\W*(?:it|they|this medicine|this drug)\b", re.I)
# Where the reach of a causal verb ('can cause ...') ends.
CAUSE_SCOPE_END = re.compile(
    r"[.;!?]|,\s*(?:so|but|however|although|though|which|while|and so)\b", re.I)


@lru_cache(maxsize=1 << 12)  # a block's body is split more than once, a list's lead per item
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of a text, without citation markers or cross-references, with words
    broken at line ends joined (rules sentence.citations, sentence.cross-reference,
    sentence.broken-word)."""
    text = re.sub(r"\s+", " ", _CITATION.sub("", text)).strip()
    text = _BROKEN_WORD.sub(r"\1\2", text)
    if not text:
        return ()
    # abbreviations, not sentence ends: "e.g.", "St. John's wort" (rule sentence.abbreviation)
    protected = re.sub(r"\b(e\.g|i\.e|approx|vs|etc|incl|St|Dr|Mr|Mrs|Ms|Prof|Fig|cf)\.",
                       lambda m: m.group(1) + "\0", text)
    return tuple(s.replace("\0", ".").strip() for s in _SENTENCE_END.split(protected)
                 if s.strip())


def clauses(sentence: str, named: Callable[[str], Sequence]) -> list[str]:
    """'Chlordiazepoxide can cause confusion, while clidinium can cause constipation':
    one clause per component when each names a different one (``named`` gives the
    components a text names). 'It is an antiarrhythmic; here it slows the breakdown of
    dextromethorphan': a pronoun's clause before a semicolon keeps the sentence's topic,
    whatever the clause after it names (rule subject.pronoun-clause)."""
    if _PRONOUN_OPENING.match(sentence) and ";" in sentence:
        first, rest = sentence.split(";", 1)
        if not named(first) and named(rest):
            return [first.strip(), rest.strip()]
    if len(named(sentence)) < 2:
        return [sentence]
    parts = [p.strip() for p in _CLAUSE_SPLIT.split(sentence) if p.strip()]
    found = [named(p) for p in parts]
    if len(parts) > 1 and all(len(n) == 1 for n in found) and \
            len({n[0].name for n in found}) > 1:
        return parts
    return [sentence]
