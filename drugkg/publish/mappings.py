"""Mappings from drugkg's vocabulary concepts to external vocabularies, as SSSOM.

A mapping is a ``skos:exactMatch`` or ``skos:closeMatch`` triple whose subject is a
vocabulary concept (``https://w3id.org/drugkg/vocab/...``) and whose object is an external
IRI. Subjects and objects are written as CURIEs with the one prefix map: drugkg's own
prefixes (``drugkg.ontology.PREFIXES``) chained before bioregistry's
(``ontology/prefixes.json``, see :mod:`drugkg.ontology.identifiers`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TextIO

import pyoxigraph as ox

from drugkg import __version__, sparql
from drugkg.ontology import ONTOLOGY_GRAPH, SKOS, VOCAB
from drugkg.ontology.identifiers import converter
from drugkg.store import Store

MAPPING_PREDICATES = {SKOS + "exactMatch": "skos:exactMatch",
                      SKOS + "closeMatch": "skos:closeMatch"}
MANUAL_CURATION = "semapv:ManualMappingCuration"
MAPPING_SET_ID = "https://w3id.org/drugkg/mappings/drugkg.sssom.tsv"
LICENSE = "https://spdx.org/licenses/MIT.html"

# SSSOM columns in the order written; ``confidence`` is left out because curated vocabulary
# links carry none (see docs/linking.md).
COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id",
           "mapping_justification", "subject_source"]


@dataclass(frozen=True)
class Mapping:
    subject: str        # IRI of the vocabulary concept
    label: str | None   # its skos:prefLabel
    predicate: str      # IRI: skos:exactMatch or skos:closeMatch
    object: str         # the external IRI
    scheme: str | None  # the concept's skos:inScheme

    @property
    def prefix(self) -> str | None:
        """The object's prefix in the prefix map (``chebi``, ``meddra`` ...), or None."""
        parsed = converter().parse_uri(self.object)
        return parsed[0] if parsed and parsed[0] else None


def collect(store: Store, graph: str | None = None) -> list[Mapping]:
    """Every mapping from a vocabulary concept to an external IRI, sorted by subject,
    predicate and object; only those stated in ``graph`` when given."""
    bindings = {"vocab": ox.Literal(VOCAB)} | ({"g": ox.NamedNode(graph)} if graph else {})
    seen: dict[tuple[str, str, str], Mapping] = {}
    for row in store.query(sparql.load("vocabulary-mappings"), bindings=bindings):
        key = (row["s"].value, row["p"].value, row["o"].value)
        if key not in seen:
            seen[key] = Mapping(
                key[0], row["label"].value if row["label"] else None, key[1], key[2],
                row["scheme"].value if row["scheme"] else None)
    return [seen[k] for k in sorted(seen)]


def linkset_counts(mappings: list[Mapping]) -> Counter:
    """(prefix, predicate IRI) -> number of mappings; objects outside the prefix map are
    counted under prefix None."""
    return Counter((m.prefix, m.predicate) for m in mappings)


@dataclass
class SSSOMReport:
    written: int
    skipped: list[Mapping]  # objects the prefix map cannot compact


def _version(store: Store) -> str:
    rows = store.select(sparql.load("graph-digests"), g=ox.NamedNode(ONTOLOGY_GRAPH))
    sha = rows[0]["sha"] if rows else None  # the ontology's digest, recorded by ingest
    return f"{__version__}+{sha[:12]}" if sha else __version__


def write_sssom(store: Store, out: TextIO, *, date: dt.date | None = None) -> SSSOMReport:
    """Write the store's vocabulary mappings to ``out`` as SSSOM TSV (metadata block, then
    one row per mapping)."""
    conv = converter()
    rows, skipped, used = [], [], {"skos", "semapv"}
    for m in collect(store):
        subject, obj = conv.compress(m.subject), conv.compress(m.object)
        if subject is None or obj is None:
            skipped.append(m)
            continue
        scheme = conv.compress(m.scheme) if m.scheme else None
        for curie in (subject, obj, scheme):
            if curie:
                used.add(curie.split(":", 1)[0])
        rows.append([subject, m.label or "", MAPPING_PREDICATES[m.predicate], obj,
                     MANUAL_CURATION, scheme or ""])
    curie_map = {p: conv.prefix_map[p] for p in sorted(used)}
    meta = [
        f"mapping_set_id: {MAPPING_SET_ID}",
        f"mapping_set_version: {_quote(_version(store))}",
        "mapping_set_title: drugkg vocabulary mappings",
        "mapping_set_description: Curated skos:exactMatch and skos:closeMatch links from "
        "drugkg's SKOS vocabularies to external identifiers.",
        f"license: {LICENSE}",
        "creator_label:",
        "  - drugkg",
        "mapping_tool: drugkg",
        f"mapping_tool_version: {_quote(__version__)}",
        f"mapping_date: {_quote((date or dt.date.today()).isoformat())}",
        "curie_map:",
        *(f"  {p}: {_quote(curie_map[p])}" for p in sorted(curie_map)),
    ]
    out.write("".join(f"#{line}\n" for line in meta))
    out.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        out.write("\t".join(_cell(v) for v in row) + "\n")
    return SSSOMReport(len(rows), skipped)


def _quote(value: str) -> str:
    """A YAML scalar in double quotes (IRIs may hold '#', '?', '&')."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cell(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")
