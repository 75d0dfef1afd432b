"""Corpus roots: the folders and files ingest was given, resolved, recorded beside the store.

The monograph view serves a file only under one of them. The graph's provenance alone
cannot say which files may be shown: anyone who can write to the graph could point it at
any file on disk (issue 15). A store on disk keeps its roots in ``PATH.roots`` next to it
(out of reach of SPARQL Update); another store keeps them for the life of the process.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from weakref import WeakKeyDictionary

from drugkg.store import Store

_HELD: WeakKeyDictionary[Store, set[Path]] = WeakKeyDictionary()  # roots of other stores


def _sidecar(store: Store) -> Path | None:
    return Path(str(store.path) + ".roots") if store.path is not None else None


def roots(store: Store) -> set[Path]:
    """The resolved roots recorded for ``store``."""
    sidecar = _sidecar(store)
    if sidecar is None:
        return set(_HELD.get(store, ()))
    try:
        return {Path(p) for p in json.loads(sidecar.read_text(encoding="utf-8"))}
    except (OSError, ValueError):
        return set()


def record(store: Store, paths: Iterable[str | Path]) -> None:
    """Add ``paths`` (resolved: symlinks followed) to the store's roots."""
    known = roots(store) | {Path(os.path.realpath(p)) for p in paths}
    sidecar = _sidecar(store)
    if sidecar is None:
        _HELD[store] = known
    else:
        sidecar.write_text(json.dumps(sorted(map(str, known)), indent=1), encoding="utf-8")


def allows(store: Store, path: Path) -> bool:
    """Whether ``path``, resolved, is a recorded root or lies under one."""
    real = Path(os.path.realpath(path))
    return any(real == root or real.is_relative_to(root) for root in roots(store))
