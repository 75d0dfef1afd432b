"""Correctness and error shapes: FROM is honoured; a failing SERVICE or LOAD endpoint is a
502, not a 500; errors are pages for browsers and JSON for API clients (issue 15, items 9
and 10)."""

from __future__ import annotations

import pytest

from drugkg.server import create_app
from drugkg.store import open_store
from tests.security.conftest import TOKEN

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def client(upstream):
    store = open_store("memory:", federation_allow=[upstream])
    store.update("INSERT DATA { GRAPH <urn:g1> { <urn:a> <urn:p> 'in g1' } "
                 "GRAPH <urn:g2> { <urn:a> <urn:p> 'in g2' } }")
    return create_app({"ALLOW_UPDATES": True, "UPDATE_TOKEN": TOKEN}, store=store).test_client()


def values(response) -> list[str]:
    return sorted(b["o"]["value"] for b in response.get_json()["results"]["bindings"])


def test_from_is_honoured(client):
    ask = "SELECT ?o {} WHERE {{ ?s ?p ?o }}"
    assert values(client.get("/sparql", query_string={"query": ask.format("FROM <urn:g1>")})) \
        == ["in g1"]
    assert values(client.get("/sparql", query_string={"query": ask.format("")})) \
        == ["in g1", "in g2"]
    # a string that says FROM is not a FROM clause
    text = "SELECT ?o WHERE { ?s ?p ?o FILTER(?o != 'FROM <urn:g1>') }"
    assert values(client.get("/sparql", query_string={"query": text})) == ["in g1", "in g2"]


def test_failing_upstreams_are_502(client, upstream):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    load = client.post("/sparql", data={"update": f"LOAD <{upstream}page>"}, headers=auth)
    assert load.status_code == 502
    assert "not supported" in load.get_json()["error"]["message"]
    for target in ("redirect", "page"):
        query = f"SELECT * WHERE {{ SERVICE <{upstream}{target}> {{ ?s ?p ?o }} }}"
        response = client.get("/sparql", query_string={"query": query})
        assert response.status_code == 502, target
        assert "upstream" in response.get_json()["error"]["message"]


def test_errors_are_pages_for_browsers_and_json_for_api_clients(client):
    page = client.get("/monograph", headers={"Accept": BROWSER})
    assert page.status_code == 400 and page.mimetype == "text/html"
    assert "<h1>400 Bad Request</h1>" in page.get_data(as_text=True)
    assert "&#39;graph&#39;" in page.get_data(as_text=True)  # the message, escaped
    for headers in ({}, {"Accept": "*/*"}, {"Accept": "application/json"}):
        api = client.get("/monograph", headers=headers)
        assert api.status_code == 400 and api.get_json()["error"]["status"] == 400
    assert client.get("/monograph?format=json", headers={"Accept": BROWSER}).is_json
