"""CORS for reads: browsers on other origins may query /sparql and /api."""

from __future__ import annotations

from flask import Flask, request


def init_app(app: Flask) -> None:
    @app.after_request
    def _cors(response):
        origins = app.extensions["drugkg"].config["CORS_ORIGINS"]
        if origins and (request.path.startswith(("/sparql", "/api"))):
            response.headers["Access-Control-Allow-Origin"] = origins
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Expose-Headers"] = (
                "X-Result-Truncated, X-Result-Limit")
        return response
