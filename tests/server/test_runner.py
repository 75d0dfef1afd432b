"""The query runner over an in-memory store (threads): errors, and queueing for a worker."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from drugkg.server.runner import QueriesBusy, QueryTimeout, ThreadRunner
from drugkg.store import open_store


def test_a_failed_job_hands_over_its_error_without_the_workers_frames():
    """The frames of a job that failed while holding engine results stay on the worker
    thread (pyoxigraph's results must be dropped on the thread that made them); the
    request thread gets the error itself."""
    store = open_store("memory:")

    def job(s):
        held = s.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")  # noqa: F841
        raise ValueError("no such thing")

    runner = ThreadRunner(1, store, places=2)
    with pytest.raises(ValueError, match="no such thing") as info:
        runner.run(job, timeout=10)
    names = [entry.name for entry in info.traceback]
    assert "run" in names and "job" not in names
    assert runner.run(lambda s: 41 + 1, timeout=10) == 42  # the slot came back


def _blocked(runner: ThreadRunner, release: threading.Event, pool: ThreadPoolExecutor):
    """A job holding the runner's only worker until ``release`` is set, as a future."""
    started = threading.Event()

    def job(store):
        started.set()
        release.wait(10)
        return "first"

    future = pool.submit(runner.run, job, timeout=10)
    assert started.wait(5)
    return future


def test_a_query_waits_its_turn_for_a_busy_worker_instead_of_503():
    """Longer than a second, the old refusal point: it waits up to its own timeout."""
    runner, release = ThreadRunner(1, open_store("memory:"), places=2), threading.Event()
    with ThreadPoolExecutor(2) as pool:
        first = _blocked(runner, release, pool)
        second = pool.submit(runner.run, lambda s: "second", timeout=10)
        time.sleep(1.3)
        assert not second.done()  # still waiting, not refused
        release.set()
        assert (first.result(5), second.result(5)) == ("first", "second")


def test_past_the_queue_or_the_timeout_a_query_is_refused():
    runner, release = ThreadRunner(1, open_store("memory:"), places=2), threading.Event()
    with ThreadPoolExecutor(2) as pool:
        first = _blocked(runner, release, pool)
        waiting = pool.submit(runner.run, lambda s: "waited", timeout=10)
        time.sleep(0.2)  # one running, one waiting: both places are taken
        with pytest.raises(QueriesBusy, match="1 more queries are waiting"):
            runner.run(lambda s: "third", timeout=10)
        release.set()
        assert (first.result(5), waiting.result(5)) == ("first", "waited")
    release.clear()
    with ThreadPoolExecutor(1) as pool:
        first = _blocked(runner, release, pool)
        with pytest.raises(QueriesBusy, match=r"within 0\.2 s"):
            runner.run(lambda s: "late", timeout=0.2)
        release.set()
        first.result(5)
    assert runner.run(lambda s: "again", timeout=1) == "again"  # every place came back


def test_a_query_past_its_timeout_gets_503_while_its_thread_finishes():
    runner, release = ThreadRunner(1, open_store("memory:"), places=2), threading.Event()
    with pytest.raises(QueryTimeout):
        runner.run(lambda s: release.wait(10), timeout=0.2)
    release.set()
    assert runner.run(lambda s: "next", timeout=5) == "next"


@pytest.mark.parametrize(("threads", "workers", "places"), [(12, 4, 8), (36, 4, 32), (4, 2, 2)])
def test_queries_hold_all_front_server_threads_but_a_lane(threads, workers, places):
    from drugkg.server import create_app

    app = create_app({"THREADS": threads, "QUERY_WORKERS": workers},
                     store=open_store("memory:"))
    runner = app.extensions["drugkg"].runner
    assert (runner.slots, runner.places) == (workers, places)
