"""Run queries with a deadline that always holds, so no query can wedge the endpoint.

The embedded engine cannot cancel a running query. Over an on-disk store, queries therefore
run in worker *processes* (:class:`ProcessRunner`), each with the store opened read-only: a
query past its deadline has its process killed and replaced, so its slot comes back at once
and a runaway join stops using CPU and memory; a worker that crashes costs one query, never
the server. An in-memory store cannot be shared with another process: there
:class:`ThreadRunner` runs queries on daemon threads, and an overrunning query keeps its
thread until it ends (the client still gets 503 on time).

Requests queue for a free worker instead of being refused: at most ``places`` queries are
in flight (``slots`` running, the rest waiting in turn, each at most its timeout for a
worker), and only a request past that bound, or one that waited its whole timeout, gets
503. Unbounded waiting would hold every front-server thread and fill its queue: the app
sets ``places`` below the front server's threads, so static files and cheap pages keep a
lane of their own.

A query that has already run on a worker within a tenth of its deadline (the same text,
dataset and format, over the same generation of the store) runs again on the request's own
thread, over the server's store: the same query over the same data does the same work, so
it cannot become a runaway, and it saves the hop to a worker process and back (about half
a millisecond, most of the server's overhead on a small query). Only jobs marked
``repeatable`` qualify (queries without SERVICE: a remote endpoint can slow down), and only
one at a time: more queries at once go to the workers, which run them in parallel (8
clients on threads of this process served 0.6-0.9 times the raw server's requests/s).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from drugkg.errors import StoreError
from drugkg.store import Store

Job = Callable[[Store], Any]  # called with the store; must pickle for a ProcessRunner


class QueryTimeout(Exception):
    """The query did not finish within its deadline."""


class QueriesBusy(Exception):
    """The queue for a query worker is full, or no worker came free within the deadline."""


class _Slots:
    """Admission: at most ``places`` (at least ``slots``) queries in flight, running or
    waiting for a worker. A query holds its place until its job has ended, so a client that
    sends its next query on the answer to the last one always finds its place free again."""

    def __init__(self, slots: int, places: int) -> None:
        self.slots, self.places = slots, max(slots, places)
        self._in_flight = threading.BoundedSemaphore(self.places)

    @contextmanager
    def _admitted(self, take: Callable[[float], Any], timeout: float) -> Iterator[Any]:
        """``take(seconds)``: a free worker, or raise (queue.Empty) / return None; yields it
        while the query holds its place."""
        if not self._in_flight.acquire(blocking=False):
            raise QueriesBusy(f"all {self.slots} query workers are busy and "
                              f"{self.places - self.slots} more queries are waiting for one; "
                              "retry shortly")
        try:
            try:
                got = take(timeout)
            except queue.Empty:
                got = None
            if not got:
                raise QueriesBusy(f"no query worker came free within {timeout} s (all "
                                  f"{self.slots} are busy with slow queries); retry shortly")
            yield got
        finally:
            self._in_flight.release()


class ThreadRunner(_Slots):
    """Queries on ``slots`` daemon threads over a store shared with the app."""

    def __init__(self, slots: int, store: Store, *, places: int) -> None:
        super().__init__(slots, places)
        self.store = store
        self._free = threading.BoundedSemaphore(slots)
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        for n in range(slots):
            threading.Thread(target=self._work, daemon=True, name=f"drugkg-query-{n}").start()

    def _work(self) -> None:
        while True:
            job, box = self._jobs.get()
            try:
                box.put((True, job(self.store)))
            except BaseException as exc:  # handed to the request thread, raised there
                box.put((False, _without_frames(exc)))
            finally:
                self._free.release()

    def run(self, job: Job, *, timeout: float, repeatable: bool = False) -> Any:
        """``repeatable`` has no effect here: every job runs on a thread already."""
        with self._admitted(lambda seconds: self._free.acquire(timeout=seconds), timeout):
            box: queue.SimpleQueue = queue.SimpleQueue()
            self._jobs.put((job, box))
            try:
                ok, value = box.get(timeout=timeout)
            except queue.Empty as exc:
                raise QueryTimeout from exc
        if ok:
            return value
        raise value

    def changed(self) -> None:
        """The store was written: threads share it, nothing to do."""

    def close(self) -> None:
        """Daemon threads end with the process."""


def _without_frames(exc: BaseException) -> BaseException:
    """The exception with no traceback along its chain: its frames may hold the engine's
    results, which must be dropped on the thread that made them (pyoxigraph's are
    unsendable), not on the request thread the exception is handed to."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return exc


_ATTEMPTS = 4
_PROVEN_SHARE = 0.1  # of the deadline: a repeatable job that ran within it runs here next time
_PROVEN_MOST = 4096  # jobs remembered; past it the memory starts again
# RocksDB's words for a read-only handle whose files a compaction removed
_STALE_FILES = re.compile(r"No such file or directory|Corruption", re.I)


def _serve(conn: Connection, path: str, allow: tuple[str, ...]) -> None:
    """A worker process: open the store read-only, run jobs until the pipe closes. The
    store is opened again when the app has written to it since (a new generation)."""
    from drugkg.ontology.lexicon import load_lexicon
    from drugkg.store import OxigraphStore

    load_lexicon()  # read now, while idle: questions (/api/ask) need it within their deadline
    store, seen = None, None
    while True:
        try:
            generation, job = conn.recv()
        except (EOFError, OSError):
            return
        for attempt in range(_ATTEMPTS):
            try:
                if generation != seen or store is None:
                    store = OxigraphStore(path, read_only=True)
                    store.federation_allow, seen = allow, generation
                answer = (True, job(store))
            except Exception as exc:  # raised in the app, where the client gets its status
                answer = (False, exc)
                if _STALE_FILES.search(str(exc)) and attempt + 1 < _ATTEMPTS:
                    # the server's own handle compacted the store under this read-only one
                    # and removed files it still lists: open it again, run the job again
                    store = None
                    time.sleep(0.05 * (attempt + 1))
                    continue
            break
        try:
            conn.send(answer)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send((False, StoreError(f"the query worker could not return its answer: "
                                         f"{exc}")))


class _Worker:
    """A worker process started as ``python -m drugkg.server.runner``: not forked from a
    threaded server, and not re-running the server's own main script (as spawn would)."""

    def __init__(self, path: Path, allow: tuple[str, ...]) -> None:
        mine, theirs = socket.socketpair()
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "drugkg.server.runner", str(theirs.fileno()), str(path),
                 json.dumps(allow)],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                start_new_session=True)  # Ctrl-C stops the server, whose exit ends us
        self.conn = Connection(mine.detach())

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        self.conn.close()


class ProcessRunner(_Slots):
    """Queries in ``slots`` worker processes over the on-disk ``store``, and proven ones
    (see the module's doc) on the request's thread over ``store`` itself."""

    def __init__(self, slots: int, store: Store, *, places: int) -> None:
        super().__init__(slots, places)
        self.store, self.path, self.allow = store, store.path, store.federation_allow
        self.generation = 0
        self._proven: set[bytes] = set()  # digests of pickled (generation, job)s
        # one proven job at a time here, the rest on the workers: with every proven job on
        # threads of this process, 8 clients got fewer answers a second (decision 0013)
        self._here = threading.Lock()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(slots):
            self._idle.put(_Worker(self.path, self.allow))

    def run(self, job: Job, *, timeout: float, repeatable: bool = False) -> Any:
        """``job(store)`` within ``timeout``; ``repeatable``: it may run on this thread once
        it has proved fast."""
        # plain pickle: jobs hold no sockets or pipes (ForkingPickler's extra reducers), and
        # it builds no pickler per call (6 us of the 9 a request spent here)
        message = pickle.dumps((self.generation, job), protocol=pickle.HIGHEST_PROTOCOL)
        key = hashlib.blake2b(message, digest_size=16).digest()  # a query may be 100 KB
        if repeatable and key in self._proven and self._here.acquire(blocking=False):
            try:
                with self._admitted(lambda seconds: True, timeout):
                    started = time.monotonic()
                    try:
                        return job(self.store)
                    finally:
                        if time.monotonic() - started > timeout * _PROVEN_SHARE:
                            self._proven.discard(key)  # slower this time: back to a worker
            finally:
                self._here.release()
        with self._admitted(lambda seconds: self._idle.get(timeout=seconds), timeout) as worker:
            try:
                started = time.monotonic()
                worker.conn.send_bytes(message)
                if not worker.conn.poll(timeout):
                    worker.kill()  # the only way to stop the engine mid-query
                    worker = _Worker(self.path, self.allow)
                    raise QueryTimeout
                ok, value = worker.conn.recv()
                if ok and repeatable and time.monotonic() - started <= timeout * _PROVEN_SHARE:
                    if len(self._proven) >= _PROVEN_MOST:
                        self._proven.clear()
                    self._proven.add(key)
            except (EOFError, OSError) as exc:  # the worker died (a crash in the engine)
                worker.kill()
                worker = _Worker(self.path, self.allow)
                raise StoreError("the query worker stopped while running this query; it was "
                                 "replaced: retry, or simplify the query") from exc
            finally:
                self._idle.put(worker)
        if ok:
            return value
        raise value

    def changed(self) -> None:
        """The app wrote to the store: workers reopen it before their next query, and no
        job counts as proven on the new data."""
        self.generation += 1
        self._proven.clear()

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get_nowait().kill()


def runner_for(store: Store, slots: int, *, places: int) -> ThreadRunner | ProcessRunner:
    """Worker processes over an on-disk Oxigraph store; threads otherwise."""
    if store.path is not None:
        return ProcessRunner(slots, store, places=places)
    return ThreadRunner(slots, store, places=places)


if __name__ == "__main__":  # a worker: python -m drugkg.server.runner FD PATH ALLOW-JSON
    _serve(Connection(int(sys.argv[1])), sys.argv[2], tuple(json.loads(sys.argv[3])))
