"""OWL reasoning with owlready2 (HermiT or Pellet, run on the JVM).

The reasoner sees the ontology (TBox), the vocabulary links it needs (class -> mechanism ->
target, receptor -> transmitter, concept types) and every fact of every monograph graph.
What it infers beyond the asserted facts (``dkg:actsOn`` through the property chains,
membership of the defined classes) is written to its own named graph, so asserted and
inferred facts stay distinguishable.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from drugkg import sparql
from drugkg.errors import DrugkgError
from drugkg.ontology import DKG, INFERRED_GRAPH, ONTOLOGY_FILE, RDF
from drugkg.store import Store

REASONERS = ("hermit", "pellet")
DEFINED_CLASSES = (
    "DrugActingOnGABA",
    "SerotonergicDrug",
    "DrugWithDependenceRisk",
    "DrugWithSerotoninSyndromeRisk",
    "GABAergicDrugWithDependenceRisk",
)
class InconsistentGraphError(DrugkgError):
    """The ontology and the graph contradict each other."""

    def __init__(self, message: str, entities: list[str]) -> None:
        self.entities = entities
        super().__init__(message)


@dataclass
class ReasonReport:
    reasoner: str
    seconds: float = 0.0
    asserted: int = 0
    inferred: int = 0
    members: dict[str, list[str]] = field(default_factory=dict)


def _write_input(store: Store, path: Path) -> int:
    triples = list(store.query(sparql.load("reasoner-input")))
    with ONTOLOGY_FILE.open("rb") as fh:
        tbox = list(ox.parse(fh, format=ox.RdfFormat.TURTLE))
    ox.serialize(tbox + triples, str(path), format=ox.RdfFormat.N_TRIPLES)
    return len(triples)


def reason(store: Store, *, reasoner: str = "hermit") -> ReasonReport:
    """Classify the graph, store what was inferred, and report defined-class members.

    Raises :class:`InconsistentGraphError` naming the offending entities.
    """
    if reasoner not in REASONERS:
        raise DrugkgError(f"unknown reasoner {reasoner!r}; use one of {', '.join(REASONERS)}")
    import owlready2

    if shutil.which(owlready2.JAVA_EXE) is None:  # else a FileNotFoundError mid-run
        raise DrugkgError(f"the {reasoner} reasoner runs on Java, and no Java runtime "
                          f"({owlready2.JAVA_EXE}) was found; install one (Debian: apt-get "
                          "install default-jre-headless) or put java on the PATH")
    report = ReasonReport(reasoner)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.nt"
        report.asserted = _write_input(store, source)
        world = owlready2.World()
        onto = world.get_ontology(source.as_uri()).load(fileobj=source.open("rb"),
                                                         format="ntriples")
        run = (owlready2.sync_reasoner_hermit if reasoner == "hermit"
               else owlready2.sync_reasoner_pellet)
        try:
            with onto:
                run(world, infer_property_values=True, debug=0)
        except owlready2.OwlReadyJavaError as exc:
            raise DrugkgError(
                f"the {reasoner} reasoner failed on the JVM: {str(exc).splitlines()[-1]}. "
                "owlready2's Pellet needs a recent Java; use --reasoner hermit."
            ) from exc
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            entities = [str(c.iri) for c in world.inconsistent_classes()]
            raise InconsistentGraphError(
                f"the graph is inconsistent with the ontology ({reasoner}): {exc}. "
                f"Unsatisfiable: {', '.join(entities) or 'see the reasoner output'}",
                entities,
            ) from exc
        inferred = _inferred(world, store)
    store.replace_graph(INFERRED_GRAPH, inferred)
    report.inferred = len(inferred)
    for name in DEFINED_CLASSES:
        report.members[name] = sorted(
            q.subject.value for q in inferred
            if q.predicate.value == RDF + "type" and q.object.value == DKG + name
        )
    report.seconds = time.perf_counter() - started
    return report


def _inferred(world, store: Store) -> list[ox.Quad]:
    """Drug-level actsOn values and defined-class types the store does not assert."""
    g = ox.NamedNode(INFERRED_GRAPH)
    acts_on = DKG + "actsOn"
    asserted = {
        (r["d"], r["t"]) for r in store.select(sparql.load("asserted-acts-on"),
                                               inferred=g)
    }
    drugs = {r["d"] for r in store.select(sparql.load("active-ingredients"))}
    out: list[ox.Quad] = []
    for d, t in world.sparql(sparql.load("reasoner-acts-on")):
        d_iri, t_iri = d.iri, t.iri
        if d_iri in drugs and (d_iri, t_iri) not in asserted:
            out.append(ox.Quad(ox.NamedNode(d_iri), ox.NamedNode(acts_on), ox.NamedNode(t_iri),
                               g))
    for iri in drugs:
        individual = world[iri]
        if individual is None:
            continue
        # INDIRECT_is_a: every class the reasoner put the drug in, not only the most specific
        names = {getattr(c, "iri", "") for c in individual.INDIRECT_is_a}
        for name in DEFINED_CLASSES:
            if DKG + name in names:
                out.append(ox.Quad(ox.NamedNode(iri), ox.NamedNode(RDF + "type"),
                                   ox.NamedNode(DKG + name), g))
    return sorted(set(out), key=str)
