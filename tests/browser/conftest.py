"""Fixtures of the browse UI tests: an app over the bundled examples (test client) and a live
server for the headless-browser walk."""

from __future__ import annotations

import pytest

from drugkg.server import create_app
from tests.conftest import BASE
from tests.server.conftest import start_server


@pytest.fixture(scope="session")
def browse_app(examples_store):
    return create_app({"BASE": BASE, "MAX_ROWS": 500}, store=examples_store)


@pytest.fixture
def web(browse_app):
    return browse_app.test_client()


@pytest.fixture(scope="session")
def live_browse(browse_app):
    server, base = start_server(browse_app)
    yield base
    server.close()


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for the walk and view tests (test_walk.py skips or fails them with a
    message where Chromium, Playwright or the npm assets are missing)."""
    from tests.browser.test_walk import ARGS, CHROMIUM, sync_api

    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()
