"""The link report: what the vocabularies miss and how well the store's drugs are linked.

- Unlinked concepts (``dkg:UnlinkedConcept``, minted by monographs), most mentioned first,
  each with up to three vocabulary concepts of the same kind whose labels are most similar
  (rapidfuzz), as candidates for a new altLabel or concept.
- Coverage: the share of drug components (objects of ``dkg:hasActiveIngredient``) that
  have an identifier in each of the main drug vocabularies.
- Malformed identifiers: mapping IRIs whose local id fails bioregistry's pattern for its
  prefix (the patterns stored in ``ontology/prefixes.json``).
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from rapidfuzz import fuzz, process, utils

from drugkg import sparql
from drugkg.ontology import DKG, SCHEMES, UNLINKED_GRAPH, VOCAB
from drugkg.ontology.identifiers import external_converter, patterns
from drugkg.store import Store

COVERAGE_PREFIXES = ["drugbank", "chebi", "atc", "rxnorm", "mesh", "wikidata"]
SUGGESTIONS = 3
MIN_SCORE = 60.0

_KIND_OF_CLASS = {DKG + cls: kind for kind, (_, cls) in SCHEMES.items()}
_SCHEME_OF_KIND = {kind: VOCAB + file.removesuffix(".ttl") for kind, (file, _) in SCHEMES.items()}

def malformed_identifiers(store: Store) -> list[dict]:
    """Mapping IRIs in a known namespace whose local id fails the prefix's pattern."""
    conv, pats, out = external_converter(), patterns(), []
    for row in store.select(sparql.load("mapping-iris")):
        parsed = conv.parse_uri(row["x"])
        if not parsed or parsed[0] is None or parsed[0] not in pats:
            continue
        prefix, local = parsed
        if not pats[prefix].search(local):
            out.append({"concept": row["s"], "iri": row["x"], "prefix": prefix, "local_id": local,
                        "pattern": pats[prefix].pattern})
    return sorted(out, key=lambda m: (m["prefix"], m["concept"], m["iri"]))


def coverage(store: Store) -> dict:
    """Share of drug components with an identifier in each vocabulary."""
    conv = external_converter()
    components: dict[str, set[str]] = defaultdict(set)
    for row in store.select(sparql.load("drug-components")):
        prefixes = components[row["drug"]]
        if row["x"]:
            parsed = conv.parse_uri(row["x"])
            if parsed and parsed[0]:
                prefixes.add(parsed[0])
    total = len(components)
    out = {"drugs": total, "vocabularies": {}}
    for prefix in COVERAGE_PREFIXES:
        linked = sorted(d for d, ps in components.items() if prefix in ps)
        out["vocabularies"][prefix] = {
            "linked": len(linked),
            "share": round(len(linked) / total, 4) if total else 0.0,
            "missing": sorted(d for d in components if d not in set(linked)),
        }
    return out


class _Labels:
    """Every vocabulary label, grouped by scheme, for string similarity."""

    def __init__(self, store: Store) -> None:
        self.by_scheme: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        seen = set()
        for row in store.select(sparql.load("vocabulary-labels")):
            key = (row["scheme"], row["c"], row["label"])
            if key not in seen:
                seen.add(key)
                self.by_scheme[row["scheme"]].append((row["c"], row["pref"], row["label"]))
        self.choices = {s: [utils.default_process(e[2]) for e in entries]
                        for s, entries in self.by_scheme.items()}

    def suggest(self, kind: str, names: list[str], limit: int = SUGGESTIONS) -> list[dict]:
        scheme = _SCHEME_OF_KIND.get(kind)
        entries, choices = self.by_scheme.get(scheme, []), self.choices.get(scheme, [])
        best: dict[str, dict] = {}
        for name in names:
            query = utils.default_process(name)
            if not query:
                continue
            for _, score, i in process.extract(query, choices, scorer=fuzz.token_sort_ratio,
                                               limit=limit * 4, score_cutoff=MIN_SCORE):
                concept, pref, label = entries[i]
                if concept not in best or score > best[concept]["score"]:
                    best[concept] = {"id": concept, "label": pref, "matched": label,
                                     "score": round(score, 1)}
        ranked = sorted(best.values(), key=lambda s: (-s["score"], s["label"]))
        return ranked[:limit]


def unlinked_concepts(store: Store) -> list[dict]:
    """Unlinked concepts, most mentioned first, with suggested vocabulary matches."""
    concepts: dict[str, dict] = {}
    for row in store.select(sparql.load("unlinked-concepts"),
                            unlinked=ox.NamedNode(UNLINKED_GRAPH)):
        kind = _KIND_OF_CLASS.get(row["type"])
        if kind is None:
            continue
        item = concepts.setdefault(row["c"], {
            "id": row["c"], "label": row["label"] or row["c"].rsplit("/", 1)[-1],
            "kind": kind, "mentions": 0, "monographs": set()})
        item["monographs"].add(row["g"])
    for row in store.select(sparql.load("unlinked-mentions"),
                            unlinked=ox.NamedNode(UNLINKED_GRAPH)):
        if row["c"] in concepts:
            concepts[row["c"]]["mentions"] = int(row["n"])
    labels = _Labels(store)
    out = []
    for item in concepts.values():
        item["monographs"] = len(item["monographs"])
        item["suggestions"] = labels.suggest(item["kind"], [item["label"]])
        out.append(item)
    return sorted(out, key=lambda i: (-i["mentions"], -i["monographs"], i["label"], i["id"]))


def link_report(store: Store) -> dict:
    """The whole report: unlinked concepts, coverage and malformed identifiers."""
    malformed = malformed_identifiers(store)
    return {"unlinked": unlinked_concepts(store), "coverage": coverage(store),
            "malformed": {"count": len(malformed), "identifiers": malformed}}


def render_table(report: dict) -> str:
    """The report as text for a terminal."""
    lines = [f"Unlinked concepts ({len(report['unlinked'])}), most mentioned first:"]
    for item in report["unlinked"]:
        hints = "; ".join(f"{s['label']} ({s['score']:.0f}"
                          + (f", as '{s['matched']}'" if s["matched"] != s["label"] else "")
                          + ")" for s in item["suggestions"]) or "-"
        lines.append(f"  {item['mentions']:4}  {item['kind']:14} {item['label']}"
                     f"  [{item['monographs']} monograph(s)]  -> {hints}")
    cov = report["coverage"]
    lines += ["", f"Identifier coverage of the {cov['drugs']} drug components:"]
    for prefix, c in cov["vocabularies"].items():
        lines.append(f"  {prefix:10} {c['linked']:4} / {cov['drugs']:<4} {100 * c['share']:5.1f}%")
    mal = report["malformed"]
    lines += ["", f"Malformed identifiers: {mal['count']}"]
    for m in mal["identifiers"]:
        lines.append(f"  {m['concept']}  {m['prefix']}:{m['local_id']}  "
                     f"(pattern {m['pattern']})")
    return "\n".join(lines) + "\n"
