"""The quality gate: extraction scores never fall.

The strict scorer (../shared/eval/score.py, beside the project where the development
corpora are shared) scores the bundled examples and the dev corpora through the CLI, as a
user runs it: each field's strict F1, the overall F1 and the severity accuracy (common
against serious, on matched adverse effects). Each figure may drop at most 0.01 below the
one recorded in ``recorded_scores.json``; raise the recorded figures when a change improves
them (never lower them to make a change pass).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
RECORDED = Path(__file__).with_name("recorded_scores.json")
TOLERANCE = 0.01
CORPORA = {
    "examples": ROOT / "examples",
    "dev-a": SHARED / "corpus" / "dev-a",
    "dev-b": SHARED / "corpus" / "dev-b",
    "dev-c": SHARED / "corpus" / "dev-c",
}
_FIELD = re.compile(r"^(\w+)\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s+\d+/\d+/\d+$")
_OVERALL = re.compile(r"^overall P [\d.]+ R [\d.]+ F1 ([\d.]+)$")
_SEVERITY = re.compile(r"^severity \(common vs serious\) accuracy on matched adverse effects: "
                       r"([\d.]+)\b")


def scores(corpus: Path) -> dict[str, float]:
    """{field: strict F1, 'overall': F1, 'severity': accuracy} for one corpus, from the
    scorer's report."""
    drugkg = Path(sys.executable).with_name("drugkg")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(corpus), "--cmd", str(drugkg), "--strict",
         "--errors", "0"], capture_output=True, text=True, timeout=600, check=True).stdout
    found: dict[str, float] = {}
    for line in out.splitlines():
        if m := _FIELD.match(line.strip()):
            found[m[1]] = float(m[2])
        elif m := _OVERALL.match(line.strip()):
            found["overall"] = float(m[1])
        elif m := _SEVERITY.match(line.strip()):
            found["severity"] = float(m[1])
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CORPORA))
def test_strict_scores_do_not_fall(name):
    if not SCORER.exists() or not (CORPORA[name] / "gold").is_dir():
        pytest.skip(f"the scorer or the {name} corpus is not beside the project ({SHARED})")
    recorded = json.loads(RECORDED.read_text())[name]
    measured = scores(CORPORA[name])
    assert set(recorded) <= set(measured), "the scorer's report lost a field"
    fallen = {field: (recorded[field], measured[field]) for field in recorded
              if measured[field] < recorded[field] - TOLERANCE}
    assert not fallen, f"{name}: strict F1 fell (recorded, measured): {fallen}"
