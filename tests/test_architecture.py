"""The layering rule of decision 0001, checked on the source: foundation -> stages -> faces.

Every module of the installed packages (found through pyproject.toml's package-dir, so
``ingest/run.py`` is ``drugkg.ingest.run``) is parsed with ``ast``, and every import in it,
lazy ones inside functions included, must point at its own band or a band below. A stage
does not import another stage, a face does not import another face, except for the few
public entry points declared in ``DECLARED_ENTRY_POINTS``.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

FOUNDATION, STAGE, FACE = 0, 1, 2
BAND_NAMES = {FOUNDATION: "foundation", STAGE: "stage", FACE: "face"}

# The modules at the top of drugkg/ that are the foundation. drugkg/ holds all three bands,
# so a new module there fails test_every_module_has_a_band until it is given one here.
FOUNDATION_MODULES = {"drugkg", "drugkg.errors", "drugkg.config", "drugkg.store",
                      "drugkg.federation", "drugkg.corpus", "drugkg.sparql", "drugkg.formats"}
# Whole packages and their band; each stage and each face is a unit of its own.
UNITS = {
    "drugkg.ontology": FOUNDATION,
    "drugkg.ingest": STAGE,
    "drugkg.queries": STAGE,
    "drugkg.publish": STAGE,
    "drugkg.server": FACE,
    "drugkg.cli": FACE,
}

# Imports across units of one band that are allowed: (importer's unit, imported module) ->
# the names it may take from that module. Keep this as small as possible; anything two
# stages share belongs in the foundation instead.
DECLARED_ENTRY_POINTS = {
    # `drugkg serve` starts the web app. It takes the app factory and waitress's options
    # from the server package itself (server/__init__.py), never from a server submodule.
    ("drugkg.cli", "drugkg.server"): frozenset({"create_app", "server_options"}),
}

# The web and command-line frameworks belong to the faces: no Flask in result
# serialisation, no click in a stage.
FACE_FRAMEWORKS = {"click", "flask", "jinja2", "waitress", "werkzeug"}


def _installed_modules() -> dict[str, Path]:
    """Module name -> source file, for every package pyproject.toml installs."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    package_dir: dict[str, str] = setuptools["package-dir"]
    modules = {}
    for package in setuptools["packages"]:
        root = max((name for name in package_dir
                    if package == name or package.startswith(name + ".")), key=len)
        folder = ROOT / package_dir[root] / Path(*package[len(root):].split(".")[1:])
        for path in sorted(folder.glob("*.py")):
            modules[package if path.stem == "__init__" else f"{package}.{path.stem}"] = path
    return modules


MODULES = _installed_modules()
PACKAGES = {module for module, path in MODULES.items() if path.name == "__init__.py"}


def unit_of(module: str) -> tuple[int, str] | None:
    """(band, unit) of a module: the foundation is one unit, each stage and face another."""
    if module in FOUNDATION_MODULES:
        return FOUNDATION, "foundation"
    for unit, band in UNITS.items():
        if module == unit or module.startswith(unit + "."):
            return band, "foundation" if band == FOUNDATION else unit
    return None


def _imports(module: str, tree: ast.Module, known: set[str]):
    """(node, imported module, name taken or None) for every import in the tree.
    ``from package import sub`` imports the module ``package.sub`` when that is a module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the importer's package, up level - 1 packages
                parts = module.split(".") if module in PACKAGES else module.split(".")[:-1]
                parts = parts[:len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    yield node, f"{base}.{alias.name}", None
                else:
                    yield node, base, alias.name


def violations(module: str, source: str, known: set[str], where: str = "") -> list[str]:
    """Each import in ``source`` (the module ``module``) that breaks the layering rule, as
    ``file:line (module): import -- why``."""
    tree = ast.parse(source)
    band, unit = unit_of(module) or (None, None)
    found = []
    for node, target, name in _imports(module, tree, known):
        why = None
        top = target.split(".")[0]
        if top in FACE_FRAMEWORKS:
            if band != FACE:
                why = f"{top} belongs to the faces, not the {BAND_NAMES.get(band, 'unbanded')}"
        elif top == "drugkg":
            if band is None:
                why = "the importing module has no band"
            elif (placed := unit_of(target)) is None:
                why = f"{target} has no band"
            elif placed[0] > band:
                why = f"a {BAND_NAMES[band]} imports a {BAND_NAMES[placed[0]]} ({placed[1]})"
            elif placed[0] == band and placed[1] != unit and name not in (
                    DECLARED_ENTRY_POINTS.get((unit, target), ())):
                why = (f"a {BAND_NAMES[band]} imports another {BAND_NAMES[band]} "
                       f"({placed[1]}) outside DECLARED_ENTRY_POINTS")
        if why:
            found.append(f"{where or module}:{node.lineno} ({module}): "
                         f"{ast.unparse(node)} -- {why}")
    return found


def test_every_module_is_found():
    """The scan reads each .py file under the installed folders (none left out of
    pyproject's packages) and names them as Python imports them."""
    scanned = set(MODULES.values())
    roots = {ROOT / folder for folder in tomllib.loads(
        (ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"].values()}
    on_disk = {path for root in roots for path in root.rglob("*.py")}
    assert on_disk - scanned == set()
    assert MODULES["drugkg.ingest.run"] == ROOT / "ingest" / "run.py"
    assert MODULES["drugkg.publish.cards"] == ROOT / "drugkg" / "publish" / "cards.py"
    assert MODULES["drugkg.server"] == ROOT / "server" / "__init__.py"
    assert {"drugkg", "drugkg.cli", "drugkg.queries.ask", "drugkg.ontology.identifiers",
            "drugkg.server.api"} <= set(MODULES)


def test_every_module_has_a_band():
    assert [module for module in MODULES if unit_of(module) is None] == []
    assert unit_of("drugkg.ontology.identifiers") == (FOUNDATION, "foundation")
    assert unit_of("drugkg.publish.cards") == (STAGE, "drugkg.publish")
    assert unit_of("drugkg.server.api") == (FACE, "drugkg.server")
    assert unit_of("drugkg.cli") == (FACE, "drugkg.cli")
    assert unit_of("drugkg.report") is None  # a new module in drugkg/ must be given a band


def test_imports_flow_down_the_bands():
    found, seen = [], set()
    for module, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        found += violations(module, source, set(MODULES),
                            where=path.relative_to(ROOT).as_posix())
        seen |= {(module, target) for _, target, _ in _imports(module, ast.parse(source),
                                                               set(MODULES))}
    assert found == [], "imports against the layering rule:\n" + "\n".join(found)
    # the scan saw imports at the top, inside functions (the CLI's) and by `from pkg import mod`
    assert {("drugkg.queries.ask", "drugkg.ontology.recognise"),
            ("drugkg.cli", "drugkg.ingest.run"), ("drugkg.cli", "drugkg.server"),
            ("drugkg.server", "drugkg.queries")} <= seen


def test_every_declared_entry_point_is_used():
    """An entry in DECLARED_ENTRY_POINTS that no import needs any more is removed."""
    used = {((unit_of(module) or (None, None))[1], target, name)
            for module, path in MODULES.items()
            for _, target, name in _imports(module, ast.parse(path.read_text(encoding="utf-8")),
                                            set(MODULES))}
    declared = {(unit, target, name)
                for (unit, target), names in DECLARED_ENTRY_POINTS.items() for name in names}
    assert declared - used == set()
    for unit, target in DECLARED_ENTRY_POINTS:  # each crosses units of one band, or is moot
        band, other = unit_of(target)
        assert band == unit_of(unit)[0] and other != unit


@pytest.mark.parametrize(("module", "source", "expected"), [
    ("drugkg.errors", "from drugkg.ingest.run import ingest\n",
     "drugkg.errors:1 (drugkg.errors): from drugkg.ingest.run import ingest -- "
     "a foundation imports a stage (drugkg.ingest)"),
    ("drugkg.queries.ask", "def match():\n    from drugkg.ingest import labels\n",
     "drugkg.queries.ask:2 (drugkg.queries.ask): from drugkg.ingest import labels -- "
     "a stage imports another stage (drugkg.ingest) outside DECLARED_ENTRY_POINTS"),
    ("drugkg.publish.cards", "from ..queries.ask import ask\n",
     "drugkg.publish.cards:1 (drugkg.publish.cards): from ..queries.ask import ask -- "
     "a stage imports another stage (drugkg.queries) outside DECLARED_ENTRY_POINTS"),
    ("drugkg.ingest.run", "import os\nimport drugkg.server.api\n",
     "drugkg.ingest.run:2 (drugkg.ingest.run): import drugkg.server.api -- "
     "a stage imports a face (drugkg.server)"),
    ("drugkg.ontology.lexicon", "from drugkg import cli\n",
     "drugkg.ontology.lexicon:1 (drugkg.ontology.lexicon): from drugkg import cli -- "
     "a foundation imports a face (drugkg.cli)"),
    ("drugkg.server.api", "from drugkg.cli import main\n",
     "drugkg.server.api:1 (drugkg.server.api): from drugkg.cli import main -- "
     "a face imports another face (drugkg.cli) outside DECLARED_ENTRY_POINTS"),
    ("drugkg.cli", "from drugkg.server import api\n",
     "drugkg.cli:1 (drugkg.cli): from drugkg.server import api -- "
     "a face imports another face (drugkg.server) outside DECLARED_ENTRY_POINTS"),
    ("drugkg.cli", "from drugkg.server.state import state\n",
     "drugkg.cli:1 (drugkg.cli): from drugkg.server.state import state -- "
     "a face imports another face (drugkg.server) outside DECLARED_ENTRY_POINTS"),
    ("drugkg.queries.results", "class R:\n    def f(self):\n        import flask\n",
     "drugkg.queries.results:3 (drugkg.queries.results): import flask -- "
     "flask belongs to the faces, not the stage"),
    ("drugkg.reports", "from drugkg.errors import DrugkgError\n",
     "drugkg.reports:1 (drugkg.reports): from drugkg.errors import DrugkgError -- "
     "the importing module has no band"),
    # allowed: down the bands, within a stage, and the declared entry point
    ("drugkg.cli", "from drugkg.server import create_app, server_options\n", None),
    ("drugkg.server.api", "from drugkg.queries.ask import ask\nfrom drugkg import formats\n",
     None),
    ("drugkg.publish.export", "from drugkg.publish.mappings import collect\n", None),
    ("drugkg.ingest.run", "from drugkg.ontology import DKG\nfrom . import ledger\n", None),
])
def test_the_check_reports_a_broken_rule(module, source, expected):
    """A synthetic module: the check names the module, line and import of each violation,
    and passes the imports the rule allows."""
    found = violations(module, source, set(MODULES))
    if expected is None:
        assert found == []
    else:
        assert found == [expected]
