"""Internal SPARQL text, read from ``queries/internal/NAME.rq``: the one place it lives.

The named queries users run sit beside that folder (``queries/*.rq``); the internal ones
are what drugkg's own stages and faces ask (cards, exports, link reports, browse pages).
This reader sits in the foundation so that every band can use it; the files are data.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

from drugkg.errors import QueryError
from drugkg.ontology import sparql_prefixes

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def query_dir() -> Path:
    """The installed ``queries/`` folder (``drugkg.queries``), found without importing it."""
    spec = importlib.util.find_spec("drugkg.queries")
    if spec is None or not spec.submodule_search_locations:
        raise QueryError("drugkg.queries is not installed; reinstall drugkg")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def load(name: str) -> str:
    """The internal query ``name`` with drugkg's PREFIX lines in front."""
    if not _NAME.fullmatch(name):
        raise QueryError(f"internal query names are lower-case words joined by '-': {name!r}")
    path = query_dir() / "internal" / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"no internal query {name!r} ({path})")
    return sparql_prefixes() + path.read_text(encoding="utf-8")
