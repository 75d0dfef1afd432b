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


def test_entity_rdf_xml_by_accept(web):
    r = web.get("/id/vocab/drug/clobazam", headers={"Accept": "application/rdf+xml"})
    assert r.status_code == 200 and r.mimetype == "application/rdf+xml"
    assert ox.Triple(ox.NamedNode(CLOBAZAM), ox.NamedNode(
        "https://w3id.org/drugkg/ontology#inClass"), ox.NamedNode(BENZO)) in triples(
        r.data, ox.RdfFormat.RDF_XML)


DRUG_SECTIONS = ["classes", "mechanisms", "targets", "indications", "adverse-effects",
                 "contraindications", "interactions", "risks", "products"]


def test_drug_page_sections_in_order_with_labels(web):
    html = web.get("/id/vocab/drug/clobazam", headers=HTML).get_data(as_text=True)
    ids = re.findall(r'<section class="relations" id="([^"]+)"', html)
    present = [s for s in ids if s in DRUG_SECTIONS]
    assert present == [s for s in DRUG_SECTIONS if s in present] and len(present) >= 7
    headings = re.findall(r"<h3><a [^>]*>([^<]+)</a>", html)
    assert "member of class" in headings and "has serious adverse effect" in headings
    assert not [h for h in headings if re.match(r"^\w+:\w", h)]  # never a CURIE
    adverse = html[html.index('id="adverse-effects"'):html.index('id="contraindications"')]
    assert adverse.index("has serious adverse effect") < adverse.index("has common adverse")
    # each sentence once, with the facts it supports and their rule
    sentences = re.findall(r'<li id="ev-\d+"><q>(.*?)</q>', html)
    assert sentences and len(sentences) == len(set(sentences))
    assert re.search(r'<li title="extraction rule: [a-z]', html)


@pytest.mark.parametrize("term", ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                                  "http://www.w3.org/2004/02/skos/core#exactMatch",
                                  "http://www.w3.org/2004/02/skos/core#inScheme",
                                  "http://www.w3.org/2004/02/skos/core#related",
                                  "http://www.w3.org/2002/07/owl#hasValue",
                                  "https://w3id.org/drugkg/ontology#actsOn",
                                  "https://w3id.org/drugkg/ontology#Drug"])
def test_property_and_class_pages_resolve(web, term):
    r = web.get("/entity?iri=" + quote(term), headers=HTML)
    assert r.status_code == 200, term
    assert "<h1>" in r.get_data(as_text=True)


def test_blank_nodes_inline_never_links(web):
    html = web.get("/id/vocab/target/gaba", headers=HTML).get_data(as_text=True)
    assert '<span class="blank">[' in html and "on property" in html  # the OWL restriction
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert all("iri=" not in h or "%3A" in h or "http" in h for h in hrefs)
    assert not [h for h in hrefs if re.search(r"iri=[0-9a-f]{16,}$", h)]  # no blank node id


def test_errors_are_pages_for_browsers_and_json_for_clients(web):
    page = web.get("/id/vocab/drug/no-such-drug", headers=HTML)
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "<h1>404 Not Found</h1>" in page.get_data(as_text=True)
    body = web.get("/id/vocab/drug/no-such-drug", headers={"Accept": "application/json"})
    assert body.status_code == 404 and body.get_json()["error"]["status"] == 404


def test_favicon(web):
    r = web.get("/favicon.ico")
    assert r.status_code == 200 and r.mimetype == "image/svg+xml" and b"<svg" in r.data


def test_search_page_groups_by_kind_and_tolerates_typos(web):
    html = web.get("/search?q=benzo", headers=HTML).get_data(as_text=True)
    assert 'id="kind-DrugClass"' in html and "benzodiazepine" in html
    typo = web.get("/search?q=clonazepan", headers=HTML).get_data(as_text=True)
    assert "Did you mean" in typo and 'href="/id/vocab/drug/clonazepam"' in typo
    api = web.get("/api/search?q=clonazepan").get_json()
    assert api["results"] == [] and api["suggestions"][0]["label"] == "clonazepam"


def test_facets_or_within_and_across_sort_page_csv(web, monkeypatch):
    facets = web.get("/drugs?format=json").get_json()["facets"]
    risks = next(f for f in facets if f["facet"] == "risk")["values"][:2]

    def names(url):
        return [d["label"] for d in web.get(url + ("&" if "?" in url else "?") +
                                            "format=json").get_json()["drugs"]]
    one, two = (set(names("/drugs?risk=" + quote(v["iri"]))) for v in risks)
    both = set(names("/drugs?risk=%s&risk=%s" % (quote(risks[0]["iri"]), quote(risks[1]["iri"]))))
    assert both == one | two and len(both) > max(len(one), len(two)) - 1  # OR
    by_name = names("/drugs")
    assert names("/drugs?sort=-name") == by_name[::-1]
    from drugkg.server import browse

    monkeypatch.setattr(browse, "PAGE_SIZE", 5)
    first = web.get("/drugs?format=json").get_json()
    assert first["pages"] > 1 and len(first["drugs"]) == 5
    assert names("/drugs?page=2") == by_name[5:10]
    assert web.get("/drugs?page=999").status_code == 404
    monkeypatch.undo()
    csv_text = web.get("/drugs?format=csv").get_data(as_text=True)
    assert csv_text.splitlines()[0] == "iri,label,sources" and "clobazam" in csv_text
    html = web.get("/drugs?risk=" + quote(risks[0]["iri"]), headers=HTML).get_data(as_text=True)
    assert 'rel="canonical"' in html and 'rel="nofollow"' in html  # combinations
    assert "OR" in html and "AND" in html


def test_home_statistics_in_a_fixed_order(web):
    whats = [s["what"] for s in web.get("/?format=json").get_json()["stats"]]
    assert whats[:3] == ["monograph graphs", "drugs", "facts with evidence"]


def test_monograph_page_has_one_h1(web):
    html = web.get(f"/monograph?source={AMOX}.md", headers=HTML).get_data(as_text=True)
    assert html.count("<h1") == 1


def test_labels_api(web):
    body = web.get("/api/labels?iri=" + quote(CLOBAZAM) + "&iri=" + quote(BENZO)).get_json()
    assert body["labels"] == {CLOBAZAM: "clobazam", BENZO: "benzodiazepine"}
    assert web.get("/api/labels?iri=not%20an%20iri").status_code == 400


def test_property_page_lists_statements_using_it(web):
    html = web.get("/entity?iri=" + quote("https://w3id.org/drugkg/ontology#inClass"),
                   headers=HTML).get_data(as_text=True)
    assert "<h1>member of class" in html and 'id="uses"' in html
    assert 'href="/id/vocab/class/benzodiazepine"' in html  # an object of a statement
