"""Attack fixtures: a loopback listener that counts connections, a store over the examples,
and a live server with short limits so every attack test stays quick."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from drugkg.ingest.run import ingest
from drugkg.server import create_app, server_options
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES
from tests.server.conftest import start_server

TOKEN = "s3cret"


class Listener:
    """A loopback socket that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def listener():
    trap = Listener()
    yield trap
    trap.close()


class Upstream(BaseHTTPRequestHandler):
    """A stand-in remote endpoint: /sparql answers empty SPARQL results, /page answers HTML
    (not RDF), /redirect redirects to a closed port."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:9/x")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        sparql = self.path.startswith("/sparql")
        body = b'{"head": {"vars": []}, "results": {"bindings": []}}' if sparql else \
            b"<html>not RDF</html>"
        self.send_response(200)
        self.send_header("Content-Type",
                         "application/sparql-results+json" if sparql else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def upstream():
    """Base URL (ending in '/') of a running :class:`Upstream`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def kg_dir(tmp_path_factory):
    """An on-disk store over the examples (query workers open it read-only)."""
    path = tmp_path_factory.mktemp("kg") / "kg"
    store = open_store(f"oxigraph:{path}")
    ingest([EXAMPLES / "monographs"], store, base=BASE)
    store.flush()
    del store
    return path


def serve(app):
    """(server, base URL): ``app`` on waitress with the options ``drugkg serve`` uses."""
    return start_server(app, **server_options(app.extensions["drugkg"].config))


@pytest.fixture(scope="module")
def disk_server(kg_dir):
    """A server over an on-disk store: queries in 2 worker processes, a 3 s deadline."""
    app = create_app({"STORE": f"oxigraph:{kg_dir}", "QUERY_TIMEOUT": 3.0, "QUERY_WORKERS": 2,
                      "ALLOW_UPDATES": True, "UPDATE_TOKEN": TOKEN})
    server, base = serve(app)
    yield base
    server.close()
    app.extensions["drugkg"].runner.close()


@pytest.fixture(scope="session")
def memory_kg():
    store = open_store("memory:")
    ingest([EXAMPLES / "monographs"], store, base=BASE)
    return store


@pytest.fixture(scope="module")
def live(memory_kg):
    """A running server (waitress) over the examples, updates on with TOKEN."""
    app = create_app({"ALLOW_UPDATES": True, "UPDATE_TOKEN": TOKEN, "QUERY_TIMEOUT": 1.0},
                     store=memory_kg)
    server, base = start_server(app)
    yield base
    server.close()
