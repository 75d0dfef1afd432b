"""Identifiers: the one prefix map, CURIEs both ways, and bioregistry's id patterns.

drugkg's own prefixes (:data:`drugkg.ontology.PREFIXES`) come first, then bioregistry's
(``ontology/prefixes.json``: URI prefix and local-id pattern per external vocabulary).
Every CURIE drugkg reads or writes goes through :func:`curie` and :func:`expand`.
"""

from __future__ import annotations

import json
import re
from functools import cache

from curies import Converter, chain

from drugkg.ontology import HERE, PREFIXES

SEMAPV = "https://w3id.org/semapv/vocab/"


@cache
def _external_specs() -> dict[str, dict]:
    return json.loads((HERE / "prefixes.json").read_text(encoding="utf-8"))


@cache
def external_converter() -> Converter:
    """bioregistry's prefixes alone: for identifiers of external vocabularies (ChEBI ...)."""
    return Converter.from_prefix_map(
        {p: spec["uri_prefix"] for p, spec in _external_specs().items()})


@cache
def converter() -> Converter:
    """The one prefix map: drugkg's prefixes first, then bioregistry's."""
    own = Converter.from_prefix_map({**PREFIXES, "semapv": SEMAPV})
    return chain([own, external_converter()])


@cache
def patterns() -> dict[str, re.Pattern]:
    """bioregistry's local-id pattern per prefix."""
    return {p: re.compile(spec["pattern"])
            for p, spec in _external_specs().items() if spec.get("pattern")}


def curie(iri: str) -> str:
    """``drug:zolpidem`` for drugkg's IRIs, ``chebi:3756`` for known ones; else the IRI."""
    return converter().compress(iri) or iri


def expand(value: str) -> str:
    """A CURIE (``dkg:Drug``, ``target:gaba``) back to its IRI; IRIs and unknowns unchanged."""
    if "://" in value or ":" not in value:
        return value
    return converter().expand(value) or value


def xref_of(iri: str) -> tuple[str, str] | None:
    """('chebi', 'CHEBI:3756') for a ChEBI IRI; bare local ids for the other prefixes."""
    parsed = external_converter().parse_uri(iri)
    if parsed is None or parsed[0] is None:
        return None
    prefix, local = parsed
    return prefix, (f"CHEBI:{local}" if prefix == "chebi" else local)
