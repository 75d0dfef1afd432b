"""Where ingest time goes: milliseconds per page for each stage, in one process.

    python -m benchmarks.stages [--pages 300] [--seed 0] [--profile]

Generates ``--pages`` synthetic monographs (benchmarks/corpus.py), then times each stage of
the pipeline over all of them: read + Markdown parse, assemble (twice: first with cold
word caches, as a worker starts, then warm), emit (as N-Quads text) and the bulk load
into an in-memory store; then the CPU time of ``prepare()`` (a worker's whole step) per
page on pages not seen before. ``--profile`` adds cProfile's most expensive functions from
a separate pass over other pages: the stage times above are always measured without the
profiler, which about doubles them.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import tempfile
import time
from pathlib import Path


def stages(corpus: Path) -> tuple[dict[str, float], int]:
    from drugkg.errors import MonographError
    from drugkg.ingest.assemble import assemble
    from drugkg.ingest.emit import emit
    from drugkg.ingest.monograph import read_monograph
    from drugkg.ingest.run import find_monographs
    from drugkg.ontology import DEFAULT_BASE
    from drugkg.ontology.lexicon import load_lexicon
    from drugkg.ontology.recognise import matcher_for
    from drugkg.store import OxigraphStore

    out: dict[str, float] = {}

    def clock(name: str, start: float) -> float:
        now = time.perf_counter()
        out[name] = now - start
        return now

    start = time.perf_counter()
    matcher = matcher_for(load_lexicon())
    start = clock("lexicon + matcher (once per process)", start)
    pages = []
    for path in find_monographs([corpus]):
        try:
            pages.append(read_monograph(path))
        except MonographError:
            continue  # the planted broken files
    start = clock("read + parse", start)
    facts = [assemble(page, matcher) for page in pages]
    start = clock("assemble, cold word caches", start)
    facts = [assemble(page, matcher) for page in pages]
    start = clock("assemble, warm", start)
    data = "".join(line for p, (c, f) in zip(pages, facts, strict=True)
                   for line in emit(p, c, f, base=DEFAULT_BASE)).encode()
    start = clock("emit (N-Quads)", start)
    OxigraphStore().load(data, checked=True)  # as ingest's writer loads it
    clock("bulk load (memory store)", start)
    return out, len(pages)


def prepare_cpu(paths: list[Path]) -> float:
    """CPU seconds of ``prepare()`` per page over ``paths`` (broken files included: a
    worker reads them too)."""
    from drugkg.errors import MonographError
    from drugkg.ingest.run import prepare
    from drugkg.ontology import DEFAULT_BASE

    start = time.process_time()
    for path in paths:
        try:
            prepare(path, DEFAULT_BASE)
        except MonographError:
            continue
    return (time.process_time() - start) / max(len(paths), 1)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--profile", action="store_true",
                    help="also print cProfile's top 15 from a separate, profiled pass")
    args = ap.parse_args(argv)
    from benchmarks.corpus import generate
    from drugkg.ingest.run import find_monographs

    with tempfile.TemporaryDirectory() as tmp:
        # three sets of pages: the stages, prepare() on pages no cache has seen, the profile
        generate(Path(tmp), args.pages * 3, seed=args.seed)
        paths = find_monographs([tmp])
        staged = Path(tmp) / "staged"
        staged.mkdir()
        for path in paths[: args.pages]:
            path.rename(staged / path.name)
        times, n = stages(staged)
        cpu = prepare_cpu(paths[args.pages : 2 * args.pages])
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
            prepare_cpu(paths[2 * args.pages :])
            profiler.disable()
    print(f"load average {os.getloadavg()[0]:.2f}")
    per_page = {k: v * 1000 / (1 if "once" in k else n) for k, v in times.items()}
    print(f"{n} synthetic pages\n\n| stage | ms per page |\n|---|---|")
    for name, ms in per_page.items():
        print(f"| {name} | {ms:.2f}{' (total)' if 'once' in name else ''} |")
    worker = sum(ms for name, ms in per_page.items()
                 if "once" not in name and "cold" not in name and "bulk" not in name)
    print(f"\none worker, warm: {worker:.1f} ms per page = {1000 / worker:.0f} pages/s per core")
    print(f"prepare() (a worker's whole step) on {args.pages} other pages: "
          f"{cpu * 1000:.2f} ms CPU per page")
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(15)
        print("\ncProfile, a separate pass of prepare() over other pages (PROFILED: times "
              "under the profiler are about twice the real ones)")
        print(text.getvalue())


if __name__ == "__main__":
    main()
