"""Ingest with worker processes: they share the parent's matcher, report a file's failure as
that file's, and leave Ctrl-C to the parent (no traceback from any of them)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks import corpus
from drugkg.ingest import run
from drugkg.ontology import recognise
from tests.conftest import BASE, EXAMPLES

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="workers share the matcher only when forked")


@needs_fork
def test_forked_workers_use_the_matcher_the_parent_built(store, tmp_path, monkeypatch):
    builders = tmp_path / "builders"
    built = recognise.Matcher.__init__

    def recording(self, lexicon):
        with builders.open("a") as out:
            out.write(f"{os.getpid()}\n")
        built(self, lexicon)

    monkeypatch.setattr(recognise.Matcher, "__init__", recording)
    recognise.matcher_for.cache_clear()
    try:
        report = run.ingest([EXAMPLES / "monographs"], store, base=BASE, jobs=2)
    finally:
        recognise.matcher_for.cache_clear()  # not keep the instrumented one for other tests
    assert report.ok and report.ingested >= 10
    assert builders.read_text().split() == [str(os.getpid())]


@needs_fork
def test_a_worker_error_is_that_files_failure(store, tmp_path, monkeypatch):
    folder = tmp_path / "pages"
    shutil.copytree(EXAMPLES / "monographs", folder)
    assemble = run.assemble

    def failing(monograph, matcher):
        if monograph.path.name == "zolpidem.md":
            raise RuntimeError("rule exploded")
        return assemble(monograph, matcher)

    monkeypatch.setattr(run, "assemble", failing)  # forked workers inherit the patch
    report = run.ingest([folder], store, base=BASE, jobs=2)
    assert [(Path(f.path).name, f.reason) for f in report.failures] == [
        ("zolpidem.md", "internal error RuntimeError: rule exploded")]
    assert report.ingested == report.files - 1


@pytest.mark.slow
def test_ctrl_c_stops_every_process_without_a_traceback(tmp_path):
    corpus.generate(tmp_path / "pages", 600, seed=0)
    drugkg = Path(sys.executable).parent / "drugkg"
    child = subprocess.Popen([str(drugkg), "ingest", str(tmp_path / "pages"), "--jobs", "2",
                              "--store", f"oxigraph:{tmp_path}/kg", "--quiet"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None and \
            len(children.read_text().split()) < 2:
        time.sleep(0.05)  # the workers start once the parent has built the matcher
    time.sleep(1.0)  # pages under way in both workers
    assert child.poll() is None, child.communicate()
    os.killpg(child.pid, signal.SIGINT)  # as a terminal sends it: to every process
    _, err = child.communicate(timeout=120)
    assert child.returncode == 130, err
    assert "interrupted" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
