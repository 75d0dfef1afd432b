"""SERVICE clauses reach only allow-listed endpoints: no other host is ever contacted.

Oxigraph evaluates ``SERVICE <url> { ... }`` by calling ``url`` over HTTP, and ``LOAD <url>``
fetches it. A query or update that names any other endpoint, or names it through a
variable, is refused before it runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drugkg.errors import QueryError

_MAY_FETCH = re.compile(r"\b(?:SERVICE|LOAD)\b", re.I)


class FederationError(QueryError):
    """A SERVICE or LOAD target is not on the allow-list."""


def parse_allow_list(value: str | Iterable[str]) -> tuple[str, ...]:
    """'http://a/sparql, http://b/' -> ('http://a/sparql', 'http://b/')."""
    items = value.split(",") if isinstance(value, str) else value
    return tuple(i.strip() for i in items if i and i.strip())


def _allowed(url: str, allow: tuple[str, ...]) -> bool:
    # an entry ending with '/' allows every endpoint below it; others must match exactly
    return any(url == a or (a.endswith("/") and url.startswith(a)) for a in allow)


def _targets(tree) -> Iterable[tuple[str, object]]:
    """('SERVICE' | 'LOAD', term) for every fetch in an rdflib parse tree."""
    name = getattr(tree, "name", None)
    if name == "ServiceGraphPattern":
        yield "SERVICE", tree.get("term")
    elif name == "Load":
        yield "LOAD", tree.get("iri")
    from pyparsing import ParseResults

    if isinstance(tree, dict):  # rdflib's CompValue
        children = list(tree.values())
    elif isinstance(tree, ParseResults | list | tuple):
        children = list(tree)
    else:
        children = []
    for child in children:
        if not isinstance(child, str):
            yield from _targets(child)


def check(sparql: str, allow: tuple[str, ...], *, update: bool = False) -> None:
    """Raise FederationError unless every SERVICE/LOAD target is an allow-listed IRI."""
    if not _MAY_FETCH.search(sparql):
        return
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.term import URIRef

    try:
        tree = parseUpdate(sparql) if update else parseQuery(sparql)
    except ParseException as exc:
        raise FederationError(
            f"cannot check where this query would connect (SERVICE/LOAD); refusing it: {exc}"
        ) from exc
    for keyword, term in _targets(tree):
        if not isinstance(term, URIRef):
            raise FederationError(f"{keyword} with a variable endpoint is not allowed; name "
                                  "an allow-listed endpoint IRI")
        if not _allowed(str(term), allow):
            allowed = ", ".join(allow) or "none"
            raise FederationError(
                f"{keyword} <{term}> is not on the federation allow-list (allowed: {allowed});"
                " set DRUGKG_FEDERATION_ALLOW to add an endpoint")
