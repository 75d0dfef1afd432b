"""Open a triple store from a selector string, like oaklib: ``oxigraph:PATH`` or ``memory:``.

Every backend offers the same small surface: SPARQL query with bound parameters, atomic
replacement of a named graph, and the bookkeeping ingest needs (a graph's source sha256).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from drugkg.errors import QueryError, StoreError
from drugkg.ontology import DKG, PROV

DEFAULT_STORE = "oxigraph:var/kg"
Term = ox.NamedNode | ox.Literal | ox.BlankNode


def with_values(sparql: str, bindings: Mapping[str, Term] | None) -> str:
    """Bind parameters with a trailing SPARQL VALUES clause.

    The terms are pyoxigraph terms, validated when they were built and written in their
    N-Triples form, so user input never becomes query syntax. A trailing VALUES clause
    works on every SPARQL 1.1 store, unlike engine-specific substitution APIs.
    """
    if not bindings:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    for term in bindings.values():
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise QueryError(f"cannot bind {term!r}: only IRIs and literals")
    values = " ".join(str(term) for term in bindings.values())
    return f"{sparql}\nVALUES ({names}) {{ ({values}) }}\n"


class OxigraphStore:
    """The embedded store: pyoxigraph on disk (``oxigraph:PATH``) or in memory (``memory:``)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(self.path)) if self.path is not None else ox.Store()
        except OSError as exc:
            raise StoreError(
                f"cannot open Oxigraph store at {self.path}: {exc}. Is another drugkg process "
                "using it? Stop it or choose another --store."
            ) from exc

    @property
    def selector(self) -> str:
        return f"oxigraph:{self.path}" if self.path else "memory:"

    # ---------------------------------------------------------------- reading

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              union: bool = True):
        """Run a SPARQL query; the default graph is the union of all graphs unless told not."""
        try:
            return self._store.query(with_values(sparql, bindings),
                                     use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from exc

    def select(self, sparql: str, **bindings: Term) -> list[dict[str, str | None]]:
        """SELECT rows as plain dicts of variable -> string value (None when unbound)."""
        result = self.query(sparql, bindings=bindings)
        names = [v.value for v in result.variables]
        return [
            {n: (row[n].value if row[n] is not None else None) for n in names} for row in result
        ]

    def graph_sha256(self, graph: str) -> str | None:
        rows = self.select(
            "SELECT ?sha WHERE { GRAPH ?g { ?g <" + DKG + "sha256> ?sha } }",
            g=ox.NamedNode(graph),
        )
        return rows[0]["sha"] if rows else None

    def source_graphs(self) -> dict[str, str]:
        """Monograph graphs: graph IRI -> source file URI."""
        rows = self.select(
            "SELECT ?g ?src WHERE { GRAPH ?g { ?g <" + PROV + "wasDerivedFrom> ?src } }"
        )
        return {r["g"]: r["src"] for r in rows}

    def __len__(self) -> int:
        return len(self._store)

    # ---------------------------------------------------------------- writing

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> int:
        """Swap a named graph's content for ``quads`` in one transaction; returns the count."""
        g = ox.NamedNode(graph)
        quads = [ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        try:
            self._store.update(
                f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{body}\n}} }}"
            )
        except (SyntaxError, OSError) as exc:
            raise StoreError(f"could not write graph {graph}: {exc}") from exc
        return len(quads)

    def drop_graph(self, graph: str) -> None:
        self._store.update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")

    def load_file(self, path: Path, graph: str) -> int:
        """Replace ``graph`` with the Turtle file at ``path`` (bulk load, then swap)."""
        with path.open("rb") as fh:
            quads = [
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                for t in ox.parse(fh, format=ox.RdfFormat.TURTLE)
            ]
        return self.replace_graph(graph, quads)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()


def open_store(selector: str) -> OxigraphStore:
    """The store a selector names: ``oxigraph:PATH`` (on disk) or ``memory:``."""
    scheme, sep, rest = selector.partition(":")
    if not sep:
        raise StoreError(
            f"store {selector!r} has no scheme; use 'oxigraph:PATH' or 'memory:'"
        )
    if scheme == "memory":
        return OxigraphStore()
    if scheme == "oxigraph":
        if not rest:
            raise StoreError("'oxigraph:' needs a path, e.g. oxigraph:var/kg")
        return OxigraphStore(rest)
    raise StoreError(f"unknown store scheme {scheme!r}; use 'oxigraph:PATH' or 'memory:'")
