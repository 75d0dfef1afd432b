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
def kg():
    from drugkg.store import open_store

    store = open_store("memory:")
    ingest([EXAMPLES / "monographs"], store, base=BASE)
    return store


def answer(kg, name: str, **params) -> set[str]:
    q = queries.get(name)
    result = kg.query(q.sparql, bindings=q.bindings(params))
    return {row["label"].value for row in result}


def test_every_query_has_a_title_and_parses():
    library = queries.library()
    assert "gaba-dependence" in library
    for q in library.values():
        assert q.title and q.description, q.name


def test_gaba_dependence_equals_the_examples_question():
    questions = yaml.safe_load((EXAMPLES / "questions.yaml").read_text())
    expected = {n.lower() for n in questions["q1_gaba_dependence"]}
    from drugkg.store import open_store

    store = open_store("memory:")
    ingest([EXAMPLES / "monographs"], store, base=BASE)
    assert answer(store, "gaba-dependence") == expected


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
