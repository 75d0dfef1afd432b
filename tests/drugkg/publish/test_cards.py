"""Drug cards are built by SPARQL over the store, not from parser memory."""

from __future__ import annotations

import shutil

from drugkg.ingest.run import ingest
from drugkg.ontology.identifiers import xref_of
from drugkg.publish import cards as cards_module
from drugkg.publish.cards import build_cards
from tests.conftest import BASE, EXAMPLES


def test_cards_come_from_the_store_alone(store, tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(EXAMPLES / "monographs", folder)
    ingest([folder], store, base=BASE)
    shutil.rmtree(folder)  # nothing left to read but the store
    cards = build_cards(store)
    assert {c["source"] for c in cards} >= {"zolpidem.md", "codeine-paracetamol.md"}
    zolpidem = next(c for c in cards if c["label"] == "zolpidem")
    assert zolpidem["product"] == "Zolpidem"
    assert zolpidem["graph"] == f"{BASE}graph/zolpidem"


def test_a_fact_added_by_sparql_shows_on_the_card(store):
    ingest([EXAMPLES / "monographs" / "zolpidem.md"], store, base=BASE)
    before = next(c for c in build_cards(store) if c["label"] == "zolpidem")
    assert all(i["label"] != "hiccups" for i in before["adverse_effects"])
    store._store.update(f"""
        PREFIX dkg: <https://w3id.org/drugkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        INSERT DATA {{ GRAPH <{BASE}graph/zolpidem> {{
            <https://w3id.org/drugkg/vocab/drug/zolpidem> dkg:hasSeriousAdverseEffect
                <{BASE}concept/adverse-effect/hiccups> .
            <{BASE}concept/adverse-effect/hiccups> skos:prefLabel "hiccups"@en ;
                a dkg:UnlinkedConcept .
        }} }}""")
    after = next(c for c in build_cards(store) if c["label"] == "zolpidem")
    hiccups = next(i for i in after["adverse_effects"] if i["label"] == "hiccups")
    assert hiccups == {"id": f"{BASE}concept/adverse-effect/hiccups", "label": "hiccups",
                       "synonyms": [], "linked": False, "serious": True}


def test_one_card_per_drug_per_monograph(examples_store):
    cards = build_cards(examples_store)
    paracetamol = [c for c in cards if c["label"] == "paracetamol"]
    assert len({c["source"] for c in paracetamol}) == len(paracetamol) >= 2


def test_neurotransmitters_follow_mechanism_and_receptor_links(store):
    ingest([EXAMPLES / "monographs" / "clobazam.md"], store, base=BASE)
    card = next(c for c in build_cards(store) if c["label"] == "clobazam")
    assert [i["label"] for i in card["neurotransmitters"]] == ["GABA"]


def test_xrefs_use_the_prefix_map():
    assert xref_of("http://purl.obolibrary.org/obo/CHEBI_3756") == ("chebi", "CHEBI:3756")
    assert xref_of("https://go.drugbank.com/drugs/DB01068") == ("drugbank", "DB01068")
    assert xref_of("https://example.org/unknown/1") is None


def test_cards_built_a_few_pages_at_a_time_are_the_cards_built_at_once(examples_store,
                                                                      monkeypatch):
    whole = build_cards(examples_store)
    monkeypatch.setattr(cards_module, "BATCH_GRAPHS", 2)
    assert build_cards(examples_store) == whole
    assert len(whole) >= 14


def test_one_drugs_cards_by_name_iri_or_curie(examples_store):
    everything = build_cards(examples_store)
    paracetamol = [c for c in everything if c["label"] == "paracetamol"]
    assert build_cards(examples_store, drug="Paracetamol") == paracetamol
    assert build_cards(examples_store, drug=paracetamol[0]["id"]) == paracetamol
    assert build_cards(examples_store, drug="drug:zolpidem") == [
        c for c in everything if c["label"] == "zolpidem"]
    assert build_cards(examples_store, drug="no such drug") == []
