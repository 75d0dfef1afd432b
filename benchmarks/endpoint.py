"""The headline query through drugkg's /sparql against the same query sent straight to a
raw `oxigraph serve` holding the same data, in one run, on loopback.

    python -m benchmarks.endpoint [--requests 300] [--corpus DIR ...]

Prints p50/p99 latencies and their ratio (drugkg / raw) on real monographs (by default the
bundled examples); ``python -m benchmarks`` does the same for every named query at scale.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import HEADLINE, ROOT, pct, raw_copy, serving, tool
from benchmarks.scale import Client, query_texts, timed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--threads", type=int, default=8, help="drugkg serve --threads")
    ap.add_argument("--corpus", nargs="*", type=Path,
                    default=[ROOT / "examples" / "monographs"])
    args = ap.parse_args()
    text = query_texts()[HEADLINE]
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "kg"
        subprocess.run([tool("drugkg"), "ingest", *map(str, args.corpus), "--store",
                        f"oxigraph:{store}", "-q"], check=True, capture_output=True)
        raw = raw_copy(store, Path(tmp) / "raw")
        for engine, path in (("raw", raw), ("drugkg", store)):
            with serving(engine, path, threads=args.threads) as (url, _):
                client = Client(url)
                times[engine] = timed(lambda c=client: c.get(text), budget=float("inf"),
                                       least=args.requests, most=args.requests)
    names = [p.parent.name if p.name == "monographs" else p.name for p in args.corpus]
    lines = [f"headline query, {args.requests} sequential requests, corpus: {', '.join(names)}",
             f"{'server':24} {'p50 ms':>8} {'p99 ms':>8}"]
    for name, engine in (("oxigraph serve (raw)", "raw"), ("drugkg /sparql", "drugkg")):
        t = times[engine]
        lines.append(f"{name:24} {pct(t, 50) * 1000:8.2f} {pct(t, 99) * 1000:8.2f}")
    raw_t, our_t = times["raw"], times["drugkg"]
    lines.append(f"ratio drugkg/raw: p50 x{pct(our_t, 50) / pct(raw_t, 50):.2f}, "
                 f"p99 x{pct(our_t, 99) / pct(raw_t, 99):.2f}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
