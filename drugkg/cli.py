"""The ``drugkg`` command: the one place that wires ingest, store, queries and server."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from drugkg import __version__
from drugkg.config import DEFAULTS, load_config
from drugkg.errors import DrugkgError
from drugkg.store import Store
from drugkg.store import open_store as _open_store

# Options that are settings have no Click default and read no environment variable
# themselves: a value not given on the command line is None, and the setting then comes
# from DRUGKG_*, drugkg.toml or the built-in default, in that order (drugkg.config).
store_option = click.option(
    "--store", "store_selector", metavar="SELECTOR",
    help="Where the graph lives: oxigraph:PATH (embedded, on disk), memory:, or "
         "sparql:QUERY_URL (a SPARQL 1.1 server).  [default: the STORE setting, "
         f"{DEFAULTS['STORE']}]",
)
base_option = click.option(
    "--base", metavar="IRI",
    help="Base IRI for products, graphs and evidence minted from monographs.  [default: the "
         f"BASE setting, {DEFAULTS['BASE']}]",
)


def settings(**given) -> dict:
    """The effective settings, with the options given on the command line (None: not
    given) over DRUGKG_* variables, over drugkg.toml, over the built-in defaults."""
    return load_config({name: value for name, value in given.items() if value is not None})


def open_store(selector: str | None, *, create: bool = False, read_only: bool = True) -> Store:
    """The store ``--store`` names, or else the STORE setting; a remote store's update URL
    and credentials come from the settings (UPDATE_URL, SPARQL_USER, SPARQL_PASSWORD).
    Commands read by default: the store must exist, and is opened read-only, so they run
    beside a ``drugkg serve`` that holds it; only ingest creates one."""
    cfg = settings(STORE=selector)
    return _open_store(cfg["STORE"], update_url=cfg["UPDATE_URL"], user=cfg["SPARQL_USER"],
                       password=cfg["SPARQL_PASSWORD"],
                       federation_allow=cfg["FEDERATION_ALLOW"], create=create,
                       read_only=read_only)


class _Group(click.Group):
    """Print drugkg's own errors as one line and exit 2 instead of a traceback; Ctrl-C is
    one line and exit 130 (1 means failed files or violations)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DrugkgError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted: what was written is kept; run the command again to go on",
                       err=True)
            ctx.exit(130)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="drugkg")
def main() -> None:
    """Drug monographs to an RDF knowledge graph you can query."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@base_option
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes that parse monographs.")
@click.option("--prune", is_flag=True, help="Drop graphs whose source file is gone.")
@click.option("--force", is_flag=True, help="Re-ingest files even when unchanged.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(paths, store_selector, base, jobs, prune, force, quiet) -> None:
    """Ingest monograph files or folders into the store.

    Besides Markdown monographs: openFDA drug label JSON (one record, an API response or a
    bulk download, zipped or not) and DailyMed SPL XML (single files or zip bundles),
    recognised by content.

    Exit status 1 if any file failed (all other files are stored).
    """
    from tqdm import tqdm

    from drugkg.ingest.run import ingest as run_ingest

    store = open_store(store_selector, create=True, read_only=False)
    show = not quiet and sys.stderr.isatty()

    def progress(results, total):
        return tqdm(results, total=total, unit="file", desc="ingest", disable=not show)

    report = run_ingest(paths, store, base=settings(BASE=base)["BASE"], jobs=jobs, prune=prune,
                        force=force, progress=progress)
    click.echo(
        f"{report.files} files"
        + (f" ({report.records} label records)" if report.records else "")
        + f": {report.ingested} ingested, {report.unchanged} unchanged, "
        f"{len(report.failures)} failed"
        + (f", {report.older} older label versions skipped" if report.older else "")
        + (f", {report.superseded} label versions superseded" if report.superseded else "")
        + (f", {report.pruned} graphs pruned" if prune else "")
        + (f"; {store.selector} holds {report.stored} triples (compacted in "
           f"{report.optimize_seconds:.1f} s)" if report.stored is not None
           else f"; {store.selector} unchanged"),
        err=True,
    )
    for failure in report.failures:
        click.echo(f"  failed: {failure}", err=True)
    for warning in report.warnings:
        click.echo(f"  warning: {warning}", err=True)
    if report.failures:
        sys.exit(1)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="table",
              show_default=True, help="jsonl: one card per line, as each is built.")
@click.option("--drug", default=None, metavar="NAME|IRI",
              help="Only this drug's cards: its name, IRI or CURIE (drug:zolpidem).")
def cards(store_selector, fmt, drug) -> None:
    """One card per drug per monograph, built by SPARQL over the store.

    Cards are written as they are built, a few hundred pages at a time, so memory stays
    flat however large the store."""
    from drugkg.publish.cards import iter_cards

    built = iter_cards(open_store(store_selector), drug=drug)
    if drug:
        built = _or_none_found(built, f"no cards for {drug!r}: no page names that drug")
    if fmt == "jsonl":
        for card in built:
            click.echo(json.dumps(card, ensure_ascii=False))
        return
    if fmt == "json":  # the array json.dumps(indent=2) would write, one card at a time
        opened = False
        for card in built:
            text = json.dumps(card, indent=2, ensure_ascii=False).replace("\n", "\n  ")
            click.echo(f"{',' if opened else '['}\n  {text}", nl=False)
            opened = True
        click.echo("\n]" if opened else "[]")
        return
    for card in built:
        ids = ", ".join(f"{k}:{v}" if ":" not in v else v for k, v in card["xrefs"].items())
        click.echo(f"{card['label']}  ({card['product']}, {card['source']})  {ids}")
        for name in ("classes", "mechanisms", "neurotransmitters", "indications",
                     "adverse_effects", "contraindications", "risks", "interactions"):
            values = [
                i["label"] + ("*" if i.get("serious") else "") + ("" if i["linked"] else "?")
                for i in card[name]
            ]
            if values:
                click.echo(f"  {name.replace('_', ' '):18} {'; '.join(values)}")
        click.echo("")
    click.echo("(* serious adverse effect, ? not linked to a vocabulary concept)")


def _or_none_found(items: Iterator, message: str) -> Iterator:
    """``items`` as they come; an error (exit status 2) if there were none."""
    found = False
    for item in items:
        found = True
        yield item
    if not found:
        raise DrugkgError(message)


def _params(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        out[key.strip()] = value.strip()
    return out


@main.command()
@click.argument("name", required=False)
@store_option
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (repeatable); IRIs may use prefixes such as target:gaba.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]),
              default="table", show_default=True)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
def query(name, store_selector, params, fmt, list_queries) -> None:
    """Run a named query (see --list) or a .rq file."""
    from drugkg import queries

    if list_queries or not name:
        for q in queries.library().values():
            args = " ".join(f"{p.name}={p.default}" for p in q.params)
            click.echo(f"{q.name:28} {q.title}" + (f"  [{args}]" if args else ""))
        return
    named = queries.get(name)
    store = open_store(store_selector)
    sparql, bindings = named.prepare(_params(params), store)
    result = store.query(sparql, bindings=bindings)
    names = [v.value for v in result.variables]
    rows = [[row[n] for n in names] for row in result]
    click.echo(render_rows(names, rows, fmt), nl=False)


@main.command()
@click.argument("question")
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def ask(question, store_selector, fmt) -> None:
    """Ask a question in plain words, e.g. "which drugs act on GABA and are habit-forming?".

    Shows how it was read, the answers and the SPARQL it ran (see docs/ask.md).
    """
    from drugkg.queries.ask import ask as run_ask

    answer = run_ask(question, open_store(store_selector))
    if fmt == "json":
        click.echo(json.dumps(answer.to_json(), indent=2, ensure_ascii=False))
        return
    for wrong, right in answer.query.corrections.items():
        click.echo(f"(read {wrong!r} as {right!r})")
    click.echo(f"reading: {answer.query.reading()}")
    for note in answer.query.notes:
        click.echo(f"  ({note})")
    for alt in answer.query.alternatives:
        click.echo(f"also possible, reading {alt.phrase!r} otherwise: {alt.query.reading()}")
    if answer.count is not None:
        click.echo(f"answer: {answer.count}")
    else:
        if answer.query.check:
            click.echo("answer: yes, stated in:" if answer.rows
                       else "answer: no (no monograph in the store states it)")
        else:
            click.echo(f"{len(answer.rows)} answer{'' if len(answer.rows) == 1 else 's'}:")
        for a in answer.rows:
            click.echo(f"  {a['label']}  {a['iri']}")
            for e in a["evidence"]:
                fact = f" ({e['fact']})" if e["fact"] else ""
                click.echo(f"    {e['source']}:{e['line']}{fact}  {e['sentence']}")
    click.echo("\nSPARQL:\n" + answer.sparql.rstrip())


def render_rows(names: list[str], rows: list[list], fmt: str) -> str:
    """SELECT results as SPARQL JSON (indented for people), the SPARQL CSV or TSV results
    formats (the endpoint's writers), or a text table."""
    from drugkg import formats
    from drugkg.queries.results import Solutions, render_solutions

    solutions = Solutions(names, rows)
    if fmt == "json":
        data = json.loads(render_solutions(solutions, "application/sparql-results+json"))
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        return render_solutions(solutions, formats.by_name(fmt, formats.SOLUTIONS).media).decode()
    values = [["" if v is None else v.value for v in row] for row in rows]
    widths = [max([len(n), *(len(r[i]) for r in values)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in values]
    lines.append(f"({len(values)} rows)")
    return "\n".join(lines) + "\n"


@main.command()
@store_option
@click.option("--host", help=f"Address to listen on.  [default: the HOST setting, "
                             f"{DEFAULTS['HOST']}]")
@click.option("--port", type=int, help=f"Port to listen on.  [default: the PORT setting, "
                                       f"{DEFAULTS['PORT']}]")
@click.option("--threads", type=int, help=f"Server threads.  [default: the THREADS setting, "
                                          f"{DEFAULTS['THREADS']}]")
def serve(store_selector, host, port, threads) -> None:
    """Serve the SPARQL endpoint, JSON API and browse UI (waitress)."""
    import socket

    from waitress.server import create_server

    from drugkg.server import create_app, server_options

    given = {name: value for name, value in (("STORE", store_selector), ("HOST", host),
                                             ("PORT", port), ("THREADS", threads))
             if value is not None}
    cfg = settings(**given)
    host, port = cfg["HOST"], cfg["PORT"]
    try:  # a busy port is one line, before the store is opened or any banner
        socket.create_server((host, port)).close()
    except OSError as exc:
        raise DrugkgError(f"cannot listen on {host}:{port}: {exc.strerror}; is another server "
                          "running there? Stop it or choose another --port") from exc
    app = create_app(given)
    server = create_server(app, host=host, port=port,
                           **server_options(app.extensions["drugkg"].config))
    click.echo(f"drugkg on http://{host}:{port}/  (SPARQL: http://{host}:{port}/sparql, "
               f"store {cfg['STORE']})", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        app.extensions["drugkg"].runner.close()


@main.command()
@store_option
@click.option("--reasoner", type=click.Choice(["hermit", "pellet"]), default="hermit",
              show_default=True)
def reason(store_selector, reasoner) -> None:
    """Run the OWL reasoner; store what it infers in the graph <.../graph/inferred>.

    Exit status 1 if the graph is inconsistent with the ontology.
    """
    from drugkg.ontology.reason import InconsistentGraphError
    from drugkg.ontology.reason import reason as run_reason

    try:
        report = run_reason(open_store(store_selector, read_only=False), reasoner=reasoner)
    except InconsistentGraphError as exc:
        click.echo(f"inconsistent: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{reasoner}: {report.asserted} asserted triples in, {report.inferred} inferred "
               f"triples stored, {report.seconds:.1f} s")
    for name, members in report.members.items():
        labels = ", ".join(m.rsplit("/", 1)[-1] for m in members) or "-"
        click.echo(f"  {name} ({len(members)}): {labels}")


@main.command()
@store_option
@click.option("--reason/--no-reason", "with_reasoner", default=True, show_default=True,
              help="Also check consistency with the OWL reasoner.")
def check(store_selector, with_reasoner) -> None:
    """Validate the store against the SHACL shapes (and the ontology).

    Pages are validated a few hundred at a time (memory stays flat), with a progress bar
    on a terminal. Exit status 1 on any violation or inconsistency.
    """
    from tqdm import tqdm

    from drugkg.ontology.validate import validate

    store = open_store(store_selector, read_only=False)
    with tqdm(unit="graph", desc="SHACL", disable=not sys.stderr.isatty()) as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        report = validate(store, progress=progress)
    for violation in report.violations:
        click.echo(f"  violation: {violation}", err=True)
    ok = report.conforms
    click.echo(f"SHACL: {'conforms' if ok else f'{len(report.violations)} violations'}")
    if with_reasoner:
        from drugkg.ontology.reason import InconsistentGraphError
        from drugkg.ontology.reason import reason as run_reason

        try:
            run_reason(store)
            click.echo("OWL: consistent (hermit)")
        except InconsistentGraphError as exc:
            click.echo(f"OWL: {exc}", err=True)
            ok = False
    if not ok:
        sys.exit(1)


@main.command()
@store_option
def stats(store_selector) -> None:
    """Counts of graphs, drugs, facts and unlinked concepts in the store."""
    from drugkg import queries

    store = open_store(store_selector)
    named = queries.get("graph-stats")
    result = store.query(named.sparql, bindings=named.bindings({}))
    names = [v.value for v in result.variables]
    rows = [[row[n] for n in names] for row in result]
    click.echo(render_rows(names, rows, "table"), nl=False)
    click.echo(f"{len(store)} quads in {store.selector}")


def _open_output(output: str | None, binary: bool):
    """``output`` opened for writing, or stdout when it is None or '-'."""
    if output in (None, "-"):
        return sys.stdout.buffer if binary else sys.stdout
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("wb") if binary else path.open("w", encoding="utf-8", newline="")


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["sssom"]), default="sssom",
              show_default=True)
@click.option("--output", "-o", default=None, metavar="FILE", help="Write here (default stdout).")
def mappings(store_selector, fmt, output) -> None:
    """Export the vocabularies' exactMatch/closeMatch links as an SSSOM TSV mapping set."""
    from drugkg.publish.mappings import write_sssom

    store = open_store(store_selector)
    out = _open_output(output, binary=False)
    try:
        report = write_sssom(store, out)
    finally:
        if out is not sys.stdout:
            out.close()
    click.echo(f"{report.written} mappings written", err=True)
    for m in report.skipped:
        click.echo(f"  left out (no prefix for the object): {m.subject} {m.object}", err=True)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld",
                                                    "rdfxml"]),
              default="nq", show_default=True)
@click.option("--graph", default=None, metavar="IRI", help="Dump this named graph only.")
@click.option("--output", "-o", default=None, metavar="FILE", help="Write here (default stdout).")
def export(store_selector, fmt, graph, output) -> None:
    """Dump the store (or one graph) with its VoID description.

    Quad formats (nq, trig, jsonld) keep the named graphs and put VoID in the graph
    <https://w3id.org/drugkg/graph/void>; triple formats (ttl, nt, rdfxml) merge all graphs.
    """
    from drugkg.publish.export import dump

    store = open_store(store_selector)
    out = _open_output(output, binary=True)
    try:
        dump(store, out, fmt, graph=graph)
    finally:
        if out is not sys.stdout.buffer:
            out.close()
        else:
            out.flush()


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def links(store_selector, fmt) -> None:
    """Unlinked concepts with suggested matches, identifier coverage of the drugs, and
    malformed identifiers."""
    from drugkg.publish.links import link_report, render_table

    report = link_report(open_store(store_selector))
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        click.echo(render_table(report), nl=False)


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUTF8", "1")
    main()
