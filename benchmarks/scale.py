"""Ingest, query, load and reasoning figures for one synthetic corpus of N monographs.

Each function measures one thing and returns plain numbers; ``python -m benchmarks``
runs them at every N and writes the report.
"""

from __future__ import annotations

import http.client
import re
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import HEADLINE, PeakRSS, pct, raw_copy, serving, tool

ACCEPT = {"Accept": "application/sparql-results+json"}
_SUMMARY = re.compile(r"(\d+) files: (\d+) ingested, \d+ unchanged, (\d+) failed; (\d+) triples")


def query_texts() -> dict[str, str]:
    """Every named query that runs offline, with its default parameters written in
    (VALUES), so the same text goes to every engine."""
    from drugkg.queries import library
    from drugkg.store import with_values

    out = {}
    for name, q in sorted(library().items()):
        if any(p.type == "endpoint" for p in q.params):
            continue  # federated (SERVICE): measures the remote service, not drugkg
        text, bindings = q.prepare({})
        out[name] = with_values(text, bindings)
    return out


def ingest(corpus: Path, store: Path, *, jobs: int) -> dict:
    """Wall time, monographs/s and peak RSS (drugkg and its workers) of one fresh ingest."""
    start = time.perf_counter()
    proc = subprocess.Popen([tool("drugkg"), "ingest", str(corpus), "--store",
                             f"oxigraph:{store}", "--jobs", str(jobs), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with PeakRSS(proc.pid) as rss:
        out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    found = _SUMMARY.search(out)
    if found is None or proc.returncode not in (0, 1):  # 1: some files failed, as planned
        raise RuntimeError(f"ingest failed ({proc.returncode}): {out[-2000:]}")
    files, ingested, failed, triples = map(int, found.groups())
    return {"jobs": jobs, "files": files, "ingested": ingested, "failed": failed,
            "triples": triples, "seconds": seconds, "per_second": files / seconds,
            "peak_rss_mb": rss.mb, "peak_pss_mb": rss.pss_mb}


def timed(run: Callable[[], object], *, budget: float, least: int, most: int) -> list[float]:
    """Latencies of repeated runs after one warm-up: at least ``least`` (one when the
    warm-up alone took longer than ``budget``), at most ``most``, and no more once
    ``budget`` seconds are spent."""
    start = time.perf_counter()
    run()
    if time.perf_counter() - start > budget:
        least = 1
    out: list[float] = []
    spent = 0.0
    while len(out) < most and (len(out) < least or spent < budget):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
        spent += out[-1]
    return out


class Client:
    """One keep-alive HTTP connection that GETs a SPARQL query and reads the whole answer."""

    def __init__(self, url: str) -> None:
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = parsed.hostname, parsed.port, parsed.path
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def get(self, query: str) -> int:
        target = self.path + "?" + urllib.parse.urlencode({"query": query})
        try:
            self.conn.request("GET", target, headers=ACCEPT)
            response = self.conn.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            return 0


def _ms(values: list[float]) -> dict:
    return {"p50_ms": pct(values, 50) * 1000, "p99_ms": pct(values, 99) * 1000,
            "n": len(values)}


def queries(store: Path, work: Path, *, budget: float = 3.0, least: int = 10,
            most: int = 200) -> dict[str, dict]:
    """p50/p99 of every named query in process (pyoxigraph), through drugkg's /sparql and
    through a raw ``oxigraph serve`` over a copy of the same data."""
    texts = query_texts()
    timing = {"budget": budget, "least": least, "most": most}
    results: dict[str, dict] = {name: {} for name in texts}
    for name, times in _in_process(store, texts, timing).items():
        results[name]["in_process"] = _ms(times)
    raw = raw_copy(store, work / "raw")
    for engine, path in (("raw", raw), ("drugkg", store)):
        with serving(engine, path) as (url, _):
            client = Client(url)
            for name, text in texts.items():
                statuses: list[int] = []
                times = timed(lambda t=text, s=statuses, c=client: s.append(c.get(t)),
                               **timing)
                results[name][engine] = {**_ms(times),
                                         "errors": sum(s != 200 for s in statuses)}
    return results


def _in_process(store: Path, texts: dict[str, str], timing: dict) -> dict[str, list[float]]:
    """Plain pyoxigraph, opened here and closed on return (drugkg serve needs the lock)."""
    import pyoxigraph as ox

    embedded = ox.Store(str(store))
    return {name: timed(lambda t=text: list(embedded.query(t, use_default_graph_as_union=True)),
                         **timing)
            for name, text in texts.items()}


def load(store: Path, *, clients: int, seconds: float) -> dict[str, dict]:
    """``clients`` concurrent keep-alive clients sending the headline query for ``seconds``
    to drugkg and to the raw server: requests/s, p50/p99, errors, server RSS."""
    text = query_texts()[HEADLINE]
    raw = store.parent / "raw"
    out = {}
    for engine, path in (("raw", raw), ("drugkg", store)):
        with serving(engine, path, threads=max(8, clients)) as (url, proc):
            with PeakRSS(proc.pid) as rss:
                out[engine] = _hammer(url, text, clients, seconds)
            out[engine]["server_rss_mb"] = rss.mb
    return out


def _hammer(url: str, text: str, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        client, mine, bad = Client(url), [], 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            status = client.get(text)
            mine.append(time.perf_counter() - start)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    return {"clients": clients, "requests": len(latencies),
            "per_second": len(latencies) / elapsed, **_ms(latencies), "errors": errors[0]}


def reasoning(store: Path, *, timeout: float) -> dict:
    """Wall time of ``drugkg reason`` (HermiT through owlready2), or the timeout."""
    start = time.perf_counter()
    try:
        done = subprocess.run([tool("drugkg"), "reason", "--store", f"oxigraph:{store}"],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timeout": timeout}
    return {"seconds": time.perf_counter() - start, "exit": done.returncode,
            "output": done.stdout.strip().splitlines()[-1:]}
