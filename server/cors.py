"""CORS for reads: browsers on other origins may query /sparql and /api."""

from __future__ import annotations

from flask import Flask, request


def headers_for(origins: str, path: str) -> list[tuple[str, str]]:
    """The CORS headers a response to ``path`` carries (none when ``origins`` is empty or
    the path is not a read)."""
    if not origins or not path.startswith(("/sparql", "/api")):
        return []
    return [("Access-Control-Allow-Origin", origins),
            ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
            ("Access-Control-Allow-Headers", "Accept, Content-Type"),
            ("Access-Control-Expose-Headers", "X-Result-Truncated, X-Result-Limit")]


def init_app(app: Flask) -> None:
    @app.after_request
    def _cors(response):
        for name, value in headers_for(app.extensions["drugkg"].config["CORS_ORIGINS"],
                                       request.path):
            response.headers[name] = value
        return response
