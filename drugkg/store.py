"""Open a triple store from a selector string, like oaklib: ``oxigraph:PATH`` or ``memory:``.

Every backend implements the :class:`Store` protocol: SPARQL query and update with bound
parameters, atomic replacement of a named graph, bulk loading, quads streamed out. The only
SPARQL text here is the write protocol (``DROP`` / ``INSERT DATA`` serialisation); what the
stages ask lives in ``queries/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import product
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable
from urllib.parse import urljoin
from uuid import uuid4

import pyoxigraph as ox

from drugkg import sparql as internal
from drugkg.errors import QueryError, StoreError

Term = ox.NamedNode | ox.Literal | ox.BlankNode
Binding = Term | tuple[Term, ...]  # a tuple binds its variable to each of its terms
Row = dict[str, str | None]


def with_values(sparql: str, bindings: Mapping[str, Binding] | None) -> str:
    """Bind parameters with a SPARQL VALUES block at the top of the WHERE clause.

    The terms are pyoxigraph terms, validated when they were built and written in their
    N-Triples form, so user input never becomes query syntax. Inline VALUES is standard
    SPARQL 1.1 and works on every store, unlike engine-specific substitution APIs; placed
    first in the WHERE group, the bound variables are visible to FILTERs in that group.
    A tuple binds its variable to each of its terms (none if empty). One block per variable:
    their join is every combination, and Virtuoso 7.2 fails on some multi-variable blocks
    ("no SPART_VARR_FIXED").
    """
    if not bindings:
        return sparql
    columns = {name: value if isinstance(value, tuple) else (value,)
               for name, value in bindings.items()}
    for term in (t for column in columns.values() for t in column):
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise QueryError(f"cannot bind {term!r}: only IRIs and literals")
    where = _WHERE.search(sparql)
    if where is None:  # a query ends with at most one VALUES clause: every combination in it
        rows = " ".join("(" + " ".join(map(str, row)) + ")" for row in product(*columns.values()))
        return f"{sparql}\nVALUES ({' '.join('?' + n for n in columns)}) {{ {rows} }}\n"
    block = " ".join(f"VALUES ?{name} {{ {' '.join(map(str, terms))} }}"
                     for name, terms in columns.items())
    return f"{sparql[: where.end()]} {block}\n{sparql[where.end():]}"


_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


@runtime_checkable
class Store(Protocol):
    """What every store offers, and all that drugkg's stages and faces may use of one.

    Short verbs with keyword-only options, as pyoxigraph's ``Store``: read with SPARQL and
    bound parameters, write whole named graphs, stream quads, and keep the engine tidy. What
    ingest records about its graphs (digests, sources, label versions) is ingest's own
    business (``drugkg.ingest.ledger``), kept with these verbs.
    """

    federation_allow: tuple[str, ...]  # SERVICE/LOAD endpoints queries may reach
    path: Path | None  # the folder of an embedded store on disk; None for any other

    @property
    def selector(self) -> str:
        """The selector that opens this store again (``oxigraph:PATH``, ``sparql:URL`` ...)."""
        ...

    def query(self, sparql: str, *, bindings: Mapping[str, Binding] | None = None,
              default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> Any:
        """Run a SPARQL query: solutions, a boolean, or triples, as pyoxigraph returns them."""
        ...

    def select(self, sparql: str, **bindings: Binding) -> list[Row]:
        """SELECT rows as plain dicts of variable -> string value (None when unbound)."""
        ...

    def update(self, sparql: str, *,
               bindings: Mapping[str, Binding] | None = None) -> None:
        """Run a SPARQL Update (federation-checked: LOAD only from allow-listed URLs)."""
        ...

    def graphs(self) -> set[str]:
        """The IRIs of every named graph in the store."""
        ...

    def quads(self, *, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad in the store (only ``graph``'s when given), lazily, graph by graph."""
        ...

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads to their graphs, in the order given."""
        ...

    def load(self, nquads: bytes | IO[bytes], *, checked: bool = False) -> None:
        """Bulk-add N-Quads (bytes, or a binary stream of them): the fast path for graphs new
        to the store, not atomic. ``checked``: the text was written from pyoxigraph terms,
        which validated their IRIs and language tags when built, so an engine may skip
        validating them again."""
        ...

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], *,
                      extra: Iterable[ox.Quad] = ()) -> int:
        """Swap ``graph``'s content for ``quads`` and add ``extra`` quads to their own graphs;
        returns how many quads ``graph`` now holds."""
        ...

    def drop_graph(self, graph: str) -> None:
        """Remove a named graph (nothing if it is not there)."""
        ...

    def __len__(self) -> int:
        """The number of quads in the store."""
        ...

    def flush(self) -> None:
        """Make what was written durable."""
        ...

    def optimize(self) -> None:
        """Compact the engine's storage after a large write (a no-op where the server
        manages its own)."""
        ...


class _StoreBase:
    """What every store derives from its own ``query`` and ``_update``."""

    federation_allow: tuple[str, ...] = ()

    def select(self, sparql: str, **bindings: Binding) -> list[Row]:
        result = self.query(sparql, bindings=bindings)
        names = [v.value for v in result.variables]
        return [
            {n: (row[n].value if row[n] is not None else None) for n in names} for row in result
        ]

    def update(self, sparql: str, *,
               bindings: Mapping[str, Binding] | None = None) -> None:
        from drugkg import federation

        self._update(with_values(federation.check(sparql, self.federation_allow), bindings))

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], *,
                      extra: Iterable[ox.Quad] = ()) -> int:
        """One SPARQL Update request (``DROP`` then ``INSERT DATA``): one transaction in
        Oxigraph, atomic on every store that runs a request atomically."""
        g = ox.NamedNode(graph)
        quads = [ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
        try:
            self._update(f"DROP SILENT GRAPH {g} ;\n" + _insert_data([*quads, *extra]))
        except (QueryError, OSError) as exc:
            raise StoreError(f"could not write graph {graph}: {exc}") from exc
        return len(quads)

    def drop_graph(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")


class OxigraphStore(_StoreBase):
    """The embedded store: pyoxigraph on disk (``oxigraph:PATH``) or in memory (``memory:``)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        """``read_only``: open an existing store without its write lock (beside a running
        ``drugkg serve``); it sees what was written up to the moment it opened."""
        self.path = Path(path) if path else None
        try:
            if self.path is not None and read_only:
                self._store = ox.Store.read_only(str(self.path))
            elif self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
            else:
                self._store = ox.Store()
        except OSError as exc:
            raise StoreError(
                f"cannot open Oxigraph store at {self.path}: {exc}. Is another drugkg process "
                "using it? Stop it or choose another --store."
            ) from exc

    @property
    def selector(self) -> str:
        return f"oxigraph:{self.path}" if self.path else "memory:"

    # ---------------------------------------------------------------- reading

    def query(self, sparql: str, *, bindings: Mapping[str, Binding] | None = None,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None):
        """Run a SPARQL query. The default graph is the union of all graphs unless
        ``default_graphs`` names some (the protocol's default-graph-uri)."""
        from drugkg import federation

        sparql = federation.check(sparql, self.federation_allow)  # what is checked runs
        union = not default_graphs and not federation.names_dataset(sparql)  # FROM wins
        options: dict = {"use_default_graph_as_union": union}
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
        except (OSError, RuntimeError) as exc:  # a LOAD's source failed or was not RDF
            raise StoreError(f"SPARQL Update failed: {exc}") from exc

    def __len__(self) -> int:
        return len(self._store)

    def graphs(self) -> set[str]:
        return {g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)}

    def quads(self, *, graph: str | None = None) -> Iterator[ox.Quad]:
        if graph is not None:
            yield from self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            return
        yield from self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        for g in self._store.named_graphs():
            yield from self._store.quads_for_pattern(None, None, None, g)

    # ---------------------------------------------------------------- writing

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction."""
        try:
            self._store.extend(quads)
        except (OSError, ValueError) as exc:
            raise StoreError(f"could not add quads: {exc}") from exc

    def load(self, nquads: bytes | IO[bytes], *, checked: bool = False) -> None:
        """Oxigraph's bulk loader: fast, and not transactional (a load cut short by a crash
        leaves part of it). Checked text is parsed leniently: IRI validation was a tenth of
        the writer's CPU in an ingest."""
        try:
            self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=checked)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"could not load N-Quads: {exc}") from exc

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def optimize(self) -> None:
        """Compact the on-disk store (RocksDB), as after a bulk load."""
        if self.path is not None:
            self._store.optimize()


class RemoteStore(_StoreBase):
    """A SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever ...).

    Reads and writes are plain SPARQL 1.1 Protocol requests (form-encoded POST). The server
    must answer queries over the union of its named graphs by default (oxigraph serve
    --union-default-graph, Fuseki unionDefaultGraph, Virtuoso as installed): drugkg keeps one
    graph per page. Writes are ``DROP SILENT GRAPH`` + ``INSERT DATA`` in requests of at most
    ``chunk_triples`` triples, blank nodes skolemised (some engines refuse them in
    ``INSERT DATA``); see :meth:`_write`. A whole graph is replaced with one Graph Store
    Protocol ``PUT`` where the engine serves it (``graph_store_url``; found from the engine's
    ``Server`` header when not given, '' for none); see :meth:`replace_graph`.
    """

    # triples per write request: Virtuoso's SPARQL parser runs out of stack near 5,000
    chunk_triples = 2_000
    path = None

    def __init__(self, query_url: str, *, update_url: str = "", user: str = "",
                 password: str = "", timeout: float = 60.0,
                 graph_store_url: str | None = None) -> None:
        self.query_url = query_url
        self.update_url = update_url or _derive_update_url(query_url)
        self.user, self.password, self.timeout = user, password, timeout
        self._graph_store = graph_store_url
        self._server: str | None = None  # the engine's Server header, once it answered
        self._opener = _opener(query_url, self.update_url, *filter(None, [graph_store_url]),
                               user=user, password=password)

    @property
    def selector(self) -> str:
        return f"sparql:{self.query_url}"

    # ---------------------------------------------------------------- reading

    def query(self, sparql: str, *, bindings: Mapping[str, Binding] | None = None,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None):
        from drugkg import federation

        sparql = federation.check(sparql, self.federation_allow)  # what is checked runs
        text = with_values(sparql, bindings)
        kind = _query_kind(text)
        form = [("query", text), *(("default-graph-uri", g) for g in default_graphs or ()),
                *(("named-graph-uri", g) for g in named_graphs or ())]
        rdf = kind in ("CONSTRUCT", "DESCRIBE")
        body, media = self._post(self.query_url, form, _RDF_ACCEPT if rdf else _RESULTS_ACCEPT,
                                 "a query")
        try:
            if rdf:
                fmt = ox.RdfFormat.TURTLE if "turtle" in media else ox.RdfFormat.N_TRIPLES
                return list(ox.parse(body, format=fmt))
            return _query_results(body, ask=kind == "ASK")
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"SPARQL server {self.query_url} sent a {media or 'untyped'} "
                             f"answer drugkg cannot read: {_excerpt(str(exc))}") from exc

    def graphs(self) -> set[str]:
        return {r["g"] for r in self.select(internal.load("store-graphs"))}

    def quads(self, *, graph: str | None = None) -> Iterator[ox.Quad]:
        """One CONSTRUCT per named graph: memory holds one graph at a time."""
        for g in [graph] if graph is not None else sorted(self.graphs()):
            node = ox.NamedNode(g)
            for t in self.query(internal.load("graph-triples"), bindings={"g": node}):
                yield ox.Quad(t.subject, t.predicate, t.object, node)

    def __len__(self) -> int:
        return int(self.select(internal.load("store-size"))[0]["n"])

    # ---------------------------------------------------------------- writing

    def _update(self, sparql: str, doing: str = "an update") -> None:
        self._post(self.update_url, [("update", sparql)], _RESULTS_ACCEPT, doing)

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad], *,
                      extra: Iterable[ox.Quad] = ()) -> int:
        """With the Graph Store Protocol: ``extra`` added first (SPARQL Update), then the
        graph ``PUT`` whole, at any size, so its replacement is one request. Without: one
        request when it fits in ``chunk_triples``, so atomic on stores that run a request
        atomically; a larger graph goes in several, in the order given (``extra`` first), so
        a write cut short leaves out the last quads."""
        g = ox.NamedNode(graph)
        own = [ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
        extra = list(extra)
        if self.graph_store_url:
            skolem: dict[str, ox.NamedNode] = {}  # one blank node, one IRI, in both requests
            self._write({}, extra, skolem)
            body = "".join(_data_line(q, skolem) + "\n" for q in own)
            try:
                self._put(graph, body)
                return len(own)
            except _NoGraphStore:  # the endpoint is not there after all: SPARQL Update
                self._graph_store, extra = "", []
        self._write({graph: own}, extra)
        return len(own)

    @property
    def graph_store_url(self) -> str:
        """The engine's Graph Store Protocol endpoint, or '' when whole graphs are written
        with SPARQL Update. Not given, it is found from the engine's ``Server`` header:
        Oxigraph server's ``/store`` and Virtuoso's ``/sparql-graph-crud`` (its ``-auth``
        form beside ``/sparql-auth``) sit beside the query endpoint; Fuseki's is its
        dataset's ``/data``, GraphDB's (an RDF4J server's) ``/rdf-graphs/service`` under the
        repository."""
        if self._graph_store is None:
            if self._server is None:
                self.query(internal.load("engine-probe"))
            self._graph_store = _graph_store_of(self.query_url, self.update_url,
                                                self._server or "")
            if self._graph_store:
                self._opener = _opener(self.query_url, self.update_url, self._graph_store,
                                       user=self.user, password=self.password)
        return self._graph_store

    def _put(self, graph: str, ntriples: str) -> None:
        """Replace ``graph`` with the N-Triples ``ntriples`` (Graph Store Protocol PUT)."""
        import urllib.request
        from urllib.parse import urlencode

        url = f"{self.graph_store_url}?{urlencode({'graph': graph})}"
        request = urllib.request.Request(url, data=ntriples.encode(), method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        self._http(request, f"writing graph {graph}", ntriples)

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """INSERT DATA, in requests of at most ``chunk_triples`` triples, in order."""
        self._write({}, list(quads))

    def load(self, nquads: bytes | IO[bytes], *, checked: bool = False) -> None:
        self.add(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))

    def _write(self, graphs: Mapping[str, list[ox.Quad]], shared: list[ox.Quad],
               skolem: dict[str, ox.NamedNode] | None = None) -> None:
        """Add ``shared`` quads, then replace each of ``graphs``, in requests of
        ``DROP SILENT GRAPH`` ... ``INSERT DATA`` of at most ``chunk_triples`` triples.

        A graph that fits goes whole into one request (never split across two); a larger one
        is split, its quads sent in their order. Blank nodes become ``/.well-known/genid/``
        IRIs (RDF 1.1 skolemisation; one IRI per node throughout ``skolem``): Virtuoso
        refuses blank nodes in ``INSERT DATA``, and a request split in chunks could not keep
        their identity.
        """
        skolem = {} if skolem is None else skolem
        request = _Request()
        for graph, ordered in ((None, shared), *graphs.items()):
            lines = [_data_line(q, skolem) for q in ordered]
            if request.size and request.size + len(lines) > self.chunk_triples:
                self._send(request)
                request = _Request()
            if graph is not None:
                request.drops.append(graph)
            for q, line in zip(ordered, lines, strict=True):
                if request.size >= self.chunk_triples:
                    self._send(request)
                    request = _Request()
                request.add(q.graph_name, line)
        self._send(request)

    def _send(self, request: _Request) -> None:
        if request.drops or request.size:
            graphs = [*request.drops, *(g.value for g in request.lines if g.value not in
                                        request.drops)]
            shown = ", ".join(graphs[:3]) + (f" and {len(graphs) - 3} more" if graphs[3:] else "")
            self._update(request.text(), f"writing graph {shown}")

    def flush(self) -> None:
        """Nothing to flush: the server persists each update."""

    def optimize(self) -> None:
        """Nothing to do: the server manages its own storage."""

    # ---------------------------------------------------------------- HTTP

    def _post(self, url: str, form: list[tuple[str, str]], accept: str,
              doing: str) -> tuple[bytes, str]:
        """POST a SPARQL Protocol form; (body, media type)."""
        import urllib.request
        from urllib.parse import urlencode

        request = urllib.request.Request(
            url, data=urlencode(form).encode(), method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        return self._http(request, doing, form[0][1])

    def _http(self, request, doing: str, shown: str) -> tuple[bytes, str]:
        """Send ``request``; (body, media type). Errors say which engine refused what, its
        status and message, and at most a few hundred characters of the request (``shown``).
        A Graph Store PUT answered 404, 405 or 501 raises :class:`_NoGraphStore`."""
        import urllib.error

        url = request.full_url
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                self._server = response.headers.get("Server", "")
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            with exc:  # it holds the connection open
                if request.get_method() == "PUT" and exc.code in (404, 405, 501):
                    raise _NoGraphStore from None
                error = QueryError if exc.code == 400 else StoreError
                raise error(_refusal(url, exc, doing, shown)) from None
        except TimeoutError:
            raise StoreError(f"SPARQL server {url} did not answer {doing} within "
                             f"{self.timeout:g} s") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"SPARQL server {url} failed during {doing}: {reason}. Is it "
                             "running, and is the URL its SPARQL endpoint?") from None


class _NoGraphStore(Exception):
    """The engine has no Graph Store Protocol endpoint where drugkg looked for one."""


def _graph_store_of(query_url: str, update_url: str, server: str) -> str:
    """The Graph Store Protocol endpoint of an engine, from its ``Server`` header and URLs
    (see :attr:`RemoteStore.graph_store_url`); '' where none is known (SPARQL Update)."""
    beside = query_url.rstrip("/").rsplit("/", 1)[0]
    if server.startswith("Oxigraph/"):
        return beside + "/store"
    if server.startswith("Virtuoso/"):
        auth = update_url.rstrip("/").endswith("-auth")
        return beside + ("/sparql-graph-crud-auth" if auth else "/sparql-graph-crud")
    if server.startswith("Apache Jena Fuseki"):
        return beside + "/data"
    repository = re.fullmatch(r"(.*/repositories/[^/]+)/?", query_url)
    return repository.group(1) + "/rdf-graphs/service" if repository else ""


_RESULTS_ACCEPT = "application/sparql-results+json"
_RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9"
_ENGINE_MESSAGE = 600  # characters of an engine's error message shown
_REQUEST_SHOWN = 300  # characters of the refused request shown


class _Request:
    """One write request being filled: graphs to drop, then triples per graph (``size``)."""

    def __init__(self) -> None:
        self.drops: list[str] = []
        self.lines: dict[ox.NamedNode, list[str]] = {}
        self.size = 0

    def add(self, graph: ox.NamedNode, line: str) -> None:
        self.lines.setdefault(graph, []).append(line)
        self.size += 1

    def text(self) -> str:
        drops = "".join(f"DROP SILENT GRAPH {ox.NamedNode(g)} ;\n" for g in self.drops)
        if not self.lines:
            return drops.removesuffix(" ;\n")
        body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}"
                         for g, lines in self.lines.items())
        return f"{drops}INSERT DATA {{\n{body}\n}}"


def _data_line(q: ox.Quad, skolem: dict[str, ox.NamedNode]) -> str:
    """A quad's triple as INSERT DATA text, its blank nodes skolemised under the graph
    IRI's authority (``https://host/.well-known/genid/...``)."""
    def term(t: Term) -> Term:
        if not isinstance(t, ox.BlankNode):
            return t
        if t.value not in skolem:
            skolem[t.value] = ox.NamedNode(urljoin(q.graph_name.value, _GENID) + uuid4().hex)
        return skolem[t.value]

    return f"{term(q.subject)} {q.predicate} {term(q.object)} ."


_GENID = "/.well-known/genid/"


def _query_kind(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of these keywords in the query
    (comments, IRIs, strings and declared prefixes removed first: none can look like one)."""
    text = _NOT_KEYWORDS.sub(" ", sparql)
    found = _KIND.search(text)
    return found.group(1).upper() if found else "SELECT"


_NOT_KEYWORDS = re.compile(
    r'<[^<>\s]*>|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|#[^\n]*|\bPREFIX\s+[^\s:]*:', re.I)
_KIND = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def _query_results(body: bytes, *, ask: bool):
    """SPARQL JSON results as pyoxigraph reads them. Virtuoso answers ASK with a one-column
    table (``__ASK_RETVAL``, a row when true) and names blank nodes ``nodeID://...``."""
    body = _VIRTUOSO_BNODE.sub(rb"\1", body)
    if ask and b'"boolean"' not in body:
        rows = list(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))
        truth = any(row[0] is not None and row[0].value not in ("0", "false") for row in rows)
        body = b'{"head": {}, "boolean": %s}' % (b"true" if truth else b"false")
    return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)


_VIRTUOSO_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')


def _refusal(url: str, exc, doing: str, request: str) -> str:
    """One screen saying who refused what: engine, status, its message, the request's start."""
    engine = (exc.headers.get("Server") or "SPARQL server").split()[0]
    try:
        raw = exc.read(64_000).decode("utf-8", "replace")
    except OSError:
        raw = ""
    # Virtuoso and others echo the whole request after their message: keep the message only
    message = re.split(r"\n\s*SPARQL (?:query|update):", raw, maxsplit=1, flags=re.I)[0]
    message = _excerpt(re.sub(r"<[^>]+>", " ", message), _ENGINE_MESSAGE) or "(no message)"
    return (f"{engine} at {url} answered {exc.code} {exc.reason} to {doing}: {message}\n"
            f"  request ({len(request):,} characters): {_excerpt(request, _REQUEST_SHOWN)}")


def _excerpt(text: str, limit: int = _ENGINE_MESSAGE) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _opener(*urls: str, user: str = "", password: str = ""):
    """urllib opener; with credentials, Basic or Digest as the server asks (Virtuoso's
    /sparql-auth wants Digest)."""
    import urllib.request

    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in urls:
        passwords.add_password(None, url, user, password)
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                       urllib.request.HTTPDigestAuthHandler(passwords))


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
               federation_allow: Iterable[str] = (), create: bool = True,
               read_only: bool = False) -> Store:
    """The store a selector names: ``oxigraph:PATH`` (on disk), ``memory:``, or
    ``sparql:QUERY_URL`` (a SPARQL 1.1 server; updates go to ``update_url``). Without
    ``create``, an on-disk store that does not exist is an error (a typo'd path would
    otherwise be a new, empty store that answers nothing); ``read_only`` opens one beside a
    process that holds it (``drugkg serve``)."""
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
        if not (create or Path(rest).is_dir()):
            raise StoreError(f"no store at {rest}; check --store, or create it with "
                             f"'drugkg ingest FOLDER --store oxigraph:{rest}'")
        store = OxigraphStore(rest, read_only=read_only)
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
