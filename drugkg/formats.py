"""The one table of output formats: media types, ``format`` names, file extensions and the
pyoxigraph format behind each. The SPARQL endpoint, the browse pages, the dumps and the CLI
all read it, so a format is added (or renamed) here once.

Each row is one media type and the kind of answer it carries:

- ``solutions``: SELECT and ASK results (SPARQL JSON, XML, CSV, TSV);
- ``graph``: RDF triples or quads (CONSTRUCT/DESCRIBE results, entity pages as Linked
  Data, dumps);
- ``page``: the browse pages themselves (HTML, their JSON twin, and a table page's CSV).

``names`` are the values a ``?format=`` parameter or ``--format`` option may take for the
row (the first is its own name); a name may stand for different media types of different
kinds ('json' is SPARQL JSON for solutions, JSON-LD for graphs), so look names up by kind.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

SOLUTIONS, GRAPH, PAGE = "solutions", "graph", "page"


@dataclass(frozen=True)
class Format:
    media: str
    kind: str
    names: tuple[str, ...] = ()
    extension: str = ""
    rdf: ox.RdfFormat | None = None  # graph kinds
    results: ox.QueryResultsFormat | None = None  # solutions kinds
    w3c: str = ""  # its name under http://www.w3.org/ns/formats/ (service description)
    endpoint: bool = True  # offered by /sparql (TriG is a dump format only)
    label: str = ""  # its name for people (a page's "also as" links)
    prefixes: bool = False  # the syntax abbreviates IRIs with a prefix map

    @property
    def name(self) -> str:
        return self.names[0] if self.names else ""


_R, _Q = ox.RdfFormat, ox.QueryResultsFormat
# Order matters: it is the endpoint's order of preference when the client accepts several.
FORMATS: tuple[Format, ...] = (
    Format("application/sparql-results+json", SOLUTIONS, ("json",), ".srj",
           results=_Q.JSON, w3c="SPARQL_Results_JSON", label="SPARQL JSON"),
    Format("application/sparql-results+xml", SOLUTIONS, ("xml",), ".srx",
           results=_Q.XML, w3c="SPARQL_Results_XML", label="SPARQL XML"),
    Format("text/csv", SOLUTIONS, ("csv",), ".csv", results=_Q.CSV, w3c="SPARQL_Results_CSV",
           label="CSV"),
    Format("text/tab-separated-values", SOLUTIONS, ("tsv",), ".tsv", results=_Q.TSV,
           w3c="SPARQL_Results_TSV", label="TSV"),
    # the same syntaxes under generic media types, for clients that ask for those
    Format("application/json", SOLUTIONS, (), ".json", results=_Q.JSON, label="JSON"),
    Format("application/xml", SOLUTIONS, (), ".xml", results=_Q.XML, label="XML"),
    Format("text/turtle", GRAPH, ("ttl", "turtle"), ".ttl", rdf=_R.TURTLE, w3c="Turtle",
           label="Turtle", prefixes=True),
    Format("application/n-triples", GRAPH, ("nt", "ntriples"), ".nt", rdf=_R.N_TRIPLES,
           w3c="N-Triples", label="N-Triples"),
    Format("application/n-quads", GRAPH, ("nq", "nquads"), ".nq", rdf=_R.N_QUADS,
           w3c="N-Quads", label="N-Quads"),
    Format("application/trig", GRAPH, ("trig",), ".trig", rdf=_R.TRIG, endpoint=False,
           label="TriG", prefixes=True),
    Format("application/rdf+xml", GRAPH, ("rdfxml", "xml", "rdf+xml"), ".rdf",
           rdf=_R.RDF_XML, w3c="RDF_XML", label="RDF/XML", prefixes=True),
    Format("application/ld+json", GRAPH, ("jsonld", "json", "json-ld"), ".jsonld",
           rdf=_R.JSON_LD, w3c="JSON-LD", label="JSON-LD", prefixes=True),
    Format("text/n3", GRAPH, ("n3",), ".n3", rdf=_R.N3, label="N3"),
    Format("text/plain", GRAPH, (), ".nt", rdf=_R.N_TRIPLES,  # N-Triples, as old clients ask
           label="N-Triples"),
    Format("text/html", PAGE, ("html",), ".html", label="HTML"),
    Format("application/json", PAGE, ("json",), ".json", label="JSON"),
    Format("text/csv", PAGE, ("csv",), ".csv", label="CSV"),  # a page's table
)

# Dumps (drugkg export) write the graph formats that have a name, TriG included.
DUMP_FORMATS: tuple[str, ...] = ("nq", "nt", "ttl", "trig", "jsonld", "rdfxml")


def of_kind(kind: str, *, endpoint: bool = False) -> tuple[Format, ...]:
    """The rows of ``kind`` in the table's order (only those /sparql offers, if asked)."""
    return tuple(f for f in FORMATS if f.kind == kind and (f.endpoint or not endpoint))


def offers(kind: str) -> list[str]:
    """The media types the SPARQL endpoint offers for answers of ``kind``, preferred first."""
    return [f.media for f in of_kind(kind, endpoint=True)]


def by_media(media: str, kind: str) -> Format:
    """The row for ``media`` among ``kind``; KeyError if there is none."""
    for f in FORMATS:
        if f.media == media and f.kind == kind:
            return f
    raise KeyError(media)


def by_name(name: str, kind: str) -> Format:
    """The row a ``format`` name stands for among ``kind``; KeyError if none."""
    for f in of_kind(kind):
        if name in f.names:
            return f
    raise KeyError(name)


def names(*kinds: str) -> dict[str, str]:
    """``format`` name -> media type over ``kinds``; where kinds share a name ('json'), the
    first kind listed wins."""
    out: dict[str, str] = {}
    for kind in kinds:
        for f in of_kind(kind):
            for n in f.names:
                out.setdefault(n, f.media)
    return out
