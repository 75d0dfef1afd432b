"""One JSON error shape for the whole web app (documented in docs/api.md):

    {"error": {"status": 400, "title": "Bad Request", "message": "..."}}

and the same as a page for a browser that asks for HTML.
"""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from drugkg.errors import DrugkgError, QueryError, StoreError, UnknownQueryError
from drugkg.federation import FederationError


class ApiError(Exception):
    """An error the client should see, with its HTTP status."""

    def __init__(self, status: int, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _wants_html() -> bool:
    """A browser asking for a page (HTML first in Accept, no ?format=json); API clients,
    fetch() and curl (*/*) get JSON."""
    from drugkg.server.negotiation import choose

    return request.args.get("format") != "json" and choose(
        request.headers.get("Accept"), ["application/json", "text/html"]) == "text/html"


def error_response(status: int, message: str, headers: dict | None = None):
    from werkzeug.http import HTTP_STATUS_CODES

    title = HTTP_STATUS_CODES.get(status, "")
    if _wants_html():
        response = make_response(render_template("error.html", status=status, title=title,
                                                 message=message))
    else:
        response = jsonify({"error": {"status": status, "title": title, "message": message}})
    response.status_code = status
    response.headers.update(headers or {})
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api(exc: ApiError):
        return error_response(exc.status, exc.message, exc.headers)

    # drugkg's own errors, most specific first
    for error_class, status in ((UnknownQueryError, 404), (FederationError, 403),
                                (QueryError, 400), (StoreError, 502), (DrugkgError, 500)):
        app.register_error_handler(
            error_class, lambda exc, status=status: error_response(status, str(exc)))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return error_response(exc.code or 500, exc.description or exc.name)
