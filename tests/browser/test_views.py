"""The browse UI in headless Chromium at a desktop (1366 px) and a phone (390 px) width: no
page scrolls sideways, search on Enter and with a typo, facets, the graph's legend and
tools, and a crawl of every same-site link from home that finds only 200s. A screenshot of
each page at each width goes to tests/artifacts/ (the README shows some)."""

from __future__ import annotations

import re
from urllib.parse import quote, urlparse
from xml.etree import ElementTree

import pytest

from tests.browser.test_walk import ARTIFACTS, Watch

WIDTHS = {"desktop": 1366, "phone": 390}
CLOBAZAM = "https://w3id.org/drugkg/vocab/drug/clobazam"
PAGES = {
    "home": "/",
    "drug": "/id/vocab/drug/clobazam",
    "mechanism": "/id/vocab/target/gaba",
    "drugs": "/drugs?neurotransmitter=" + quote("https://w3id.org/drugkg/vocab/target/gaba"),
    "search": "/search?q=clonazepan",
    "graph": "/graph?iri=" + quote(CLOBAZAM),
    "query": "/query?named=gaba-dependence",
    "monograph": "/monograph?source=clobazam.md",
    "property": "/entity?iri=" + quote("http://www.w3.org/2002/07/owl#hasValue"),
}


def open_page(browser, base: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    p = context.new_page()
    p.set_default_timeout(10_000)
    p.watch = Watch(p, base)
    return context, p


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_width(browser, live_browse, width):
    context, page = open_page(browser, live_browse, WIDTHS[width])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, url in PAGES.items():
        response = page.goto(live_browse + url)
        assert response.status == 200, url
        if name == "graph":
            page.wait_for_function("document.body.dataset.ready === 'true'")
        if name == "query":
            page.wait_for_function("document.body.dataset.labelled === 'true'")
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow} px wider than {WIDTHS[width]} px"
        assert page.locator("h1").count() == 1, url
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"))
    assert page.watch.errors == [] and page.watch.outside == []
    context.close()


def test_search_enter_typo_and_combobox(browser, live_browse):
    context, page = open_page(browser, live_browse, 1366)
    page.goto(live_browse + "/")
    box = page.locator("header form.search input")
    assert box.get_attribute("role") == "combobox"
    box.fill("benzo")
    page.locator(".suggestions li").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("Enter")  # no suggestion chosen: the results page
    page.wait_for_url(re.compile(r"/search\?q=benzo"))
    assert page.locator("#kind-DrugClass a", has_text="benzodiazepine").count() >= 1
    page.locator("header form.search input").fill("clonazepan")
    page.locator("header form.search input").press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=clonazepan"))
    page.locator(".did-you-mean a", has_text="clonazepam").first.click()
    page.wait_for_url(re.compile(r"/id/vocab/drug/clonazepam$"))
    assert page.locator("h1").inner_text().startswith("clonazepam")
    assert page.watch.errors == [] and page.watch.outside == []
    context.close()


def test_facets_or_and_sort(browser, live_browse):
    context, page = open_page(browser, live_browse, 1366)
    page.goto(live_browse + "/drugs")
    assert "OR" in page.locator(".facet-help").inner_text()
    risks = page.locator("#facet-risk li a")
    first = risks.nth(0).get_attribute("data-iri")
    risks.nth(0).click()
    page.wait_for_url(re.compile(r"risk="))
    one = set(page.locator(".drug-list a.drug").all_inner_texts())
    page.locator("#facet-risk li:not(.selected) a").first.click()
    page.wait_for_url(re.compile(r"risk=.*risk="))
    both = set(page.locator(".drug-list a.drug").all_inner_texts())
    assert one <= both and first in page.url.replace("%3A", ":").replace("%2F", "/")
    page.locator("a.sort-link", has_text="Z–A").click()
    page.wait_for_url(re.compile(r"sort=-name"))
    names = page.locator(".drug-list a.drug").all_inner_texts()
    assert names == sorted(names, key=str.lower, reverse=True)
    context.close()


def test_graph_legend_and_tools(browser, live_browse):
    context, page = open_page(browser, live_browse, 390)
    page.goto(live_browse + PAGES["graph"])
    page.wait_for_function("document.body.dataset.ready === 'true'")
    kinds = page.locator(".legend li").all_inner_texts()
    assert "Drug class" in kinds and "Mechanism" in kinds
    page.select_option("#relation-filter", "member of class")
    visible = page.evaluate("window.drugkgGraph.nodes().not('.hidden').length")
    assert 1 < visible < int(page.evaluate("document.body.dataset.nodes"))
    page.locator("#graph-fit").click()
    with page.expect_download() as download:
        page.locator("#graph-png").click()
    assert download.value.suggested_filename == "drugkg-graph.png"
    with page.expect_download() as download:
        page.locator("#graph-svg").click()
    assert download.value.suggested_filename == "drugkg-graph.svg"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    download.value.save_as(ARTIFACTS / "graph-export.svg")
    svg = ElementTree.parse(ARTIFACTS / "graph-export.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    drawn = svg.findall("{http://www.w3.org/2000/svg}g[@class='node']")
    assert len(drawn) == visible  # the filtered view, as shown
    labels = {"".join(g.itertext()) for g in drawn}
    assert "clobazam" in labels and "member of class" in {
        "".join(g.itertext()) for g in svg.findall("{http://www.w3.org/2000/svg}g[@class='edge']")}
    assert page.watch.errors == [] and page.watch.outside == []
    context.close()


def test_query_chart_view_and_typed_parameters(browser, live_browse):
    context, page = open_page(browser, live_browse, 390)
    page.goto(live_browse + "/query?named=graph-stats")
    page.wait_for_function("document.body.dataset.labelled === 'true'")
    page.locator(".yasr_btn.select_chart").click()
    bars = page.locator(".bar-chart li")
    assert bars.count() == 4
    names = page.locator(".bar-chart .bar-label").all_inner_texts()
    assert set(names) == {"monograph graphs", "drugs", "facts with evidence", "unlinked concepts"}
    values = page.locator(".bar-chart .bar-value").all_inner_texts()
    counts = [int(v.replace(",", "")) for v in values]
    widths = page.locator(".bar-chart .bar").evaluate_all(
        "bars => bars.map(b => b.getBoundingClientRect().width)")
    assert counts[names.index("drugs")] > 0
    assert all((w > 0) == (n > 0) for n, w in zip(counts, widths, strict=True))
    assert widths[counts.index(max(counts))] == max(widths)  # the longest bar is the largest count
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(".bar-chart").screenshot(path=str(ARTIFACTS / "query-chart-phone.png"))
    # the gallery's inputs by parameter type: a number, an IRI or CURIE, a URL
    page.locator(".gallery-wrap > summary").click()  # folded when a query is open
    minimum = page.locator("#q-unlinked-concepts input[name=min]")
    assert minimum.get_attribute("type") == "number" and minimum.input_value() == "1"
    iri = page.locator("#q-drugs-in-class input[name=class]")
    assert iri.get_attribute("pattern") and iri.evaluate("i => i.checkValidity()")
    iri.fill("not an iri")
    assert not iri.evaluate("i => i.checkValidity()")
    assert page.locator("#q-chebi-roles input[name=endpoint]").get_attribute("type") == "url"
    assert "whole number" in page.locator("#q-unlinked-concepts label").inner_text()
    minimum.fill("2")
    page.locator("#q-unlinked-concepts button[type=submit]").click()
    page.wait_for_url(re.compile(r"named=unlinked-concepts&min=2"))
    page.wait_for_function("document.body.dataset.labelled === 'true'")
    assert page.watch.errors == [] and page.watch.outside == []
    context.close()


PER_FAMILY = 6  # pages of one kind visited (every drug page, every concept: minutes)


def family(url: str) -> str:
    """A URL's kind: its path's first three parts and its parameter names."""
    parsed = urlparse(url)
    names = sorted({p.split("=")[0] for p in parsed.query.split("&") if p})
    return "/".join(parsed.path.split("/")[:4]) + "?" + "&".join(names)


def test_crawl_from_home_finds_only_200s(browser, live_browse):
    """Every same-site link reachable from home that is not rel=nofollow (facet
    combinations are), a few of each kind, opened in Chromium: all 200, nothing fetched
    from outside."""
    context, page = open_page(browser, live_browse, 1366)
    queue, seen, failed, families = ["/"], set(), [], {}
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(live_browse + url, wait_until="domcontentloaded")
        if response.status != 200:
            failed.append((response.status, url))
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        links = page.eval_on_selector_all(
            "a[href]:not([rel~=nofollow])", "els => els.map(e => e.getAttribute('href'))")
        for href in links:
            if not href.startswith("/") or href.startswith("//") or href.startswith("/static"):
                continue
            href = href.split("#")[0]
            kind = family(href)
            if href not in seen and href not in queue and families.get(kind, 0) < PER_FAMILY:
                families[kind] = families.get(kind, 0) + 1
                queue.append(href)
    assert failed == []
    assert len(seen) > 60 and {"/drugs", "/query"} <= seen
    assert page.goto(live_browse + "/favicon.ico").status == 200
    assert page.watch.outside == []
    context.close()


def test_query_gallery_form_suggests_concepts_and_runs(browser, live_browse):
    context, page = open_page(browser, live_browse, 1366)
    page.goto(live_browse + "/query")
    page.wait_for_function("document.body.dataset.ready === 'true'")
    term = page.locator("#q-drugs-causing input[name=term]")
    term.fill("drows")
    options = page.locator("#list-drugs-causing-term option")
    options.first.wait_for(state="attached")
    assert "drowsiness" in [o.get_attribute("value") for o in options.all()]
    assert page.locator(".yasqe_queryButton").get_attribute("aria-label")
    term.fill("drowsiness")
    page.locator("#q-drugs-causing button[type=submit]").click()
    page.wait_for_url(re.compile(r"named=drugs-causing&term=drowsiness"))
    page.wait_for_function("document.body.dataset.labelled === 'true'")
    assert page.locator(".yasr table tbody a.local").count() > 0
    # a malformed query: the parser's message with its position, not raw JSON
    page.evaluate("() => { const q = window.drugkgYasgui.getTab().getYasqe();"
                  " q.setValue('SELECT ?x WHERE { ?x ?y }'); q.query(); }")
    page.locator("#query-error .message").wait_for()
    assert "error at 1:" in page.locator("#query-error .message").inner_text()
    assert "^" in page.locator("#query-error pre").inner_text()
    assert page.watch.outside == []
    context.close()
