"""Drug cards: one summary per drug per monograph, built by SPARQL over the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from drugkg import sparql
from drugkg.ontology import DKG
from drugkg.ontology.identifiers import expand, xref_of
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


BATCH_GRAPHS = 200  # pages whose cards are built together: bounds memory at any store size
_FIELD_NAMES = ("classes", "mechanisms", "neurotransmitters", "indications", "adverse_effects",
                "contraindications", "risks", "interactions")


def build_cards(store: Store, *, drug: str | None = None) -> list[dict]:
    """Every drug card in the store (or ``drug``'s), sorted by source file then label."""
    return list(iter_cards(store, drug=drug))


def iter_cards(store: Store, *, drug: str | None = None) -> Iterator[dict]:
    """The cards of :func:`build_cards`, in its order, built a few hundred pages at a time.

    ``drug``: an IRI, a CURIE (``drug:zolpidem``) or a name (any case): only that drug's
    cards, one per page that names it."""
    heads = _card_heads(store, drug)
    batch: dict[tuple[str, str], dict] = {}
    for key, card in heads:
        if len(batch) >= BATCH_GRAPHS and card["source"] != _last(batch)["source"]:
            yield from _filled(store, batch)  # a source's cards stay in one batch: its order
            batch = {}
        batch[key] = card
    yield from _filled(store, batch)


def _last(batch: dict) -> dict:
    return next(reversed(batch.values()))


def _card_heads(store: Store, drug: str | None) -> list[tuple[tuple[str, str], dict]]:
    """Each card's drug, product and page, without its facts, in the cards' order."""
    wanted = expand(drug.strip()) if drug else None
    heads: dict[tuple[str, str], dict] = {}
    for row in store.select(sparql.load("card-drugs")):
        label = row["label"] or row["drug"].rsplit("/", 1)[-1]
        if wanted and wanted != row["drug"] and wanted.lower() != label.lower():
            continue
        heads[(row["g"], row["drug"])] = {
            "id": row["drug"], "label": label, "product": row["productLabel"],
            "source": row["source"], "graph": row["g"], "xrefs": {},
            **{name: [] for name in _FIELD_NAMES},
        }
    return sorted(heads.items(), key=lambda h: (h[1]["source"], h[1]["label"].lower()))


def _filled(store: Store, cards: dict[tuple[str, str], dict]) -> list[dict]:
    """The cards of some pages with their facts, sorted by source file then label."""
    if not cards:
        return []
    graphs = tuple(ox.NamedNode(g) for g in dict.fromkeys(g for g, _ in cards))
    field_of = {DKG + p.split(":")[1]: name for name, preds in FIELDS.items() for p in preds}
    items: dict[tuple, dict] = {}
    mentions: dict[tuple, set[str]] = defaultdict(set)
    for row in _per_graph(store, "card-facts", graphs):
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
    for row in _per_graph(store, "card-synonyms", graphs):
        if row["alt"] not in synonyms[row["o"]]:  # an object named in several pages
            synonyms[row["o"]].append(row["alt"])
    for key, item in items.items():
        extra = sorted(m for m in mentions[key] if m.lower() != item["label"].lower())
        item["synonyms"] = list(dict.fromkeys([*sorted(synonyms[item["id"]]), *extra]))
    for row in store.select(sparql.load("card-transmitters"), g=graphs):
        card = cards.get((row["g"], row["drug"]))
        if card is not None and all(i["id"] != row["nt"] for i in card["neurotransmitters"]):
            card["neurotransmitters"].append(_item(row["nt"], row["label"], False))
    xrefs: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.select(sparql.load("card-xrefs"), g=graphs):
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


def _per_graph(store: Store, name: str, graphs: tuple[ox.NamedNode, ...]) -> Iterator[dict]:
    """The rows of a card-field query, one page at a time: bound to one graph the engine
    looks its facts up by index (~5 ms); bound to many at once it plans a far slower join."""
    for graph in graphs:
        yield from store.select(sparql.load(name), p=_FIELD_PREDICATES, g=graph)
