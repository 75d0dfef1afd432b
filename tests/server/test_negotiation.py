from drugkg.server.negotiation import choose

OFFERS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]


def test_q_values_decide():
    assert choose("text/csv;q=0.9, application/sparql-results+xml", OFFERS).endswith("xml")
    assert choose("text/*;q=0.8, */*;q=0.1", OFFERS) == "text/csv"


def test_specific_range_overrides_wildcard_q():
    assert choose("*/*;q=1, text/csv;q=0", OFFERS) == OFFERS[0]


def test_missing_header_takes_the_first_offer_and_nothing_matches_is_none():
    assert choose(None, OFFERS) == OFFERS[0]
    assert choose("image/png", OFFERS) is None
