"""The same synthetic corpus in the embedded store and in Virtuoso, in one run:
``python -m benchmarks.virtuoso [--n 10000] [--buffers 250000]``.

Ingest (monographs/s, failed writes, peak memory of drugkg and of the engine), every named
query (p50/p99: the headline query and the lookups) and 8 concurrent clients on the headline
query. After the two ingests the engines take turns, query by query and test by test.
Embedded: queries in process, clients through ``drugkg serve``. Virtuoso: queries
through drugkg's RemoteStore and straight to Virtuoso's /sparql, clients straight to
Virtuoso and through ``drugkg serve --store sparql:...``. Figures go to
benchmarks/virtuoso.json; benchmarks/README.md quotes them.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common import HEADLINE, ROOT, PeakRSS, free_port, tool, wait
from benchmarks.engines import virtuoso
from benchmarks.scale import _SUMMARY, Client, _hammer, _ms, query_texts, timed

RESULTS = ROOT / "benchmarks" / "virtuoso.json"
# the summary of an ingest that wrote nothing names no triple count
_NOTHING_WRITTEN = re.compile(r"(\d+) files: (\d+) ingested, \d+ unchanged, (\d+) failed")


def ingest(corpus: Path, selector: str, *, jobs: int, engine_pid: int | None = None) -> dict:
    """One fresh ingest through the CLI: wall time, monographs/s, failures, peak memory of
    drugkg with its workers and (for a server) of the engine."""
    start = time.perf_counter()
    proc = subprocess.Popen([tool("drugkg"), "ingest", str(corpus), "--store", selector,
                             "--jobs", str(jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    engine = PeakRSS(engine_pid) if engine_pid else None
    with PeakRSS(proc.pid) as rss:
        if engine:
            engine.__enter__()
        out, _ = proc.communicate()
        if engine:
            engine.__exit__()
    seconds = time.perf_counter() - start
    found = _SUMMARY.search(out) or _NOTHING_WRITTEN.search(out)
    if found is None:
        raise RuntimeError(f"ingest failed ({proc.returncode}): {out[-2000:]}")
    files, ingested, failed = map(int, found.groups()[:3])
    triples = int(found[4]) if found.re is _SUMMARY else None
    failures = [line for line in out.splitlines() if line.startswith("  ")]
    return {"jobs": jobs, "files": files, "ingested": ingested, "failed": failed,
            "failed_writes": sum("SPARQL server" in f or " answered " in f for f in failures),
            "triples": triples, "seconds": seconds, "per_second": files / seconds,
            "drugkg_peak_rss_mb": rss.mb, "engine_peak_rss_mb": engine.mb if engine else None}


def query_times(runners: dict[str, Callable], budget: float,
                order: list[str] | None = None) -> dict[str, dict[str, dict]]:
    """p50/p99 of every named query on each of ``runners`` (one query at a time on all of
    them), in ``order`` (cheapest first: a query that times out on the client keeps the
    server busy, and should slow no other); a failure (a timeout) is recorded as such."""
    texts = query_texts()
    out: dict[str, dict[str, dict]] = {name: {} for name in runners}
    for query in order or list(texts):
        for name, run_query in runners.items():
            try:
                out[name][query] = _ms(timed(lambda t=texts[query], r=run_query: r(t),
                                             budget=budget, least=5, most=100))
            except Exception as exc:  # one engine's failure must not end the run
                out[name][query] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    return out


def cheapest_first(results: Path) -> list[str]:
    """The named queries, cheapest first by the embedded p50 of the last run in ``results``
    (a query that times out on the client keeps a server busy, and should slow no other)."""
    last = json.loads(results.read_text()).get("embedded", {}).get("queries", {}) \
        if results.exists() else {}
    return sorted(query_texts(), key=lambda q: last.get(q, {}).get("p50_ms", float("inf")))


def in_process(selector: str):
    """Run a query through drugkg's store API."""
    from drugkg.store import open_store

    store = open_store(selector)
    return lambda text: list(store.query(text))


def replace_one_page(corpus: Path, selector: str, work: Path) -> float:
    """Seconds to ingest one changed page whose graph is stored (atomic replacement, then
    the shared graph's orphans dropped)."""
    from drugkg.ingest.run import ingest as run_ingest
    from drugkg.ontology import DEFAULT_BASE
    from drugkg.store import open_store

    page = next(f for f in sorted(corpus.rglob("*.md")) if f.stat().st_size)
    changed = work / "changed" / page.name
    changed.parent.mkdir(parents=True, exist_ok=True)
    changed.write_text(page.read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8")
    start = time.perf_counter()
    report = run_ingest([changed], open_store(selector), base=DEFAULT_BASE, force=True)
    assert report.replaced == 1, report
    return time.perf_counter() - start


def load_through_serve(selector: str, seconds: float) -> dict:
    """8 clients on the headline query through ``drugkg serve --store SELECTOR``."""
    port = free_port()
    proc = subprocess.Popen([tool("drugkg"), "serve", "--store", selector, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        wait(url + "?query=ASK%7B%7D")
        return _hammer(url, query_texts()[HEADLINE], 8, seconds)
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--buffers", type=int, default=250_000,
                    help="Virtuoso's NumberOfBuffers (8 KB each)")
    ap.add_argument("--budget", type=float, default=3.0, help="seconds per query timing")
    ap.add_argument("--load-seconds", type=float, default=20.0)
    ap.add_argument("--work", type=Path, default=Path("/tmp/drugkg-bench"))
    ap.add_argument("--results", type=Path, default=RESULTS, help="where the figures go")
    ap.add_argument("--reuse", action="store_true",
                    help="keep both stores and their ingest figures; measure the rest again")
    args = ap.parse_args()

    from benchmarks.corpus import generate

    work = args.work / f"n{args.n}"
    corpus = work / "corpus"
    if not (work / "corpus.done").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        generate(corpus, args.n, seed=0)
        (work / "corpus.done").write_text("0")
    figures: dict = {"n": args.n, "when": datetime.now(UTC).isoformat(timespec="seconds"),
                     "buffers": args.buffers}

    def save() -> None:
        args.results.write_text(json.dumps(figures, indent=1) + "\n")

    embedded_dir, vdir = work / "embedded", work / "virtuoso"
    embedded_store = f"oxigraph:{embedded_dir}"
    order = cheapest_first(args.results)
    old = json.loads(args.results.read_text()) if args.reuse else {}
    if old:  # the stores and ingest figures of the last run; measure the rest again
        figures["embedded"] = {"ingest": old["embedded"]["ingest"]}
        figures["virtuoso"] = {k: old["virtuoso"][k] for k in
                               ("ingest", "reingest_unchanged_seconds", "reingest_ingested")}
    else:
        shutil.rmtree(embedded_dir, ignore_errors=True)
        shutil.rmtree(vdir, ignore_errors=True)
        print("[embedded] ingest", file=sys.stderr)
        figures["embedded"] = {"ingest": ingest(corpus, embedded_store, jobs=args.jobs)}
        save()
    with virtuoso(vdir, buffers=args.buffers, start_timeout=1800) as (vurl, vproc):
        if not old:
            print("[virtuoso] ingest", file=sys.stderr)
            figures["virtuoso"] = {"ingest": ingest(corpus, f"sparql:{vurl}", jobs=args.jobs,
                                                    engine_pid=vproc.pid)}
            save()
            again = ingest(corpus, f"sparql:{vurl}", jobs=args.jobs)
            figures["virtuoso"]["reingest_unchanged_seconds"] = again["seconds"]
            figures["virtuoso"]["reingest_ingested"] = again["ingested"]
            save()
        # From here on the engines take turns, query by query and test by test, so that
        # the machine's other load falls on both alike.
        print("[both] queries, one at a time on each", file=sys.stderr)
        timings = query_times({"embedded": in_process(embedded_store),
                               "drugkg": in_process(f"sparql:{vurl}"),
                               "raw": Client(vurl).get}, args.budget, order)
        figures["embedded"]["queries"] = timings["embedded"]
        figures["virtuoso"]["queries_drugkg"] = timings["drugkg"]
        figures["virtuoso"]["queries_raw"] = timings["raw"]
        save()
        print("[both] 8 clients: embedded and Virtuoso through drugkg serve, Virtuoso raw",
              file=sys.stderr)
        figures["embedded"]["load"] = load_through_serve(embedded_store, args.load_seconds)
        figures["virtuoso"]["load_drugkg"] = load_through_serve(f"sparql:{vurl}",
                                                                args.load_seconds)
        with PeakRSS(vproc.pid) as rss:
            figures["virtuoso"]["load_raw"] = _hammer(vurl, query_texts()[HEADLINE], 8,
                                                      args.load_seconds)
        figures["virtuoso"]["load_raw"]["engine_rss_mb"] = rss.mb
        save()
        print("[both] one changed page replaced, twice each", file=sys.stderr)
        for name, selector in (("embedded", embedded_store), ("virtuoso", f"sparql:{vurl}")):
            figures[name]["replace_one_page_seconds"] = [
                replace_one_page(corpus, selector, work) for _ in range(2)]
        save()
    figures["virtuoso"]["disk_mb"] = sum(
        f.stat().st_size for f in vdir.iterdir() if f.is_file()) / 2**20
    figures["embedded"]["disk_mb"] = sum(
        f.stat().st_size for f in embedded_dir.rglob("*") if f.is_file()) / 2**20
    save()
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
