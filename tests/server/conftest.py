"""A live drugkg server (waitress, in a thread, on a free loopback port) over the examples."""

from __future__ import annotations

import contextlib
import threading

import pytest

from benchmarks.common import free_port
from benchmarks.common import wait as wait_until_up
from drugkg.server import create_app


def start_server(app, **options):
    """(server, base URL): ``app`` on waitress (4 threads unless ``options`` say otherwise)."""
    from waitress.server import create_server

    port = free_port()
    server = create_server(app, host="127.0.0.1", port=port, **{"threads": 4, **options})

    def serve() -> None:
        # the socket closes under the loop at teardown
        with contextlib.suppress(OSError, ValueError):
            server.run()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/sparql", timeout=15)
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
