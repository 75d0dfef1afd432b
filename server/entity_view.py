"""An entity page by meaning: the relation groups of :func:`drugkg.server.api.entity_summary`
put into sections in a fixed order for the entity's kind (a drug: classes, mechanisms,
targets, indications, adverse effects with the serious first, ...), incoming relations by
the kind of their subject, each group paged."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import request

from drugkg.ontology import DKG, RDF, SKOS
from drugkg.server.api import KIND_ORDER

PAGE_SIZE = 50  # rows of a list before it pages (drugs, a relation group)
# Plural headings for groups of entities of one kind
KIND_PLURALS = {"UnlinkedConcept": "Unlinked concepts", "Drug": "Drugs",
                "DrugProduct": "Drug products", "CombinationProduct": "Combination products",
                "DrugClass": "Drug classes", "Mechanism": "Mechanisms",
                "Neurotransmitter": "Neurotransmitters", "Target": "Targets",
                "Condition": "Conditions", "AdverseEffect": "Adverse effects",
                "Risk": "Risks", "Substance": "Substances", "Evidence": "Evidence"}
SHOWN_SYNONYMS = 6

# (section id, title, [(direction, property)]) in reading order for a drug
DRUG_SECTIONS = [
    ("classes", "Classes", [("out", DKG + "inClass")]),
    ("mechanisms", "Mechanisms of action", [("out", DKG + "hasMechanism")]),
    ("targets", "Targets", [("out", DKG + "actsOn")]),
    ("indications", "Indications", [("out", DKG + "indicatedFor")]),
    ("adverse-effects", "Adverse effects", [("out", DKG + "hasSeriousAdverseEffect"),
                                            ("out", DKG + "hasCommonAdverseEffect"),
                                            ("out", DKG + "hasAdverseEffect")]),
    ("contraindications", "Contraindications", [("out", DKG + "contraindicatedIn"),
                                                ("out", DKG + "contraindicatedWith"),
                                                ("in", DKG + "contraindicatedWith")]),
    ("interactions", "Interactions", [("out", DKG + "interactsWith"),
                                      ("in", DKG + "interactsWith")]),
    ("risks", "Risks", [("out", DKG + "hasRisk")]),
    ("products", "Products and monographs", [("in", DKG + "hasActiveIngredient")]),
]
# The order of the other relations (the rest by label after these)
PROPERTY_ORDER = [DKG + p for p in (
    "inClass", "hasMechanism", "actsOn", "indicatedFor", "hasSeriousAdverseEffect",
    "hasCommonAdverseEffect", "hasAdverseEffect", "contraindicatedIn", "contraindicatedWith",
    "interactsWith", "hasRisk", "signalsRisk", "hasActiveIngredient")] + [
    SKOS + "broader", SKOS + "related"]
# Shown in the identity block (types, identifiers), not as relation sections
IDENTITY = {("out", RDF + "type"), ("out", SKOS + "exactMatch"), ("out", SKOS + "closeMatch")}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _property_rank(iri: str) -> int:
    return PROPERTY_ORDER.index(iri) if iri in PROPERTY_ORDER else len(PROPERTY_ORDER)


def _kind_rank(kind: str | None) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _paged(group: dict, wanted: str | None, page: int) -> dict:
    key = _slug(f"{group['direction']} {group['property'].rsplit('#', 1)[-1].rsplit('/', 1)[-1]}"
                f" {group['kind'] or ''}")
    pages = max(1, -(-len(group["values"]) // PAGE_SIZE))
    number = min(page, pages) if wanted == key else 1
    start = (number - 1) * PAGE_SIZE

    def url(n: int) -> str:
        params = [(k, v) for k, v in request.args.items(multi=True) if k not in ("group", "page")]
        params += [] if n == 1 else [("group", key), ("page", str(n))]
        return request.path + ("?" + urlencode(params) if params else "")

    return {**group, "key": key, "page": number, "pages": pages, "total": len(group["values"]),
            "shown": group["values"][start:start + PAGE_SIZE],
            "prev": url(number - 1) if number > 1 else None,
            "next": url(number + 1) if number < pages else None}


def entity_view(summary: dict, wanted_group: str | None, page: int) -> dict:
    """Sections (id, title, groups) in the order of the entity's kind, the identity facts
    (types, synonyms shown and folded), whether any value is inferred only, and labels of
    the facts each evidence sentence supports."""
    groups = {(g["direction"], g["property"], g["kind"]): g
              for g in summary["outgoing"] + summary["incoming"]}
    used: set[tuple] = set()
    sections = []
    if summary["kind"] == "Drug":
        for section_id, title, members in DRUG_SECTIONS:
            chosen = [g for key, g in groups.items() if key[:2] in members]
            chosen.sort(key=lambda g: (members.index((g["direction"], g["property"])),
                                       _kind_rank(g["kind"])))
            if chosen:
                sections.append({"id": section_id, "title": title, "groups": chosen})
                used.update((g["direction"], g["property"], g["kind"]) for g in chosen)
    rest = [g for key, g in groups.items() if key not in used and key[:2] not in IDENTITY]
    outgoing = sorted((g for g in rest if g["direction"] == "out"),
                      key=lambda g: (_property_rank(g["property"]), g["label"]))
    if outgoing:
        sections.append({"id": "relations", "title": "Relations" if not sections
                         else "Other relations", "groups": outgoing})
    incoming: dict[str | None, list[dict]] = {}
    for g in rest:
        if g["direction"] == "in":
            incoming.setdefault(g["kind"], []).append(g)
    for kind in sorted(incoming, key=_kind_rank):
        chosen = sorted(incoming[kind], key=lambda g: (_property_rank(g["property"]),
                                                       g["label"]))
        sections.append({"id": "from-" + _slug(kind or "other"),
                         "title": KIND_PLURALS.get(kind or "", "Other things") + " linking here",
                         "groups": chosen})
    for section in sections:
        section["groups"] = [_paged(g, wanted_group, page) for g in section["groups"]]
    types = groups.get(("out", RDF + "type", None), {"values": []})["values"]
    labels = {v["iri"]: v["label"] for g in groups.values() for v in g["values"]}
    labels[summary["iri"]] = summary["label"]
    synonyms = summary["synonyms"]
    return {
        "sections": sections,
        "types": types,
        "synonyms": synonyms[:SHOWN_SYNONYMS],
        "more_synonyms": synonyms[SHOWN_SYNONYMS:],
        "any_inferred": any(v["inferred_only"] for g in groups.values() for v in g["values"]),
        "labels": labels,
    }
