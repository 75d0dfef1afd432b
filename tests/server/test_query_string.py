"""The fast query-string parse gives what werkzeug's (parse_qsl) gives, for any input."""

from __future__ import annotations

import random
import urllib.parse
from urllib.parse import parse_qsl

import pytest

from drugkg.server.query_string import parse

AWKWARD = [b"", b"&", b"a", b"a=", b"=b", b"a=1&&b=2", b"q=%zz", b"q=%4", b"q=%", b"q=%E2%82%AC",
           b"q=%FF%FE", b"q=%e2%82", b"q=a+b%2Bc", b"q=\\x41", b"q=%5C", b"q=%00",
           b"a=%41%42;c=d", b"x%3D=y%26z", "q=caf\u00e9".encode()]


def _werkzeug(raw: bytes):
    try:
        return parse_qsl(raw.decode(), keep_blank_values=True, errors="werkzeug.url_quote")
    except UnicodeDecodeError:
        return "invalid UTF-8"


def _fast(raw: bytes):
    try:
        return parse(raw)
    except UnicodeDecodeError:
        return "invalid UTF-8"


@pytest.mark.parametrize("raw", AWKWARD)
def test_awkward_query_strings_parse_as_werkzeug_parses_them(raw):
    assert _fast(raw) == _werkzeug(raw)


def test_a_sparql_query_and_random_strings_parse_as_werkzeug_parses_them():
    query = "PREFIX dkg: <https://w3id.org/drugkg/ontology#>\nSELECT ?d { ?d dkg:x 'é €' } # 100%"
    sent = urllib.parse.urlencode({"query": query, "format": "json"}).encode()
    assert parse(sent) == [("query", query), ("format", "json")]
    pieces = ["%", "+", "=", "&", ";", "a", "Z", "0", "\\", "\u00e9", "\u20ac", "\x00", "4",
              "1", "e", "F", "%4", "%41", "%e2%82%ac", "%ff"]
    rnd = random.Random(18)
    for _ in range(3000):
        raw = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16))).encode()
        assert _fast(raw) == _werkzeug(raw), raw
