"""Bounded parsing: inputs that crashed the process (stack overflow in the engine's parser)
or gave 500 are refused with a 400 before any parser runs, and the server goes on
answering; every named query answers 16 concurrent calls (issue 15, items 2 and 6)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from drugkg import queries
from drugkg.federation import MAX_DEPTH, MAX_TOKENS, QueryShapeError, check, tokens
from drugkg.server import create_app
from tests.server.conftest import start_server

CRASHES = {
    "braces": "SELECT * WHERE " + "{" * 2500 + "?s ?p ?o" + "}" * 2500,
    "parens": "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "nots": "SELECT * WHERE { FILTER(" + "!" * 40000 + "true) }",
    "service+patterns": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } "
                        + " ".join(f"?s ?p ?o{i} ." for i in range(3000)) + " }",
    "optional chain": "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o } " * 2000 + "}",
    "sum chain": "SELECT * WHERE { FILTER(" + "+".join(["1"] * 20000) + " > 0) }",
}


def fetch(url: str, data: bytes | None = None, timeout: float = 20) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, data=data, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


@pytest.mark.parametrize("name", CRASHES)
def test_the_guard_refuses_before_any_parser_runs(name):
    with pytest.raises(QueryShapeError):
        check(CRASHES[name], ())


def test_limits_leave_room_for_every_named_query():
    for q in queries.library().values():
        assert len(tokens(q.sparql)) > 50
    check("SELECT * WHERE " + "{" * MAX_DEPTH + "}" * MAX_DEPTH, ())
    with pytest.raises(QueryShapeError, match="deep"):
        check("SELECT * WHERE " + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1), ())
    with pytest.raises(QueryShapeError, match=f"more than {MAX_TOKENS} tokens"):
        check("SELECT * WHERE { " + "?s ?p ?o . " * MAX_TOKENS + "}", ())


def test_data_blocks_do_not_count_toward_the_token_cap():
    # the engine reads VALUES rows and INSERT DATA triples flat, however many
    check("INSERT DATA { " + "<urn:a> <urn:b> <urn:c> . " * MAX_TOKENS + "}", ())
    check("SELECT * WHERE { VALUES (?a ?b) { " + "(<urn:a> 1) " * MAX_TOKENS + "} }", ())
    with pytest.raises(QueryShapeError, match="deep"):
        check("INSERT DATA { " + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1) + " }", ())
    with pytest.raises(QueryShapeError, match="tokens"):  # the cap holds again after it
        check("SELECT * WHERE { VALUES ?x { <urn:a> } " + "?s ?p ?o . " * MAX_TOKENS + "}", ())


def test_the_server_survives_every_crash_input(live):
    for name, text in CRASHES.items():
        body = urllib.parse.urlencode({"query": text}).encode()
        status, answer = fetch(live + "/sparql", body)
        assert status == 400, name
        assert "query" in answer["error"]["message"], name
    status, answer = fetch(live + "/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}))
    assert status == 200
    assert int(answer["results"]["bindings"][0]["n"]["value"]) > 1000


def test_16_concurrent_calls_of_every_named_query_succeed(memory_kg, upstream):
    # a fresh server: the first burst is what broke (rdflib's parser shared by threads)
    app = create_app({"QUERY_TIMEOUT": 20}, store=memory_kg)
    server, base = start_server(app)
    endpoint = upstream + "sparql"
    memory_kg.federation_allow = (endpoint,)
    try:
        for name in queries.library():
            url = f"{base}/api/queries/{name}"
            if name == "chebi-roles":
                url += "?" + urllib.parse.urlencode({"endpoint": endpoint})
            with ThreadPoolExecutor(16) as pool:
                statuses = [s for s, _ in pool.map(lambda u: fetch(u), [url] * 16)]
            assert statuses == [200] * 16, name
    finally:
        memory_kg.federation_allow = ()
        server.close()
