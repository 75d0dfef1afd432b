"""The rule modules import one way: shared text structure -> subject and assertion status ->
one module per predicate -> the block reader -> assemble.py; none takes another's private
names."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

RULES = ROOT / "ingest" / "rules"
# lower layers first; a module may import only modules of a lower layer (or model and cues)
LAYERS = {
    "sentences": 0, "lists": 0,
    "subject": 1, "status": 1,
    "classes": 2, "mechanisms": 2, "indications": 2, "effects": 2, "contraindications": 2,
    "interactions": 2,
    "blocks": 3,
}
PACKAGE = "drugkg.ingest.rules"


def _imports(path):
    """(imported module of drugkg.ingest, names taken) for each import in a file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("drugkg.ingest"):
            for alias in node.names:
                if f"{node.module}.{alias.name}".removeprefix(f"{PACKAGE}.") in LAYERS:
                    yield f"{node.module}.{alias.name}", None  # 'from ...rules import status'
                else:
                    yield node.module, alias.name


def test_every_rule_module_has_a_layer():
    assert {p.stem for p in RULES.glob("*.py")} - {"__init__"} == set(LAYERS)


def test_rule_modules_import_one_way_and_no_private_names():
    wrong = []
    for module, layer in LAYERS.items():
        for target, name in _imports(RULES / f"{module}.py"):
            if name is not None and name.startswith("_"):
                wrong.append(f"{module} takes {target}.{name}")
            if target == "drugkg.ingest.assemble":
                wrong.append(f"{module} imports the reader")
            if target.startswith(f"{PACKAGE}."):
                imported = target.removeprefix(f"{PACKAGE}.")
                if LAYERS[imported] >= layer:
                    wrong.append(f"{module} (layer {layer}) imports {imported} "
                                 f"(layer {LAYERS[imported]})")
    assert wrong == []


def test_the_check_sees_imports():
    """The scan finds what the modules import (it would pass vacuously otherwise)."""
    taken = set(_imports(RULES / "mechanisms.py"))
    assert (f"{PACKAGE}.status", None) in taken
    assert (f"{PACKAGE}.subject", "Page") in taken
