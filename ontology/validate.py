"""SHACL validation of ingested data (pyshacl) against ontology/shapes.ttl."""

from __future__ import annotations

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


def validate(store: Store) -> ValidationReport:
    """Validate the store's asserted data; each violation as 'focus node: message'."""
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    asserted = store.query(sparql.load("asserted-triples"),
                           bindings={"inferred": ox.NamedNode(INFERRED_GRAPH)})
    data.parse(data=ox.serialize(asserted, format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                               advanced=True, allow_warnings=True)
    if not isinstance(results, rdflib.Graph):  # the shapes themselves are broken
        raise DrugkgError(f"{SHAPES_FILE}: {text}")
    violations = []
    for result in results.subjects(rdflib.RDF.type, rdflib.URIRef(SH + "ValidationResult")):
        focus = results.value(result, rdflib.URIRef(SH + "focusNode"))
        message = results.value(result, rdflib.URIRef(SH + "resultMessage"))
        path = results.value(result, rdflib.URIRef(SH + "resultPath"))
        violations.append(f"{focus}: {message}" + (f" ({path})" if path else ""))
    return ValidationReport(bool(conforms), sorted(violations))
