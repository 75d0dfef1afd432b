"""A walk through the browse UI in headless Chromium (Debian's /usr/bin/chromium driven by
Playwright): search -> drug -> mechanism -> neurotransmitter -> facet filter -> graph view ->
named query -> evidence in the monograph. A screenshot of each step goes to tests/artifacts/.
And the hostile FAQ of amoxicillin-clavulanic-acid.md must stay inert on every page."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import BASE, ROOT

CHROMIUM = os.environ.get("DRUGKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VENDOR = ROOT / "server" / "static" / "vendor"

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)",
                allow_module_level=True)
if not (VENDOR / "cytoscape.min.js").exists():
    pytest.fail("server/static/vendor is empty: run `npm install` in the project folder",
                pytrace=False)


class Watch:
    """Everything a page does that a test should fail on."""

    def __init__(self, page, base: str) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def request(req):
            if not req.url.startswith((base, "data:", "blob:", "about:")):
                self.outside.append(req.url)

        page.on("request", request)


@pytest.fixture
def page(browser, live_browse):
    # bypass_csp: the pages must be inert by escaping alone, CSP being only a second wall
    # (and Playwright's wait_for_function evaluates strings, which the CSP forbids)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    p = context.new_page()
    p.set_default_timeout(10_000)
    p.watch = Watch(p, live_browse)
    yield p
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_walk(page, live_browse):
    base = live_browse
    # 1. home: statistics, entry points, search with autocomplete
    page.goto(base + "/")
    assert page.locator(".stat").count() >= 3
    page.fill("form.search input", "clob")
    page.locator(".suggestions a", has_text="clobazam").first.wait_for()
    shot(page, "01-search")
    page.locator(".suggestions a", has_text="clobazam").first.click()
    # 2. the drug
    page.wait_for_url(re.compile(r"/entity\?iri="))
    assert page.locator("h1").inner_text().startswith("clobazam")
    shot(page, "02-drug")
    # 3. follow a mechanism
    group = page.locator('#mechanisms .group[data-property$="hasMechanism"]')
    group.locator("a", has_text="positive allosteric").first.click()
    page.wait_for_url(re.compile(r"/id/vocab/mechanism/"))
    shot(page, "03-mechanism")
    # 4. the neurotransmitter it acts on
    page.locator('.group[data-direction="out"][data-property$="actsOn"] a',
                 has_text="GABA").first.click()
    page.wait_for_url(re.compile(r"/id/vocab/target/gaba$"))
    assert "Neurotransmitter" in page.locator("h1").inner_text()
    shot(page, "04-neurotransmitter")
    # 5. faceted browse: drugs acting on GABA, then those with a dependence risk
    page.locator("a.button", has_text="Drugs by neurotransmitter").click()
    page.wait_for_url(re.compile(r"/drugs\?neurotransmitter="))
    on_gaba = page.locator(".drug-list a.drug").count()
    page.locator('#facet-risk a[data-iri$="/risk/dependence"]').click()
    page.wait_for_url(re.compile(r"risk="))
    names = page.locator(".drug-list a.drug").all_inner_texts()
    assert "clobazam" in names and 0 < len(names) <= on_gaba
    shot(page, "05-facets")
    # 6. graph view of the drug: nodes rendered, a click expands
    page.goto(base + "/graph?iri=" + quote("https://w3id.org/drugkg/vocab/drug/clobazam"))
    page.wait_for_function("document.body.dataset.ready === 'true'")
    before = int(page.evaluate("document.body.dataset.nodes"))
    assert before > 10
    # (return nothing: Playwright would try to serialise the whole Cytoscape collection)
    page.evaluate("() => { window.drugkgGraph"
                  ".$id('https://w3id.org/drugkg/vocab/class/benzodiazepine').emit('tap'); }")
    page.wait_for_function(f"Number(document.body.dataset.nodes) > {before}")
    shot(page, "06-graph")
    # 7. the query page: a named query from the gallery, run, labelled rows that link back
    page.goto(base + "/sparql")
    page.wait_for_function("document.body.dataset.ready === 'true'")
    page.locator("#q-gaba-dependence button[type=submit]").click()
    page.wait_for_url(re.compile(r"/query\?named=gaba-dependence"))
    page.wait_for_function("document.body.dataset.labelled === 'true'")
    cell = page.locator(".yasr table tbody a.local", has_text="clobazam").first
    assert cell.get_attribute("href") == "/id/vocab/drug/clobazam"  # local, by label
    assert cell.get_attribute("target") is None
    shot(page, "07-query")
    cell.click()
    page.wait_for_url(re.compile(r"/id/vocab/drug/clobazam$"))
    # 8. the evidence of a fact, in its monograph
    page.goto(base + "/id/vocab/drug/clobazam")
    risk = page.locator('#risks .group[data-property$="hasRisk"] li',
                        has_text="dependence").first
    risk.locator("a.ev-ref").first.click()
    page.locator("#evidence li:target a.evidence-link").first.click()
    page.wait_for_url(re.compile(r"/monograph\?graph=.*#L\d+"))
    target = page.locator(":target")
    assert target.count() == 1 and target.is_visible()
    assert page.locator("mark.evidence").count() > 3
    shot(page, "08-evidence")
    assert page.watch.errors == [] and page.watch.dialogs == []
    assert page.watch.outside == []  # no CDN, nothing fetched off the server


AMOX = "amoxicillin-clavulanic-acid"


def test_hostile_monograph_is_inert(page, live_browse):
    base = live_browse
    urls = [f"/monograph?source={AMOX}.md", "/monograph?graph=" + quote(BASE + "graph/" + AMOX),
            "/id/data/graph/" + AMOX, "/id/vocab/drug/amoxicillin",
            "/graph?iri=" + quote(BASE + "graph/" + AMOX)]
    for url in urls:
        page.goto(base + url)
        page.wait_for_load_state("load")
        html = page.content()
        assert "<script>alert" not in html
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    page.goto(base + f"/monograph?source={AMOX}.md")
    faq = page.locator("p", has_text="legitimate pharmacies")
    assert "<script>alert(1)</script>" in faq.inner_text()  # shown as text
    assert faq.locator("a").count() == 0  # the javascript: link is not a link
    faq.scroll_into_view_if_needed()
    faq.click()
    shot(page, "09-xss-inert")
    assert page.watch.dialogs == [] and page.watch.errors == []


def test_ask_box_paraphrases_give_identical_answers(page, live_browse):
    """Three wordings of one question, one with typos, typed into the home page's Ask box:
    the same drugs, each with its evidence, the same count and reading."""
    seen = []
    for n, question in enumerate(["which drugs acting on GABA have a dependence risk",
                                  "GABA drugs that can cause dependence",
                                  "wich medicnes acting on GABA are adictive"]):
        page.goto(live_browse + "/")
        page.fill("#ask-q", question)
        page.locator(".ask-form button").click()
        page.locator(".ask-reading").wait_for()
        answers = sorted(page.locator(".ask-answers > li > a").all_inner_texts())
        assert answers, question
        assert page.locator(".ask-answers .ask-evidence li").count() >= len(answers)
        count = page.locator(".ask-count strong").inner_text()
        assert count == str(len(answers))
        seen.append((answers, page.locator(".ask-reading strong").inner_text()))
        shot(page, f"07-ask-{n}")
    assert seen[0] == seen[1] == seen[2]
    assert seen[0][1] == "drugs that act on GABA and have risk: dependence"
    # the evidence links open the monograph at the sentence's line
    page.locator(".ask-evidence a.evidence-link").first.click()
    page.wait_for_url(re.compile(r"/monograph\?source=.+#L\d+$"))
    assert not page.watch.errors and not page.watch.dialogs and not page.watch.outside
