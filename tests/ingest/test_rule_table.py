"""docs/extraction.md's rule table and the code agree: every rule a fact records is listed,
and every rule listed under a module of ingest/rules/ is named in that module."""

from __future__ import annotations

import re

from drugkg.ingest.assemble import assemble
from drugkg.ingest.monograph import read_monograph
from tests.conftest import EXAMPLES, ROOT

DOC = ROOT / "docs" / "extraction.md"
RULES = ROOT / "ingest" / "rules"
# '| `list.lead-distributes` | lists | ... |'
ROW = re.compile(r"^\| `(?P<id>[a-z]+\.[a-z.-]+)` \| (?P<module>[^|]+) \|", re.M)
# the ids of facts read where their section states them ('adverse-effect.in-side-effects.list')
SECTION_RULE = re.compile(r"[a-z-]+\.in-[a-z-]+(?:\.list)?")


def _table() -> dict[str, list[str]]:
    """Rule id -> the modules its row names."""
    return {m["id"]: [name.strip(" `") for name in m["module"].split(",")]
            for m in ROW.finditer(DOC.read_text(encoding="utf-8"))}


def test_every_listed_rule_of_a_rule_module_is_named_there():
    table = _table()
    assert {"risk.fetal-harm", "list.lead-distributes", "assert.neither-prohibits"} <= set(table)
    unnamed = []
    for rule, modules in table.items():
        for module in modules:
            path = RULES / f"{module}.py"
            if "/" in module or "." in module:
                continue  # a module outside ingest/rules/, e.g. `ingest/subjects.py`
            assert path.exists(), f"{rule}: no module {path}"
            if rule not in path.read_text(encoding="utf-8"):
                unnamed.append((rule, module))
    assert unnamed == []


def test_every_listed_rule_is_named_in_a_test():
    """Each rule has a test that names it (in its name or docstring)."""
    tests = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests").rglob("*.py")
                    if path.name != "test_rule_table.py")
    assert sorted(rule for rule in _table() if rule not in tests) == []


def test_every_rule_the_examples_record_is_listed(matcher):
    table = _table()
    recorded = set()
    for path in sorted((EXAMPLES / "monographs").glob("*.md")):
        _, facts = assemble(read_monograph(path), matcher)
        recorded |= {fact.rule for fact in facts}
    assert "" not in recorded  # every fact says which rule made it
    assert {"risk.signalled-by-effect", "adverse-effect.in-side-effects.list"} <= recorded
    assert sorted(r for r in recorded if r not in table and not SECTION_RULE.fullmatch(r)) == []
