"""The commands in the README's "Use" section and the HTTP examples of docs/api.md run
against the bundled examples: each exits 0 (HTTP 200) with a non-empty answer.

The README's synopsis lines (``drugkg query NAME|FILE.rq [--format table|json|csv|tsv]``)
run in their shortest form, and once more for each ``--format`` they list."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from drugkg.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
API = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^ *```(?:sh|bash)\n(.*?)^ *```", re.M | re.S)
# what a synopsis's placeholders stand for, over the examples
PLACEHOLDERS = {"PATH...": "examples/monographs", "NAME|FILE.rq": "gaba-dependence"}
SLOW = {"reason", "check"}  # the OWL reasoner starts a JVM
# long-running or needing what the examples do not have
SKIP = {"serve": "serves until stopped; the HTTP examples below run on the same app"}


def section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def code_lines(text: str, command: str) -> list[str]:
    """The lines of the fenced shell blocks of ``text`` that run ``command``."""
    return [line.strip() for block in FENCE.findall(text) for line in block.splitlines()
            if line.strip().startswith(command + " ")]


def invocations(line: str) -> list[list[str]]:
    """The argument lists a README line stands for: a concrete command as it is; a synopsis
    without its optional [parts], and with each --format it offers."""
    line = re.sub(r"\s+#.*$", "", line)
    formats = [choice for group in re.findall(r"\[--format ([^\]]+)\]", line)
               for choice in group.split("|")]
    words = shlex.split(re.sub(r"\s*\[[^\]]*\]", "", line))[1:]
    words = [PLACEHOLDERS.get(w, w) for w in words]
    return [words] + [[*words, "--format", f] for f in formats]


COMMANDS = [args for line in code_lines(section(README, "Use"), "drugkg")
            for args in invocations(line)]


def _param(args: list[str]):
    marks = [pytest.mark.slow] if args[0] in SLOW else []
    if args[0] in SKIP:
        marks.append(pytest.mark.skip(reason=SKIP[args[0]]))
    files = [a for a in args[1:] if re.search(r"\.(?:zip|json|xml)$", a)]
    if files and not all((ROOT / f).exists() for f in files):
        marks.append(pytest.mark.skip(reason=f"{files[0]} is a download (docs/labels.md)"))
    return pytest.param(args, id=" ".join(args), marks=marks)


def test_the_readme_use_section_is_read():
    assert len({args[0] for args in COMMANDS}) >= 10  # ingest, cards, query, ask, stats, ...
    assert ["query", "gaba-dependence", "--format", "csv"] in COMMANDS
    assert ["query", "contraindicated-in", "--param", "term=glaucoma"] in COMMANDS


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder with the examples (linked) and a store they were ingested into."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "examples").symlink_to(ROOT / "examples")
    return folder


@pytest.fixture
def runner(workdir, monkeypatch) -> CliRunner:
    monkeypatch.chdir(workdir)
    cli = CliRunner(env={"DRUGKG_STORE": f"oxigraph:{workdir / 'kg'}"})
    if not (workdir / "kg").exists():
        result = cli.invoke(main, ["ingest", "examples/monographs", "--quiet"])
        assert result.exit_code == 0, result.output
    return cli


@pytest.mark.parametrize("args", [_param(a) for a in COMMANDS])
def test_readme_command(runner, workdir, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    output = result.stdout_bytes
    if "--output" in args or "-o" in args:
        output = (workdir / args[args.index("--output" if "--output" in args else "-o") + 1]
                  ).read_bytes()
    assert output.strip() or args[0] == "ingest", result.output  # ingest reports on stderr
    if args[0] == "ingest":
        assert "0 failed" in result.stderr


CURLS = code_lines(API, "curl")


def request_of(line: str) -> tuple[str, str, dict[str, str], dict[str, str]]:
    """(method, path with query, headers, form) of one curl command line."""
    words = shlex.split(line)[1:]
    headers, form, url = {}, {}, None
    while words:
        word = words.pop(0)
        if word == "-H":
            key, _, value = words.pop(0).partition(":")
            headers[key.strip()] = value.strip()
        elif word == "--data-urlencode":
            key, _, value = words.pop(0).partition("=")
            form[key] = value
        else:
            url = word
    assert url, line
    parts = urlsplit(url)
    return ("POST" if form else "GET", parts.path + (f"?{parts.query}" if parts.query else ""),
            headers, form)


def test_docs_api_examples_are_read():
    assert len(CURLS) >= 10
    assert any("/api/ask?" in line for line in CURLS)


@pytest.mark.parametrize("line", CURLS)
def test_docs_api_example(examples_store, line):
    from drugkg.server import create_app

    method, path, headers, form = request_of(line)
    client = create_app({}, store=examples_store).test_client()
    response = client.open(path, method=method, headers=headers, data=form or None)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    body = response.get_data()
    assert body.strip()
    if headers.get("Accept"):
        assert response.mimetype == headers["Accept"]
    if response.mimetype == "application/json":
        data = response.get_json()
        assert data and data != {"results": {"bindings": []}}
