"""The vocabularies: well-formed SKOS, unique names, identifiers that match bioregistry."""

from __future__ import annotations

import json
import re
from collections import Counter

import bioregistry
import pytest
import rdflib

from drugkg.ontology import HERE, ONTOLOGY_FILE, SCHEMES, VOCAB, VOCAB_DIR
from drugkg.ontology.lexicon import load_lexicon

SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
PREFIXES = json.loads((HERE / "prefixes.json").read_text())
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.mark.parametrize("kind", sorted(SCHEMES))
def test_every_vocabulary_parses_with_rdflib(kind):
    graph = rdflib.Graph().parse(VOCAB_DIR / SCHEMES[kind][0], format="turtle")
    concepts = set(graph.subjects(rdflib.RDF.type, SKOS.Concept))
    assert concepts
    for concept in concepts:
        assert len(list(graph.objects(concept, SKOS.prefLabel))) == 1, concept


def test_ontology_parses_with_rdflib():
    graph = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    assert (rdflib.URIRef("https://w3id.org/drugkg/ontology"), rdflib.RDF.type,
            rdflib.OWL.Ontology) in graph


def test_sizes_match_a_real_corpus(lexicon):
    counts = Counter(c.kind for c in lexicon.concepts.values())
    assert counts["drug"] >= 400
    assert counts["class"] >= 150
    assert counts["mechanism"] >= 60
    assert counts["condition"] >= 400
    assert counts["adverse-effect"] >= 500


def test_slugs_are_clean_and_in_their_scheme(lexicon):
    for concept in lexicon.concepts.values():
        namespace, _, slug = concept.iri.rpartition("/")
        assert namespace == f"{VOCAB.rstrip('/')}/{concept.kind}", concept.iri
        assert SLUG.match(slug), concept.iri


def test_no_label_names_two_concepts_of_one_scheme(lexicon):
    from drugkg.ontology.recognise import norm_phrase

    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for concept in lexicon.concepts.values():
        for label in {norm_phrase(x) for x in (concept.label, *concept.synonyms)}:
            key = (concept.kind, label)
            if key in seen and seen[key] != concept.iri:
                clashes.append((label, seen[key], concept.iri))
            seen[key] = concept.iri
    assert clashes == []


def test_every_identifier_matches_its_bioregistry_pattern(lexicon):
    checked = 0
    for concept in lexicon.concepts.values():
        for iri in (*concept.exact, *concept.close):
            prefix = next((p for p, spec in PREFIXES.items()
                           if iri.startswith(spec["uri_prefix"])), None)
            assert prefix is not None, f"{concept.iri}: {iri} uses no known URI format"
            local = iri[len(PREFIXES[prefix]["uri_prefix"]):]
            pattern = bioregistry.get_pattern(prefix)
            assert re.match(pattern, local), f"{concept.iri}: {prefix}:{local} !~ {pattern}"
            checked += 1
    assert checked > 1000


def test_prefix_map_matches_bioregistry():
    for prefix, spec in PREFIXES.items():
        assert spec["uri_prefix"] == bioregistry.get_uri_format(prefix).replace("$1", "")
        assert spec["pattern"] == bioregistry.get_pattern(prefix)


def test_links_point_to_existing_concepts(lexicon):
    for concept in lexicon.concepts.values():
        for name in ("hasMechanism", "actsOn", "signalsRisk", "broader"):
            for target in concept.linked(name):
                assert target in lexicon.concepts, f"{concept.iri} {name} {target}"


def test_most_drugs_carry_drugbank_and_chebi(lexicon):
    drugs = [c for c in lexicon.of_kind("drug")
             if "https://w3id.org/drugkg/ontology#Drug" in c.types]
    with_both = [c for c in drugs
                 if any("drugbank" in x for x in c.exact) and any("CHEBI_" in x for x in c.exact)]
    assert len(with_both) / len(drugs) > 0.8


def test_readme_diagram_is_generated_from_the_ontology():
    from drugkg.ontology.diagram import BEGIN, END, README, mermaid

    text = README.read_text(encoding="utf-8")
    embedded = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert embedded == mermaid().strip(), "run: python -m drugkg.ontology.diagram --readme"
