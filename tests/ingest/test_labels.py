"""Structured labels: openFDA JSON and DailyMed SPL XML -> sections, identity, structured
facts, one graph per label version, replacement by a newer version, broken records."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from drugkg.ingest import labels, openfda, run
from drugkg.ingest.run import extract
from drugkg.ontology import DKG, VOCAB
from drugkg.store import open_store
from tests.conftest import BASE, ROOT

DATA = ROOT / "tests" / "data" / "labels"
SILDENAFIL = DATA / "spl" / "sildenafil_viagra_64f8040f-938d-4236-8e22-c838c9b5f8da.xml"
CLONAZEPAM = DATA / "synthetic" / "clonazepam_klonopin_civ.xml"
ALPRAZOLAM = DATA / "synthetic" / "alprazolam_xanax_civ.json"
PREFIX = "PREFIX dkg: <https://w3id.org/drugkg/ontology#> " \
         "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> " \
         "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "


def graph_of(set_id: str, version: str) -> str:
    return f"{BASE}graph/label/{set_id}/v{version}"


def record(path: Path) -> labels.LabelRecord:
    (item,) = labels.iter_records(path)
    assert isinstance(item, labels.LabelRecord), item
    return item


@pytest.fixture(scope="module")
def stored():
    store = open_store("memory:")
    report = run.ingest([DATA / "openfda", DATA / "spl", DATA / "synthetic"], store, base=BASE)
    return store, report


def test_every_sample_and_synthetic_label_is_ingested(stored):
    store, report = stored
    assert report.ok, report.failures
    assert report.files == report.records == report.ingested == 11
    graphs = {r["g"] for r in store.select(
        PREFIX + "SELECT ?g WHERE { GRAPH ?g { ?g dkg:labelFormat ?f } }")}
    assert graph_of("0b0be196-0c62-461c-94f4-9a35339b4501", "20") in graphs  # sildenafil
    assert graph_of("00006ebc-ec2b-406c-96b7-a3cc422e933f", "3") in graphs  # mezereum
    assert len(graphs) == 11


def test_identity_comes_from_the_structure(stored):
    store, _ = stored
    g = ox.NamedNode(graph_of("0b0be196-0c62-461c-94f4-9a35339b4501", "20"))
    rows = store.select(PREFIX + """SELECT ?label ?brand ?drug ?set ?v ?file WHERE { GRAPH ?g {
        ?p a dkg:DrugProduct ; <http://www.w3.org/2000/01/rdf-schema#label> ?label ;
           dkg:brandName ?brand ; dkg:hasActiveIngredient ?drug .
        ?g dkg:setId ?set ; dkg:labelVersion ?v ; dkg:sourceFile ?file } }""", g=g)
    assert rows == [{"label": "Viagra", "brand": "Viagra", "drug": VOCAB + "drug/sildenafil",
                     "set": "0b0be196-0c62-461c-94f4-9a35339b4501", "v": "20",
                     "file": SILDENAFIL.name}]


def test_sections_come_from_loinc_codes_and_field_names():
    spl = labels.to_monograph(record(SILDENAFIL))
    contra = [b for b in spl.blocks if b.section == "contraindications" and b.kind == "para"]
    assert any("nitrates" in b.text.lower() for b in contra)
    # 12.3 pharmacokinetics (43682-4) is not read; 12.1 mechanism of action is
    assert any(b.section == "mechanism" and "PDE5" in b.text for b in spl.blocks)
    assert not any("Absorption and Distribution" in b.heading + " ".join(b.context)
                   for b in spl.blocks)
    fda = labels.to_monograph(record(DATA / "openfda" / "citalopram-hydrobromide_70518-4334.json"))
    usage = next(b for b in fda.blocks if b.section == "usage" and b.kind == "para")
    assert usage.text.startswith("Citalopram tablets are indicated")  # '1 INDICATIONS ...' cut


def test_headings_inside_a_section_narrow_it():
    spl = labels.to_monograph(record(CLONAZEPAM))
    para = next(b for b in spl.blocks if "opioids may result" in b.text)
    assert para.section == "precautions"
    (heading,) = para.context  # the subsection's title, numbered or not
    assert heading.endswith("Risks from Concomitant Use with Opioids")


def test_page_parses_back_to_the_label_text():
    """Markdown characters in label prose stay text: '*', '#', '1.' at a line start."""
    rec = record(ALPRAZOLAM)
    odd = "1. Take <b>2</b> * 3 # tablets | daily & [see 5.1] _now_"
    rec = replace(rec, sections=(labels.Section("usage", "Uses", 2, (odd,)),))
    (block,) = [b for b in labels.to_monograph(rec).blocks if b.kind == "para"]
    assert block.text == odd


def test_scheduled_benzodiazepine_openfda_record(stored):
    store, _ = stored
    g = ox.NamedNode(graph_of("9d3f6b1e-2222-4333-8444-555566667777", "12"))
    drug = ox.NamedNode(VOCAB + "drug/alprazolam")
    facts = {(r["p"], r["o"]) for r in store.select(
        "SELECT ?p ?o WHERE { GRAPH ?g { ?d ?p ?o } }", g=g, d=drug)}
    assert (DKG + "deaSchedule", DKG + "ScheduleIV") in facts
    assert (DKG + "hasRisk", VOCAB + "risk/dependence") in facts
    assert (DKG + "inClass", VOCAB + "class/benzodiazepine") in facts
    # the alprazolam vocabulary concept has no UNII: the label's is added
    assert ("http://www.w3.org/2004/02/skos/core#exactMatch",
            "https://precision.fda.gov/uniisearch/srs/unii/YU55MQ3IZY") in facts
    evidence = store.select(PREFIX + """SELECT ?sentence ?section ?line WHERE { GRAPH ?g {
        ?e rdf:predicate dkg:deaSchedule ; dkg:sentence ?sentence ; dkg:section ?section ;
           dkg:line ?line } }""", g=g)
    assert evidence == [{"sentence": "9.1 Controlled Substance XANAX contains alprazolam, a "
                                     "Schedule IV controlled substance.",
                         "section": "dependence", "line": evidence[0]["line"]}]
    page = labels.render(record(ALPRAZOLAM))[0].splitlines()
    assert "Schedule IV" in page[int(evidence[0]["line"]) - 1]


def test_spl_schedule_policy_is_a_controlled_substance_fact():
    monograph, _, facts = extract(record(CLONAZEPAM))
    assert monograph.components == ("Clonazepam",)
    schedule = next(f for f in facts if f.predicate == "schedule")
    assert schedule.concept.iri == DKG + "ScheduleIV"
    assert schedule.sentence == "DEA schedule: CIV"
    assert schedule.section == labels.DATA_SECTION
    risk = next(f for f in facts if f.predicate == "risk" and f.phrase == "CIV")
    assert risk.concept.iri == VOCAB + "risk/dependence"
    page = labels.render(monograph.label.record)[0].splitlines()
    assert page[schedule.line - 1] == "- DEA schedule: CIV"
    # pharmacokinetics (43682-4) inside clinical pharmacology is not read
    assert not any("absorbed" in b.text for b in monograph.blocks)


def test_identifiers_are_checked_and_conflicts_reported(tmp_path):
    rec = json.loads(ALPRAZOLAM.read_text())
    rec["openfda"].update(generic_name=["CLONAZEPAM"], substance_name=["CLONAZEPAM"],
                          unii=["ZZZZZZZZZZ"], rxcui=["12ab", "197527"], brand_name=["KLONOPIN"])
    path = tmp_path / "conflict.json"
    path.write_text(json.dumps(rec))
    store = open_store("memory:")
    report = run.ingest([path], store, base=BASE)
    assert report.ok, report.failures
    assert any("rxnorm identifier '12ab' does not match" in w for w in report.warnings)
    assert any("UNII ZZZZZZZZZZ of Clonazepam differs from the vocabulary's 5PE9FDE8GB" in w
               for w in report.warnings)
    g = ox.NamedNode(graph_of("9d3f6b1e-2222-4333-8444-555566667777", "12"))
    rows = store.select(PREFIX + """SELECT ?c ?label ?vocab WHERE { GRAPH ?g {
        ?x a dkg:IdentifierConflict ; dkg:concept ?c ; dkg:labelIdentifier ?label ;
           dkg:vocabularyIdentifier ?vocab } }""", g=g)
    assert rows == [{"c": VOCAB + "drug/clonazepam",
                     "label": "https://precision.fda.gov/uniisearch/srs/unii/ZZZZZZZZZZ",
                     "vocab": "https://precision.fda.gov/uniisearch/srs/unii/5PE9FDE8GB"}]
    matches = {r["x"] for r in store.select(
        PREFIX + "SELECT ?x WHERE { GRAPH ?g { ?s skos:exactMatch|skos:relatedMatch ?x } }",
        g=g)}
    assert matches == {"https://mor.nlm.nih.gov/RxNav/search?searchBy=RXCUI&searchTerm=197527"}


def spl_version(version: int, effect: str) -> bytes:
    text = CLONAZEPAM.read_text()
    text = text.replace('<versionNumber value="7"/>', f'<versionNumber value="{version}"/>')
    return text.replace("<item>dizziness</item>", f"<item>{effect}</item>").encode()


def test_one_graph_per_version_and_a_newer_version_replaces_the_older(tmp_path):
    store = open_store("memory:")
    set_id = "5b9a8e2c-1111-4222-8333-444455556666"
    (tmp_path / "v7.xml").write_bytes(spl_version(7, "dizziness"))
    assert run.ingest([tmp_path / "v7.xml"], store, base=BASE).ingested == 1
    assert graph_of(set_id, "7") in store.graphs()

    (tmp_path / "v8.xml").write_bytes(spl_version(8, "fatigue"))
    report = run.ingest([tmp_path / "v8.xml"], store, base=BASE)
    assert (report.ingested, report.superseded) == (1, 1)
    names = store.graphs()
    assert graph_of(set_id, "8") in names and graph_of(set_id, "7") not in names

    report = run.ingest([tmp_path], store, base=BASE)  # both files: v7 is older, v8 unchanged
    assert (report.ingested, report.older, report.unchanged) == (0, 1, 1)
    assert graph_of(set_id, "7") not in store.graphs()


def test_dailymed_zip_bundle_of_label_zips(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("clonazepam.xml", CLONAZEPAM.read_bytes())
        z.writestr("image.jpg", b"\xff\xd8 not read")
    bundle = tmp_path / "dm_spl_release_human_rx_part1.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("prescription/20240115_5b9a8e2c.zip", inner.getvalue())
        z.writestr("prescription/other.zip", _zip({"sildenafil.xml": SILDENAFIL.read_bytes()}))
    items = list(labels.iter_records(bundle))
    assert [i.position for i in items] == ["prescription/20240115_5b9a8e2c.zip!clonazepam.xml",
                                           "prescription/other.zip!sildenafil.xml"]
    store = open_store("memory:")
    report = run.ingest([bundle], store, base=BASE)
    assert (report.ingested, report.failures) == (2, [])


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def test_bulk_file_with_broken_records_reports_them_and_stores_the_rest(tmp_path):
    good = [json.loads(p.read_text()) for p in sorted((DATA / "openfda").glob("*.json"))]
    body = ",\n".join(json.dumps(r, indent=1) for r in good[:2])
    no_text = json.dumps({"set_id": "aaaa", "version": "1", "openfda": {"generic_name": ["X"]}})
    broken = '{\n "set_id": "bbbb",\n "openfda" {}\n}'
    text = ('{"meta": {"results": {"total": 5}},\n "results": [\n' + body + ",\n" + no_text +
            ",\n" + broken + ",\n" + json.dumps(good[2]) + "\n]}\n")
    bulk = tmp_path / "drug-label-0001-of-0013.json"
    bulk.write_text(text)
    store = open_store("memory:")
    report = run.ingest([bulk], store, base=BASE)
    assert report.ingested == 3
    failures = {str(f) for f in report.failures}
    broken_line = text.splitlines().index(' "openfda" {}') + 1
    no_text_line = text.splitlines().index(no_text + ",") + 1
    assert failures == {
        f"{bulk}:{broken_line}: results[3]: invalid JSON: Expecting ':' delimiter (column 12)",
        f"{bulk}:{no_text_line}: results[2]: label has no text sections (indications, "
        "warnings, adverse reactions ...)"}


def test_zipped_bulk_file_streams_through_small_reads(tmp_path, monkeypatch):
    records = [json.loads(p.read_text()) for p in sorted((DATA / "openfda").glob("*.json"))]
    data = json.dumps({"meta": {}, "results": records}).encode()
    bundle = tmp_path / "drug-label-0001-of-0001.json.zip"
    bundle.write_bytes(_zip({"drug-label-0001-of-0001.json": data}))
    monkeypatch.setattr(openfda, "CHUNK_BYTES", 64)  # records span many reads
    items = list(labels.iter_records(bundle))
    assert [i.title for i in items] == [r["openfda"].get("brand_name", [""])[0] or i.title
                                        for r, i in zip(records, items, strict=True)]
    assert [i.set_id for i in items] == [r.get("set_id") or r["openfda"]["spl_set_id"][0]
                                         for r in records]


def test_xml_that_is_not_spl_and_hostile_xml_are_refused(tmp_path):
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><rss><channel/></rss>')
    (tmp_path / "bomb.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<document xmlns="urn:hl7-org:v3"><title>&b;</title></document>')
    (tmp_path / "xxe.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<document xmlns="urn:hl7-org:v3"><title>&x;</title></document>')
    (tmp_path / "cut.xml").write_text('<?xml version="1.0"?>\n<document xmlns="urn:hl7-org:v3">'
                                      '\n<title>cut')
    (tmp_path / "good.xml").write_bytes(CLONAZEPAM.read_bytes())
    store = open_store("memory:")
    report = run.ingest([tmp_path], store, base=BASE)
    assert report.ingested == 1
    reasons = {Path(f.path).name: f for f in report.failures}
    assert "not an SPL document: the root element is <rss>" in reasons["feed.xml"].reason
    assert "XML refused: DTDForbidden" in reasons["bomb.xml"].reason
    assert "XML refused" in reasons["xxe.xml"].reason
    assert reasons["cut.xml"].reason.startswith("malformed XML") and reasons["cut.xml"].line == 3
    assert "passwd" not in "".join(str(f) for f in report.failures)


def test_format_is_detected_from_content_not_the_extension(tmp_path):
    spl = tmp_path / "download.txt"
    spl.write_bytes(CLONAZEPAM.read_bytes())
    fda = tmp_path / "label"
    fda.write_bytes(ALPRAZOLAM.read_bytes())
    (tmp_path / "package.json").write_text('{"name": "web", "version": "1.0.0"}')
    assert (labels.sniff(spl), labels.sniff(fda)) == ("xml", "json")
    assert labels.sniff(ROOT / "examples" / "monographs" / "sertraline.md") == "markdown"
    store = open_store("memory:")
    report = run.ingest([tmp_path], store, base=BASE)
    assert report.ingested == 0  # a folder walk takes *.json, *.xml, *.zip and *.md only
    assert [f.reason for f in report.failures] == [
        "JSON but not an openFDA label record (no 'openfda', 'set_id' or label text fields)"]
    report = run.ingest([spl, fda], store, base=BASE)
    assert (report.ingested, report.failures) == (2, [])


def test_monograph_view_shows_a_labels_sections_with_the_evidence(stored):
    from drugkg.server import create_app

    store, _ = stored
    web = create_app({"BASE": BASE}, store=store).test_client()
    graph = graph_of("9d3f6b1e-2222-4333-8444-555566667777", "12")
    body = web.get(f"/monograph?graph={graph}&format=json").get_json()
    assert body["available"] and body["changed"] is False
    assert "## Drug abuse and dependence" in body["markdown"]
    html = web.get(f"/monograph?graph={graph}", headers={"Accept": "text/html"}).get_data(
        as_text=True)
    assert "<h3>Controlled substance</h3>" in html  # below the page's own H1 and H2
    assert '<mark class="evidence"' in html and "a Schedule IV controlled substance.</mark>" in html


def test_named_queries_cards_exports_and_shapes_work_on_label_data(stored):
    from drugkg import queries
    from drugkg.ontology.validate import validate
    from drugkg.publish.cards import build_cards
    from drugkg.publish.export import dump

    store, _ = stored
    q = queries.get("gaba-dependence")
    result = store.query(q.sparql, bindings=q.bindings({}))
    drugs = {row["label"].value for row in result}
    assert {"alprazolam", "clonazepam"} <= drugs  # schedule IV -> dependence risk
    assert "sildenafil" not in drugs
    assert validate(store).conforms
    card = next(c for c in build_cards(store) if c["product"] == "Viagra")
    assert card["label"] == "sildenafil" and card["source"] == SILDENAFIL.name
    assert "erectile dysfunction" in {i["label"] for i in card["indications"]}
    out = io.BytesIO()
    dump(store, out, "nq", graph=graph_of("5b9a8e2c-1111-4222-8333-444455556666", "7"))
    assert b"ScheduleIV" in out.getvalue()


def test_nested_spl_lists_keep_their_heads(tmp_path):
    xml = CLONAZEPAM.read_text().replace(
        "<item>somnolence</item>",
        "<item>Nervous system: <list><item>somnolence</item><item>ataxia</item></list></item>")
    path = tmp_path / "nested.xml"
    path.write_text(xml)
    blocks = labels.to_monograph(record(path)).blocks
    ataxia = next(b for b in blocks if b.text == "ataxia")
    assert ataxia.kind == "item" and ataxia.level == 2 and "Nervous system" in ataxia.context
    assert ataxia.section == "side-effects"


def test_zip_member_over_the_size_cap_is_refused_whatever_its_header_says(tmp_path, monkeypatch):
    monkeypatch.setattr(labels, "MAX_MEMBER_BYTES", 4096)
    bundle = tmp_path / "bundle.zip"
    bundle.write_bytes(_zip({"big.xml": b"<document>" + b" " * 10_000,
                             "cut.xml": CLONAZEPAM.read_bytes()[:900]}))
    assert [str(e) for e in labels.iter_records(bundle)] == [
        f"{bundle}: big.xml: member is over 4096 bytes; an SPL document is smaller",
        f"{bundle}:16: cut.xml: malformed XML: unclosed token: line 16, column 15"]


def test_brand_names_name_the_drug_and_structured_facts_name_their_rule():
    monograph, _, facts = extract(record(CLONAZEPAM))
    assert monograph.front_matter == {"brand_names": ["Klonopin"]}
    rules = {(f.predicate, f.rule) for f in facts if f.rule in ("schedule.dea",
                                                               "risk.dea-schedule")}
    assert rules == {("schedule", "schedule.dea"), ("risk", "risk.dea-schedule")}
    _, _, facts = extract(record(ALPRAZOLAM))
    assert {f.rule for f in facts if f.predicate == "class" and f.section == "label-data"} == \
        {"class.fda-epc"}
