"""Run queries with a deadline.

pyoxigraph releases the GIL while it evaluates, so a query runs in its own thread while
the server goes on answering others. The embedded engine cannot cancel a running query:
after its deadline the client gets 503 at once, the thread finishes in the background,
and it keeps its slot until then, so at most ``slots`` queries run at the same time.
For hard limits, run drugkg against an Oxigraph server (``oxigraph serve --timeout-s``).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any


class QueryTimeout(Exception):
    """The query did not finish within its deadline."""


class QueriesBusy(Exception):
    """Every query slot is taken (by slow queries still finishing)."""


class Runner:
    def __init__(self, slots: int) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self.slots = slots

    def run(self, fn: Callable[[], Any], *, timeout: float) -> Any:
        if not self._slots.acquire(timeout=timeout):
            raise QueriesBusy(f"all {self.slots} query slots are busy with slow queries; "
                              "retry shortly")
        box: queue.Queue = queue.Queue(maxsize=1)

        def work() -> None:
            try:
                box.put((True, fn()))
            except BaseException as exc:  # handed to the request thread, raised there
                box.put((False, exc))
            finally:
                self._slots.release()

        # daemon: a runaway query never keeps the process from exiting
        threading.Thread(target=work, daemon=True, name="drugkg-query").start()
        try:
            ok, value = box.get(timeout=timeout)
        except queue.Empty as exc:
            raise QueryTimeout from exc
        if ok:
            return value
        raise value
