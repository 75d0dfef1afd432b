"""Facts -> RDF quads in the monograph's own named graph, with evidence and PROV-O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from drugkg import __version__
from drugkg.ingest.labels import label_triples
from drugkg.ingest.model import Component, Fact
from drugkg.ingest.monograph import Monograph
from drugkg.ontology import DKG, PROV, RDF, RDFS, SCHEMES, SKOS, UNLINKED_GRAPH, XSD

PREDICATES = {
    "class": DKG + "inClass",
    "mechanism": DKG + "hasMechanism",
    "target": DKG + "actsOn",
    "indication": DKG + "indicatedFor",
    "contraindication": DKG + "contraindicatedIn",
    "interaction": DKG + "interactsWith",
    "risk": DKG + "hasRisk",
    "schedule": DKG + "deaSchedule",
}
COMMON_AE = DKG + "hasCommonAdverseEffect"
SERIOUS_AE = DKG + "hasSeriousAdverseEffect"
_TYPE = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")
_PREF = NamedNode(SKOS + "prefLabel")


@cache  # the few dozen predicate and class IRIs every page repeats
def _node(iri: str) -> NamedNode:
    return NamedNode(iri)


def slug(text: str) -> str:
    """Stable IRI-safe slug: 'Parkinson's disease' -> 'parkinsons-disease'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"'", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def graph_iri(base: str, path: Path) -> str:
    """The named graph that holds everything read from the file at ``path``."""
    return f"{base}graph/{slug(path.stem)}"


def monograph_graph(base: str, monograph: Monograph) -> str:
    """The named graph of a monograph: its file's, or its label version's."""
    return f"{base}graph/{monograph.key}" if monograph.key else graph_iri(base, monograph.path)


def predicate_iri(fact: Fact) -> str:
    if fact.predicate == "adverse-effect":
        return SERIOUS_AE if fact.serious else COMMON_AE
    if fact.predicate == "contraindication" and fact.kind in ("drug", "class"):
        return DKG + "contraindicatedWith"
    return PREDICATES[fact.predicate]


def emit(
    monograph: Monograph,
    components: list[Component],
    facts: list[Fact],
    *,
    base: str,
    ingested_at: datetime | None = None,
) -> Iterator[Quad]:
    """Every quad of one monograph's named graph, plus the declarations of the concepts it
    mints, which go to the shared :data:`UNLINKED_GRAPH`."""
    g = NamedNode(monograph_graph(base, monograph))
    stem = monograph.key or slug(monograph.path.stem)

    def q(s: str | NamedNode, p: str, o, graph: NamedNode = g) -> Quad:
        s = s if isinstance(s, NamedNode) else NamedNode(s)
        return Quad(s, _node(p), o, graph)

    unlinked = NamedNode(UNLINKED_GRAPH)

    def minted(concept: NamedNode, kind_class: str, label: str) -> Iterator[Quad]:
        for p, o in ((RDF + "type", NamedNode(DKG + "UnlinkedConcept")),
                     (RDF + "type", NamedNode(kind_class)),
                     (SKOS + "prefLabel", Literal(label.lower(), language="en"))):
            yield q(concept, p, o, unlinked)

    when = (ingested_at or datetime.now(UTC)).isoformat()
    yield q(g, RDF + "type", NamedNode(PROV + "Entity"))
    yield q(g, DKG + "sourceFile", Literal(monograph.name))
    yield q(g, PROV + "wasDerivedFrom", NamedNode(monograph.path.resolve().as_uri()))
    yield q(g, DKG + "sha256", Literal(monograph.sha256))
    yield q(g, PROV + "generatedAtTime", Literal(when, datatype=NamedNode(XSD + "dateTime")))
    yield q(g, DKG + "drugkgVersion", Literal(__version__))
    yield q(g, PROV + "wasGeneratedBy", NamedNode(f"https://pypi.org/project/drugkg/{__version__}"))

    product = NamedNode(f"{base}product/{stem}")
    yield q(product, RDF + "type", NamedNode(DKG + "DrugProduct"))
    if monograph.is_combination:
        yield q(product, RDF + "type", NamedNode(DKG + "CombinationProduct"))
    yield q(product, RDFS + "label", Literal(monograph.title, language="en"))
    yield q(product, DKG + "sourceFile", Literal(monograph.name))
    drug_iris: dict[str, NamedNode] = {}
    for comp in components:
        if comp.concept is not None:
            drug = NamedNode(comp.concept.iri)
        else:
            drug = NamedNode(f"{base}drug/{slug(comp.name)}")
            yield from minted(drug, DKG + "Drug", comp.name)
        drug_iris[comp.name] = drug
        yield q(drug, RDF + "type", NamedNode(DKG + "Drug"))
        yield q(product, DKG + "hasActiveIngredient", drug)
    if monograph.label is not None:
        yield from (q(s, p, o) for s, p, o in label_triples(monograph, components, g, product,
                                                           drug_iris))

    source = Literal(monograph.name)
    for n, fact in enumerate(facts, start=1):
        subject = drug_iris[fact.component]
        if fact.concept is not None:
            obj = NamedNode(fact.concept.iri)
        else:
            obj = NamedNode(f"{base}concept/{fact.kind}/{slug(fact.phrase)}")
            yield from minted(obj, DKG + SCHEMES[fact.kind][1], fact.phrase)
        pred = predicate_iri(fact)
        yield q(subject, pred, obj)
        ev = NamedNode(f"{base}evidence/{stem}/{n}")
        yield q(ev, RDF + "type", _node(DKG + "Evidence"))
        yield q(ev, RDF + "subject", subject)
        yield q(ev, RDF + "predicate", NamedNode(pred))
        yield q(ev, RDF + "object", obj)
        yield q(ev, DKG + "section", Literal(fact.section))
        if fact.heading:
            yield q(ev, DKG + "heading", Literal(fact.heading))
        yield q(ev, DKG + "sentence", Literal(fact.sentence))
        if fact.rule:
            yield q(ev, DKG + "rule", Literal(fact.rule))
        yield q(ev, DKG + "line", Literal(str(fact.line), datatype=_node(XSD + "integer")))
        yield q(ev, DKG + "sourceFile", source)
        yield q(ev, PROV + "wasDerivedFrom", g)
        for mention in dict.fromkeys((fact.phrase, *fact.synonyms)):
            yield q(ev, DKG + "mention", Literal(mention))
