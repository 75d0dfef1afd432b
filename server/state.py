"""What the app holds between requests: settings, the store, the queries, a worker pool."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app

from drugkg.server.runner import ProcessRunner, ThreadRunner
from drugkg.store import Store


@dataclass
class State:
    config: dict[str, Any]
    store: Store
    queries: dict
    runner: ThreadRunner | ProcessRunner


def state() -> State:
    """The running app's state (set up by ``create_app``)."""
    return current_app.extensions["drugkg"]
