"""The named query library: headers, parameters, and answers on the examples."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drugkg import queries
from drugkg.errors import QueryError
from drugkg.ingest.run import ingest
from tests.conftest import BASE, EXAMPLES


@pytest.fixture(scope="module")
def kg(examples_store):
    return examples_store


def answer(kg, name: str, **params) -> set[str]:
    q = queries.get(name)
    result = kg.query(q.sparql, bindings=q.bindings(params))
    return {row["label"].value for row in result}


def test_every_query_has_a_title_and_parses():
    library = queries.library()
    assert "gaba-dependence" in library
    for q in library.values():
        assert q.title and q.description, q.name


def test_gaba_dependence_equals_the_examples_question(kg):
    questions = yaml.safe_load((EXAMPLES / "questions.yaml").read_text())
    expected = {n.lower() for n in questions["q1_gaba_dependence"]}
    assert answer(kg, "gaba-dependence") == expected


def test_parameters_are_typed_and_checked():
    q = queries.get("gaba-dependence")
    with pytest.raises(QueryError, match="no parameter"):
        q.bindings({"colour": "red"})
    with pytest.raises(QueryError, match="not an IRI"):
        q.bindings({"target": "<bad iri>"})
    assert q.bindings({})["target"].value.endswith("/target/gaba")


def test_broken_query_file_fails_at_load(tmp_path: Path):
    (tmp_path / "broken.rq").write_text("# title: Broken\nSELECT ?x WHERE { ?x ?y }\n")
    with pytest.raises(QueryError, match="does not parse"):
        queries.library.__wrapped__(tmp_path)


def test_query_from_file(tmp_path: Path, kg):
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\nSELECT ?label WHERE { ?d a dkg:Drug ; skos:prefLabel ?label }"
                    " LIMIT 3\n")
    assert len(answer(kg, str(path))) == 3


def test_concept_words_resolve_to_every_concept_whose_label_contains_them(kg):
    from drugkg.ontology.lexicon import load_lexicon

    found = queries.resolve_concepts("Glaucoma ", "condition")
    assert len(found) >= 2  # glaucoma and its kinds (angle-closure, ...)
    for term in found:
        concept = load_lexicon().get(term.value)
        assert concept.kind == "condition"
        assert any("glaucoma" in label.lower() for label in (concept.label, *concept.synonyms))
    by_iri = queries.resolve_concepts("ae:drowsiness", "adverse-effect")
    assert [t.value for t in by_iri] == ["https://w3id.org/drugkg/vocab/adverse-effect/drowsiness"]
    assert queries.resolve_concepts("zzzz-no-such-thing", "condition", kg) == ()


def test_a_concept_parameter_finds_minted_concepts_in_the_store(tmp_path):
    from drugkg.store import open_store

    page = tmp_path / "x.md"
    page.write_text("---\ntitle: Diazepam\n---\n\n## Side Effects\n\n- Zorblax wobbles\n")
    store = open_store("memory:")
    ingest([page], store, base=BASE)
    q = queries.get("drugs-causing")
    sparql, bindings = q.prepare({"term": "zorblax"}, store)
    assert {r["label"].value for r in store.query(sparql, bindings=bindings)} == {"diazepam"}
    sparql, bindings = q.prepare({"term": "zorblax"})  # without the store: vocabulary only
    assert not list(store.query(sparql, bindings=bindings))


def test_words_that_name_nothing_give_no_rows_not_every_row(kg):
    q = queries.get("drugs-causing")
    sparql, bindings = q.prepare({"term": "zzzz-no-such-effect"}, kg)
    assert bindings["term"] == ()
    assert not list(kg.query(sparql, bindings=bindings))
    assert answer(kg, "drugs-causing", term="drowsiness")


def test_a_concept_parameter_needs_a_known_kind(tmp_path: Path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: t\n# description: d\n# params:\n#   x: {type: concept, kind: "
                   "planet}\nSELECT * WHERE { ?s ?p ?x }\n")
    with pytest.raises(QueryError, match="kind"):
        queries.get(str(bad))
