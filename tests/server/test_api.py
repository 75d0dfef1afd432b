"""The JSON API: named queries, search, entities, cards, one error shape."""

from __future__ import annotations


def test_list_and_run_named_queries(client):
    listing = client.get("/api/queries").get_json()["queries"]
    assert len(listing) >= 12
    meta = next(q for q in listing if q["name"] == "acts-on")
    assert meta["params"][0]["name"] == "target" and meta["url"].endswith("/api/queries/acts-on")
    result = client.get("/api/queries/acts-on?target=target:gaba").get_json()
    assert result["params"]["target"].endswith("/target/gaba")
    assert {b["label"]["value"] for b in result["results"]["bindings"]} >= {"clobazam", "zolpidem"}


def test_bad_parameter_and_unknown_query(client):
    bad = client.get("/api/queries/acts-on?target=not%20an%20iri")
    assert bad.status_code == 400 and "not an IRI" in bad.get_json()["error"]["message"]
    extra = client.get("/api/queries/acts-on?colour=red")
    assert extra.status_code == 400
    missing = client.get("/api/queries/nope")
    assert missing.status_code == 404
    assert set(missing.get_json()["error"]) == {"status", "title", "message"}


def test_search_autocompletes_labels_and_synonyms(client):
    hits = client.get("/api/search?q=benzodiaz&limit=5").get_json()["results"]
    assert hits[0]["label"] == "benzodiazepine"
    by_synonym = client.get("/api/search?q=noradrenaline").get_json()["results"]
    assert any(h["label"] == "norepinephrine" for h in by_synonym)
    typed = client.get("/api/search?q=zolp&type=Drug").get_json()["results"]
    assert [h["label"] for h in typed] == ["zolpidem"]
    assert client.get("/api/search?q=z").status_code == 400


def test_entity_summary_groups_relations_with_evidence(client):
    iri = "https://w3id.org/drugkg/vocab/drug/clobazam"
    entity = client.get(f"/api/entity?iri={iri}").get_json()
    assert entity["label"] == "clobazam"
    assert entity["xrefs"]["drugbank"][0]["id"].startswith("DB")
    risks = next(g for g in entity["outgoing"] if g["property"].endswith("#hasRisk"))
    dependence = next(v for v in risks["values"] if v["label"] == "dependence")
    sentence = entity["evidence"][dependence["evidence"][0] - 1]
    assert dependence["asserted"] and sentence["source"] == "clobazam.md"
    assert {"subject": iri, "property": risks["property"], "object": dependence["iri"]}.items() \
        <= next(f for f in sentence["facts"] if f["object"] == dependence["iri"]).items()
    assert risks["label"] == "has risk"  # the ontology's label
    products = next(g for g in entity["incoming"]
                    if g["property"].endswith("#hasActiveIngredient"))
    assert products["values"][0]["label"] == "Clobazam"
    assert client.get("/api/entity?iri=https://example.org/nothing").status_code == 404


def test_cards_filter(client):
    cards = client.get("/api/cards?drug=paracetamol").get_json()["cards"]
    assert {c["source"] for c in cards} == {
        "codeine-paracetamol.md", "aceclofenac-paracetamol-serratiopeptidase.md"}


def test_jsonld_context_is_the_prefix_map(client):
    ctx = client.get("/api/context.jsonld").get_json()["@context"]
    assert ctx["chebi"] == "http://purl.obolibrary.org/obo/CHEBI_"
    assert ctx["dkg"] == "https://w3id.org/drugkg/ontology#"
