"""Find vocabulary concepts in text: one Aho-Corasick automaton over every label and synonym.

Text and labels are normalised the same way (case, hyphens, apostrophes, regular plurals,
British/American spellings), and matches must start and end on word boundaries.
Abbreviations of up to six capitals ("OCD", "GAD") only match in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import ahocorasick

from drugkg.ontology.lexicon import Concept, Lexicon

# 'anti-seizure' and 'non-opioid' are one word: they must not match 'seizure' or 'opioid'.
# A typographic apostrophe (U+2019, as in "St John’s wort") is an apostrophe.
_TOKEN = re.compile(r"(?:(?:anti|non)-)?[A-Za-z0-9\u0370-\u03ff]+(?:['\u2019][A-Za-z]+)?", re.I)
# Plurals that are words of their own: 'falls' (the risk) is not 'fall' (levels may fall);
# nouns in -ics that have no singular ('antipsychotics' and 'hypnotics' do: they are plurals).
_KEEP_PLURAL = {"falls", "genetics", "kinetics", "pharmacokinetics", "pharmacodynamics",
                "physics", "statistics", "ethics", "economics", "politics", "aerobics"}
# Phrases that contain a label but mean something else: 'falling asleep' is no fall, the
# 'central nervous system' no nervousness. They take part in longest-match like labels and
# are then dropped.
_NOT_MENTIONS = ("fall asleep", "falls asleep", "falling asleep", "fell asleep", "nervous system")
_SPELLINGS = (
    ("aemia", "emia"), ("haem", "hem"), ("oedem", "edem"), ("oesoph", "esoph"),
    ("diarrhoea", "diarrhea"), ("apnoea", "apnea"), ("dyspnoea", "dyspnea"), ("foet", "fet"),
    ("paed", "ped"), ("isation", "ization"), ("ising", "izing"), ("iser", "izer"),
    ("orrhoea", "orrhea"), ("anaes", "anes"), ("leukaem", "leukem"), ("tumour", "tumor"),
    ("behaviour", "behavior"), ("colour", "color"), ("sulph", "sulf"), ("caes", "ces"),
)
_KEEP_S = ("ss", "us", "is", "ous", "ys")


@lru_cache(maxsize=1 << 17)  # words repeat across pages: normalise each once
def norm_token(token: str) -> str:
    """Lower case, no possessive, British -> American spelling, singular."""
    t = token.lower().replace("-", "").replace("\u2019", "'")
    if t in _KEEP_PLURAL:
        return t
    if t.endswith("'s"):
        t = t[:-2]
    t = t.replace("'", "")
    for british, american in _SPELLINGS:
        if british in t:
            t = t.replace(british, american)
    if t.endswith("ised") and len(t) > 6:
        t = t[:-4] + "ized"
    if len(t) > 4 and t.endswith("ies"):
        t = t[:-3] + "y"
    elif len(t) > 3 and t.endswith("s") and not t.endswith(_KEEP_S):
        t = t[:-1]
    return t


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(normalised token, start, end) for each word of ``text``."""
    return [(norm_token(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


# A page's reader tokenises most sentences twice, to find concepts in them (Matcher.find)
# and its components' names (norm_phrase): the second time costs a lookup.
@lru_cache(maxsize=1 << 12)
def _shared_tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(tokens(text))


@lru_cache(maxsize=1 << 16)
def norm_phrase(text: str) -> str:
    """The matcher's key for a label or phrase: normalised tokens joined by spaces."""
    return " ".join(t for t, _, _ in _shared_tokens(text))


def _is_abbreviation(label: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", label)
    return 1 < len(letters) <= 6 and letters.isupper()


@dataclass(frozen=True)
class Mention:
    """A concept found in a text, with the character span that names it."""

    concept: Concept
    start: int
    end: int
    text: str

    @property
    def kind(self) -> str:
        return self.concept.kind


class Matcher:
    """Dictionary matcher over every label of a lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        entries: dict[str, list[tuple[Concept, bool]]] = {}
        listed: set[str] = set()  # keys whose label is itself a list ('face, lips or tongue')
        for concept in lexicon.concepts.values():
            for label in concept.labels:
                key = _match_key(label)
                if not key:
                    continue
                entries.setdefault(key, []).append((concept, _is_abbreviation(label)))
                if _LIST_BREAK.search(label):
                    listed.add(key)
        self._automaton = ahocorasick.Automaton()
        for phrase in _NOT_MENTIONS:
            key = _match_key(phrase)
            entries.setdefault(key, []).append((None, False))
        for key, values in entries.items():
            unique = list({(c.iri if c else "", cs): (c, cs) for c, cs in values}.values())
            self._automaton.add_word(f" {key} ", (key.count(" ") + 1, unique, key in listed))
        self._automaton.make_automaton()

    def find(self, text: str, kinds: Iterable[str] | None = None) -> list[Mention]:
        """Longest non-overlapping mentions of concepts of ``kinds`` (all kinds if None).

        Answers are kept for the last few thousand texts: a page's reader asks about the
        same sentence more than once, and boilerplate recurs from page to page."""
        return list(self._find(text, frozenset(kinds) if kinds is not None else None))

    @lru_cache(maxsize=1 << 13)  # noqa: B019 - one matcher per lexicon lives as long anyway
    def _find(self, text: str, wanted: frozenset[str] | None) -> tuple[Mention, ...]:
        toks = [t for t in _shared_tokens(text) if t[0] not in _SKIPPED]
        if not toks:
            return ()
        joined = " " + " ".join(t for t, _, _ in toks) + " "
        ends, pos = {}, 1  # position in ``joined`` just after each token -> token index
        for i, (t, _, _) in enumerate(toks):
            pos += len(t)
            ends[pos] = i
            pos += 1
        candidates: list[tuple[int, int, Concept]] = []
        for end_idx, (n_tokens, values, listed) in self._automaton.iter(joined):
            last = ends.get(end_idx)  # end_idx is the key's trailing space
            first = (last - n_tokens + 1) if last is not None else -1
            if first < 0:
                continue
            span_text = text[toks[first][1] : toks[last][2]]
            if not listed and _LIST_BREAK.search(span_text):
                continue  # 'Nausea, vomiting' is two entries, not the label 'nausea/vomiting'
            for concept, case_sensitive in values:
                if concept is None:  # a phrase that only looks like a label
                    candidates.append((first, last, None))
                    continue
                if wanted is not None and concept.kind not in wanted:
                    continue
                if case_sensitive and not _upper_letters(span_text):
                    continue
                candidates.append((first, last, concept))
        return tuple(_resolve(candidates, toks, text))


_LIST_BREAK = re.compile(r",\s|;")
# Words a label may have or lack with no change of meaning: 'swelling of your face' and
# 'problems with the eyesight' name what 'swelling of face' and 'problems with eyesight' do.
_SKIPPED = frozenset({"the", "your"})


def _match_key(label: str) -> str:
    return " ".join(t for t, _, _ in tokens(label) if t not in _SKIPPED)


def _upper_letters(text: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", text)
    return bool(letters) and letters.isupper()


def _resolve(candidates, toks, text) -> list[Mention]:
    """Keep the longest match at each place; ties go to the concept whose prefLabel matched."""
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: set[int] = set()
    chosen: list[tuple[int, int, Concept]] = []
    for first, last, concept in candidates:
        span = set(range(first, last + 1))
        if span & taken:
            if any(f == first and la == last for f, la, _ in chosen):
                chosen.append((first, last, concept))  # same words, another concept (other kind)
            continue
        taken |= span
        chosen.append((first, last, concept))
    chosen.sort(key=lambda c: c[0])
    return [
        Mention(concept, toks[f][1], toks[la][2], text[toks[f][1] : toks[la][2]])
        for f, la, concept in chosen if concept is not None
    ]


@cache
def matcher_for(lexicon: Lexicon) -> Matcher:
    """One matcher per lexicon per process."""
    return Matcher(lexicon)
