"""The SPARQL 1.1 Protocol endpoint at /sparql (query and, when enabled, update)."""

from __future__ import annotations

import hmac
from functools import partial

import pyoxigraph as ox
from flask import Blueprint, Response, render_template, request, url_for

from drugkg import formats
from drugkg.queries import results
from drugkg.server import negotiation
from drugkg.server.errors import ApiError
from drugkg.server.runner import QueriesBusy, QueryTimeout
from drugkg.server.state import State, state

bp = Blueprint("sparql", __name__)

SOLUTION_OFFERS = formats.offers(formats.SOLUTIONS)
GRAPH_OFFERS = formats.offers(formats.GRAPH)
SOLUTION_NAMES = formats.names(formats.SOLUTIONS)  # format=... names, built once
GRAPH_NAMES = formats.names(formats.GRAPH)


def _read_request() -> tuple[str | None, str | None, list[str], list[str]]:
    """(query, update, default graphs, named graphs) as the protocol allows them."""
    if request.method == "GET":
        if "update" in request.args:
            raise ApiError(400, "SPARQL Update must be sent with POST")
        return (request.args.get("query"), None, request.args.getlist("default-graph-uri"),
                request.args.getlist("named-graph-uri"))
    mimetype = request.mimetype
    if mimetype == "application/x-www-form-urlencoded":
        form = request.form
        if "query" in form and "update" in form:
            raise ApiError(400, "send either 'query' or 'update', not both")
        graphs = form.getlist("default-graph-uri") + request.args.getlist("default-graph-uri")
        named = form.getlist("named-graph-uri") + request.args.getlist("named-graph-uri")
        return form.get("query"), form.get("update"), graphs, named
    if mimetype == "application/sparql-query":
        return (request.get_data(as_text=True), None, request.args.getlist("default-graph-uri"),
                request.args.getlist("named-graph-uri"))
    if mimetype == "application/sparql-update":
        return None, request.get_data(as_text=True), [], []
    raise ApiError(415, f"POST a query as application/x-www-form-urlencoded or "
                        f"application/sparql-query, not {mimetype or 'an empty body'}")


def _media_type(offers: list[str]) -> str:
    """The current request's pick of ``offers``."""
    return _negotiated(offers, request.headers.get("Accept"), request.values.get("format"))


def _negotiated(offers: list[str], accept: str | None, wanted: str | None) -> str:
    names = GRAPH_NAMES if offers is GRAPH_OFFERS else SOLUTION_NAMES
    return negotiation.negotiate(accept, wanted, offers, names, "this query")


def run_query(sparql: str, *, default_graphs=(), named_graphs=(), media: str | None = None,
              st: State | None = None):
    """Evaluate within the configured timeout: Solutions, bool, or Triples; with ``media``
    (a results media type), SELECT results may come back already Rendered. ``st``: the
    app's state, when there is no app context (the fast path)."""
    st = st or state()
    cfg = st.config
    if len(sparql.encode()) > cfg["MAX_QUERY_BYTES"]:
        raise ApiError(413, f"query is {len(sparql.encode())} bytes; the limit is "
                            f"{cfg['MAX_QUERY_BYTES']} (DRUGKG_MAX_QUERY_BYTES)")
    return on_worker(partial(results.evaluate, sparql=sparql, default_graphs=list(default_graphs),
                             named_graphs=list(named_graphs), media=media,
                             max_rows=cfg["MAX_ROWS"]),
                     "the query", "add LIMIT or narrow it",
                     # a remote endpoint's speed is not the query's: never proven
                     repeatable="SERVICE" not in sparql.upper(), st=st)


def on_worker(job, what: str, advice: str, *, repeatable: bool = False,
              st: State | None = None):
    """``job(store)`` on a query worker within QUERY_TIMEOUT; 503 past it or when every
    worker stays busy. ``repeatable``: the same job does the same work each time (see
    drugkg.server.runner), so once proven fast it may skip the worker."""
    st = st or state()
    timeout = st.config["QUERY_TIMEOUT"]
    try:
        return st.runner.run(job, timeout=timeout, repeatable=repeatable)
    except QueryTimeout as exc:
        raise ApiError(503, f"{what} took longer than {timeout} s (DRUGKG_QUERY_TIMEOUT); "
                            f"{advice}", {"Retry-After": "5"}) from exc
    except QueriesBusy as exc:
        raise ApiError(503, str(exc), {"Retry-After": "5"}) from exc


def respond(outcome) -> Response:
    body, media, headers = render(outcome, request.headers.get("Accept"),
                                  request.values.get("format"), state().config["MAX_ROWS"])
    response = Response(body, mimetype=media)
    response.headers.update(headers)
    return response


def render(outcome, accept: str | None, wanted: str | None,
           max_rows: int) -> tuple[bytes, str, dict[str, str]]:
    """A query's outcome as (body, media type, headers) for a client that sent ``accept``
    and asked for ``format=wanted``; 406 (ApiError) when no format on offer fits."""
    if isinstance(outcome, results.Rendered):
        body, media = outcome.body, outcome.media
    elif isinstance(outcome, results.Solutions):
        media = _negotiated(SOLUTION_OFFERS, accept, wanted)
        body = results.render_solutions(outcome, media)
    elif isinstance(outcome, bool):
        media = _negotiated(SOLUTION_OFFERS, accept, wanted)
        body = results.render_boolean(outcome, media)
    else:
        media = _negotiated(GRAPH_OFFERS, accept, wanted)
        body = results.render_triples(outcome, media)
    headers = {}
    if not isinstance(outcome, bool):  # SELECT rows and CONSTRUCT triples: one cap
        headers["X-Result-Limit"] = str(max_rows)
        if outcome.truncated:
            headers["X-Result-Truncated"] = "true"
    headers["Vary"] = "Accept"
    return body, media, headers


def _update(text: str) -> Response:
    cfg = state().config
    if not cfg["ALLOW_UPDATES"] or not cfg["UPDATE_TOKEN"]:
        raise ApiError(403, "SPARQL Update is disabled; set DRUGKG_ALLOW_UPDATES=true and "
                            "DRUGKG_UPDATE_TOKEN to enable it")
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        raise ApiError(401, "SPARQL Update needs 'Authorization: Bearer <token>'",
                       {"WWW-Authenticate": 'Bearer realm="drugkg"'})
    if not hmac.compare_digest(auth[len("Bearer "):].strip(), cfg["UPDATE_TOKEN"]):
        raise ApiError(403, "the bearer token is not valid for updates")
    if len(text.encode()) > cfg["MAX_QUERY_BYTES"]:
        raise ApiError(413, "update is larger than DRUGKG_MAX_QUERY_BYTES")
    state().store.update(text)
    state().runner.changed()
    return Response(status=204)


_W3C_NAMES = [f.w3c for f in formats.FORMATS if f.w3c]


def _service_description() -> Response:
    cfg = state().config
    endpoint = url_for("sparql.endpoint", _external=True)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    fmt = "http://www.w3.org/ns/formats/"
    lines = [
        f"<{endpoint}> a <{sd}Service> ;",
        f"  <{sd}endpoint> <{endpoint}> ;",
        f"  <{sd}supportedLanguage> <{sd}SPARQL11Query>"
        + (f", <{sd}SPARQL11Update>" if cfg["ALLOW_UPDATES"] and cfg["UPDATE_TOKEN"] else "")
        + " ;",
        f"  <{sd}feature> <{sd}UnionDefaultGraph>, <{sd}BasicFederatedQuery> ;",
        "  " + " ;\n  ".join(f"<{sd}resultFormat> <{fmt}{name}>"
                             for name in _W3C_NAMES) + " ;",
        f"  <{sd}defaultDataset> [ a <{sd}Dataset> ; <{sd}defaultGraph> [ a <{sd}Graph> ] ] .",
    ]
    triples = list(ox.parse("\n".join(lines), format=ox.RdfFormat.TURTLE))
    media = _media_type(GRAPH_OFFERS)
    response = Response(results.render_triples(triples, media), mimetype=media)
    response.headers["Vary"] = "Accept"
    return response


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    query, update, default_graphs, named_graphs = _read_request()
    if update is not None:
        return _update(update)
    if query is None:
        prefers_html = negotiation.choose(request.headers.get("Accept"),
                                          ["text/turtle", "text/html"]) == "text/html"
        if prefers_html and request.method == "GET":
            return render_template("query.html")
        return _service_description()
    try:  # chosen now: the worker that runs the query has no request to negotiate with
        media = _media_type(SOLUTION_OFFERS)
    except ApiError:
        media = None  # no results format fits, but a CONSTRUCT may still: respond() decides
    return respond(run_query(query, default_graphs=default_graphs, named_graphs=named_graphs,
                             media=media))


@bp.get("/.well-known/void")
def void():
    """The VoID description of the dataset (triple counts, classes, linksets)."""
    from drugkg.publish.export import void_description

    triples = void_description(state().store,
                               sparql_endpoint=url_for("sparql.endpoint", _external=True))
    media = _media_type(GRAPH_OFFERS)
    response = Response(results.render_triples(triples, media), mimetype=media)
    response.headers["Vary"] = "Accept"
    return response
