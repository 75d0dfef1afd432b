"""Ingest, query, load and reasoning figures for one synthetic corpus of N monographs.

Each function measures one thing and returns plain numbers; ``python -m benchmarks``
runs them at every N and writes the report.
"""

from __future__ import annotations

import http.client
import os
import re
import resource
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import HEADLINE, PeakRSS, pct, raw_copy, serving, tool
from drugkg.config import DEFAULTS
from drugkg.server import FREE_THREADS

ACCEPT = {"Accept": "application/sparql-results+json"}
_SUMMARY = re.compile(r"(\d+) files: (\d+) ingested, \d+ unchanged, (\d+) failed.*? holds "
                      r"(\d+) triples \(compacted in ([\d.]+) s\)")


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


def ingest(corpus: Path, store: Path, *, jobs: int, digest: bool = True) -> dict:
    """One fresh ingest: wall time, monographs/s, CPU per page summed over drugkg and its
    workers, peak RSS and PSS, the load average before and after, the compaction's share,
    and (``digest``) the sha256 of the sorted N-Quads it stored (benchmarks/digest.py)."""
    load_before = os.getloadavg()
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen([tool("drugkg"), "ingest", str(corpus), "--store",
                             f"oxigraph:{store}", "--jobs", str(jobs), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with PeakRSS(proc.pid) as rss:
        out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before  # workers are waited for by drugkg: counted too
    found = _SUMMARY.search(out)
    if found is None or proc.returncode not in (0, 1):  # 1: some files failed, as planned
        raise RuntimeError(f"ingest failed ({proc.returncode}): {out[-2000:]}")
    files, ingested, failed, triples = map(int, found.groups()[:4])
    figures = {"jobs": jobs, "files": files, "ingested": ingested, "failed": failed,
               "triples": triples, "seconds": seconds, "per_second": files / seconds,
               "cpu_ms_per_page": cpu * 1000 / files, "optimize_seconds": float(found[5]),
               "peak_rss_mb": rss.mb, "peak_pss_mb": rss.pss_mb,
               "load_average": [load_before[0], os.getloadavg()[0]]}
    if digest:
        from benchmarks.digest import store_digest
        from drugkg.store import OxigraphStore

        figures["digest"] = store_digest(OxigraphStore(store))[0]
    return figures


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
    with serving("raw", raw) as (raw_url, _), serving("drugkg", store) as (drugkg_url, _):
        clients = {"raw": Client(raw_url), "drugkg": Client(drugkg_url)}
        for name, text in texts.items():
            statuses: dict[str, list[int]] = {"raw": [], "drugkg": []}

            def once(engine: str, t: str = text, s: dict = statuses) -> None:
                s[engine].append(clients[engine].get(t))

            for engine, times in interleaved(once, tuple(clients), **timing).items():
                results[name][engine] = {**_ms(times),
                                         "errors": sum(s != 200 for s in statuses[engine])}
    return results


def interleaved(run: Callable[[str], object], engines: tuple[str, ...], *, budget: float,
                least: int, most: int) -> dict[str, list[float]]:
    """:func:`timed` for several engines at once, round by round (each engine once a
    round, the first one alternating), so that a busy moment of the machine falls on all
    of them alike; ``budget`` is per engine."""
    spent = {e: 0.0 for e in engines}
    out: dict[str, list[float]] = {e: [] for e in engines}
    for engine in engines:  # warm-up
        start = time.perf_counter()
        run(engine)
        if time.perf_counter() - start > budget:
            least = 1
    rounds = 0
    while rounds < most and (rounds < least or max(spent.values()) < budget):
        order = engines if rounds % 2 == 0 else engines[::-1]
        for engine in order:
            start = time.perf_counter()
            run(engine)
            out[engine].append(time.perf_counter() - start)
            spent[engine] += out[engine][-1]
        rounds += 1
    return out


def _in_process(store: Path, texts: dict[str, str], timing: dict) -> dict[str, list[float]]:
    """Plain pyoxigraph, opened here and closed on return (drugkg serve needs the lock)."""
    import pyoxigraph as ox

    embedded = ox.Store(str(store))
    return {name: timed(lambda t=text: list(embedded.query(t, use_default_graph_as_union=True)),
                         **timing)
            for name, text in texts.items()}


def load(store: Path, *, clients: int, seconds: float, rounds: int = 4) -> dict[str, dict]:
    """``clients`` concurrent keep-alive clients sending the headline query for ``seconds``
    to drugkg and to the raw server, in ``rounds`` alternating turns (both servers up
    throughout): requests/s, p50/p99, errors, server RSS, load average."""
    text = query_texts()[HEADLINE]
    raw = store.parent / "raw"
    threads = max(DEFAULTS["THREADS"], clients + FREE_THREADS)  # a place for every client
    out: dict[str, dict] = {}
    with serving("raw", raw, threads=threads) as (raw_url, raw_proc), \
            serving("drugkg", store, threads=threads) as (drugkg_url, drugkg_proc):
        servers = {"raw": (raw_url, raw_proc), "drugkg": (drugkg_url, drugkg_proc)}
        turns: dict[str, list[dict]] = {"raw": [], "drugkg": []}
        peaks = {"raw": 0.0, "drugkg": 0.0}
        load_before = os.getloadavg()[0]
        for i in range(rounds):
            for engine in ("raw", "drugkg") if i % 2 == 0 else ("drugkg", "raw"):
                url, proc = servers[engine]
                with PeakRSS(proc.pid) as rss:
                    turns[engine].append(_turn(url, text, clients, seconds / rounds))
                peaks[engine] = max(peaks[engine], rss.mb)
        for engine, parts in turns.items():
            out[engine] = _merged(parts, clients)
            out[engine]["server_rss_mb"] = peaks[engine]
        out["load_average"] = [load_before, os.getloadavg()[0]]
    return out


def _merged(turns: list[dict], clients: int) -> dict:
    latencies = [x for t in turns for x in t.pop("latencies")]
    elapsed = sum(t["elapsed"] for t in turns)
    return {"clients": clients, "requests": len(latencies),
            "per_second": len(latencies) / elapsed, **_ms(latencies),
            "errors": sum(t["errors"] for t in turns)}


def _hammer(url: str, text: str, clients: int, seconds: float) -> dict:
    """``clients`` concurrent clients sending ``text`` for ``seconds``: requests/s, p50/p99,
    errors."""
    return _merged([_turn(url, text, clients, seconds)], clients)


def _turn(url: str, text: str, clients: int, seconds: float) -> dict:
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
    return {"latencies": latencies, "elapsed": time.perf_counter() - start,
            "errors": errors[0]}


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
