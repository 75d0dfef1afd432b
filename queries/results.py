"""SPARQL results in every protocol format, with a row cap the client can see."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from drugkg import formats
from drugkg.errors import StoreError
from drugkg.store import Store

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

@dataclass
class Solutions:
    """SELECT results, already cut at the row cap."""

    variables: list[str]
    rows: list[list]
    truncated: bool = False


@dataclass
class Rendered:
    """SELECT results already serialised (by pyoxigraph), cut at the row cap if needed."""

    body: bytes
    media: str
    truncated: bool = False


_Q = ox.QueryResultsFormat
_MIN_ROW_BYTES = {_Q.JSON: 2, _Q.XML: 17, _Q.CSV: 2, _Q.TSV: 1}  # '{}', '<result></result>', ...


class Triples(list):
    """CONSTRUCT/DESCRIBE results, cut at the same cap as SELECT rows."""

    truncated = False


def evaluate(store: Store, sparql: str, default_graphs: list[str], named_graphs: list[str],
             media: str | None, max_rows: int):
    """Run one query on ``store``: Solutions (or Rendered in ``media``), bool, or Triples,
    never more than ``max_rows`` rows or triples. Module-level, so a query worker process
    can be handed it."""
    try:
        return _evaluate(store, sparql, default_graphs, named_graphs, media, max_rows)
    except (OSError, RuntimeError) as exc:  # a SERVICE endpoint failed, redirected, or
        failure = str(exc)  # answered non-RDF
    # raised unchained: the engine's error holds frames holding its results, which must not
    # be dropped on the request thread the error is handed to
    raise StoreError(f"the query failed upstream: {failure}")


def _evaluate(store: Store, sparql: str, default_graphs: list[str], named_graphs: list[str],
              media: str | None, max_rows: int):
    def query():
        return store.query(sparql, default_graphs=default_graphs or None,
                           named_graphs=named_graphs or None)

    result = query()
    if isinstance(result, ox.QuerySolutions):
        if media is not None:
            rendered = render_native(result, media, max_rows)
            if rendered is not None:
                return rendered
            result = query()  # maybe over the cap: again, cut while collecting
        return collect(result, max_rows)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    triples = Triples(islice(result, max_rows + 1))  # pulled lazily: a cut stops the engine
    if len(triples) > max_rows:
        del triples[max_rows:]
        triples.truncated = True
    return triples


def render_native(result: ox.QuerySolutions, media: str, max_rows: int) -> Rendered | None:
    """Serialise in Rust, skipping a Python object per value. Kept as is when the row cap
    cannot apply (the body is too short to hold more rows, or counting JSON rows says so);
    JSON over the cap is cut. None when other formats may be over the cap: evaluate again
    and :func:`collect`."""
    syntax = _syntax(media)
    body = result.serialize(format=syntax)
    if len(body) <= max_rows * _MIN_ROW_BYTES[syntax]:
        return Rendered(body, media)
    if syntax != _Q.JSON:
        return None
    # Oxigraph writes JSON without spaces: rows meet at '},{', which a string may hold too,
    # so the count is an upper bound on the rows, and under the cap no parse is needed
    if body.count(b"},{") < max_rows:
        return Rendered(body, media)
    data = json.loads(body)
    rows = data["results"]["bindings"]
    if len(rows) <= max_rows:
        return Rendered(body, media)
    del rows[max_rows:]
    return Rendered(json.dumps(data, ensure_ascii=False).encode(), media, truncated=True)


def collect(result: ox.QuerySolutions, max_rows: int) -> Solutions:
    names = [v.value for v in result.variables]
    rows = []
    truncated = False
    for solution in result:
        if len(rows) >= max_rows:
            truncated = True
            break
        rows.append([solution[n] for n in names])
    return Solutions(names, rows, truncated)


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
            "object": _json_term(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def solutions_json(sol: Solutions) -> bytes:
    bindings = [{n: _json_term(v) for n, v in zip(sol.variables, row, strict=True)
                 if v is not None} for row in sol.rows]
    return json.dumps({"head": {"vars": sol.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode()


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def solutions_xml(sol: Solutions) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           "<head>", *(f"<variable name={quoteattr(n)}/>" for n in sol.variables), "</head>",
           "<results>"]
    for row in sol.rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(n)}>{_xml_term(v)}</binding>"
                for n, v in zip(sol.variables, row, strict=True) if v is not None]
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out).encode()


def _tsv_term(term) -> str:
    return "" if term is None else str(term)  # N-Triples syntax, as SPARQL TSV requires


def solutions_delimited(sol: Solutions, delimiter: str) -> bytes:
    buf = io.StringIO()
    if delimiter == ",":  # CSV: plain values
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(sol.variables)
        writer.writerows([["" if v is None else v.value for v in row] for row in sol.rows])
    else:  # TSV: ?-prefixed header, terms in N-Triples syntax
        buf.write("\t".join(f"?{n}" for n in sol.variables) + "\n")
        for row in sol.rows:
            buf.write("\t".join(_tsv_term(v) for v in row) + "\n")
    return buf.getvalue().encode()


def _syntax(media: str) -> ox.QueryResultsFormat:
    return formats.by_media(media, formats.SOLUTIONS).results


def render_solutions(sol: Solutions, media: str) -> bytes:
    syntax = _syntax(media)
    if syntax == _Q.JSON:
        return solutions_json(sol)
    if syntax == _Q.XML:
        return solutions_xml(sol)
    return solutions_delimited(sol, "," if syntax == _Q.CSV else "\t")


def render_boolean(value: bool, media: str) -> bytes:
    syntax = _syntax(media)
    if syntax == _Q.JSON:
        return json.dumps({"head": {}, "boolean": value}).encode()
    if syntax == _Q.XML:
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>").encode()
    return ("_askResult\r\n" if syntax == _Q.CSV else "?_askResult\n").encode() + (
        b"true" if value else b"false") + b"\n"


def render_triples(triples, media: str) -> bytes:
    fmt = formats.by_media(media, formats.GRAPH).rdf
    items = list(triples)
    if fmt.supports_datasets:  # N-Quads, TriG: the triples in the default graph
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in items]
    return ox.serialize(items, format=fmt) or b""
