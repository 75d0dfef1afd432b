"""Newcomer papercuts (issue 15): each is one clear line and the right exit status, never
a traceback or a silent success."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from drugkg.cli import main
from drugkg.store import open_store
from tests.conftest import EXAMPLES, ROOT

PAGE = EXAMPLES / "monographs" / "bupropion.md"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def kg(tmp_path_factory) -> str:
    store = f"oxigraph:{tmp_path_factory.mktemp('papercuts') / 'kg'}"
    assert run("ingest", str(PAGE), "--store", store, "-q").exit_code == 0
    return store


def test_a_typod_store_is_refused_by_read_commands_and_not_created(tmp_path):
    missing = tmp_path / "kgg"
    for command in ("stats", "cards", "links"):
        result = run(command, "--store", f"oxigraph:{missing}")
        assert result.exit_code == 2, command
        assert "no store at" in result.output and "Traceback" not in result.output
    assert not missing.exists()


def test_read_commands_run_while_another_process_holds_the_store(kg):
    held = open_store(kg)  # as 'drugkg serve' holds it
    try:
        result = run("stats", "--store", kg)
        assert result.exit_code == 0, result.output
        assert "monograph graphs" in result.output
        cards = json.loads(run("cards", "--store", kg, "--format", "json").output)
        assert [c["label"] for c in cards] == ["bupropion"]
    finally:
        del held


def test_reason_without_java_is_one_line_and_not_the_violation_code(kg, monkeypatch):
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    for command in ("reason", "check"):
        result = run(command, "--store", kg)
        assert result.exit_code == 2, command  # 1 means violations
        assert "no Java runtime" in result.output and "Traceback" not in result.output


def test_serve_on_a_busy_port_is_one_line_before_any_banner(kg):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    try:
        result = run("serve", "--store", kg, "--port", str(busy.getsockname()[1]))
    finally:
        busy.close()
    assert result.exit_code == 2
    assert "cannot listen on" in result.output
    assert "drugkg on http" not in result.output and "Traceback" not in result.output


def test_a_folder_without_monographs_is_an_error(tmp_path):
    empty = tmp_path / "notes"
    empty.mkdir()
    (empty / "todo.txt").write_text("x", encoding="utf-8")
    result = run("ingest", str(empty), "--store", f"oxigraph:{tmp_path / 'kg'}")
    assert result.exit_code == 2
    assert "no monograph files" in result.output


def test_query_files(kg, tmp_path):
    missing = run("query", str(tmp_path / "nope.rq"), "--store", kg)
    assert missing.exit_code == 2
    assert "no such query file" in missing.output and "no named query" not in missing.output
    adhoc = tmp_path / "count.rq"
    adhoc.write_text("# how many graphs\nSELECT (COUNT(DISTINCT ?g) AS ?n) WHERE "
                     "{ GRAPH ?g { ?s ?p ?o } }\n", encoding="utf-8")
    result = run("query", str(adhoc), "--store", kg, "--format", "json")
    assert result.exit_code == 0, result.output
    assert int(json.loads(result.output)["results"]["bindings"][0]["n"]["value"]) >= 1


def test_the_readme_set_up_line_names_its_prerequisites():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme[readme.index("## Set up and run"):readme.index("## Browse")]
    assert "npm" in setup and "Java" in setup and "apt-get install" in setup
    assert Path(ROOT / "README.md").is_file()


def test_ctrl_c_is_one_line_and_its_own_exit_status(tmp_path, monkeypatch):
    import drugkg.ingest.run

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(drugkg.ingest.run, "ingest", interrupted)
    result = run("ingest", str(PAGE), "--store", f"oxigraph:{tmp_path / 'kg'}", "-q")
    assert result.exit_code == 130
    assert "interrupted" in result.output and "Traceback" not in result.output
