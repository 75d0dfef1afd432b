"""The headline query and ``ASK {}`` through drugkg's /sparql against the same queries sent
straight to a raw `oxigraph serve-read-only` holding the same data (compacted alike), both
servers up at once and timed round by round, on loopback; then, with ``--clients``, both
loaded by that many concurrent clients in alternating turns.

    python -m benchmarks.endpoint [--requests 300] [--corpus DIR ... | --store DIR]
                                  [--clients 8] [--seconds 20]

By default on real monographs (the bundled examples); ``--store`` reuses an ingested store
(e.g. ``/tmp/drugkg-bench/n1000/store`` left by ``python -m benchmarks``), its raw copy made
beside it as ``raw`` unless there. Prints p50/p99, the ratio drugkg / raw and CPU per
request, requests/s and errors under load, and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import HEADLINE, ROOT, _tree, pct, raw_copy, serving, tool
from benchmarks.scale import Client, interleaved, load, query_texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=300, help="rounds of sequential requests")
    ap.add_argument("--threads", type=int, help="drugkg serve --threads (default: its own)")
    source = ap.add_mutually_exclusive_group()
    source.add_argument("--corpus", nargs="*", type=Path,
                        default=[ROOT / "examples" / "monographs"])
    source.add_argument("--store", type=Path, help="an ingested on-disk store to reuse")
    ap.add_argument("--clients", type=int, nargs="*", default=[],
                    help="also load both servers with this many concurrent clients")
    ap.add_argument("--seconds", type=float, default=20.0, help="per load test, both servers")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.store:
            store, what = args.store.resolve(), str(args.store)
        else:
            store = Path(tmp) / "kg"
            done = subprocess.run([tool("drugkg"), "ingest", *map(str, args.corpus), "--store",
                                   f"oxigraph:{store}", "-q"], capture_output=True, text=True)
            if done.returncode not in (0, 1):  # 1: some files failed, the rest are stored
                raise SystemExit(f"ingest failed: {done.stderr[-2000:]}")
            what = ", ".join(p.parent.name if p.name == "monographs" else p.name
                             for p in args.corpus)
        if not (store.parent / "raw").exists():
            raw_copy(store, store.parent / "raw")
        print(f"{what}; load average {os.getloadavg()[0]:.2f}", flush=True)
        print(sequential(store, args.requests, args.threads), flush=True)
        for clients in args.clients:
            print(loaded(store, clients, args.seconds), flush=True)
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


def sequential(store: Path, requests: int, threads: int | None) -> str:
    """``ASK {}`` and the headline query, each ``requests`` rounds over one keep-alive
    connection per server, the servers taking turns within each round: latency, and the
    CPU each server (with its worker processes) spent per request, which other work on the
    machine does not inflate as it does latency."""
    lines = [f"{'query':10} {'raw p50':>8} {'drugkg p50':>11} {'ratio':>6} "
             f"{'raw p99':>8} {'drugkg p99':>11} {'raw CPU':>8} {'drugkg CPU':>11}   (ms)"]
    with serving("raw", store.parent / "raw", threads=threads) as (raw_url, raw_proc), \
            serving("drugkg", store, threads=threads) as (drugkg_url, drugkg_proc):
        clients = {"raw": Client(raw_url), "drugkg": Client(drugkg_url)}
        for name, text in (("ASK {}", "ASK {}"), ("headline", query_texts()[HEADLINE])):
            statuses: dict[str, list[int]] = {"raw": [], "drugkg": []}

            def once(engine: str, t: str = text, s: dict = statuses) -> None:
                s[engine].append(clients[engine].get(t))

            for engine in clients:  # warm every query worker before counting
                for _ in range(8):
                    once(engine)
            processes = {"raw": _tree(raw_proc.pid), "drugkg": _tree(drugkg_proc.pid)}
            cpu = {e: -_cpu_seconds(pids) for e, pids in processes.items()}
            times = interleaved(once, ("raw", "drugkg"), budget=float("inf"),
                                least=requests, most=requests)
            cpu = {e: (c + _cpu_seconds(processes[e])) * 1000 / (len(statuses[e]) - 8)
                   for e, c in cpu.items()}
            raw50, our50 = pct(times["raw"], 50) * 1000, pct(times["drugkg"], 50) * 1000
            errors = {e: sum(s != 200 for s in v) for e, v in statuses.items() if any(
                s != 200 for s in v)}
            lines.append(f"{name:10} {raw50:8.2f} {our50:11.2f} {our50 / raw50:5.2f}x "
                         f"{pct(times['raw'], 99) * 1000:8.2f} "
                         f"{pct(times['drugkg'], 99) * 1000:11.2f} {cpu['raw']:8.2f} "
                         f"{cpu['drugkg']:11.2f}"
                         + (f"   errors {errors}" if errors else ""))
    return "\n".join(lines)


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU the processes have used so far."""
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except OSError:
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def loaded(store: Path, clients: int, seconds: float) -> str:
    """``clients`` concurrent clients on the headline query (benchmarks.scale.load)."""
    figures = load(store, clients=clients, seconds=seconds)
    raw, ours = figures["raw"], figures["drugkg"]
    lines = [f"{clients} clients, headline, {seconds:.0f} s per server in 4 alternating turns "
             f"(load average {figures['load_average'][0]:.2f} -> "
             f"{figures['load_average'][1]:.2f})"]
    for name, f in (("raw", raw), ("drugkg", ours)):
        lines.append(f"  {name:7} {f['per_second']:7.1f} req/s  p50 {f['p50_ms']:7.2f} ms  "
                     f"p99 {f['p99_ms']:7.2f} ms  errors {f['errors']} of {f['requests']}")
    lines.append(f"  ratio drugkg / raw: x{ours['per_second'] / raw['per_second']:.2f} req/s")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
