"""Drug cards: one summary per drug per monograph, built by SPARQL over the store."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from drugkg import sparql
from drugkg.ontology import DKG
from drugkg.ontology.identifiers import xref_of
from drugkg.store import Store

FIELDS = {
    "classes": ["dkg:inClass"],
    "mechanisms": ["dkg:hasMechanism"],
    "indications": ["dkg:indicatedFor"],
    "adverse_effects": ["dkg:hasCommonAdverseEffect", "dkg:hasSeriousAdverseEffect"],
    "contraindications": ["dkg:contraindicatedIn", "dkg:contraindicatedWith"],
    "risks": ["dkg:hasRisk"],
    "interactions": ["dkg:interactsWith"],
}
# the predicates of every field, bound as ?p by the queries that read the fields' facts
_FIELD_PREDICATES = tuple(ox.NamedNode(DKG + p.split(":")[1])
                          for preds in FIELDS.values() for p in preds)


def _item(iri: str, label: str | None, unlinked: bool) -> dict:
    return {"id": iri, "label": label or iri.rsplit("/", 1)[-1], "synonyms": [],
            "linked": not unlinked}


def build_cards(store: Store) -> list[dict]:
    """Every drug card in the store, sorted by source file then label."""
    cards: dict[tuple[str, str], dict] = {}
    for row in store.select(sparql.load("card-drugs")):
        cards[(row["g"], row["drug"])] = {
            "id": row["drug"],
            "label": row["label"] or row["drug"].rsplit("/", 1)[-1],
            "product": row["productLabel"],
            "source": row["source"],
            "graph": row["g"],
            "xrefs": {},
            **{name: [] for name in ["classes", "mechanisms", "neurotransmitters",
                                     "indications", "adverse_effects", "contraindications",
                                     "risks", "interactions"]},
        }
    field_of = {DKG + p.split(":")[1]: name for name, preds in FIELDS.items() for p in preds}
    items: dict[tuple, dict] = {}
    mentions: dict[tuple, set[str]] = defaultdict(set)
    for row in store.select(sparql.load("card-facts"), p=_FIELD_PREDICATES):
        card = cards.get((row["g"], row["drug"]))
        if card is None:
            continue
        name = field_of[row["p"]]
        key = (row["g"], row["drug"], name, row["o"])
        if key not in items:
            item = _item(row["o"], row["label"], row["unlinked"] is not None)
            if name == "adverse_effects":
                item["serious"] = row["p"] == DKG + "hasSeriousAdverseEffect"
            items[key] = item
            card[name].append(item)
        elif name == "adverse_effects" and row["p"] == DKG + "hasSeriousAdverseEffect":
            items[key]["serious"] = True
        if row["mention"]:
            mentions[key].add(row["mention"])
    synonyms: dict[str, list[str]] = defaultdict(list)
    for row in store.select(sparql.load("card-synonyms"), p=_FIELD_PREDICATES):
        synonyms[row["o"]].append(row["alt"])
    for key, item in items.items():
        extra = sorted(m for m in mentions[key] if m.lower() != item["label"].lower())
        item["synonyms"] = list(dict.fromkeys([*sorted(synonyms[item["id"]]), *extra]))
    for row in store.select(sparql.load("card-transmitters")):
        card = cards.get((row["g"], row["drug"]))
        if card is not None and all(i["id"] != row["nt"] for i in card["neurotransmitters"]):
            card["neurotransmitters"].append(_item(row["nt"], row["label"], False))
    xrefs: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.select(sparql.load("card-xrefs")):
        parsed = xref_of(row["x"])
        if parsed:
            xrefs[row["drug"]].setdefault(*parsed)
    out = []
    for card in cards.values():
        card["xrefs"] = dict(sorted(xrefs.get(card["id"], {}).items()))
        for name in FIELDS:
            card[name].sort(key=lambda i: i["label"].lower())
        card["neurotransmitters"].sort(key=lambda i: i["label"].lower())
        out.append(card)
    return sorted(out, key=lambda c: (c["source"], c["label"].lower()))
