"""The named SPARQL queries: one ``NAME.rq`` file each, with a YAML header in comments.

Header keys: title, description, params (name -> {type, default, description}, and
``kind`` for a concept), example, tags. Parameters are bound as RDF terms when the query
runs, never pasted into its text. ``path:NAME`` stands for a shared path
(``queries/paths/NAME.rq``, see :mod:`drugkg.sparql`): the loaded text has the path itself.

A ``concept`` parameter takes words ("drowsiness", "glaucoma") or an IRI. Words are
resolved before the query runs, to every concept of its kind whose label or synonym
contains them (vocabulary concepts from the lexicon, minted ones from the store), and bound
as a list of IRIs: the store then looks facts up by index instead of scanning every label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import yaml

from drugkg import sparql
from drugkg.errors import QueryError, UnknownQueryError
from drugkg.ontology import DKG, SCHEMES, UNLINKED_GRAPH, sparql_prefixes
from drugkg.ontology.identifiers import expand
from drugkg.store import Store

HERE = Path(__file__).resolve().parent
PARAM_TYPES = ("iri", "string", "integer", "endpoint", "concept")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
Binding = ox.NamedNode | ox.Literal | tuple[ox.NamedNode, ...]


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    description: str = ""
    kind: str = ""  # concept parameters: the vocabulary kind (drugkg.ontology.SCHEMES)


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: its text (with PREFIX lines) and its typed parameters."""

    name: str
    title: str
    description: str
    sparql: str
    params: tuple[Param, ...] = ()
    example: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    def bindings(self, values: dict[str, str], store: Store | None = None) -> dict[str, Binding]:
        """Typed RDF terms for ``values`` (defaults filled in); raises QueryError if bad.
        Concept parameters become tuples of IRIs (minted concepts looked up in ``store``)."""
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            known = ", ".join(p.name for p in self.params) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {sorted(unknown)}; "
                             f"its parameters: {known}")
        out = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is None:
                raise QueryError(f"query {self.name!r} needs parameter {p.name!r} ({p.type})")
            if p.type == "concept":
                out[p.name] = resolve_concepts(str(raw), p.kind, store)
            else:
                out[p.name] = to_term(raw, p.type, p.name)
        return out


    def prepare(self, values: dict[str, str],
                store: Store | None = None) -> tuple[str, dict[str, Binding]]:
        """(query text, bindings). An ``endpoint`` parameter names a SERVICE: SPARQL cannot
        bind it, so its value, validated as an IRI, is written into ``SERVICE ?name``; the
        store then refuses it unless it is on the federation allow-list."""
        bindings = self.bindings(values, store)
        text = self.sparql
        for p in self.params:
            if p.type == "endpoint":
                term = bindings.pop(p.name)
                text = re.sub(rf"(SERVICE(?:\s+SILENT)?\s+)\?{p.name}\b",
                              lambda m, t=term: m.group(1) + str(t), text)
        return text, bindings


def resolve_concepts(raw: str, kind: str, store: Store | None = None) -> tuple[ox.NamedNode, ...]:
    """The concepts of ``kind`` that ``raw`` names: an IRI or CURIE as given, else every
    concept whose label or synonym contains the words (case-insensitive)."""
    iri = expand(raw.strip())
    if re.match(r"https?://\S+$", iri):
        return (to_term(iri, "iri", kind),)
    words = " ".join(raw.split()).casefold()
    if not words:
        raise QueryError(f"a {kind} needs words or an IRI")
    from drugkg.ontology.lexicon import load_lexicon

    found = [c.iri for c in load_lexicon().of_kind(kind)
             if any(words in label.casefold() for label in (c.label, *c.synonyms))]
    if store is not None:
        rows = store.select(sparql.load("minted-concepts"), unlinked=ox.NamedNode(UNLINKED_GRAPH),
                            type=ox.NamedNode(DKG + SCHEMES[kind][1]), words=ox.Literal(words))
        found += [r["c"] for r in rows]
    return tuple(ox.NamedNode(i) for i in dict.fromkeys(found))


def to_term(raw: str, type_: str, name: str) -> ox.NamedNode | ox.Literal:
    if type_ in ("iri", "endpoint"):
        iri = expand(str(raw))
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise QueryError(f"parameter {name!r}: {raw!r} is not an IRI") from exc
    if type_ == "integer":
        if not re.fullmatch(r"-?\d+", str(raw)):
            raise QueryError(f"parameter {name!r}: {raw!r} is not an integer")
        return ox.Literal(str(int(raw)), datatype=ox.NamedNode(
            "http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(str(raw))


def parse_query_file(path: Path, *, header_required: bool = True) -> NamedQuery:
    """Read one .rq file; raises QueryError naming the file if its header or SPARQL is bad.
    Without ``header_required`` (an ad-hoc file), a missing header makes the file name the
    title."""
    text = path.read_text(encoding="utf-8")
    header_lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header_lines.append(line[2:] if line.startswith("# ") else line[1:])
    try:
        meta = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{path}: header is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict) or "title" not in meta:
        if header_required:
            raise QueryError(f"{path}: header needs at least 'title:'")
        meta = {"title": path.name}
    params = []
    for pname, spec in (meta.get("params") or {}).items():
        spec = spec or {}
        ptype = spec.get("type", "string")
        if ptype not in PARAM_TYPES:
            raise QueryError(f"{path}: parameter {pname!r} has type {ptype!r}; use {PARAM_TYPES}")
        default = spec.get("default")
        kind = str(spec.get("kind", ""))
        if (ptype == "concept") != bool(kind) or (kind and kind not in SCHEMES):
            raise QueryError(f"{path}: parameter {pname!r}: a concept needs 'kind:', one of "
                             f"{sorted(SCHEMES)}; other types take none")
        params.append(Param(pname, ptype, None if default is None else str(default),
                            spec.get("description", ""), kind))
    query = NamedQuery(
        name=path.stem,
        title=str(meta["title"]),
        description=str(meta.get("description", "")).strip(),
        sparql=sparql_prefixes() + sparql.expand_paths(text),
        params=tuple(params),
        example=str(meta.get("example", "")),
        tags=tuple(meta.get("tags") or ()),
    )
    try:  # parse now so that a broken query fails at start-up, not at first use
        ox.Store().query(query.sparql)
    except SyntaxError as exc:
        raise QueryError(f"{path}: SPARQL does not parse: {exc}") from exc
    return query


@cache
def library(directory: Path = HERE) -> dict[str, NamedQuery]:
    """Every named query in ``directory``, by name."""
    out = {}
    for path in sorted(directory.glob("*.rq")):
        if not _NAME.match(path.stem):
            raise QueryError(f"{path}: query names are lower-case words joined by '-'")
        out[path.stem] = parse_query_file(path)
    return out


def get(name_or_file: str) -> NamedQuery:
    """A named query, or a query read from a ``.rq`` file path."""
    path = Path(name_or_file)
    if path.suffix == ".rq":
        if not path.is_file():
            raise UnknownQueryError(f"{path}: no such query file")
        return parse_query_file(path, header_required=False)
    queries = library()
    if name_or_file not in queries:
        raise UnknownQueryError(
            f"no named query {name_or_file!r}; run 'drugkg query --list' to see them"
        )
    return queries[name_or_file]
