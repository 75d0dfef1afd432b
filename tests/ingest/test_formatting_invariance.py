"""Formatting that changes no meaning changes no fact: each bundled example, rewritten with
another bullet marker, heading level, line ending, apostrophe or front-matter fence, gives
the same facts as the page as written (a metamorphic check of the reader)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from drugkg.ingest.assemble import assemble
from drugkg.ingest.monograph import read_monograph
from tests.conftest import EXAMPLES

PAGES = sorted((EXAMPLES / "monographs").glob("*.md"))


def _body_start(text: str) -> int:
    return text.index("\n---", 3) + 4


def _numbered(text: str) -> str:
    if re.search(r"(?m)^\s+[-*+] ", text):
        return text  # nested bullets would need re-indenting under '1. '
    return re.sub(r"(?m)^[-*] ", "1. ", text)


def _setext(text: str) -> str:
    if re.search(r"(?m)^## \d", text):
        return text  # '4. Side effects' underlined would become a list item
    return re.sub(r"(?m)^## ([^\n]+)$", lambda m: f"{m[1]}\n{'-' * len(m[1])}", text)


# name -> rewrite; each keeps what a reader understands from the page
REWRITES: dict[str, Callable[[str], str]] = {
    "star-bullets": lambda t: re.sub(r"(?m)^(\s*)- ", r"\1* ", t),
    "plus-bullets": lambda t: re.sub(r"(?m)^(\s*)[-*] ", r"\1+ ", t),
    "numbered-items": _numbered,
    "headings-one-level-deeper": lambda t: re.sub(r"(?m)^(##+) ", r"#\1 ", t),
    "setext-headings": _setext,
    "headings-end-in-colon": lambda t: re.sub(r"(?m)^(##+ [^\n]*[^:?\n])$", r"\1:", t),
    "headings-in-capitals": lambda t: re.sub(r"(?m)^(##+ )(.*)$",
                                             lambda m: m[1] + m[2].upper(), t),
    "underscore-bold": lambda t: re.sub(r"\*\*([^*\n]+)\*\*", r"__\1__", t),
    "crlf-line-endings": lambda t: t.replace("\n", "\r\n"),
    "trailing-blanks": lambda t: t[: _body_start(t)] + re.sub(
        r"(?m)(\S)$", r"\1  ", t[_body_start(t) :]),
    "front-matter-fence-with-blank": lambda t: t.replace("---\n", "--- \n", 2),
    "typographic-apostrophes": lambda t: t.replace("'", "\u2019"),
    "typographic-double-quotes": lambda t: re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", t),
    "no-break-spaces-before-units": lambda t: t.replace(" mg", "\u00a0mg"),
    "extra-blank-lines": lambda t: t.replace("\n\n", "\n\n\n"),
}


def _facts(path, matcher) -> set[tuple[str, str, str]]:
    return {(f.component, f.predicate, f.concept.iri if f.concept else f.phrase)
            for f in assemble(read_monograph(path), matcher)[1]}


@pytest.fixture(scope="module")
def written(matcher) -> dict[str, set]:
    return {page.name: _facts(page, matcher) for page in PAGES}


@pytest.mark.parametrize("rewrite", sorted(REWRITES))
def test_formatting_changes_no_fact(rewrite, written, matcher, tmp_path):
    changed = []
    for page in PAGES:
        text = REWRITES[rewrite](page.read_text(encoding="utf-8"))
        copy = tmp_path / page.name
        copy.write_bytes(text.encode("utf-8"))
        got = _facts(copy, matcher)
        if got != written[page.name]:
            changed.append((page.name, sorted(written[page.name] - got)[:3],
                            sorted(got - written[page.name])[:3]))
    assert written and all(written.values())  # the pages as written do state facts
    assert not changed, changed
