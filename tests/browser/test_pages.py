"""The browse UI through the Flask test client: Linked Data content negotiation, JSON twins,
facets with bound values, the monograph view, and inert rendering of hostile text."""

from __future__ import annotations

import re
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from drugkg.ontology import VOCAB
from tests.conftest import BASE

CLOBAZAM = VOCAB + "drug/clobazam"
GABA = VOCAB + "target/gaba"
DEPENDENCE = VOCAB + "risk/dependence"
BENZO = VOCAB + "class/benzodiazepine"
AMOX = "amoxicillin-clavulanic-acid"
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def triples(body: bytes, fmt) -> list:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)]


@pytest.mark.parametrize("url", ["/id/vocab/drug/clobazam", "/entity?iri=" + quote(CLOBAZAM)])
def test_entity_html_for_browsers(web, url):
    r = web.get(url, headers=HTML)
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert "Accept" in r.headers["Vary"]
    html = r.get_data(as_text=True)
    assert "<h1>clobazam" in html
    assert 'href="/id/vocab/class/benzodiazepine"' in html  # relation -> entity page
    assert "https://go.drugbank.com/drugs/DB00349" in html  # external identifier, linked
    assert 'id="evidence"' in html and "evidence-link" in html  # sentences, once each
    assert ">member of class</a>" in html and "dkg:inClass" not in html  # labels, not CURIEs


@pytest.mark.parametrize(("accept", "fmt", "media"), [
    ("text/turtle", ox.RdfFormat.TURTLE, "text/turtle"),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    ("application/ld+json", ox.RdfFormat.JSON_LD, "application/ld+json"),
])
def test_entity_rdf_by_accept(web, accept, fmt, media):
    r = web.get("/id/vocab/drug/clobazam", headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == media
    got = triples(r.data, fmt)
    subject = ox.NamedNode(CLOBAZAM)
    assert ox.Triple(subject, ox.NamedNode("https://w3id.org/drugkg/ontology#inClass"),
                     ox.NamedNode(BENZO)) in got
    assert any(t.object == subject for t in got)  # incoming triples too
    assert all(subject in (t.subject, t.object) for t in got)


@pytest.mark.parametrize(("fmt", "media"), [("ttl", "text/turtle"), ("nt", "application/n-triples"),
                                            ("jsonld", "application/ld+json"),
                                            ("json", "application/json")])
def test_entity_format_parameter(web, fmt, media):
    r = web.get(f"/id/vocab/drug/clobazam?format={fmt}", headers=HTML)
    assert r.status_code == 200 and r.mimetype == media


def test_entity_q_values_and_406(web):
    r = web.get("/id/vocab/drug/clobazam",
                headers={"Accept": "text/html;q=0.5, text/turtle;q=0.9"})
    assert r.mimetype == "text/turtle"
    assert web.get("/id/vocab/drug/clobazam", headers={"Accept": "image/png"}).status_code == 406


def test_data_base_iris_under_id_data(web):
    graph = BASE + "graph/clobazam"
    r = web.get("/id/data/graph/clobazam", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    assert any(t.subject == ox.NamedNode(graph) for t in triples(r.data, ox.RdfFormat.N_TRIPLES))
    html = web.get("/id/data/graph/clobazam", headers=HTML).get_data(as_text=True)
    assert "clobazam.md" in html


def test_unknown_entity_is_404(web):
    assert web.get("/id/vocab/drug/no-such-drug", headers=HTML).status_code == 404
    assert web.get("/entity?iri=not%20an%20iri", headers=HTML).status_code == 400


def test_entity_json_twin_is_the_summary(web):
    body = web.get("/id/vocab/drug/clobazam", headers={"Accept": "application/json"}).get_json()
    assert body["label"] == "clobazam"
    props = {g["property"] for g in body["outgoing"]}
    assert "https://w3id.org/drugkg/ontology#hasMechanism" in props
    risk = next(g for g in body["outgoing"] if g["property"].endswith("hasRisk"))
    dep = next(v for v in risk["values"] if v["iri"] == DEPENDENCE)
    sentence = body["evidence"][dep["evidence"][0] - 1]
    assert dep["asserted"] and sentence["sentence"] and sentence["facts"][0]["rule"]


@pytest.mark.parametrize("url", ["/", "/drugs", "/graph?iri=" + quote(CLOBAZAM), "/query",
                                 f"/monograph?source={AMOX}.md"])
def test_every_page_has_a_json_twin(web, url):
    html = web.get(url, headers=HTML)
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert html.headers["Content-Security-Policy"].startswith("default-src 'self'")
    for r in (web.get(url, headers={"Accept": "application/json"}),
              web.get(url + ("&" if "?" in url else "?") + "format=json", headers=HTML)):
        assert r.status_code == 200 and r.mimetype == "application/json"
        assert isinstance(r.get_json(), dict)


def test_home_shows_stats_and_entry_points(web):
    body = web.get("/?format=json").get_json()
    assert {s["what"] for s in body["stats"]} >= {"monograph graphs", "drugs"}
    facets = {f["facet"]: f for f in body["entry_points"]}
    assert set(facets) == {"neurotransmitter", "class", "risk"}
    assert GABA in {v["iri"] for v in facets["neurotransmitter"]["values"]}


def test_facets_filter_and_count(web):
    everything = web.get("/drugs?format=json").get_json()
    gaba = web.get(f"/drugs?format=json&neurotransmitter={quote(GABA)}").get_json()
    both = web.get(f"/drugs?format=json&neurotransmitter={quote(GABA)}"
                   f"&risk={quote(DEPENDENCE)}").get_json()
    labels = {d["label"] for d in both["drugs"]}
    assert {"clobazam", "zolpidem"} <= labels
    assert "sertraline" not in labels
    assert everything["count"] > gaba["count"] >= both["count"] > 0
    # counts per facet value are counts of the drugs now listed
    risk = next(f for f in gaba["facets"] if f["facet"] == "risk")
    dep = next(v for v in risk["values"] if v["iri"] == DEPENDENCE)
    assert dep["count"] == both["count"]
    assert both["selected"][0]["label"].lower() == "gaba"
    # the same set as the named query that asks the same question
    named = web.get("/api/queries/gaba-dependence").get_json()
    assert labels == {b["label"]["value"] for b in named["results"]["bindings"]}


def test_facet_values_are_bound_not_pasted(web):
    hostile = "https://x.org/a> } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o"
    r = web.get("/drugs?format=json&risk=" + quote(hostile))
    assert r.status_code == 400  # not an IRI: rejected before any SPARQL
    odd = "https://x.org/a%7D%20UNION%20%7B%3Fs%20%3Fp%20%3Fo"
    r = web.get("/drugs?format=json&risk=" + quote(odd))
    assert r.status_code == 200 and r.get_json()["count"] == 0
    assert web.get("/drugs?colour=red").status_code == 400


def test_graph_json(web):
    body = web.get("/graph?format=json&iri=" + quote(CLOBAZAM)).get_json()
    nodes = {n["data"]["id"]: n["data"] for n in body["elements"]["nodes"]}
    assert nodes[CLOBAZAM]["type"] == "Drug"
    assert nodes[BENZO]["type"] == "DrugClass" and nodes[BENZO]["href"] == \
        "/id/vocab/class/benzodiazepine"
    assert all(e["data"]["source"] in nodes and e["data"]["target"] in nodes
               for e in body["elements"]["edges"])


def test_query_page_for_browsers_at_sparql(web):
    html = web.get("/sparql", headers=HTML).get_data(as_text=True)
    assert "yasgui.min.js" in html and "gaba-dependence" in html
    assert len(re.findall(r'class="query-card"', html)) >= 10  # the gallery, with forms
    assert 'name="named" value="gaba-dependence"' in html
    # the SPARQL service description stays the default for non-browsers
    assert web.get("/sparql").mimetype == "text/turtle"


def test_monograph_highlights_evidence(web):
    html = web.get("/monograph?source=zolpidem.md", headers=HTML).get_data(as_text=True)
    assert '<mark class="evidence"' in html and 'id="L84"' in html
    body = web.get("/monograph?source=zolpidem.md&format=json").get_json()
    assert body["available"] and body["changed"] is False and body["facts"]
    graph = web.get(f"/monograph?graph={quote(BASE + 'graph/zolpidem')}&format=json").get_json()
    assert graph["facts"] == body["facts"]


def test_monograph_without_file_shows_sentences(examples_store, tmp_path):
    from drugkg.ingest.run import ingest
    from drugkg.server import create_app
    from drugkg.store import open_store

    page = tmp_path / "gone.md"
    page.write_text("---\ntitle: Gone\n---\n# Clobazam\n\n## Side effects\n\n"
                    "Clobazam commonly causes drowsiness.\n", encoding="utf-8")
    store = open_store("memory:")
    ingest([page], store, base=BASE)
    page.unlink()
    web = create_app({"BASE": BASE}, store=store).test_client()
    r = web.get("/monograph?source=gone.md", headers=HTML)
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "no longer on disk" in html and "causes drowsiness" in html


XSS_PAGES = [f"/monograph?source={AMOX}.md",
             f"/monograph?graph={quote(BASE + 'graph/' + AMOX)}",
             "/id/data/graph/" + AMOX]


@pytest.mark.parametrize("url", XSS_PAGES)
def test_hostile_text_renders_inert(web, url):
    html = web.get(url, headers=HTML).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or url.startswith("/id/")
    assert "<script>alert" not in html.lower()
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    # the only scripts are our own files
    for tag in re.findall(r"<script\b[^>]*>", html, re.I):
        assert re.search(r'src="/static/|type="application/json"', tag), tag


def test_hostile_evidence_sentence_is_escaped(examples_store, tmp_path):
    from drugkg.ingest.run import ingest
    from drugkg.server import create_app
    from drugkg.store import open_store

    page = tmp_path / "evil.md"
    page.write_text("# Clobazam\n\n## Side effects\n\nClobazam commonly causes drowsiness "
                    "<script>alert(1)</script> [x](javascript:alert(1)).\n", encoding="utf-8")
    store = open_store("memory:")
    ingest([page], store, base=BASE)
    web = create_app({"BASE": BASE}, store=store).test_client()
    for url in ("/id/vocab/drug/clobazam", "/monograph?source=evil.md"):
        html = web.get(url, headers=HTML).get_data(as_text=True)
        assert "commonly causes drowsiness" in html  # the sentence is shown, as text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert" not in html
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
