"""Benchmarks at scale: ``python -m benchmarks [--sizes 1000 10000 100000]``.

For each N: generate N synthetic monographs (benchmarks/corpus.py, fixed seed), ingest them
with each --jobs value into a fresh on-disk store (monographs/s, peak RSS), time every named
query in process, through drugkg's /sparql and through a raw ``oxigraph serve`` on the same
data, load both servers with concurrent clients, and time ``drugkg reason``. Figures go to
benchmarks/results.json (merged by N, so sizes can be run separately) and the report, a
Markdown table and a plot, into benchmarks/README.md between its scale markers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import report, scale
from benchmarks.common import ROOT

RESULTS = ROOT / "benchmarks" / "results.json"


def run_size(n: int, args: argparse.Namespace, figures: dict, save) -> None:
    """Measure one N into ``figures``, calling ``save`` after each phase (an interrupted
    run keeps what it measured)."""
    from benchmarks.corpus import generate

    work = args.work / f"n{n}"
    corpus = work / "corpus"
    work.mkdir(parents=True, exist_ok=True)
    if not (work / "corpus.done").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        generate(corpus, n, seed=args.seed)
        (work / "corpus.done").write_text(str(args.seed))
    figures.update({"n": n, "seed": args.seed, "when": datetime.now(UTC).isoformat(
        timespec="seconds"), "load_average": os.getloadavg(), "ingest": []})
    store = work / "store"
    for jobs in args.jobs:
        shutil.rmtree(store, ignore_errors=True)
        print(f"[{n}] ingest --jobs {jobs}", file=sys.stderr)
        figures["ingest"].append(scale.ingest(corpus, store, jobs=jobs,
                                              digest=n <= args.digest_up_to))
        if "digest" in figures["ingest"][-1]:
            print(f"[{n}] --jobs {jobs}: N-Quads sha256 {figures['ingest'][-1]['digest']}",
                  file=sys.stderr)
        save()
    if "queries" not in args.skip:
        print(f"[{n}] named queries", file=sys.stderr)
        shutil.rmtree(work / "raw", ignore_errors=True)
        figures["queries"] = scale.queries(store, work, budget=args.query_budget)
        save()
    if "load" not in args.skip and (work / "raw").exists():
        figures["load"] = []
        for clients in args.clients:
            print(f"[{n}] load, {clients} clients", file=sys.stderr)
            figures["load"].append(scale.load(store, clients=clients, seconds=args.load_seconds))
            save()
    if "reason" not in args.skip:
        print(f"[{n}] reasoning", file=sys.stderr)
        figures["reasoning"] = scale.reasoning(store, timeout=args.reason_timeout)
        save()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    ap.add_argument("--load-seconds", type=float, default=10.0)
    ap.add_argument("--query-budget", type=float, default=3.0,
                    help="seconds of repeats per query and engine (at least 10, at most 200)")
    ap.add_argument("--reason-timeout", type=float, default=900.0)
    ap.add_argument("--skip", nargs="*", default=[], choices=["queries", "load", "reason"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--digest-up-to", type=int, default=10000,
                    help="digest the stored N-Quads after each ingest up to this N "
                         "(sorting them all takes memory)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/drugkg-bench"),
                    help="corpora and stores (kept: a corpus is generated once per N)")
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite the README report from results.json without measuring")
    args = ap.parse_args(argv)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if not args.report_only:
        def save() -> None:
            RESULTS.write_text(json.dumps(results, indent=1) + "\n")

        for n in args.sizes:
            results[str(n)] = {}
            run_size(n, args, results[str(n)], save)
    report.write(results)
    print(f"report written to {report.README} and {report.PLOT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
