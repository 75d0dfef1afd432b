"""The web app: SPARQL 1.1 endpoint, JSON API and browse UI (Flask app factory)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from drugkg.config import load_config

FREE_THREADS = 4  # front-server threads queries never hold: static files and pages answer



def create_app(config: Mapping[str, Any] | None = None, *, store=None) -> Flask:
    """Build the app: settings layered as in :func:`drugkg.config.load_config`, the store
    from ``STORE`` unless one is given, every named query parsed (a broken one fails here)."""
    from drugkg import queries
    from drugkg.server import api, browse, cors, errors, sparql
    from drugkg.server.fast_path import FastQueries
    from drugkg.server.query_string import Request
    from drugkg.server.runner import runner_for
    from drugkg.server.state import State
    from drugkg.store import open_store

    settings = load_config(config)
    app = Flask(__name__)
    app.request_class = Request
    app.config["MAX_CONTENT_LENGTH"] = settings["MAX_QUERY_BYTES"] * 4
    app.json.sort_keys = False
    if store is None:
        store = open_store(settings["STORE"], update_url=settings["UPDATE_URL"],
                           user=settings["SPARQL_USER"], password=settings["SPARQL_PASSWORD"],
                           federation_allow=settings["FEDERATION_ALLOW"],
                           create=False)  # serving a typo'd path would answer nothing
    app.extensions["drugkg"] = State(
        config=settings,
        store=store,
        queries=queries.library(),
        runner=runner_for(store, max(1, settings["QUERY_WORKERS"]),
                          places=settings["THREADS"] - FREE_THREADS),
    )
    errors.init_app(app)
    cors.init_app(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(browse.bp)
    app.wsgi_app = FastQueries(app)  # type: ignore[method-assign]
    return app


def server_options(settings: Mapping[str, Any]) -> dict[str, Any]:
    """waitress options from the settings. waitress reads requests on its event loop, not
    on a worker thread, but past ``connection_limit`` it accepts nobody: the limit is high
    and idle (trickling) connections are dropped after ``channel_timeout``."""
    return {"threads": settings["THREADS"], "connection_limit": settings["CONNECTION_LIMIT"],
            "channel_timeout": settings["CHANNEL_TIMEOUT"], "ident": "drugkg"}
