"""The same ingest, cards and named query on a real Oxigraph server (`oxigraph serve`,
from PyPI's oxigraph package) as on the embedded store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drugkg import queries
from drugkg.cards import build_cards
from drugkg.ingest.run import ingest
from drugkg.store import RemoteStore, open_store
from tests.conftest import BASE, EXAMPLES
from tests.server.conftest import free_port, wait_until_up


def oxigraph_cli() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    cli = oxigraph_cli()
    if cli is None:
        pytest.fail("the oxigraph CLI is not installed: pip install -e '.[test]'")
    port = free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen(
        [cli, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=15)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def answers(store) -> tuple[list, set]:
    q = queries.get("gaba-dependence")
    labels = {row["label"].value for row in store.query(q.sparql, bindings=q.bindings({}))}
    cards = build_cards(store)
    for card in cards:  # graph IRIs and ids are the same; nothing store-specific remains
        for field in ("adverse_effects", "indications"):
            card[field] = sorted(card[field], key=lambda i: i["id"])
    return cards, labels


def test_remote_store_gives_the_same_answers(oxigraph_server):
    remote = open_store(f"sparql:{oxigraph_server}/query")
    assert isinstance(remote, RemoteStore) and remote.update_url.endswith("/update")
    report = ingest([EXAMPLES / "monographs"], remote, base=BASE)
    assert report.ok and report.ingested == 14
    again = ingest([EXAMPLES / "monographs"], remote, base=BASE)
    assert again.unchanged == 14 and again.ingested == 0  # sha256 bookkeeping works remotely

    embedded = open_store("memory:")
    ingest([EXAMPLES / "monographs"], embedded, base=BASE)
    remote_cards, remote_labels = answers(remote)
    local_cards, local_labels = answers(embedded)
    assert remote_labels == local_labels == {"clobazam", "zolpidem"}
    assert remote_cards == local_cards


def test_remote_errors_are_clear(oxigraph_server):
    from drugkg.errors import QueryError, StoreError

    remote = open_store(f"sparql:{oxigraph_server}/query")
    with pytest.raises(QueryError):
        remote.query("SELEC nothing")
    dead = open_store(f"sparql:http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreError, match="failed"):
        dead.query("ASK {}")
