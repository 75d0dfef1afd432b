"""Facts -> RDF quads in the monograph's own named graph, with evidence and PROV-O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode

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


@cache  # predicate and class IRIs, and the vocabulary's concepts, repeat on every page
def _iri(iri: str) -> str:
    """An IRI in N-Triples form, checked by pyoxigraph once."""
    return str(NamedNode(iri))


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
) -> Iterator[str]:
    """Every quad of one monograph's named graph, plus the declarations of the concepts it
    mints, which go to the shared :data:`UNLINKED_GRAPH`, as N-Quads lines.

    An evidence node's file and provenance are its graph's (``?g dkg:sourceFile``,
    ``?g prov:wasDerivedFrom``), stated once per graph, not on every node: the writer's
    cost is per quad (decision 0014).

    Terms are pyoxigraph's (which check IRIs and language tags) written out in their
    N-Triples form; no ``Quad`` is built: pyoxigraph 0.5 takes ~2.5 us to build one with a
    literal object, which was most of emit's time."""
    graph = NamedNode(monograph_graph(base, monograph))
    g = str(graph)
    stem = monograph.key or slug(monograph.path.stem)
    unlinked = _iri(UNLINKED_GRAPH)

    def minted(concept: str, kind_class: str, label: str) -> Iterator[str]:
        yield f"{concept} {_iri(RDF + 'type')} {_iri(DKG + 'UnlinkedConcept')} {unlinked} .\n"
        yield f"{concept} {_iri(RDF + 'type')} {_iri(kind_class)} {unlinked} .\n"
        yield (f"{concept} {_iri(SKOS + 'prefLabel')} {Literal(label.lower(), language='en')} "
               f"{unlinked} .\n")

    def q(s: str, p: str, o: object) -> str:
        return f"{s} {_iri(p)} {o} {g} .\n"

    when = (ingested_at or datetime.now(UTC)).isoformat()
    yield q(g, RDF + "type", _iri(PROV + "Entity"))
    yield q(g, DKG + "sourceFile", Literal(monograph.name))
    yield q(g, PROV + "wasDerivedFrom", NamedNode(monograph.path.resolve().as_uri()))
    yield q(g, DKG + "sha256", Literal(monograph.sha256))
    yield q(g, PROV + "generatedAtTime", Literal(when, datatype=NamedNode(XSD + "dateTime")))
    yield q(g, DKG + "drugkgVersion", Literal(__version__))
    yield q(g, PROV + "wasGeneratedBy", NamedNode(f"https://pypi.org/project/drugkg/{__version__}"))

    product_node = NamedNode(f"{base}product/{stem}")
    product = str(product_node)
    yield q(product, RDF + "type", _iri(DKG + "DrugProduct"))
    if monograph.is_combination:
        yield q(product, RDF + "type", _iri(DKG + "CombinationProduct"))
    yield q(product, RDFS + "label", Literal(monograph.title, language="en"))
    yield q(product, DKG + "sourceFile", Literal(monograph.name))
    drug_iris: dict[str, NamedNode] = {}
    for comp in components:
        if comp.concept is not None:
            drug = NamedNode(comp.concept.iri)
        else:
            drug = NamedNode(f"{base}drug/{slug(comp.name)}")
            yield from minted(str(drug), DKG + "Drug", comp.name)
        drug_iris[comp.name] = drug
        yield q(str(drug), RDF + "type", _iri(DKG + "Drug"))
        yield q(product, DKG + "hasActiveIngredient", drug)
    if monograph.label is not None:
        yield from (q(str(s), p, o) for s, p, o in label_triples(
            monograph, components, graph, product_node, drug_iris))

    drugs = {name: str(node) for name, node in drug_iris.items()}
    # a page's facts repeat their sections, headings, rules and sentences: each literal is
    # built once per page
    literals: dict[str, str] = {}

    def text(value: str) -> str:
        literal = literals.get(value)
        if literal is None:
            literal = literals[value] = str(Literal(value))
        return literal

    # checked once: an IRI with digits appended to it is still one
    evidence = str(NamedNode(f"{base}evidence/{stem}/"))[:-1]
    integer = _iri(XSD + "integer")
    for n, fact in enumerate(facts, start=1):
        subject = drugs[fact.component]
        if fact.concept is not None:
            obj = _iri(fact.concept.iri)  # vocabulary IRIs: a bounded set
        else:
            obj = str(NamedNode(f"{base}concept/{fact.kind}/{slug(fact.phrase)}"))
            yield from minted(obj, DKG + SCHEMES[fact.kind][1], fact.phrase)
        pred = predicate_iri(fact)
        yield q(subject, pred, obj)
        ev = f"{evidence}{n}>"
        yield q(ev, RDF + "type", _iri(DKG + "Evidence"))
        yield q(ev, RDF + "subject", subject)
        yield q(ev, RDF + "predicate", _iri(pred))
        yield q(ev, RDF + "object", obj)
        yield q(ev, DKG + "section", text(fact.section))
        if fact.heading:
            yield q(ev, DKG + "heading", text(fact.heading))
        yield q(ev, DKG + "sentence", text(fact.sentence))
        if fact.rule:
            yield q(ev, DKG + "rule", text(fact.rule))
        yield q(ev, DKG + "line", f'"{int(fact.line)}"^^{integer}')
        for mention in dict.fromkeys((fact.phrase, *fact.synonyms)):
            yield q(ev, DKG + "mention", text(mention))
