"""The request's query string parsed as werkzeug parses it, its percent-escapes decoded in C.

A SPARQL query sent with GET is the query string: the headline query is 2.5 KB with about 300
escapes, and Python 3.11's ``parse_qsl`` decodes them one by one in Python (about 90 us a
request, against 3 ms for the query itself at 1,000 pages). Here Python's own
``unicode_escape`` codec does it: ``%3F`` becomes ``\\x3F``. Anything the trick cannot take (a
backslash, a byte outside ASCII, a '%' without two hex digits after it) goes the standard way.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import flask
import werkzeug.urls  # noqa: F401  (registers the "werkzeug.url_quote" codec error handler)
from werkzeug.utils import cached_property

_ERRORS = "werkzeug.url_quote"  # invalid UTF-8 stays percent-encoded, as werkzeug leaves it


def parse(raw: bytes) -> list[tuple[str, str]]:
    """The (name, value) pairs of a query string, blank values kept."""
    if raw.isascii() and b"\\" not in raw:
        try:
            return [(_unquote(name), _unquote(value))
                    for name, _, value in (field.partition(b"=")
                                           for field in raw.split(b"&") if field)]
        except UnicodeDecodeError:  # a '%' without two hex digits: the standard way says how
            pass
    return parse_qsl(raw.decode(), keep_blank_values=True, errors=_ERRORS)


def _unquote(part: bytes) -> str:
    part = part.replace(b"+", b" ")
    if b"%" not in part:
        return part.decode("ascii")
    raw = part.replace(b"%", b"\\x").decode("unicode_escape").encode("latin-1")
    return raw.decode("utf-8", _ERRORS)


class Request(flask.Request):
    """Flask's request, with :func:`parse` for its URL parameters."""

    @cached_property
    def args(self):  # type: ignore[override]
        return self.parameter_storage_class(parse(self.query_string))
