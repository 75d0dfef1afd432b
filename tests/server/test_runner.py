"""The query runner over an in-memory store (threads): errors, and queueing for a worker;
over an on-disk store (processes): which jobs may skip the worker."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest

from drugkg.server.runner import ProcessRunner, QueriesBusy, QueryTimeout, ThreadRunner
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


def _pid_after(seconds: float, store) -> int:
    """A job (module-level, so a worker process can be handed it): the process it ran in."""
    time.sleep(seconds)
    return os.getpid()


@pytest.fixture
def process_runner(tmp_path):
    store = open_store(f"oxigraph:{tmp_path / 'kg'}")
    runner = ProcessRunner(1, store, places=2)
    runner.run(partial(_pid_after, 0), timeout=60)  # the worker has started (its lexicon read)
    yield runner
    runner.close()


def test_a_repeatable_job_runs_here_once_a_worker_ran_it_fast(process_runner):
    here, job = os.getpid(), partial(_pid_after, 0.001)
    assert process_runner.run(job, timeout=60) != here  # not repeatable: always a worker
    assert process_runner.run(job, timeout=60) != here
    assert process_runner.run(job, timeout=60, repeatable=True) != here  # proves itself
    assert process_runner.run(job, timeout=60, repeatable=True) == here
    assert process_runner.run(partial(_pid_after, 0.002), timeout=60,
                              repeatable=True) != here  # another job: not proven
    process_runner.changed()  # new data: nothing is proven on it yet
    assert process_runner.run(job, timeout=60, repeatable=True) != here
    assert process_runner.run(job, timeout=60, repeatable=True) == here


def test_a_job_slower_than_a_tenth_of_its_deadline_stays_on_a_worker(process_runner):
    here, slow = os.getpid(), partial(_pid_after, 0.3)
    assert process_runner.run(slow, timeout=2, repeatable=True) != here
    assert process_runner.run(slow, timeout=2, repeatable=True) != here
    with pytest.raises(QueryTimeout):  # a runaway is killed, never proven
        process_runner.run(partial(_pid_after, 5), timeout=0.3, repeatable=True)
    assert process_runner.run(partial(_pid_after, 0.001), timeout=2, repeatable=True) != here


def test_one_proven_job_at_a_time_runs_here_the_others_on_workers(process_runner):
    here, job = os.getpid(), partial(_pid_after, 0.3)
    assert process_runner.run(job, timeout=60, repeatable=True) != here  # proves itself
    with ThreadPoolExecutor(2) as pool:
        pids = list(pool.map(lambda _: process_runner.run(job, timeout=60, repeatable=True),
                             range(2)))
    assert sorted(pid == here for pid in pids) == [False, True]
