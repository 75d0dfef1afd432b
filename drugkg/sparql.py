"""Internal SPARQL text, read from ``queries/internal/NAME.rq``: the one place it lives.

The named queries users run sit beside that folder (``queries/*.rq``); the internal ones
are what drugkg's own stages and faces ask (cards, exports, link reports, browse pages).
This reader sits in the foundation so that every band can use it; the files are data.

Shared paths. A property path that several queries need (what a drug "acts on") is written
once, in ``queries/paths/NAME.rq``: its alternatives, one per line. A query writes
``path:NAME`` where the path goes, and both loaders (this one and the named-query library)
put the parenthesised path there, so the text a store receives, or the endpoint shows, is
complete SPARQL. ``path:`` is no declared prefix: a query that was not expanded fails to
parse instead of silently matching nothing.

Where a query needs the graph that states the subject's own fact (a drug card is per
page), ``path:NAME(?s, ?o, ?g)`` stands for the same path as a group pattern: one UNION
branch per alternative, its first step inside ``GRAPH ?g``, the rest in the whole store.

Templates. A query whose patterns drugkg composes (ask compiles a question into
conditions) is a template: a line ``#{NAME}`` (a comment, so the template parses as it
is) marks where :func:`fill` puts the composed lines. Values never go there: they are
bound as terms.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

from drugkg.errors import QueryError
from drugkg.ontology import sparql_prefixes

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# IRIs, strings and comments are matched first, and kept as they are
_PATH_TOKEN = re.compile(r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*"""
                         r"|(?<![\w:-])path:([a-z0-9]+(?:-[a-z0-9]+)*)"
                         r"(?:\(\s*\?(\w+)\s*,\s*\?(\w+)\s*,\s*\?(\w+)\s*\)|(?![\w:(-]))")


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
    return sparql_prefixes() + expand_paths(path.read_text(encoding="utf-8"))


@cache
def path_alternatives(name: str) -> tuple[str, ...]:
    """The alternatives of the shared path ``name`` (``queries/paths/NAME.rq``), as
    written: one per line, comments and blank lines skipped."""
    if not _NAME.fullmatch(name):
        raise QueryError(f"path names are lower-case words joined by '-': {name!r}")
    path = query_dir() / "paths" / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"no shared path {name!r} ({path})")
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return tuple(line.removeprefix("|").strip() for line in lines if line)


def path(name: str) -> str:
    """The shared path ``name`` as one SPARQL property path, parenthesised."""
    return "(" + "|".join(path_alternatives(name)) + ")"


def path_legs(name: str) -> tuple[tuple[str, str], ...]:
    """Each alternative of the shared path as (its first step, the rest or ''): the first
    step is the subject's own fact, the one a page states."""
    return tuple((first, rest) for first, _, rest in
                 (alt.partition("/") for alt in path_alternatives(name)))


_SLOT = re.compile(r"^([ \t]*)#\{([a-z]+)\}[ \t]*(?:\n|\Z)", re.M)


def fill(template: str, **slots: list[str]) -> str:
    """``template`` with each ``#{NAME}`` line replaced by the lines ``slots[NAME]`` (none:
    the line goes), at the slot's indentation; every slot must be given, and every one
    given must exist."""
    names = {name for _, name in _SLOT.findall(template)}
    missing, unknown = names - set(slots), set(slots) - names
    if missing or unknown:
        raise QueryError(f"template slots: missing {sorted(missing)}, unknown {sorted(unknown)}")
    return _SLOT.sub(lambda m: "".join(f"{m.group(1)}{line}\n" for line in slots[m.group(2)]),
                     template)


def expand_paths(text: str) -> str:
    """``text`` with every ``path:NAME`` replaced by the shared path it names."""
    def expand(m: re.Match) -> str:
        name, subject, obj, graph = m.groups()
        if name is None:
            return m.group(0)
        if subject is None:
            return path(name)
        branches = []
        for n, (first, rest) in enumerate(path_legs(name)):
            if rest:
                step = f"?{subject}_{name.replace('-', '_')}_{n}"
                branches.append(f"{{ GRAPH ?{graph} {{ ?{subject} {first} {step} }} "
                                f"{step} {rest} ?{obj} }}")
            else:
                branches.append(f"{{ GRAPH ?{graph} {{ ?{subject} {first} ?{obj} }} }}")
        return "{ " + "\n  UNION ".join(branches) + " }"

    return _PATH_TOKEN.sub(expand, text)
