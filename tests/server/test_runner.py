"""The query runner over an in-memory store (threads)."""

from __future__ import annotations

import pytest

from drugkg.server.runner import ThreadRunner
from drugkg.store import open_store


def test_a_failed_job_hands_over_its_error_without_the_workers_frames():
    """The frames of a job that failed while holding engine results stay on the worker
    thread (pyoxigraph's results must be dropped on the thread that made them); the
    request thread gets the error itself."""
    store = open_store("memory:")

    def job(s):
        held = s.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")  # noqa: F841
        raise ValueError("no such thing")

    runner = ThreadRunner(1, store)
    with pytest.raises(ValueError, match="no such thing") as info:
        runner.run(job, timeout=10)
    names = [entry.name for entry in info.traceback]
    assert "run" in names and "job" not in names
    assert runner.run(lambda s: 41 + 1, timeout=10) == 42  # the slot came back
