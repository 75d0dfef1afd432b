"""Render times of the browse UI's pages on the dev corpora (not a test).

    python -m benchmarks.pages [--rounds 5] [--corpus DIR ...]

Ingests the corpora (default: examples + dev-a + dev-b) into an in-memory store, then
requests every page type through the Flask test client (in process: no network) for a sample
of entities, drugs and monographs, several rounds each. Prints p50/p99 per page type and
the ratio of each HTML page to its JSON twin (the same data without the template), which is
the figure that survives these noisy shared machines. Then crawls every same-site link
from home that is not rel=nofollow (up to --per-kind pages of each kind of URL) and prints
any that is not a 200.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path
from urllib.parse import quote, urlparse

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
DEFAULT_CORPORA = [ROOT / "examples" / "monographs", SHARED / "dev-a" / "monographs",
                   SHARED / "dev-b" / "monographs"]
HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}


def pctl(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, nargs="*", default=DEFAULT_CORPORA)
    parser.add_argument("--per-kind", type=int, default=20,
                        help="pages of each kind of URL the crawl opens")
    args = parser.parse_args(argv)

    from drugkg.ingest import ledger
    from drugkg.ingest.run import ingest
    from drugkg.ontology import DEFAULT_BASE
    from drugkg.server import create_app
    from drugkg.store import open_store

    store = open_store("memory:")
    corpora = [c for c in args.corpus if c.is_dir()]
    ingest(corpora, store, base=DEFAULT_BASE)
    app = create_app({"MAX_ROWS": 100_000}, store=store)
    client = app.test_client()

    drugs = [r["d"] for r in store.select(
        "SELECT DISTINCT ?d WHERE { ?p <https://w3id.org/drugkg/ontology#hasActiveIngredient>"
        " ?d }")]
    graphs = sorted(ledger.sources(store))
    facet = client.get("/drugs?format=json").get_json()["facets"]
    first = {f["facet"]: f["values"][0]["iri"] for f in facet if f["values"]}
    hubs = ["https://w3id.org/drugkg/vocab/target/serotonin",
            "https://w3id.org/drugkg/vocab/risk/dependence"]
    pages: dict[str, list[str]] = {
        "home /": ["/"],
        "drugs (no filter)": ["/drugs"],
        "drugs (2 facets)": ["/drugs?neurotransmitter=%s&risk=%s" % (
            quote(first.get("neurotransmitter", "")), quote(first.get("risk", "")))],
        "entity (drug)": ["/entity?iri=" + quote(d) for d in drugs],
        "entity (hub concept)": ["/entity?iri=" + quote(h) for h in hubs],
        "graph (drug)": ["/graph?iri=" + quote(d) for d in drugs],
        "monograph": ["/monograph?graph=" + quote(g) for g in graphs],
        "query page": ["/query"],
    }
    print(f"{len(corpora)} corpora, {len(graphs)} monographs, {len(drugs)} drugs, "
          f"{len(store)} quads; {args.rounds} rounds\n")
    print("| page | n | HTML p50 ms | HTML p99 ms | JSON p50 ms | HTML / JSON |")
    print("|---|---|---|---|---|---|")
    for name, urls in pages.items():
        for url in urls:  # warm up
            assert client.get(url, headers=HTML).status_code == 200, url
        timings: dict[str, list[float]] = {"html": [], "json": []}
        for _ in range(args.rounds):
            for url in urls:
                for kind, headers in (("html", HTML), ("json", JSON)):
                    start = time.perf_counter()
                    response = client.get(url, headers=headers)
                    response.get_data()
                    timings[kind].append((time.perf_counter() - start) * 1000)
        h50, j50 = statistics.median(timings["html"]), statistics.median(timings["json"])
        print(f"| {name} | {len(timings['html'])} | {h50:.1f} | {pctl(timings['html'], .99):.1f}"
              f" | {j50:.1f} | ×{h50 / j50:.2f} |")
    seen, failed = crawl(client, args.per_kind)
    print(f"\ncrawl from home: {len(seen)} pages, {len(failed)} not 200"
          + "".join(f"\n  {status} {url}" for status, url in failed))


_LINK = re.compile(r"<a [^>]*>")


def crawl(client, per_kind: int) -> tuple[set[str], list[tuple[int, str]]]:
    """(URLs opened, (status, URL) of each that failed): same-site links from home, not
    rel=nofollow, at most ``per_kind`` of each path prefix and parameter names."""
    queue, seen, failed, kinds = ["/"], set(), [], {}
    while queue:
        url = queue.pop(0)
        seen.add(url)
        response = client.get(url, headers=HTML)
        if response.status_code != 200:
            failed.append((response.status_code, url))
            continue
        if response.mimetype != "text/html":
            continue
        for tag in _LINK.findall(response.get_data(as_text=True)):
            href = re.search(r'href="(/[^"#]*)', tag)
            if not href or 'rel="nofollow' in tag or href.group(1).startswith(("//", "/static")):
                continue
            link = href.group(1).replace("&amp;", "&")
            parsed = urlparse(link)
            kind = "/".join(parsed.path.split("/")[:4]) + "?" + "&".join(
                sorted({p.split("=")[0] for p in parsed.query.split("&") if p}))
            if link not in seen and link not in queue and kinds.get(kind, 0) < per_kind:
                kinds[kind] = kinds.get(kind, 0) + 1
                queue.append(link)
    return seen, failed


if __name__ == "__main__":
    main()
