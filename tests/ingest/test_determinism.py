"""The same pages always give the same graph, whatever the process's string-hash seed and
however many workers read them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import corpus
from benchmarks.digest import ingest_digest

ROOT = Path(__file__).resolve().parents[2]
# five hash seeds; every other run with two worker processes
RUNS = (("0", 1), ("1", 2), ("2", 1), ("4242", 2), ("31337", 1))


def _digests(folder: Path) -> set[str]:
    """The digest line (sha256 and quad count) of each run, in fresh processes."""
    out = set()
    for seed, jobs in RUNS:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-m", "benchmarks.digest", "--jobs", str(jobs),
                              str(folder)], env=env, cwd=ROOT, capture_output=True, text=True,
                             check=True, timeout=600)
        out.add(run.stdout.strip())
    return out


@pytest.mark.slow
def test_examples_give_one_graph_under_every_seed_and_worker_count():
    digests = _digests(ROOT / "examples" / "monographs")
    assert len(digests) == 1, digests
    digest, count, _ = next(iter(digests)).split()
    assert len(digest) == 64 and int(count) > 1000


@pytest.mark.slow
def test_synthetic_1k_corpus_gives_one_graph_under_every_seed_and_worker_count(tmp_path):
    corpus.generate(tmp_path, 1000, seed=0)
    digests = _digests(tmp_path)
    assert len(digests) == 1, digests
    assert int(next(iter(digests)).split()[1]) > 100_000


def test_digest_leaves_out_only_the_ingest_timestamp_and_the_ontology(tmp_path):
    """Two ingests at different moments digest alike; a changed fact does not."""
    page = ROOT / "examples" / "monographs" / "buspirone.md"
    (tmp_path / "buspirone.md").write_bytes(page.read_bytes())
    first = ingest_digest([tmp_path])
    assert ingest_digest([tmp_path]) == first
    text = page.read_text(encoding="utf-8").replace("drowsiness", "hiccups")
    (tmp_path / "buspirone.md").write_text(text, encoding="utf-8")
    assert ingest_digest([tmp_path])[0] != first[0]
