"""/api/ask and the home page's Ask box."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse


def test_api_ask_answers_with_reading_and_sparql(client):
    body = client.get("/api/ask?q=which drugs act on GABA and are habit-forming").get_json()
    assert body["reading"] == "drugs that act on GABA and have risk: dependence"
    assert {a["label"] for a in body["answers"]} == {"clobazam", "zolpidem"}
    assert all(a["iri"].startswith("https://w3id.org/drugkg/vocab/drug/") for a in body["answers"])
    assert "SELECT" in body["sparql"]
    assert parse_qs(urlparse(body["query_url"]).query)["query"] == [body["sparql"]]
    count = client.get("/api/ask?q=how many drugs act on serotonin").get_json()
    assert count["count"] == 4


def test_api_ask_errors_have_the_common_shape(client):
    bad = client.get("/api/ask?q=drugs acting on frobnitz")
    assert bad.status_code == 400
    error = bad.get_json()["error"]
    assert set(error) == {"status", "title", "message"}
    assert "did not understand 'frobnitz'" in error["message"]
    assert "did you mean" in error["message"]
    assert client.get("/api/ask").status_code == 400


def test_home_page_ask_box(client):
    page = client.get("/?ask=serotonergic+drugs", headers={"Accept": "text/html"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "drugs that act on serotonin" in html and "sertraline" in html
    assert "/query?query=" in html
    bad = client.get("/?ask=drugs+on+frobnitz", headers={"Accept": "text/html"})
    assert "did not understand" in bad.get_data(as_text=True)
    assert "name=\"ask\"" in client.get("/", headers={"Accept": "text/html"}).get_data(
        as_text=True)


def test_api_ask_gives_count_evidence_notes_and_alternatives(client):
    body = client.get("/api/ask?q=GABA drugs that can cause dependence").get_json()
    assert body["count"] == len(body["answers"]) > 0
    for a in body["answers"]:
        assert a["evidence"] and all(e["sentence"] and e["line"] > 0 for e in a["evidence"])
    assert any("signals" in n for n in body["notes"])
    [alt] = body["alternatives"]
    assert alt["phrase"] == "dependence" and alt["reading"].endswith("cause dependence")
    assert parse_qs(urlparse(alt["query_url"]).query)["query"] == [alt["sparql"]]


def test_home_page_ask_box_shows_count_evidence_and_alternatives(client):
    page = client.get("/?ask=GABA+drugs+that+can+cause+dependence",
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    count = client.get("/api/ask?q=GABA drugs that can cause dependence").get_json()["count"]
    assert f"<strong>{count}</strong> answer" in page
    assert 'class="evidence-link"' in page and "/monograph?source=" in page
    assert 'class="ask-alternative"' in page and "signals it" in page


def test_yes_no_questions_in_the_api_and_the_ask_box(client):
    yes = client.get("/api/ask?q=is zolpidem habit-forming?").get_json()
    assert yes["verdict"] == "yes" and yes["answers"][0]["evidence"]
    no = client.get("/api/ask?q=does metformin act on serotonin").get_json()
    assert no["verdict"] == "no" and no["answers"] == []
    page = client.get("/?ask=does+metformin+act+on+serotonin",
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<strong>No</strong>" in page and "no monograph in the store states it" in page
