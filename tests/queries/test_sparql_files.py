"""SPARQL text lives in .rq files only: no Python module holds a query, every internal query
parses, and the shared paths expand to complete SPARQL."""

from __future__ import annotations

import ast
import re

import pyoxigraph as ox
import pytest

from drugkg import queries, sparql
from tests.conftest import ROOT

PACKAGES = ["drugkg", "ingest", "ontology", "queries", "server"]
# Query forms, and the update forms drugkg writes; text in docstrings does not count.
QUERY_TEXT = re.compile(r"\bSELECT\b[^\"']*\bWHERE\b|\bSELECT\s+(?:DISTINCT\s+)?[?(*]"
                        r"|\bCONSTRUCT\s*\{|\bASK\s*\{|\bDESCRIBE\s+[?<]|\bPREFIX\s+\w*:\s*<")
UPDATE_TEXT = re.compile(r"\b(?:INSERT|DELETE)(?:\s+DATA)?\s*\{|\bDROP\s+(?:SILENT\s+)?GRAPH\b")
# The embedded store writes quads it was given as INSERT DATA / DROP GRAPH: its protocol,
# not a query.
WRITE_PROTOCOL = {"drugkg/store.py"}


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string literal and f-string (``{}`` where values go), without
    docstrings."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                                | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    inside_fstrings = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                       for v in node.values}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            out.append((node.lineno, "".join(v.value if isinstance(v, ast.Constant) else "{}"
                                             for v in node.values)))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in docstrings and id(node) not in inside_fstrings):
            out.append((node.lineno, node.value))
    return out


def _sparql_in_python() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            # adjacent literals are one string to Python: join them per statement line
            for line, text in _strings(tree):
                if QUERY_TEXT.search(text) or (name not in WRITE_PROTOCOL
                                               and UPDATE_TEXT.search(text)):
                    found.append(f"{name}:{line}: {' '.join(text.split())[:70]}")
    return found


def test_no_python_module_holds_sparql_text():
    assert _sparql_in_python() == []


def test_the_scan_finds_sparql_written_in_python():
    tree = ast.parse('Q = "SELECT ?s WHERE { ?s ?p ?o }"\nU = f"INSERT DATA {{ {x} }}"\n'
                     'def f():\n    """SELECT in a docstring is prose."""\n')
    texts = [t for _, t in _strings(tree)]
    assert any(QUERY_TEXT.search(t) for t in texts)
    assert any(UPDATE_TEXT.search(t) for t in texts)
    assert not any(QUERY_TEXT.search(t) for t in texts if "prose" in t)


INTERNAL = sorted(p.stem for p in (sparql.query_dir() / "internal").glob("*.rq"))


@pytest.mark.parametrize("name", INTERNAL)
def test_every_internal_query_parses(name):
    text = sparql.load(name)
    assert "path:" not in re.sub(r"#[^\n]*", "", text)  # every shared path was put in place
    try:
        ox.Store().query(text)
    except SyntaxError:  # an update, then
        ox.Store().update(text)


def test_internal_queries_are_found():
    assert {"card-transmitters", "card-facts", "vocabulary-mappings"} <= set(INTERNAL)


def test_the_acts_on_path_is_written_once_and_expanded_everywhere():
    path = sparql.path("acts-on")
    assert path == ("(dkg:actsOn|dkg:hasMechanism/dkg:actsOn"
                    "|dkg:inClass/dkg:hasMechanism/dkg:actsOn)")
    for name in ("acts-on", "gaba-dependence", "transmitters-of", "serotonin-syndrome-pairs"):
        text = (queries.HERE / f"{name}.rq").read_text(encoding="utf-8")
        assert "path:acts-on" in text and "dkg:hasMechanism/dkg:actsOn" not in text, name
        assert path in queries.get(name).sparql, name
    # nothing else spells the path out
    for rq in sorted(queries.HERE.rglob("*.rq")):
        if rq.parent.name != "paths":
            assert "dkg:hasMechanism/dkg:actsOn" not in rq.read_text(encoding="utf-8"), rq


def test_the_graph_scoped_form_reaches_what_the_path_reaches(examples_store):
    """``path:acts-on(?d, ?t, ?g)`` (the drug's own fact in ?g) and ``path:acts-on`` agree on
    the examples, graphs set aside."""
    prefixes = sparql.load("card-drugs").split("SELECT", 1)[0]
    plain = sparql.expand_paths("SELECT DISTINCT ?d ?t WHERE { ?d path:acts-on ?t }")
    scoped = sparql.expand_paths("SELECT DISTINCT ?d ?t WHERE { path:acts-on(?d, ?t, ?g) }")
    pairs = [{(r["d"], r["t"]) for r in examples_store.select(prefixes + text)}
             for text in (plain, scoped)]
    assert pairs[0] == pairs[1]
    assert len(pairs[0]) > 20


def test_legs_split_each_alternative_at_its_first_step():
    assert sparql.path_legs("acts-on") == (
        ("dkg:actsOn", ""), ("dkg:hasMechanism", "dkg:actsOn"),
        ("dkg:inClass", "dkg:hasMechanism/dkg:actsOn"))


def test_path_tokens_in_iris_strings_and_comments_stay():
    text = '<http://x/path:acts-on> "path:acts-on" # path:acts-on\n?a path:acts-on ?b'
    out = sparql.expand_paths(text)
    assert out.startswith('<http://x/path:acts-on> "path:acts-on" # path:acts-on\n')
    assert out.endswith(f"?a {sparql.path('acts-on')} ?b")


def test_an_unknown_path_is_a_clear_error():
    from drugkg.errors import QueryError

    with pytest.raises(QueryError, match="no shared path 'acts-of'"):
        sparql.expand_paths("?a path:acts-of ?b")


def test_a_template_slot_takes_lines_at_its_indentation_or_goes():
    from drugkg.errors import QueryError

    template = "SELECT ?d WHERE {\n  #{found}\n  ?d a dkg:Drug .\n  #{tests}\n}\n"
    assert sparql.fill(template, found=["?d dkg:hasRisk ?r .", "?r a dkg:Risk ."], tests=[]) \
        == "SELECT ?d WHERE {\n  ?d dkg:hasRisk ?r .\n  ?r a dkg:Risk .\n  ?d a dkg:Drug .\n}\n"
    with pytest.raises(QueryError, match="missing \\['tests'\\]"):
        sparql.fill(template, found=[])
    with pytest.raises(QueryError, match="unknown \\['other'\\]"):
        sparql.fill(template, found=[], tests=[], other=[])
