"""Existing SPARQL engines started as throwaway subprocesses, for the tests and benchmarks:
Oxigraph server (PyPI's oxigraph) and OpenLink Virtuoso (Debian's virtuoso-opensource).

Each runs on a database in a directory of its own, on free loopback ports, and stops (its
data left to the caller's temp dir) when the block ends. docs/remote-stores.md shows the
same set-up by hand.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import free_port, tool, wait


@contextmanager
def oxigraph_server(data: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """``oxigraph serve`` with the union default graph; yields (query URL, process)."""
    port = free_port()
    proc = subprocess.Popen(
        [tool("oxigraph"), "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=30)
        yield f"http://127.0.0.1:{port}/query", proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = virtuoso.db
ErrorLogFile       = virtuoso.log
LockFile           = virtuoso.lck
TransactionFile    = virtuoso.trx
xa_persistent_file = virtuoso.pxa

[TempDatabase]
DatabaseFile    = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx

[Parameters]
ServerPort         = {isql_port}
DisableUnixSocket  = 1
DirsAllowed        = .
CheckpointInterval = 60
; 8 KB pages held in memory: Virtuoso advises about 2/3 of the RAM given to it
NumberOfBuffers    = {buffers}
MaxDirtyBuffers    = {dirty}

[HTTPServer]
ServerPort           = {http_port}
ServerRoot           = .
ServerThreads        = 10
MaxClientConnections = 10

[SPARQL]
; Debian's default ini caps every answer at 10,000 rows, silently: drugkg reads all of
; them (one row per graph when it compares digests)
ResultSetMaxRows      = 100000000
MaxQueryExecutionTime = 0
"""
VIRTUOSO_GRANT = 'GRANT SPARQL_UPDATE TO "SPARQL";'


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot run here, or None."""
    if shutil.which("virtuoso-t") and shutil.which("isql-vt"):
        return None
    return ("OpenLink Virtuoso is not installed: apt-get install virtuoso-opensource "
            "(.ci/run does)")


@contextmanager
def virtuoso(data: Path, *, buffers: int = 10_000,
             start_timeout: float = 60) -> Iterator[tuple[str, subprocess.Popen]]:
    """A Virtuoso database in ``data`` (fresh unless one is there; ``virtuoso.ini`` written),
    the SPARQL user granted updates; yields (query/update URL, process)."""
    http_port, isql_port = free_port(), free_port()
    data.mkdir(parents=True, exist_ok=True)
    (data / "virtuoso.ini").write_text(VIRTUOSO_INI.format(
        isql_port=isql_port, http_port=http_port, buffers=buffers, dirty=buffers * 3 // 4))
    log = (data / "virtuoso.out").open("wb")
    proc = subprocess.Popen(["virtuoso-t", "-f", "-c", "virtuoso.ini"], cwd=data,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        try:
            wait(url + "?query=ASK%7B%7D", timeout=start_timeout)
        except RuntimeError as exc:
            tail = (data / "virtuoso.out").read_text(errors="replace")[-1500:]
            raise RuntimeError(f"{exc}; Virtuoso said:\n{tail}") from None
        # a fresh database's dba password is dba; the grant lets /sparql run updates
        subprocess.run(["isql-vt", str(isql_port), "dba", "dba", f"exec={VIRTUOSO_GRANT}"],
                       check=True, capture_output=True, timeout=60)
        yield url, proc
    finally:
        # shutdown checkpoints first; killed, Virtuoso replays its transaction log on the next
        # start (minutes at 10,000 pages)
        subprocess.run(["isql-vt", str(isql_port), "dba", "dba", "exec=shutdown;"],
                       capture_output=True, timeout=600, check=False)
        try:
            proc.wait(timeout=600)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
