"""Run queries with a deadline, on a fixed set of daemon worker threads.

pyoxigraph releases the GIL while it evaluates, so a query runs on a worker while the
server goes on answering others. The embedded engine cannot cancel a running query: after
its deadline the client gets 503 at once and the worker finishes the query in the
background, busy until then; so at most ``slots`` queries run at the same time. For hard
limits, run drugkg against an Oxigraph server (``oxigraph serve --timeout-s``). Workers are
daemon threads, started once: no per-query thread start, and a runaway query never keeps
the process from exiting.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any


class QueryTimeout(Exception):
    """The query did not finish within its deadline."""


class QueriesBusy(Exception):
    """Every worker is busy (with slow queries still finishing)."""


class Runner:
    def __init__(self, slots: int) -> None:
        self.slots = slots
        self._free = threading.BoundedSemaphore(slots)
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        for n in range(slots):
            threading.Thread(target=self._work, daemon=True, name=f"drugkg-query-{n}").start()

    def _work(self) -> None:
        while True:
            fn, box = self._jobs.get()
            try:
                box.put((True, fn()))
            except BaseException as exc:  # handed to the request thread, raised there
                box.put((False, exc))
            finally:
                self._free.release()

    def run(self, fn: Callable[[], Any], *, timeout: float) -> Any:
        if not self._free.acquire(timeout=timeout):
            raise QueriesBusy(f"all {self.slots} query workers are busy with slow queries; "
                              "retry shortly")
        box: queue.SimpleQueue = queue.SimpleQueue()
        self._jobs.put((fn, box))
        try:
            ok, value = box.get(timeout=timeout)
        except queue.Empty as exc:
            raise QueryTimeout from exc
        if ok:
            return value
        raise value
