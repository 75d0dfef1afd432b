"""One JSON error shape for the whole web app (documented in docs/api.md):

    {"error": {"status": 400, "title": "Bad Request", "message": "..."}}
"""

from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from drugkg.errors import DrugkgError, QueryError, StoreError, UnknownQueryError


class ApiError(Exception):
    """An error the client should see, with its HTTP status."""

    def __init__(self, status: int, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_response(status: int, message: str, headers: dict | None = None):
    from werkzeug.http import HTTP_STATUS_CODES

    response = jsonify({"error": {"status": status, "title": HTTP_STATUS_CODES.get(status, ""),
                                  "message": message}})
    response.status_code = status
    response.headers.update(headers or {})
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api(exc: ApiError):
        return error_response(exc.status, exc.message, exc.headers)

    @app.errorhandler(UnknownQueryError)
    def _unknown(exc: UnknownQueryError):
        return error_response(404, str(exc))

    @app.errorhandler(QueryError)
    def _query(exc: QueryError):
        return error_response(400, str(exc))

    @app.errorhandler(StoreError)
    def _store(exc: StoreError):
        return error_response(502, str(exc))

    @app.errorhandler(DrugkgError)
    def _drugkg(exc: DrugkgError):
        return error_response(500, str(exc))

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return error_response(exc.code or 500, exc.description or exc.name)
