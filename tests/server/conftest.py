"""A live drugkg server (waitress, in a thread, on a free loopback port) over the examples."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import urllib.request

import pytest

from drugkg.ingest.run import ingest
from drugkg.server import create_app
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


@pytest.fixture(scope="session")
def examples_store():
    store = open_store("memory:")
    ingest([EXAMPLES / "monographs"], store, base=BASE)
    return store


def start_server(app):
    from waitress.server import create_server

    port = free_port()
    server = create_server(app, host="127.0.0.1", port=port, threads=4)

    def serve() -> None:
        # the socket closes under the loop at teardown
        with contextlib.suppress(OSError, ValueError):
            server.run()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/sparql")
    return server, base


@pytest.fixture(scope="session")
def live(examples_store):
    """Base URL of a running server; updates enabled with token 's3cret'."""
    app = create_app({"ALLOW_UPDATES": True, "UPDATE_TOKEN": "s3cret", "MAX_ROWS": 50,
                      "MAX_QUERY_BYTES": 5000, "QUERY_TIMEOUT": 0.3}, store=examples_store)
    server, base = start_server(app)
    yield base
    server.close()


@pytest.fixture
def client(examples_store):
    app = create_app({"MAX_ROWS": 50}, store=examples_store)
    return app.test_client()
