"""SSRF: no query or update, however it hides a SERVICE or LOAD, makes the server connect
to an endpoint off the allow-list. A real socket counts connections; the engine runs the
text the guard checked (issue 15, item 1)."""

from __future__ import annotations

import random
import urllib.error
import urllib.parse
import urllib.request

import pytest

from drugkg.errors import QueryError
from drugkg.federation import check
from drugkg.store import open_store
from tests.security.conftest import TOKEN


def disguises(url: str) -> list[str]:
    """SERVICE clauses hidden by comment, escape and string tricks that parsers read
    differently (the first is the reproduction from the issue)."""
    service = f"SERVICE <{url}> {{ ?s ?p ?o }}"
    prefix = url.rsplit("/", 1)[0]
    return [
        f'SELECT * WHERE {{\n# \\u000A BIND("""\n{service}\n# """ AS ?z)\n}}',
        f'SELECT * WHERE {{\n# \\u000D BIND("""\n{service}\n# """ AS ?z)\n}}',
        f"SELECT * WHERE {{\n# \\U0000000A BIND('''\n{service}\n# ''' AS ?z)\n}}",
        f'SELECT * WHERE {{\r# BIND("""\r{service}\r# """ AS ?z)\r}}',
        f'SELECT * WHERE {{ BIND("\\\\" AS ?a) {service} }}',
        f'SELECT * WHERE {{ BIND("a\\"" AS ?a) {service} }}',
        f"SELECT * WHERE {{ BIND('\\'' AS ?a) {service} }}",
        f'SELECT * WHERE {{ BIND("""a""\\"""" AS ?a) {service} }}',
        f"SELECT * WHERE {{ {service.replace('SERVICE', 'service')} }}",
        f"SELECT * WHERE {{ {service.replace('SERVICE', 'SERVICE SILENT')} }}",
        f"SELECT * WHERE {{ {service.replace('SERVICE ', 'SERVICE')} }}",
        f"PREFIX x: <{prefix}/> SELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
        f"BASE <{url}> SELECT * WHERE {{ SERVICE <> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { SERVICE <%s> { ?s ?p ?o } }" % url.replace("127", r"\u0031\u0032\u0037"),
        f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE SILENT ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ #\n{service} }}",
        f"SELECT * WHERE {{ <urn:a> <urn:b> \"x\"@en-GB . {service} }}",
        f"SELECT * WHERE {{ ?s <urn:p>/^<urn:q> ?o . {service} }}",
    ]


def attempt(run, text: str) -> None:
    """Run ``text``; a refusal (QueryError) is a pass, so is a run that connects nowhere."""
    try:
        result = run(text)
        if result is not None and not isinstance(result, bool):
            list(result)
    except QueryError:
        pass
    except OSError:  # the engine reached the listener: counted there, asserted by the test
        pass


def test_no_disguise_reaches_the_listener(listener, memory_kg):
    for text in disguises(listener.url):
        attempt(memory_kg.query, text)
    assert listener.connections == 0


def test_the_engine_runs_the_text_the_guard_checked():
    # the issue's reproduction: the engine reads the '# \u000A' line as one comment, so the
    # SERVICE is code; the guard reads it so too, and hands on a text with no comment left
    text = ('SELECT * WHERE {\n# \\u000A BIND("""\nSERVICE <http://x/sparql> { ?s ?p ?o }\n'
            '# """ AS ?z)\n}')
    with pytest.raises(QueryError, match="allow-list"):
        check(text, ())
    assert check(text, ("http://x/sparql",)) == \
        "SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }"
    # a string keeps its value, written back in one plain form
    assert check("SELECT * { BIND('''a\n\\u0022b''' AS ?x) }", ()) == \
        'SELECT * { BIND("a\\n\\"b" AS ?x) }'


def test_a_fuzz_of_mixed_tricks_makes_no_connection(listener):
    store = open_store("memory:")
    service = f"SERVICE <{listener.url}> {{ ?s ?p ?o }}"
    pieces = ["#", "\\u000A", "\\u000D", "\n", "\r", '"""', "'''", '"', "'", "\\", "<", ">",
              "BIND(", " AS ?z)", "{", "}", service, "\\u0022", "\\u0027", "\\n", "@en", "^^"]
    rng = random.Random(15)
    tried = 0
    for _ in range(400):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(3, 12)))
        if service not in body:
            body += service
        attempt(store.query, "SELECT * WHERE {\n" + body + "\n}")
        tried += 1
    assert tried == 400
    assert listener.connections == 0


def test_the_guard_still_allows_a_listed_endpoint(listener):
    store = open_store("memory:", federation_allow=[listener.url])
    with pytest.raises(OSError):  # the listener hangs up: proof the guard let it through
        list(store.query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
    assert listener.connections == 1


def post_update(base: str, update: str) -> int:
    request = urllib.request.Request(
        base + "/sparql", data=urllib.parse.urlencode({"update": update}).encode(),
        headers={"Authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def get_query(base: str, query: str) -> int:
    url = base + "/sparql?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_load_disguises_make_no_connection_through_the_server(live, listener):
    loads = [
        f'# \\u000A INSERT DATA {{ <urn:a> <urn:b> """\nLOAD <{listener.url}>\n# """ }}',
        f"LOAD <{listener.url}>",
        f"load silent <{listener.url}> INTO GRAPH <urn:g>",
        f"PREFIX x: <http://127.0.0.1:{listener.port}/> LOAD x:sparql",
        f"BASE <{listener.url}> LOAD <>",
    ]
    statuses = [post_update(live, u) for u in loads]
    assert statuses == [403] * 5
    assert listener.connections == 0


def test_every_disguise_through_the_server_is_a_4xx_or_an_answer(live, listener):
    codes = {get_query(live, text) for text in disguises(listener.url)}
    assert codes <= {200, 400, 403}
    assert 403 in codes
    assert listener.connections == 0


@pytest.mark.parametrize("keyword", ["service", "Service", "sErViCe"])
def test_keywords_are_caught_in_any_case(keyword):
    with pytest.raises(QueryError, match="allow-list"):
        check(f"SELECT * WHERE {{ {keyword} <http://evil/> {{ ?s ?p ?o }} }}", ())
