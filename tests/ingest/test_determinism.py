"""The same pages always give the same graph, whatever the process's string-hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Extract every bundled example and print a digest of its sorted N-Quads (the ingest
# timestamp left out): run in fresh processes with different PYTHONHASHSEED values.
_DIGEST = """
import hashlib, sys
from pathlib import Path
from drugkg.ingest.run import extract
from drugkg.ingest.emit import emit
from drugkg.ontology import DEFAULT_BASE
h = hashlib.sha256()
for page in sorted(Path(sys.argv[1]).glob("*.md")):
    monograph, components, facts = extract(page)
    lines = sorted(str(q) for q in emit(monograph, components, facts, base=DEFAULT_BASE)
                   if "generatedAtTime" not in str(q.predicate))
    h.update("\\n".join(lines).encode())
print(h.hexdigest())
"""


@pytest.mark.slow
def test_same_graph_under_every_hash_seed():
    digests = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _DIGEST, str(ROOT / "examples" / "monographs")],
                             env=env, capture_output=True, text=True, check=True, timeout=300)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert len(next(iter(digests))) == 64
