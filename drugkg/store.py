"""Open a triple store from a selector string, like oaklib: ``oxigraph:PATH`` or ``memory:``.

Every backend offers the same small surface: SPARQL query with bound parameters, atomic
replacement of a named graph, and the bookkeeping ingest needs (a graph's source sha256).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from itertools import product
from pathlib import Path

import pyoxigraph as ox

from drugkg.errors import QueryError, StoreError
from drugkg.ontology import DKG, PROV

DEFAULT_STORE = "oxigraph:var/kg"
Term = ox.NamedNode | ox.Literal | ox.BlankNode


def with_values(sparql: str, bindings: Mapping[str, Term | tuple[Term, ...]] | None) -> str:
    """Bind parameters with a SPARQL VALUES block at the top of the WHERE clause.

    The terms are pyoxigraph terms, validated when they were built and written in their
    N-Triples form, so user input never becomes query syntax. Inline VALUES is standard
    SPARQL 1.1 and works on every store, unlike engine-specific substitution APIs; placed
    first in the WHERE group, the bound variables are visible to FILTERs in that group.
    """
    if not bindings:
        return sparql
    columns = [value if isinstance(value, tuple) else (value,) for value in bindings.values()]
    for term in (t for column in columns for t in column):
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise QueryError(f"cannot bind {term!r}: only IRIs and literals")
    names = " ".join(f"?{name}" for name in bindings)
    # a tuple binds its variable to each of its terms: one row per combination (none if empty)
    rows = " ".join("(" + " ".join(map(str, row)) + ")" for row in product(*columns))
    block = f"VALUES ({names}) {{ {rows} }}"
    where = _WHERE.search(sparql)
    if where is None:
        return f"{sparql}\n{block}\n"
    return f"{sparql[: where.end()]} {block}\n{sparql[where.end():]}"


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


class _GraphBookkeeping:
    """What every store derives from ``query``: plain rows and ingest bookkeeping."""

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

    def graph_digests(self) -> dict[str, str]:
        """Every graph that records its source's sha256: graph IRI -> digest (one query)."""
        rows = self.select("SELECT ?g ?sha WHERE { GRAPH ?g { ?g <" + DKG + "sha256> ?sha } }")
        return {r["g"]: r["sha"] for r in rows}

    def graph_names(self) -> set[str]:
        """The IRIs of every named graph in the store."""
        return {r["g"] for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")}

    def add_graphs(self, nquads: bytes, marks: list[ox.Quad]) -> None:
        """Write graphs that are not in the store yet (N-Quads), then their ``marks`` (the
        sha256 that tells a later ingest the graph is complete and current). Quads of graphs
        without a mark (shared graphs) are added, never replaced."""
        marked = {m.graph_name.value for m in marks}
        graphs: dict[str, list[ox.Quad]] = {}
        shared: list[ox.Quad] = []
        for q in (*ox.parse(nquads, format=ox.RdfFormat.N_QUADS), *marks):
            if q.graph_name.value in marked:
                graphs.setdefault(q.graph_name.value, []).append(q)
            else:
                shared.append(q)
        if shared:
            self._update(_insert_data(shared))
        for graph, quads in graphs.items():
            self.replace_graph(graph, quads)

    def source_graphs(self) -> dict[str, str]:
        """Monograph graphs: graph IRI -> source file URI."""
        rows = self.select(
            "SELECT ?g ?src WHERE { GRAPH ?g { ?g <" + PROV + "wasDerivedFrom> ?src } }"
        )
        return {r["g"]: r["src"] for r in rows}

    federation_allow: tuple[str, ...] = ()  # SERVICE/LOAD endpoints queries may reach

    def update(self, sparql: str) -> None:
        """Run a user's SPARQL Update; LOAD only from allow-listed URLs."""
        from drugkg import federation

        federation.check(sparql, self.federation_allow, update=True)
        self._update(sparql)

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], *,
                      extra: Iterable[ox.Quad] = ()) -> int:
        """Swap a named graph's content for ``quads`` (and add ``extra`` quads to their own
        graphs) with one SPARQL Update request: one transaction in Oxigraph, atomic on every
        store that runs a request atomically."""
        g = ox.NamedNode(graph)
        quads = [ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
        try:
            self._update(f"DROP SILENT GRAPH {g} ;\n" + _insert_data([*quads, *extra]))
        except (QueryError, OSError) as exc:
            raise StoreError(f"could not write graph {graph}: {exc}") from exc
        return len(quads)

    def drop_orphans(self, graph: str) -> None:
        """Remove from a shared ``graph`` what no other graph mentions any more."""
        g = ox.NamedNode(graph)
        self._update(
            f"DELETE {{ GRAPH {g} {{ ?c ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?c ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?q ?c }} FILTER(?other != {g}) }} }}")

    def drop_graph(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")


class OxigraphStore(_GraphBookkeeping):
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
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None):
        """Run a SPARQL query. The default graph is the union of all graphs unless
        ``default_graphs`` names some (the protocol's default-graph-uri)."""
        from drugkg import federation

        federation.check(sparql, self.federation_allow)
        options: dict = {"use_default_graph_as_union": not default_graphs}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self._store.query(with_values(sparql, bindings), **options)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from exc
        except ValueError as exc:
            raise QueryError(str(exc)) from exc

    def _update(self, sparql: str) -> None:
        """Run a SPARQL Update request (one transaction)."""
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL Update: {exc}") from exc

    def __len__(self) -> int:
        return len(self._store)

    # ---------------------------------------------------------------- writing

    def graph_names(self) -> set[str]:
        return {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}

    def add_graphs(self, nquads: bytes, marks: list[ox.Quad]) -> None:
        """Bulk-load graphs that are not in the store yet, then mark each one done with its
        sha256 in one transaction. The bulk loader is not transactional: a graph cut short
        by a crash has no mark, so the next ingest rewrites it."""
        try:
            self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
            self._store.extend(marks)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"could not write {len(marks)} graphs: {exc}") from exc

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()


class RemoteStore(_GraphBookkeeping):
    """A SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever ...).

    Reads go through SPARQLWrapper; writes through SPARQL Update. The server must answer
    queries over the union of its named graphs by default (oxigraph serve
    --union-default-graph, Fuseki unionDefaultGraph, ...): drugkg keeps one graph per page.
    """

    def __init__(self, query_url: str, *, update_url: str = "", user: str = "",
                 password: str = "", timeout: float = 60.0) -> None:
        self.query_url = query_url
        self.update_url = update_url or _derive_update_url(query_url)
        self.user, self.password, self.timeout = user, password, timeout

    @property
    def selector(self) -> str:
        return f"sparql:{self.query_url}"

    def _client(self, endpoint: str):
        from SPARQLWrapper import POST, SPARQLWrapper

        client = SPARQLWrapper(endpoint, updateEndpoint=self.update_url)
        client.setMethod(POST)
        client.setTimeout(int(self.timeout))
        if self.user:
            client.setCredentials(self.user, self.password)
        return client

    def query(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None):
        from SPARQLWrapper import JSON, TURTLE
        from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

        from drugkg import federation

        federation.check(sparql, self.federation_allow)
        client = self._client(self.query_url)
        with warnings.catch_warnings():  # SPARQLWrapper warns on queries it cannot classify;
            warnings.simplefilter("ignore", RuntimeWarning)  # the server's 400 says more
            client.setQuery(with_values(sparql, bindings))
        for graph in default_graphs or ():
            client.addDefaultGraph(graph)
        for graph in named_graphs or ():
            client.addNamedGraph(graph)
        rdf = client.queryType in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(TURTLE if rdf else JSON)
        try:
            body = client.query().response.read()
        except QueryBadFormed as exc:
            raise QueryError(f"malformed SPARQL (remote store): {exc}") from exc
        except (SPARQLWrapperException, OSError) as exc:
            raise StoreError(f"SPARQL server {self.query_url} failed: {exc}") from exc
        if rdf:
            return list(ox.parse(body, format=ox.RdfFormat.TURTLE))
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def _update(self, sparql: str) -> None:
        from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

        client = self._client(self.query_url)
        client.setQuery(sparql)
        try:
            client.query()
        except QueryBadFormed as exc:
            raise QueryError(f"malformed SPARQL Update (remote store): {exc}") from exc
        except (SPARQLWrapperException, OSError) as exc:
            raise StoreError(f"SPARQL server {self.update_url} refused the update: {exc}") \
                from exc

    def flush(self) -> None:
        """Nothing to flush: the server persists each update."""

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"])


def _insert_data(quads: list[ox.Quad]) -> str:
    """INSERT DATA for quads, grouped by their graphs."""
    graphs: dict[ox.NamedNode, list[str]] = {}
    for q in quads:
        graphs.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in graphs.items())
    return f"INSERT DATA {{\n{body}\n}}"


def _derive_update_url(query_url: str) -> str:
    """Oxigraph and Fuseki serve updates next to queries: .../query -> .../update."""
    if query_url.rstrip("/").endswith("/query"):
        return query_url.rstrip("/")[: -len("query")] + "update"
    return query_url


def open_store(selector: str, *, update_url: str = "", user: str = "", password: str = "",
               federation_allow: Iterable[str] = ()) -> OxigraphStore | RemoteStore:
    """The store a selector names: ``oxigraph:PATH`` (on disk), ``memory:``, or
    ``sparql:QUERY_URL`` (a SPARQL 1.1 server; updates go to ``update_url``)."""
    scheme, sep, rest = selector.partition(":")
    if not sep:
        raise StoreError(
            f"store {selector!r} has no scheme; use 'oxigraph:PATH', 'memory:' or "
            "'sparql:http://host/query'"
        )
    store: OxigraphStore | RemoteStore
    if scheme == "memory":
        store = OxigraphStore()
    elif scheme == "oxigraph":
        if not rest:
            raise StoreError("'oxigraph:' needs a path, e.g. oxigraph:var/kg")
        store = OxigraphStore(rest)
    elif scheme == "sparql":
        if not rest.startswith(("http://", "https://")):
            raise StoreError(f"'sparql:' needs an http(s) URL, got {rest!r}")
        store = RemoteStore(rest, update_url=update_url, user=user, password=password)
    else:
        store = None
    if store is not None:
        from drugkg.federation import parse_allow_list

        store.federation_allow = parse_allow_list(federation_allow)
        return store
    raise StoreError(
        f"unknown store scheme {scheme!r}; use 'oxigraph:PATH', 'memory:' or 'sparql:URL'"
    )
