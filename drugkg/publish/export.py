"""Data dumps of the store, with a VoID description of what they hold.

Dumps stream: the embedded store is read quad by quad (``quads_for_pattern``) straight into
pyoxigraph's serializer; a remote store is read one named graph at a time with CONSTRUCT.
Every dump carries the VoID description: in its own graph ``VOID_GRAPH`` for the formats
that hold named graphs (N-Quads, TriG, JSON-LD), merged into the triples otherwise
(Turtle, N-Triples, RDF/XML).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

import pyoxigraph as ox

from drugkg import sparql
from drugkg.errors import DrugkgError
from drugkg.formats import DUMP_FORMATS, GRAPH, by_name
from drugkg.ontology import DCT, DKG, PREFIXES, PROV, RDF, SKOS, XSD
from drugkg.publish.mappings import MAPPING_PREDICATES, collect, linkset_counts
from drugkg.store import Store

VOID_GRAPH = "https://w3id.org/drugkg/graph/void"
VOID_BASE = "https://w3id.org/drugkg/void#"
DATASET = VOID_BASE + "dataset"
VOID = "http://rdfs.org/ns/void#"
FOAF = "http://xmlns.com/foaf/0.1/"

DUMP_PREFIXES = {**PREFIXES, "void": VOID, "foaf": FOAF, "owl": "http://www.w3.org/2002/07/owl#"}


def _count(store: Store, name: str, graph: str | None) -> list[dict]:
    """The rows of the internal query ``name``, without the VoID graph (``graph``'s only)."""
    bindings = {"void": ox.NamedNode(VOID_GRAPH)} | ({"g": ox.NamedNode(graph)} if graph else {})
    result = store.query(sparql.load(name), bindings=bindings)
    names = [v.value for v in result.variables]
    return [{n: row[n] for n in names} for row in result]


def _int(term) -> int:
    return int(term.value) if term is not None else 0


def void_description(store: Store, *, graph: str | None = None, dataset: str = DATASET,
                     sparql_endpoint: str | None = None,
                     data_dumps: Iterable[str] = ()) -> list[ox.Triple]:
    """VoID for the store's named graphs (or for ``graph`` alone): a ``void:Dataset`` with
    its triple, subject, object, class and property counts, a class partition per
    ``rdf:type`` (``void:entities``), a property partition per predicate (``void:triples``),
    and one ``void:Linkset`` per external vocabulary and link predicate
    (``skos:exactMatch`` / ``skos:closeMatch``) with its ``void:triples``.

    Counts are over quads (a triple stated in two graphs counts twice), never over the VoID
    graph itself.
    """
    from drugkg.ontology.identifiers import external_converter

    ds = ox.NamedNode(dataset)
    triples: list[ox.Triple] = []

    def add(s, p: str, o) -> None:
        triples.append(ox.Triple(s, ox.NamedNode(p), o))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))

    totals = _count(store, "void-totals", graph)[0]
    classes = _count(store, "void-classes", graph)
    properties = _count(store, "void-properties", graph)

    add(ds, RDF + "type", ox.NamedNode(VOID + "Dataset"))
    title = f"drugkg knowledge graph, graph <{graph}>" if graph else "drugkg knowledge graph"
    add(ds, DCT + "title", ox.Literal(title, language="en"))
    add(ds, DCT + "description", ox.Literal(
        "Facts read from drug monographs (one named graph per monograph, with evidence and "
        "PROV-O provenance), the drugkg ontology and its SKOS vocabularies.", language="en"))
    for vocabulary in (DKG, SKOS, PROV, DCT):
        add(ds, VOID + "vocabulary", ox.NamedNode(vocabulary))
    if sparql_endpoint:
        add(ds, VOID + "sparqlEndpoint", ox.NamedNode(sparql_endpoint))
    for dump in data_dumps:
        add(ds, VOID + "dataDump", ox.NamedNode(dump))
    add(ds, VOID + "triples", integer(_int(totals["triples"])))
    add(ds, VOID + "distinctSubjects", integer(_int(totals["subjects"])))
    add(ds, VOID + "distinctObjects", integer(_int(totals["objects"])))
    add(ds, VOID + "properties", integer(_int(totals["properties"])))
    add(ds, VOID + "classes", integer(len(classes)))
    add(ds, VOID + "entities", integer(sum(_int(r["n"]) for r in classes)))
    for row in classes:
        part = ox.BlankNode()
        add(ds, VOID + "classPartition", part)
        add(part, VOID + "class", row["class"])
        add(part, VOID + "entities", integer(_int(row["n"])))
    for row in properties:
        part = ox.BlankNode()
        add(ds, VOID + "propertyPartition", part)
        add(part, VOID + "property", row["p"])
        add(part, VOID + "triples", integer(_int(row["n"])))

    specs = external_converter().prefix_map
    names = _vocabulary_names()
    described: set[str] = set()
    for (prefix, predicate), n in sorted(linkset_counts(collect(store, graph)).items(),
                                         key=lambda kv: (kv[0][0] or "~", kv[0][1])):
        if prefix is None:
            continue  # an IRI outside the prefix map: no dataset to link to
        target = ox.NamedNode(f"{VOID_BASE}vocabulary-{prefix}")
        linkset = ox.NamedNode(
            f"{VOID_BASE}linkset-{prefix}-{MAPPING_PREDICATES[predicate].split(':')[1]}")
        add(ds, VOID + "subset", linkset)
        add(linkset, RDF + "type", ox.NamedNode(VOID + "Linkset"))
        add(linkset, VOID + "subjectsTarget", ds)
        add(linkset, VOID + "objectsTarget", target)
        add(linkset, VOID + "linkPredicate", ox.NamedNode(predicate))
        add(linkset, VOID + "triples", integer(n))
        if prefix not in described:
            described.add(prefix)
            add(target, RDF + "type", ox.NamedNode(VOID + "Dataset"))
            add(target, DCT + "identifier", ox.Literal(prefix))
            if names.get(prefix, {}).get("name"):
                add(target, DCT + "title", ox.Literal(names[prefix]["name"]))
            if names.get(prefix, {}).get("homepage"):
                add(target, FOAF + "homepage", ox.NamedNode(names[prefix]["homepage"]))
            add(target, VOID + "uriSpace", ox.Literal(specs[prefix]))
    # the dataset's own statements first, so Turtle groups them under one subject
    return [t for t in triples if t.subject == ds] + [t for t in triples if t.subject != ds]


def _vocabulary_names() -> dict[str, dict]:
    import json

    from drugkg.ontology import HERE

    return json.loads((HERE / "prefixes.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------- dumps


def store_quads(store: Store, graph: str | None = None) -> Iterator[ox.Quad]:
    """The store's quads (one graph's, when given), lazily, never the VoID graph."""
    if graph:
        return store.quads(graph=graph)
    return (q for q in store.quads() if q.graph_name.value != VOID_GRAPH)


def dump(store: Store, output: BinaryIO, fmt: str, *, graph: str | None = None) -> None:
    """Write the store (or one graph) with its VoID description to ``output``."""
    if fmt not in DUMP_FORMATS:
        raise DrugkgError(f"unknown dump format {fmt!r}; use one of {', '.join(DUMP_FORMATS)}")
    row = by_name(fmt, GRAPH)
    rdf_format = row.rdf
    void = void_description(store, graph=graph)
    if rdf_format.supports_datasets:
        vg = ox.NamedNode(VOID_GRAPH)
        items: Iterable = _chain(
            store_quads(store, graph),
            (ox.Quad(t.subject, t.predicate, t.object, vg) for t in void))
    else:
        items = _chain((q.triple for q in store_quads(store, graph)), void)
    kwargs = {"prefixes": DUMP_PREFIXES} if row.prefixes else {}
    ox.serialize(items, output, rdf_format, **kwargs)


def _chain(*parts: Iterable) -> Iterator:
    for part in parts:
        yield from part
