"""OWL reasoning with HermiT: property chains, defined classes, consistency."""

from __future__ import annotations

import pytest

from drugkg import queries
from drugkg.ingest.run import ingest
from drugkg.ontology import DKG, INFERRED_GRAPH, ONTOLOGY_FILE
from drugkg.ontology.reason import reason
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES, SHARED

CLASS_ONLY = """---
title: {title}
---

# {title}

## Usage

{title} is a {klass} used for anxiety.

## Side Effects

- Headache
"""


def gaba_dependence(store) -> set[str]:
    q = queries.get("gaba-dependence")
    return {row["drug"].value for row in store.query(q.sparql, bindings=q.bindings({}))}


def test_ontology_loads_in_owlready2():
    import io

    import owlready2
    import pyoxigraph as ox

    # owlready2 reads RDF/XML, OWL/XML and N-Triples, not Turtle
    nt = ox.serialize(ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE),
                      format=ox.RdfFormat.N_TRIPLES)
    world = owlready2.World()
    onto = world.get_ontology("https://w3id.org/drugkg/ontology").load(
        fileobj=io.BytesIO(nt), format="ntriples")
    assert onto.DrugActingOnGABA is not None
    assert len(onto.actsOn.get_property_chain()) == 3


@pytest.mark.parametrize(
    ("title", "klass", "transmitter"),
    [("Zorazepam", "benzodiazepine", "gaba"),
     ("Venlaxine", "serotonin-norepinephrine reuptake inhibitor (SNRI)", "serotonin")],
)
def test_class_alone_yields_the_transmitter_after_reasoning(write, title, klass, transmitter):
    store = open_store("memory:")
    ingest([write(f"{title}.md", CLASS_ONLY.format(title=title, klass=klass))], store,
           base=BASE)
    acts_on = f"{DKG}actsOn"
    drug = f"{BASE}drug/{title.lower()}"
    target = f"https://w3id.org/drugkg/vocab/target/{transmitter}"
    asserted = store.select(f"SELECT ?t WHERE {{ GRAPH ?g {{ <{drug}> <{acts_on}> ?t }} }}")
    assert asserted == []  # the page never names a transmitter
    reason(store)
    inferred = store.select(
        f"SELECT ?d WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?d <{acts_on}> <{target}> }} }}")
    assert [r["d"] for r in inferred] == [drug]


def corpora():
    yield EXAMPLES / "monographs"
    for name in ("dev-a", "dev-b"):
        path = SHARED / "corpus" / name / "monographs"
        if path.exists():
            yield path


@pytest.mark.parametrize("folder", list(corpora()), ids=lambda p: p.parent.name)
def test_defined_class_members_equal_the_named_query(folder):
    store = open_store("memory:")
    report = ingest([folder], store, base=BASE)
    assert report.ok
    before = gaba_dependence(store)
    result = reason(store)  # raises if the graph is inconsistent
    assert set(result.members["GABAergicDrugWithDependenceRisk"]) == before
    assert before  # every corpus has such drugs: the comparison is not vacuous
    assert gaba_dependence(store) == before  # inferred triples change no answer


def test_reingest_drops_the_stale_inferred_graph(write):
    store = open_store("memory:")
    page = write("Zorazepam.md", CLASS_ONLY.format(title="Zorazepam", klass="benzodiazepine"))
    ingest([page], store, base=BASE)
    reason(store)
    assert store.select(f"SELECT * WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}") != []
    page.write_text(CLASS_ONLY.format(title="Zorazepam", klass="benzodiazepine") + "\n- Rash\n")
    ingest([page], store, base=BASE)
    assert store.select(f"SELECT * WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}") == []
