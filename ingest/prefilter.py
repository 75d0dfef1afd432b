"""Regular expressions that skip, with a substring test, the texts they cannot match.

Python's engine tries a pattern at every position of a text; a long alternation of cue
words (``\\bserious|\\bsevere|...``, case-insensitive) costs ~50 us on a 200-character
sentence that contains none of them, and most sentences contain none. :func:`compile`
reads the pattern once and finds words one of which every match must contain ('serious',
'severe', ...); a text holding none of them cannot match, and gets the answer a failed
match gives (``None``, no matches, the text unchanged) from ``in`` tests instead of the
engine. Texts that hold one go to the pattern itself, so the answers are always the
pattern's own.

The pattern is read with the standard library's own parser (``re._parser``); a construct
the reading does not follow (scoped flags, back-references, a locale) only makes the
requirement weaker or absent, never wrong. Case-insensitive patterns are checked on the
lower-cased text when the text is ASCII (where ``re.I`` pairs only a letter's two ASCII
cases); other texts always go to the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as c
from re import _parser

_MAX_WORDS = 40  # more alternatives than this cost more to test than the search saves


def compile(pattern: str, flags: int = 0) -> re.Pattern[str] | Prefiltered:
    """``re.compile(pattern, flags)``, wrapped in a :class:`Prefiltered` when the pattern
    requires words a text can be tested for."""
    compiled = re.compile(pattern, flags)
    words = required_words(compiled)
    return Prefiltered(compiled, words) if words else compiled


def required_words(compiled: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``compiled`` contains (lower-cased when it
    ignores case), or None when the pattern requires none that is worth testing."""
    if not isinstance(compiled.pattern, str) or compiled.flags & re.LOCALE:
        return None
    try:
        parsed = _parser.parse(compiled.pattern, compiled.flags)
    except Exception:  # an internal parser this Python does not have: no prefilter
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    words = _need(list(parsed), ignore_case)
    return words if words and len(words) <= _MAX_WORDS else None


def _need(items: list, ignore_case: bool) -> frozenset[str] | None:
    """What a sequence of parsed items requires: the best requirement of any one item, or
    of a run of literal characters."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(words: frozenset[str] | None) -> None:
        nonlocal best
        if words and all(words) and _better(words, best):
            best = words

    for op, av in items:
        if op is c.LITERAL:
            char = chr(av)
            if not ignore_case:
                run.append(char)
                continue
            if char.isascii():
                run.append(char.lower())
                continue
            # a non-ASCII letter may match an ASCII one under re.I ('ſ' and 's'): not a
            # literal to test an ASCII text for
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                consider(_need(list(sub), ignore_case))
        elif op is c.BRANCH:
            alternatives = [_need(list(sub), ignore_case) for sub in av[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            least, _most, sub = av
            if least >= 1:
                consider(_need(list(sub), ignore_case))
        elif op is c.ATOMIC_GROUP:
            consider(_need(list(av), ignore_case))
        # anything else (a character class, '.', an anchor, a look-around, a
        # back-reference) requires no literal of its own
    consider(frozenset({"".join(run)}) if run else None)
    return best


def _better(words: frozenset[str], than: frozenset[str] | None) -> bool:
    """Longer shortest word first (rarer in text), then fewer words."""
    if than is None:
        return True
    return (min(map(len, words)), -len(words)) > (min(map(len, than)), -len(than))


class Prefiltered:
    """A compiled pattern behind a test for its required words; everything else about it
    (``pattern``, ``flags``, ``groups`` ...) is the pattern's."""

    __slots__ = ("_ignore_case", "_pattern", "_words")

    def __init__(self, compiled: re.Pattern[str], words: frozenset[str]) -> None:
        self._pattern = compiled
        self._words = tuple(sorted(words, key=len))
        self._ignore_case = bool(compiled.flags & re.IGNORECASE)

    def __getattr__(self, name: str):
        return getattr(self._pattern, name)

    def __repr__(self) -> str:
        return f"prefilter.compile({self._pattern.pattern!r}, {self._pattern.flags})"

    def _cannot_match(self, text: str) -> bool:
        if self._ignore_case:
            if not text.isascii():
                return False
            text = text.lower()
        for word in self._words:  # noqa: SIM110 - a generator costs more than most tests
            if word in text:
                return False
        return True

    def search(self, text: str, *args: int, **kwargs: int) -> re.Match[str] | None:
        return None if self._cannot_match(text) else self._pattern.search(text, *args, **kwargs)

    def match(self, text: str, *args: int, **kwargs: int) -> re.Match[str] | None:
        return None if self._cannot_match(text) else self._pattern.match(text, *args, **kwargs)

    def fullmatch(self, text: str, *args: int, **kwargs: int) -> re.Match[str] | None:
        return None if self._cannot_match(text) else self._pattern.fullmatch(text, *args, **kwargs)

    def finditer(self, text: str, *args: int, **kwargs: int) -> Iterator[re.Match[str]]:
        if self._cannot_match(text):
            return iter(())
        return self._pattern.finditer(text, *args, **kwargs)

    def findall(self, text: str, *args: int, **kwargs: int) -> list:
        return [] if self._cannot_match(text) else self._pattern.findall(text, *args, **kwargs)

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        return [text] if self._cannot_match(text) else self._pattern.split(text, maxsplit)

    def sub(self, repl, text: str, count: int = 0) -> str:
        return text if self._cannot_match(text) else self._pattern.sub(repl, text, count)

    def subn(self, repl, text: str, count: int = 0) -> tuple[str, int]:
        return (text, 0) if self._cannot_match(text) else self._pattern.subn(repl, text, count)
