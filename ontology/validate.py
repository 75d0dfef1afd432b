"""SHACL validation of ingested data (pyshacl) against ontology/shapes.ttl."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from drugkg import sparql
from drugkg.errors import DrugkgError
from drugkg.ontology import HERE, INFERRED_GRAPH
from drugkg.store import Store

SHAPES_FILE = HERE / "shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"



@dataclass
class ValidationReport:
    conforms: bool
    violations: list[str] = field(default_factory=list)


BATCH_GRAPHS = 200  # page graphs validated together: memory stays flat at any store size


def validate(store: Store, *,
             progress: Callable[[int, int], None] | None = None) -> ValidationReport:
    """Validate the store's asserted data; each violation as 'focus node: message'.

    Pages are validated a batch at a time, each with the types and labels of its drugs
    from any graph, so memory stays flat as the store grows: the shapes read nothing else
    beyond a page, and ingest keeps each fact's evidence in the fact's page (a fact backed
    only by another page's evidence is reported).
    ``progress(done, total)`` is called after each batch of page graphs."""
    import pyshacl
    import rdflib

    shapes = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    pages = [ox.NamedNode(row["g"]) for row in store.select(sparql.load("page-graphs"))]
    violations: set[str] = set()
    conforms = True
    for start in range(0, len(pages), BATCH_GRAPHS):
        batch = tuple(pages[start : start + BATCH_GRAPHS])
        data = rdflib.Graph()
        for name, bindings in (("graph-triples", {"g": batch}), ("shared-triples", {
                "g": batch, "inferred": ox.NamedNode(INFERRED_GRAPH)})):
            # the engine's answer is bound to no name: pyshacl leaves its frames (and so this
            # one) in reference cycles that another thread's garbage collection may free, and
            # pyoxigraph's results must be dropped on the thread that made them
            data.parse(data=ox.serialize(store.query(sparql.load(name), bindings=bindings),
                                         format=ox.RdfFormat.N_TRIPLES), format="nt")
        ok, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                             advanced=True, allow_warnings=True)
        if not isinstance(results, rdflib.Graph):  # the shapes themselves are broken
            raise DrugkgError(f"{SHAPES_FILE}: {text}")
        conforms = conforms and bool(ok)
        for result in results.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationResult")):
            focus = results.value(result, rdflib.URIRef(SH + "focusNode"))
            message = results.value(result, rdflib.URIRef(SH + "resultMessage"))
            path = results.value(result, rdflib.URIRef(SH + "resultPath"))
            violations.add(f"{focus}: {message}" + (f" ({path})" if path else ""))
        if progress is not None:
            progress(start + len(batch), len(pages))
    return ValidationReport(conforms, sorted(violations))
