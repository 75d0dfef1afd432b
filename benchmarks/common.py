"""What the benchmarks share: tools, servers started as subprocesses, timing, memory."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HEADLINE = "gaba-dependence"  # "drugs acting on GABA with a dependence risk"


def tool(name: str) -> str:
    """A command from this virtual environment (drugkg, oxigraph), else from PATH."""
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install -e '.[bench]'")
    return str(found)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not start within {timeout:.0f} s")


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def raw_copy(store: Path, target: Path) -> Path:
    """The store's data loaded into a separate Oxigraph database for `oxigraph serve`,
    compacted as drugkg's ingest leaves its own store (so both are alike)."""
    dump = target.with_suffix(".nq")
    oxigraph = tool("oxigraph")
    subprocess.run([oxigraph, "dump", "--location", str(store), "--file", str(dump)],
                   check=True, capture_output=True)
    subprocess.run([oxigraph, "load", "--location", str(target), "--file", str(dump)],
                   check=True, capture_output=True)
    subprocess.run([oxigraph, "optimize", "--location", str(target)], check=True,
                   capture_output=True)
    dump.unlink()
    return target


@contextmanager
def serving(kind: str, store: Path, *, threads: int | None = None):
    """Start ``drugkg serve`` (``--threads`` when given, else its default) or a raw
    ``oxigraph serve-read-only`` on ``store``; yields (query URL, server process)."""
    port = free_port()
    if kind == "raw":
        cmd = [tool("oxigraph"), "serve-read-only", "--location", str(store),
               "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
        url = f"http://127.0.0.1:{port}/query"
    else:
        cmd = [tool("drugkg"), "serve", "--store", f"oxigraph:{store}", "--port", str(port),
               *(["--threads", str(threads)] if threads else [])]
        url = f"http://127.0.0.1:{port}/sparql"
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait(url + "?query=ASK%7B%7D")
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process. PSS shares each page among the processes mapping it, so
    pages a forked worker shares with its parent are not counted twice."""
    sizes = {"Rss:": 0, "Pss:": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                key = line.split(maxsplit=1)[0]
                if key in sizes:
                    sizes[key] = int(line.split()[1])
    except OSError:
        pass
    return sizes["Rss:"], sizes["Pss:"]


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


class PeakRSS:
    """Peak memory of a process and its children (worker processes), sampled from /proc
    every ``interval`` seconds while the block runs: the sum of their RSS (an upper bound:
    pages shared after a fork count once per process) and the sum of their PSS."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid, self.interval, self.peak_kb, self.peak_pss_kb = pid, interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            sizes = [_memory_kb(pid) for pid in _tree(self.pid)]
            self.peak_kb = max(self.peak_kb, sum(rss for rss, _ in sizes))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(pss for _, pss in sizes))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        return self.peak_kb / 1024

    @property
    def pss_mb(self) -> float:
        return self.peak_pss_kb / 1024
