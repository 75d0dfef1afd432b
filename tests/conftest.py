"""Shared fixtures: paths, a fresh store, the examples' store (one per session), and small
monographs written for each test."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from drugkg.ontology.lexicon import load_lexicon
from drugkg.ontology.recognise import matcher_for
from drugkg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
BASE = "https://example.org/kg/"

# A test run started in the background of a shell without job control (`nohup ... &`)
# inherits SIGINT ignored, and so would every drugkg it starts: the Ctrl-C tests then see no
# Ctrl-C. Run as from a terminal, where Python handles SIGINT (children get it back on exec).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def matcher():
    return matcher_for(load_lexicon())


@pytest.fixture
def store():
    return open_store("memory:")


@pytest.fixture(scope="session")
def examples_store():
    """The bundled examples, ingested once per session into a memory store. Tests only read
    it (or put back what they write); a test that changes the store ingests its own."""
    from drugkg.ingest.run import ingest

    store = open_store("memory:")
    assert ingest([EXAMPLES / "monographs"], store, base=BASE).ok
    return store


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory):
    """Query URL of a real ``oxigraph serve`` (one per session; tests share its data)."""
    from benchmarks.engines import oxigraph_server

    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as (url, _):
        yield url


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory):
    """SPARQL URL of a throwaway Virtuoso (one per session; tests share its data)."""
    from benchmarks.engines import virtuoso, virtuoso_missing

    if (missing := virtuoso_missing()) is not None:
        pytest.skip(missing)
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as (url, _):
        yield url


@pytest.fixture
def write(tmp_path):
    """Write a monograph (text or bytes) under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
