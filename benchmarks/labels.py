"""Synthetic openFDA drug-label bulk files, and how fast and in how much memory they ingest.

    python -m benchmarks.labels generate --n 10000 --out drug-label-0001-of-0001.json [--zip]
    python -m benchmarks.labels run --sizes 2000 10000 [--jobs 1 2] [--work DIR]

A file has the bulk download's shape ({"meta": ..., "results": [...]}) and real field names:
the fields drugkg reads (indications_and_usage, contraindications, adverse_reactions,
drug_interactions, mechanism_of_action, drug_abuse_and_dependence ..., each starting with
its numbered heading) with sentences assembled from the vocabularies' concepts, and the
long fields it does not read (clinical_studies, description, pharmacokinetics ...), which
make up most of a real label's bytes: about 20 kB a label, so 10,000 labels are ~200 MB.
Label i depends only on (seed, i). ``run`` ingests each size into a fresh on-disk store
with ``drugkg ingest`` and reports labels/s and the peak memory of the process tree.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

from benchmarks.common import PeakRSS, tool
from drugkg.ontology.lexicon import load_lexicon

FILLER = ("In a randomized, double-blind, placebo-controlled study of {n} patients, the "
          "primary endpoint was the change from baseline at week {w}; the mean difference "
          "from placebo was {d} (95% CI {lo} to {hi}). ")
UNREAD = ("clinical_studies", "description", "pharmacokinetics", "how_supplied",
          "nonclinical_toxicology", "package_label_principal_display_panel")


def _names(kind: str) -> list[str]:
    return sorted(c.label for c in load_lexicon().of_kind(kind))


def _record(i: int, seed: int, pools: dict[str, list[str]]) -> dict:
    rnd = random.Random(seed * 1_000_003 + i)
    drug = rnd.choice(pools["drug"])
    brand = "".join(rnd.choice("BCDFGKLMNPRSTVXZ") + rnd.choice("AEIOU") for _ in range(3))
    cond = rnd.sample(pools["condition"], 2)
    effects = rnd.sample(pools["adverse-effect"], 6)
    partners = rnd.sample(pools["drug"], 3)
    klass = rnd.choice(pools["class"])
    schedule = rnd.random() < 0.1

    def filler(k: int) -> str:
        return "".join(FILLER.format(n=rnd.randint(100, 900), w=rnd.randint(4, 52),
                                     d=round(rnd.uniform(-5, 5), 1), lo=-1.2, hi=3.4)
                       for _ in range(k))

    rec = {
        "set_id": f"{seed:04x}{i:08x}-0000-4000-8000-{i:012x}",
        "id": f"{i:08x}-1111-4000-8000-{seed:012x}",
        "version": str(1 + i % 7),
        "effective_time": f"20{10 + i % 15}0{1 + i % 9}15",
        "openfda": {"brand_name": [brand], "generic_name": [drug.upper()],
                    "substance_name": [drug.upper()], "rxcui": [str(100000 + i)],
                    "product_type": ["HUMAN PRESCRIPTION DRUG"],
                    "pharm_class_epc": [f"{klass.title()} [EPC]"]},
        "indications_and_usage": [f"1 INDICATIONS AND USAGE {brand} is a {klass} indicated "
                                  f"for the treatment of {cond[0]} and {cond[1]} in adults."],
        "contraindications": [f"4 CONTRAINDICATIONS {brand} is contraindicated in patients "
                              f"taking {partners[0]}."],
        "adverse_reactions": [f"6 ADVERSE REACTIONS The most common adverse reactions are "
                              f"{', '.join(effects[:4])} and {effects[4]}. Serious adverse "
                              f"reactions include {effects[5]}. " + filler(4)],
        "drug_interactions": [f"7 DRUG INTERACTIONS Coadministration with {partners[1]} or "
                              f"{partners[2]} increases exposure to {drug}."],
        "mechanism_of_action": [f"12.1 Mechanism of Action {drug.capitalize()} is a {klass}."],
        "overdosage": [f"10 OVERDOSAGE Overdose of {drug} may cause {effects[0]}."],
    }
    if schedule:
        rec["controlled_substance"] = [f"9.1 Controlled Substance {brand} contains {drug}, a "
                                       "Schedule IV controlled substance."]
    for name in UNREAD:
        rec[name] = [filler(20)]
    return rec


def generate(out: Path, n: int, *, seed: int = 0, zipped: bool = False) -> Path:
    """Write an n-label bulk file (zipped: OUT.zip holding OUT's name) record by record."""
    pools = {k: _names(k) for k in ("drug", "condition", "adverse-effect", "class")}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        fh.write('{"meta": {"disclaimer": "synthetic", "results": {"total": %d}},\n'
                 '"results": [\n' % n)
        for i in range(n):
            fh.write((",\n" if i else "") + json.dumps(_record(i, seed, pools)))
        fh.write("\n]}\n")
    if not zipped:
        return out
    target = out.with_name(out.name + ".zip")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(out, out.name)
    out.unlink()
    return target


def measure(n: int, jobs: int, work: Path, seed: int = 0) -> dict:
    """Generate (once) and ingest n labels into a fresh store: labels/s, peak memory."""
    data = work / f"labels-{n}.json"
    if not data.exists():
        generate(data, n, seed=seed)
    store = work / f"store-{n}-j{jobs}"
    shutil.rmtree(store, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([tool("drugkg"), "ingest", str(data), "--store",
                             f"oxigraph:{store}", "--jobs", str(jobs), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with PeakRSS(proc.pid) as rss:
        output = proc.communicate()[0]
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"ingest failed:\n{output[-2000:]}")
    shutil.rmtree(store, ignore_errors=True)
    return {"labels": n, "jobs": jobs, "file_mb": round(data.stat().st_size / 2**20, 1),
            "seconds": round(seconds, 1), "labels_per_s": round(n / seconds, 1),
            "peak_rss_mb": round(rss.mb), "peak_pss_mb": round(rss.pss_mb),
            "summary": output.strip().splitlines()[0]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write one synthetic bulk file")
    gen.add_argument("--n", type=int, default=10_000)
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--out", type=Path, required=True)
    gen.add_argument("--zip", action="store_true")
    run = sub.add_parser("run", help="generate and ingest; print the figures as JSON lines")
    run.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000])
    run.add_argument("--jobs", type=int, nargs="+", default=[1])
    run.add_argument("--work", type=Path, default=Path("/tmp/drugkg-labels-bench"))
    args = parser.parse_args(argv)
    if args.command == "generate":
        print(generate(args.out, args.n, seed=args.seed, zipped=args.zip))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        for jobs in args.jobs:
            print(json.dumps(measure(n, jobs, args.work)), flush=True)


if __name__ == "__main__":
    main()
