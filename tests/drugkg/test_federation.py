"""Federation: a named query joins local drugs to a second live SPARQL server by ChEBI
identifier; SERVICE to any endpoint off the allow-list is refused and never contacted."""

from __future__ import annotations

import urllib.parse
import urllib.request

import pytest

from benchmarks.engines import oxigraph_server
from drugkg import queries
from drugkg.federation import FederationError
from drugkg.ingest.run import ingest
from drugkg.server import create_app
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES
from tests.security.conftest import Listener

ROLE = "http://purl.obolibrary.org/obo/RO_0000087"
CHEBI = "http://purl.obolibrary.org/obo/CHEBI_"
# An external-style graph: ChEBI roles keyed by ChEBI IRIs (clobazam, sertraline).
EXTERNAL = f"""
<{CHEBI}31413> <{ROLE}> <{CHEBI}35623> .
<{CHEBI}35623> <http://www.w3.org/2000/01/rdf-schema#label> "anticonvulsant" .
<{CHEBI}9123> <{ROLE}> <{CHEBI}35469> .
<{CHEBI}35469> <http://www.w3.org/2000/01/rdf-schema#label> "antidepressant" .
"""


@pytest.fixture(scope="module")
def chebi_server(tmp_path_factory):
    """Query URL of a second Oxigraph server holding the ChEBI roles."""
    with oxigraph_server(tmp_path_factory.mktemp("chebi")) as (url, _):
        body = urllib.parse.urlencode({"update": f"INSERT DATA {{ {EXTERNAL} }}"}).encode()
        update = url.removesuffix("/query") + "/update"
        urllib.request.urlopen(urllib.request.Request(update, data=body)).close()
        yield url


@pytest.fixture
def listener():
    trap = Listener()
    yield trap
    trap.close()


def kg(allow=()):
    store = open_store("memory:", federation_allow=allow)
    ingest([EXAMPLES / "monographs"], store, base=BASE)
    return store


def test_named_query_joins_local_drugs_to_a_second_server(chebi_server):
    store = kg([chebi_server])
    q = queries.get("chebi-roles")
    sparql, bindings = q.prepare({"endpoint": chebi_server})
    rows = {(r["label"].value, r["roleLabel"].value)
            for r in store.query(sparql, bindings=bindings)}
    assert rows == {("clobazam", "anticonvulsant"), ("sertraline", "antidepressant")}


def test_service_off_the_allow_list_is_refused_and_never_contacted(chebi_server, listener):
    store = kg([chebi_server])
    with pytest.raises(FederationError, match="not on the federation allow-list"):
        list(store.query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
    q = queries.get("chebi-roles")
    sparql, bindings = q.prepare({"endpoint": listener.url})
    with pytest.raises(FederationError):
        list(store.query(sparql, bindings=bindings))
    with pytest.raises(FederationError, match="variable endpoint"):
        list(store.query("SELECT * WHERE { VALUES ?e { <%s> } SERVICE ?e { ?s ?p ?o } }"
                         % chebi_server))
    with pytest.raises(FederationError):
        store.update(f"LOAD <{listener.url}>")
    assert listener.connections == 0


def test_no_federation_by_default(chebi_server):
    with pytest.raises(FederationError, match=r"allowed: none"):
        list(kg().query(f"SELECT * WHERE {{ SERVICE <{chebi_server}> {{ ?s ?p ?o }} }}"))


def test_endpoint_answers_403_for_a_service_off_the_list(listener):
    store = open_store("memory:")
    client = create_app({}, store=store).test_client()
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    response = client.get("/sparql?" + urllib.parse.urlencode({"query": query}))
    assert response.status_code == 403
    assert "allow-list" in response.get_json()["error"]["message"]
    assert listener.connections == 0
