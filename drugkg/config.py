"""Settings, layered: defaults -> instance file -> DRUGKG_* environment -> explicit mapping.

Every setting is documented here (a test checks docs/configuration.md lists them all).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drugkg.errors import DrugkgError
from drugkg.ontology import DEFAULT_BASE

DEFAULTS: dict[str, Any] = {
    # where the graph lives: oxigraph:PATH, memory:, or sparql:QUERY_URL
    "STORE": "oxigraph:var/kg",
    # update endpoint and credentials of a sparql: store (defaults: derived from the URL)
    "UPDATE_URL": "",
    "SPARQL_USER": "",
    "SPARQL_PASSWORD": "",
    # base IRI for products, graphs, evidence and unlinked concepts
    "BASE": DEFAULT_BASE,
    # /sparql limits
    "QUERY_TIMEOUT": 30.0,  # seconds; a slower query gets 503
    "MAX_QUERY_BYTES": 100_000,  # a longer query gets 413
    "MAX_ROWS": 10_000,  # SELECT results are cut here (header X-Result-Truncated)
    # SPARQL Update through /sparql: off unless a bearer token is set
    "ALLOW_UPDATES": False,
    "UPDATE_TOKEN": "",
    # SPARQL endpoints SERVICE (and LOAD) may reach, comma-separated; none by default
    "FEDERATION_ALLOW": "",
    # cross-origin reads from browsers (Access-Control-Allow-Origin)
    "CORS_ORIGINS": "*",
    # drugkg serve
    "HOST": "127.0.0.1",
    "PORT": 8000,
    # front-server threads: queries (running or waiting for a worker) hold all but 4 of
    # them (server.FREE_THREADS), which keep answering static files and pages
    "THREADS": 12,
    # front-server connections: more are not accepted; an idle one is closed after
    # CHANNEL_TIMEOUT seconds, so slow clients cannot starve others
    "CONNECTION_LIMIT": 500,
    "CHANNEL_TIMEOUT": 30,
    # processes running /sparql and named queries over an on-disk store (killed and
    # replaced when a query overruns QUERY_TIMEOUT); threads over other stores
    "QUERY_WORKERS": 4,
}
INSTANCE_FILE = "drugkg.toml"


def _coerce(name: str, value: Any) -> Any:
    default = DEFAULTS[name]
    if isinstance(value, str) and not isinstance(default, str):
        try:
            if isinstance(default, bool):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return type(default)(value)
        except ValueError as exc:
            raise DrugkgError(f"setting {name}={value!r} is not a {type(default).__name__}") \
                from exc
    return value


def load_config(
    overrides: Mapping[str, Any] | None = None,
    *,
    instance_dir: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The effective settings. The instance file is ``drugkg.toml`` in ``instance_dir``
    (default: $DRUGKG_INSTANCE or the current directory), with keys in lower or upper case."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    folder = Path(instance_dir or environ.get("DRUGKG_INSTANCE") or ".")
    path = folder / INSTANCE_FILE
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise DrugkgError(f"{path}: not valid TOML: {exc}") from exc
        for key, value in data.items():
            name = key.upper()
            if name not in DEFAULTS:
                raise DrugkgError(f"{path}: unknown setting {key!r}; known: {sorted(DEFAULTS)}")
            config[name] = _coerce(name, value)
    for name in DEFAULTS:
        if f"DRUGKG_{name}" in environ:
            config[name] = _coerce(name, environ[f"DRUGKG_{name}"])
    for key, value in (overrides or {}).items():
        name = key.upper()
        if name not in DEFAULTS:
            raise DrugkgError(f"unknown setting {key!r}; known: {sorted(DEFAULTS)}")
        config[name] = _coerce(name, value)
    return config
