"""The one formats table: every row is usable by the writers that read it."""

from __future__ import annotations

import pyoxigraph as ox

from drugkg import formats


def test_every_row_names_its_writer():
    for f in formats.FORMATS:
        assert f.label and f.extension.startswith("."), f
        if f.kind == formats.GRAPH:
            assert isinstance(f.rdf, ox.RdfFormat), f
        if f.kind == formats.SOLUTIONS:
            assert isinstance(f.results, ox.QueryResultsFormat), f


def test_a_name_means_what_its_kind_says():
    assert formats.by_name("json", formats.SOLUTIONS).media == "application/sparql-results+json"
    assert formats.by_name("json", formats.GRAPH).media == "application/ld+json"
    pages = formats.names(formats.PAGE, formats.GRAPH)  # what a browse page accepts
    assert pages["json"] == "application/json" and pages["ttl"] == "text/turtle"
    assert pages["rdfxml"] == pages["xml"] == "application/rdf+xml"


def test_the_endpoint_offers_no_dump_only_format_and_prefers_sparql_json():
    assert formats.offers(formats.SOLUTIONS)[0] == "application/sparql-results+json"
    assert "application/trig" not in formats.offers(formats.GRAPH)
    assert formats.offers(formats.GRAPH)[0] == "text/turtle"


def test_every_dump_format_is_a_graph_format():
    rdf = {formats.by_name(name, formats.GRAPH).rdf for name in formats.DUMP_FORMATS}
    assert ox.RdfFormat.TRIG in rdf and len(rdf) == len(formats.DUMP_FORMATS)
