"""``GET /sparql?query=...`` answered without Flask's request machinery: the endpoint's hot path.

Flask's contexts, routing, hooks and Response object cost about 0.18 ms of CPU a request;
at 1,000 pages the headline query itself takes 3 ms and issue 18 allows the endpoint 0.45
ms on top of the raw Oxigraph server. This WSGI middleware answers exactly one shape of
request, a GET of /sparql whose only parameter is ``query``, with the view's own code
(:func:`drugkg.server.sparql.run_query`, :func:`~drugkg.server.sparql.render`,
:func:`drugkg.server.cors.headers_for`), so the answer is the one Flask would give. Anything
else goes to Flask as it came; so does a failure, with its exception: a ``before_request``
hook raises it there, and Flask's error handlers answer it as they would answer the view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, request
from werkzeug.utils import get_content_type

from drugkg.server import cors, negotiation
from drugkg.server.query_string import parse
from drugkg.server.sparql import SOLUTION_OFFERS, render, run_query

_RAISED = "drugkg.fast_path.raised"  # the environ key a failure is handed to Flask under


class FastQueries:
    """Wraps ``app.wsgi_app`` (see the module's doc)."""

    def __init__(self, app: Flask) -> None:
        self.flask = app.wsgi_app
        self.state = app.extensions["drugkg"]
        app.before_request(_raise_handed_over)

    def __call__(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != "/sparql" or environ["REQUEST_METHOD"] != "GET":
            return self.flask(environ, start_response)
        params = parse(environ.get("QUERY_STRING", "").encode("latin-1"))
        if len(params) != 1 or params[0][0] != "query":
            return self.flask(environ, start_response)
        accept, cfg = environ.get("HTTP_ACCEPT"), self.state.config
        try:
            # chosen now, as the view does: None when no results format fits (a CONSTRUCT
            # may still); render() answers 406 if the outcome needs one
            outcome = run_query(params[0][1], media=negotiation.choose(accept, SOLUTION_OFFERS),
                                st=self.state)
            body, media, headers = render(outcome, accept, None, cfg["MAX_ROWS"])
        except Exception as exc:  # every failure is for Flask to answer
            environ[_RAISED] = exc
            return self.flask(environ, start_response)
        # never text/html (results and graph formats only), so no page security headers
        start_response("200 OK", [("Content-Type", get_content_type(media, "utf-8")),
                                  ("Content-Length", str(len(body))), *headers.items(),
                                  *cors.headers_for(cfg["CORS_ORIGINS"], "/sparql")])
        return [body]


def _raise_handed_over() -> None:
    raised = request.environ.pop(_RAISED, None)
    if raised is not None:
        raise raised
