"""The guard every query and update passes before the engine sees it.

Oxigraph evaluates ``SERVICE <url> { ... }`` by calling ``url`` over HTTP, and ``LOAD <url>``
fetches it: a SERVICE or LOAD target must be on the allow-list, named by an IRI (never a
variable). A check is only as good as its agreement with the engine: a second parser that
reads a comment, an escape or a long string differently lets a SERVICE through unseen (the
``# \\u000A`` trick of issue 15). So one lexer, written to Oxigraph's rules (comments end at a
line break; ``\\u`` escapes count only inside strings and IRIs), reads the text once; the
checks run on its tokens, and the engine is given the text *written back from those same
tokens*: no comments, no escapes, every string in one plain ``"..."`` form. What is checked
is what runs.

The same pass bounds the query's shape before any parser runs: Oxigraph's recursive parser
and planner overflow the stack (killing the process) on deep nesting or long operator
chains, and plan a large join for minutes, so depth, operator runs and token count are
capped here with a message (a 400 at the endpoint).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from drugkg.errors import QueryError

MAX_DEPTH = 32  # brackets ({ ( [) nested; the named queries nest 5 at most
MAX_OPERATOR_RUN = 16  # prefix operators in a row (!!!!x, - - -x)
MAX_TOKENS = 2_000  # the largest named query has 166


class FederationError(QueryError):
    """A SERVICE or LOAD target is not on the allow-list."""


class QueryShapeError(QueryError):
    """A query nests, chains or runs longer than the engine can safely parse."""


def parse_allow_list(value: str | Iterable[str]) -> tuple[str, ...]:
    """'http://a/sparql, http://b/' -> ('http://a/sparql', 'http://b/')."""
    items = value.split(",") if isinstance(value, str) else value
    return tuple(i.strip() for i in items if i and i.strip())


def _allowed(url: str, allow: tuple[str, ...]) -> bool:
    # an entry ending with '/' allows every endpoint below it; others must match exactly
    return any(url == a or (a.endswith("/") and url.startswith(a)) for a in allow)


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, var, name (keyword, prefixed name, number), punct
    text: str  # as written back: the canonical form
    value: str = ""  # decoded: an IRI's or string's content, a name's text
    spaced: bool = False  # whitespace or a comment stood before it


_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'",
          "\\": "\\"}
_ECHAR_OUT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
              "\f": "\\f"}
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_SPACE = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)+")
_IRIREF = re.compile(r'<((?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)>')
_VAR = re.compile(r"[?$][A-Za-z0-9_\u00B7\u00C0-\U000EFFFF]+")
# keywords, prefixed names (with PN_LOCAL escapes and %XX), numbers, blank node labels
_NAME = re.compile(r"(?:_:)?(?:[A-Za-z0-9_:\u00B7\u00C0-\U000EFFFF%.\-]|\\[-_~.!$&'()*+,;=/?#@%])+")
_STRING_START = re.compile(r"'''|\"\"\"|'|\"")
_PUNCT = re.compile(r"\^\^|<=|>=|!=|&&|\|\||[{}()\[\];,.*=<>!+\-/^|@?]")
_LANGTAG = re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*")
_PREFIX_OPS = {"!", "-", "+", "^"}


def _decode_uchars(text: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _read_string(sparql: str, pos: int, quote: str) -> tuple[str, int]:
    """(decoded value, end) of the string literal opening at ``pos`` with ``quote``."""
    i, out = pos + len(quote), []
    long = len(quote) == 3
    while True:
        if i >= len(sparql):
            raise QueryError(f"malformed SPARQL: a string opened at offset {pos} never ends")
        if sparql.startswith(quote, i):
            return "".join(out), i + len(quote)
        ch = sparql[i]
        if ch == "\\":
            uchar = _UCHAR.match(sparql, i)
            if uchar:
                out.append(_decode_uchars(uchar.group()))
                i = uchar.end()
                continue
            nxt = sparql[i + 1: i + 2]
            if nxt not in _ECHAR:
                raise QueryError(f"malformed SPARQL: bad escape '\\{nxt}' in a string at "
                                 f"offset {i}")
            out.append(_ECHAR[nxt])
            i += 2
            continue
        if not long and ch in "\r\n":
            raise QueryError(f"malformed SPARQL: a line break in a short string at offset {i}")
        out.append(ch)
        i += 1


def tokens(sparql: str) -> list[Token]:
    """The query's tokens as Oxigraph reads them; QueryShapeError past the caps. Tokens in a
    data block (``VALUES ... { }``, ``INSERT DATA { }``, ``DELETE DATA { }``) do not count
    toward MAX_TOKENS: the engine reads data flat, however long."""
    out: list[Token] = []
    pos, depth, run, counted = 0, 0, 0, 0
    data_at: int | None = None  # the depth of the data block being read
    data_next = False  # VALUES or DATA was read: the next '{' opens a data block
    while True:
        space = _SPACE.match(sparql, pos)
        spaced = bool(space)
        if space:
            pos = space.end()
        if pos >= len(sparql):
            return out
        counted += data_at is None
        if counted > MAX_TOKENS:
            raise QueryShapeError(f"query has more than {MAX_TOKENS} tokens (data blocks not "
                                  "counted); split it up or bind values with VALUES")
        ch = sparql[pos]
        quote = _STRING_START.match(sparql, pos)
        if quote:
            value, pos = _read_string(sparql, pos, quote.group())
            text = '"' + "".join(_ECHAR_OUT.get(c, c) for c in value) + '"'
            out.append(Token("string", text, value, spaced))
        elif (iri := _IRIREF.match(sparql, pos)) is not None:
            value = _decode_uchars(iri.group(1))
            if _IRI_FORBIDDEN.search(value):
                raise QueryError(f"malformed SPARQL: an escape in <{iri.group(1)}> gives a "
                                 "character IRIs cannot hold")
            out.append(Token("iri", f"<{value}>", value, spaced))
            pos = iri.end()
        elif (var := _VAR.match(sparql, pos)) is not None:
            out.append(Token("var", var.group(), var.group(), spaced))
            pos = var.end()
        elif ch == "@" and out and out[-1].kind == "string" and not spaced:
            tag = _LANGTAG.match(sparql, pos)
            if tag is None:
                raise QueryError(f"malformed SPARQL: bad language tag at offset {pos}")
            out.append(Token("name", tag.group(), tag.group(), spaced))
            pos = tag.end()
        elif (name := _NAME.match(sparql, pos)) is not None and not name.group().startswith(
                (".", "-")):
            word = name.group().rstrip(".")  # a name never ends with '.': that ends a triple
            data_next = data_next or word.upper() in ("VALUES", "DATA")
            out.append(Token("name", word, word, spaced))
            pos += len(word)
        elif (punct := _PUNCT.match(sparql, pos)) is not None:
            mark = punct.group()
            if mark in "{([":
                depth += 1
                if depth > MAX_DEPTH:
                    raise QueryShapeError(f"query nests brackets more than {MAX_DEPTH} deep; "
                                          "flatten it")
                if mark == "{" and data_next:
                    data_at = depth if data_at is None else data_at
                    data_next = False
            elif mark in "})]":
                if depth == data_at:
                    data_at = None
                depth -= 1
            run = run + 1 if mark in _PREFIX_OPS else 0
            if run > MAX_OPERATOR_RUN:
                raise QueryShapeError(f"query chains more than {MAX_OPERATOR_RUN} operators "
                                      "in a row; simplify it")
            out.append(Token("punct", mark, mark, spaced))
            pos = punct.end()
            continue
        else:
            raise QueryError(f"malformed SPARQL: unexpected {ch!r} at offset {pos}")
        run = 0


def _write(toks: list[Token]) -> str:
    return "".join((" " if t.spaced else "") + t.text for t in toks).strip()


def _target(toks: list[Token], i: int, prefixes: dict[str, str]) -> tuple[str | None, int]:
    """(IRI, index after it) of the SERVICE/LOAD target starting at ``i`` (None: a variable
    or nothing an IRI can be read from)."""
    if i < len(toks) and toks[i].kind == "name" and toks[i].value.upper() == "SILENT":
        i += 1
    if i >= len(toks):
        return None, i
    tok = toks[i]
    if tok.kind == "iri":
        return tok.value, i + 1
    if tok.kind == "name" and ":" in tok.value:
        prefix, _, local = tok.value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local), i + 1
    return None, i + 1


@lru_cache(maxsize=256)  # endpoints see the same texts again and again; lexing one costs
def check(sparql: str, allow: tuple[str, ...]) -> str:  # 0.3 ms, a third of a small query
    """The query as the engine must run it (written back from the checked tokens). Raises
    FederationError unless every SERVICE/LOAD target is an allow-listed absolute IRI, and
    QueryShapeError for a query too deep or too long to parse safely."""
    toks = tokens(sparql)
    prefixes: dict[str, str] = {}
    for i, tok in enumerate(toks):
        word = tok.value.upper() if tok.kind == "name" else ""
        if (word == "PREFIX" and i + 2 < len(toks) and toks[i + 1].kind == "name"
                and toks[i + 2].kind == "iri"):
            prefixes[toks[i + 1].value.rstrip(":")] = toks[i + 2].value
        if word not in ("SERVICE", "LOAD"):
            continue
        target, _ = _target(toks, i + 1, prefixes)
        if target is None:
            raise FederationError(f"{word} with a variable endpoint is not allowed; name "
                                  "an allow-listed endpoint IRI")
        if not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*://", target) or not _allowed(target, allow):
            allowed = ", ".join(allow) or "none"
            raise FederationError(
                f"{word} <{target}> is not on the federation allow-list (allowed: {allowed});"
                " set DRUGKG_FEDERATION_ALLOW to add an endpoint")
    return _write(toks)


@lru_cache(maxsize=256)  # lexes the query when 'from' is anywhere in it, comments too
def names_dataset(sparql: str) -> bool:
    """Whether the query has a FROM or FROM NAMED clause (then it, not the union of all
    graphs, is the dataset)."""
    if not re.search(r"\bFROM\b", sparql, re.I):
        return False
    return any(t.kind == "name" and t.value.upper() == "FROM" for t in tokens(sparql))
