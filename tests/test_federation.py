"""Federation: a named query joins local drugs to a second live SPARQL server by ChEBI
identifier; SERVICE to any endpoint off the allow-list is refused and never contacted."""

from __future__ import annotations

import socket
import subprocess
import threading
import urllib.parse
import urllib.request

import pytest

from drugkg import queries
from drugkg.federation import FederationError
from drugkg.ingest.run import ingest
from drugkg.server import create_app
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES
from tests.server.conftest import free_port, wait_until_up
from tests.test_remote_store import oxigraph_cli

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
    port = free_port()
    proc = subprocess.Popen(
        [oxigraph_cli(), "serve", "--location", str(tmp_path_factory.mktemp("chebi")),
         "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/query?query=ASK%7B%7D", timeout=15)
        body = urllib.parse.urlencode({"update": f"INSERT DATA {{ {EXTERNAL} }}"}).encode()
        urllib.request.urlopen(urllib.request.Request(f"{base}/update", data=body))
        yield f"{base}/query"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class Listener:
    """A loopback socket that records whether anything connects to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.connections = 0
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self._stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


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
