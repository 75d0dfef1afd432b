"""The headline query through drugkg's /sparql against the same query sent straight to a
raw `oxigraph serve` holding the same data, in one run, on loopback.

    python -m benchmarks.endpoint [--requests 300] [--corpus DIR ...]

Prints p50/p99 latencies and their ratio (drugkg / raw). Both servers run as separate
processes on 127.0.0.1; requests are sequential and bounded in number.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADLINE = """PREFIX dkg: <https://w3id.org/drugkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?drug ?label WHERE {
  ?drug dkg:hasRisk <https://w3id.org/drugkg/vocab/risk/dependence> .
  ?drug (dkg:actsOn|dkg:hasMechanism/dkg:actsOn|dkg:inClass/dkg:hasMechanism/dkg:actsOn) ?t .
  ?t skos:broader* <https://w3id.org/drugkg/vocab/target/gaba> .
  ?drug skos:prefLabel ?label .
} ORDER BY ?label"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not start")


def timings(url: str, n: int) -> list[float]:
    full = url + "?" + urllib.parse.urlencode({"query": HEADLINE})
    headers = {"Accept": "application/sparql-results+json"}
    for _ in range(20):  # warm up
        urllib.request.urlopen(urllib.request.Request(full, headers=headers)).read()
    out = []
    for _ in range(n):
        start = time.perf_counter()
        urllib.request.urlopen(urllib.request.Request(full, headers=headers)).read()
        out.append(time.perf_counter() - start)
    return out


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--threads", type=int, default=8, help="drugkg serve --threads")
    ap.add_argument("--corpus", nargs="*", type=Path,
                    default=[ROOT / "examples" / "monographs"])
    args = ap.parse_args()
    bin_dir = Path(sys.executable).parent
    drugkg = str(bin_dir / "drugkg")
    oxigraph = str(bin_dir / "oxigraph") if (bin_dir / "oxigraph").exists() else \
        shutil.which("oxigraph")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "kg"
        subprocess.run([drugkg, "ingest", *map(str, args.corpus), "--store", f"oxigraph:{store}",
                        "-q"], check=True, capture_output=True)
        dump = Path(tmp) / "kg.nq"
        subprocess.run([oxigraph, "dump", "--location", str(store), "--file", str(dump)],
                       check=True, capture_output=True)
        raw_dir = Path(tmp) / "raw"
        subprocess.run([oxigraph, "load", "--location", str(raw_dir), "--file", str(dump)],
                       check=True, capture_output=True)
        p1, p2 = free_port(), free_port()
        raw = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(raw_dir),
                                "--bind", f"127.0.0.1:{p1}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours = subprocess.Popen([drugkg, "serve", "--store", f"oxigraph:{store}", "--port",
                                 str(p2), "--threads", str(args.threads)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait(f"http://127.0.0.1:{p1}/query?query=ASK%7B%7D")
            wait(f"http://127.0.0.1:{p2}/sparql?query=ASK%7B%7D")
            raw_t = timings(f"http://127.0.0.1:{p1}/query", args.requests)
            our_t = timings(f"http://127.0.0.1:{p2}/sparql", args.requests)
        finally:
            raw.terminate()
            ours.terminate()
    names = [p.parent.name if p.name == "monographs" else p.name for p in args.corpus]
    lines = [f"headline query, {args.requests} sequential requests, corpus: {', '.join(names)}",
             f"{'server':24} {'p50 ms':>8} {'p99 ms':>8}"]
    for name, t in (("oxigraph serve (raw)", raw_t), ("drugkg /sparql", our_t)):
        lines.append(f"{name:24} {pct(t, 50) * 1000:8.2f} {pct(t, 99) * 1000:8.2f}")
    lines.append(f"ratio drugkg/raw: p50 x{pct(our_t, 50) / pct(raw_t, 50):.2f}, "
                 f"p99 x{pct(our_t, 99) / pct(raw_t, 99):.2f}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
