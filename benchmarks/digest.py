"""The graph an ingest writes, as one sha256: the check that a speed change kept the output.

    python -m benchmarks.digest [--jobs N] PATH...

Ingests the files or folders into an in-memory store and prints the sha256 of its sorted
N-Quads with the number of quads. Left out: the ingest timestamp (prov:generatedAtTime) and
the ontology graph, which is loaded from ontology/ as it is (its OWL restrictions are blank
nodes, named afresh by every parse).
Two runs over the same files at the same paths print the same digest, whatever the hash
seed or the number of workers.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_TIMESTAMP = "<http://www.w3.org/ns/prov#generatedAtTime>"


def store_digest(store) -> tuple[str, int]:
    """(sha256 of the sorted N-Quads lines, number of quads): ingest timestamps and the
    ontology graph left out."""
    from drugkg.ontology import ONTOLOGY_GRAPH

    ontology = f"<{ONTOLOGY_GRAPH}>"
    lines = sorted(f"{row['s']} {row['p']} {row['o']} {row['g']} .".encode()
                   for row in store.query(_QUADS)
                   if str(row["p"]) != _TIMESTAMP and str(row["g"]) != ontology)
    return hashlib.sha256(b"\n".join(lines)).hexdigest(), len(lines)


def ingest_digest(paths: list[Path], jobs: int = 1) -> tuple[str, int]:
    """Ingest ``paths`` into a fresh in-memory store and digest what it holds."""
    from drugkg.ingest.run import ingest
    from drugkg.ontology import DEFAULT_BASE
    from drugkg.store import OxigraphStore

    store = OxigraphStore()
    ingest(paths, store, base=DEFAULT_BASE, jobs=jobs)
    return store_digest(store)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)
    digest, quads = ingest_digest(args.paths, args.jobs)
    print(f"{digest}  {quads} quads")


if __name__ == "__main__":
    main()
