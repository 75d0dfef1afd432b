"""Ask in plain words: a question is linked to vocabulary concepts, read into a small typed
query model, and compiled to SPARQL with the property paths the named queries use.

Deterministic and offline: the vocabulary matcher finds concepts (case, plurals and
British/American spellings), a fixed list of cue phrases gives relations, negation,
conjunction and counting, and rapidfuzz corrects small typos in leftover words. A word that
is none of these stops the question with "did not understand 'X'; did you mean ...?": no
query is run, never a silently broader one. See docs/ask.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from drugkg.errors import DrugkgError
from drugkg.ingest.recognise import Mention, matcher_for, norm_phrase, tokens
from drugkg.ontology import PREFIXES, sparql_prefixes
from drugkg.ontology.lexicon import Concept, Lexicon, load_lexicon

_PROLOGUE = sparql_prefixes()
_ACTS = "(dkg:actsOn|dkg:hasMechanism/dkg:actsOn|dkg:inClass/dkg:hasMechanism/dkg:actsOn)"


class AskError(DrugkgError):
    """A question drugkg could not read; the message says which words and what is known."""

    def __init__(self, message: str, suggestions: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or {}


@dataclass(frozen=True)
class Relation:
    """A drug -> concept relation: the SPARQL path to a concept (with its narrower ones),
    the path for listing a drug's values, the kinds of concept it takes, and its words."""

    name: str
    path: str
    direct: str
    kinds: tuple[str, ...]
    says: str
    says_not: str
    noun: str


RELATIONS = {r.name: r for r in (
    Relation("acts-on", f"{_ACTS}/skos:broader*", _ACTS, ("target",),
             "act on", "do not act on", "targets"),
    Relation("mechanism", "(dkg:hasMechanism|dkg:inClass/dkg:hasMechanism)/skos:broader*",
             "dkg:hasMechanism|dkg:inClass/dkg:hasMechanism", ("mechanism",),
             "have mechanism", "do not have mechanism", "mechanisms"),
    Relation("in-class", "dkg:inClass/skos:broader*", "dkg:inClass", ("class",),
             "are in class", "are not in class", "classes"),
    Relation("risk", "dkg:hasRisk/skos:broader*", "dkg:hasRisk", ("risk",),
             "have risk:", "do not have risk:", "risks"),
    Relation("causes", "(dkg:hasCommonAdverseEffect|dkg:hasSeriousAdverseEffect)/skos:broader*",
             "dkg:hasCommonAdverseEffect|dkg:hasSeriousAdverseEffect", ("adverse-effect",),
             "cause", "do not cause", "adverse effects"),
    Relation("contraindicated-in", "dkg:contraindicatedIn/skos:broader*",
             "dkg:contraindicatedIn", ("condition", "adverse-effect", "risk"),
             "are contraindicated in", "are not contraindicated in", "contraindications"),
    Relation("treats", "dkg:indicatedFor/skos:broader*", "dkg:indicatedFor", ("condition",),
             "are used for", "are not used for", "indications"),
    Relation("interacts", "dkg:interactsWith/skos:broader*", "dkg:interactsWith",
             ("drug", "class", "mechanism", "target"),
             "interact with", "do not interact with", "interactions"),
    Relation("avoid-with", "dkg:contraindicatedWith/skos:broader*", "dkg:contraindicatedWith",
             ("drug", "class", "mechanism", "target"),
             "must not be combined with", "may be combined with", "drugs to avoid with it"),
)}

# The relation a concept of each kind gets when the question names none.
DEFAULT_RELATION = {"target": "acts-on", "mechanism": "mechanism", "class": "in-class",
                    "risk": "risk", "adverse-effect": "causes", "condition": "treats",
                    "drug": "interacts"}
KIND_ORDER = ("target", "class", "risk", "adverse-effect", "condition", "mechanism", "drug")

# Cue phrases, as normalised tokens (see drugkg.ingest.recognise.norm_token): longest first.
_CUES: list[tuple[tuple[str, ...], str]] = []


def _cue(kind: str, *phrases: str) -> None:
    for p in phrases:
        _CUES.append((tuple(norm_phrase(p).split()), kind))


_cue("rel:acts-on", "act on", "acting on", "acts on", "work on", "working on", "works on",
     "target", "targets", "targeting", "targetting", "affect", "affecting", "affects",
     "act at", "acting at", "act through", "acting through", "through")
_cue("rel:mechanism", "mechanism", "mechanisms", "mechanism of action", "work by", "works by",
     "working by", "act by", "acting by", "acts by", "act as", "acting as", "acts as")
_cue("rel:in-class", "class", "classes", "drug class", "in the class", "belong to",
     "belonging to", "belongs to", "in the class of", "of the class")
_cue("rel:risk", "risk", "risks", "risk of", "risks of", "with a risk of", "carry", "carrying",
     "carries", "carry a risk of", "warning", "warnings")
_cue("rel:causes", "cause", "causes", "causing", "caused", "side effect", "side effects",
     "adverse effect", "adverse effects", "adverse reaction", "adverse reactions",
     "lead to", "leads to", "leading to", "give", "gives", "make you", "produce", "produces")
_cue("rel:contraindicated-in", "contraindicated in", "contraindicated for", "contraindicated",
     "contraindication", "contraindications", "must not be used in", "must not be used for",
     "should not be used in", "not to be used in", "unsafe in", "avoid in", "avoided in")
_cue("rel:avoid-with", "avoid with", "avoided with", "contraindicated with",
     "must not be combined with", "should not be combined with", "not to be combined with",
     "must not be taken with", "should not be taken with", "not with")
_cue("rel:treats", "treat", "treats", "treating", "treated", "used for", "used to treat",
     "used in", "use for", "for", "indicated for", "indicated in", "indication",
     "indications", "prescribed for", "help with", "helps with", "against", "therapy for")
_cue("rel:interacts", "interact with", "interacts with", "interacting with", "interaction with",
     "interactions with", "interaction", "interactions", "interact", "interacts")
_cue("neg", "not", "no", "without", "dont", "do not", "doesnt", "does not", "never", "lacking",
     "free of", "non", "that do not", "that does not", "which do not", "arent", "are not",
     "isnt", "is not")
_cue("and", "and", "that also", "which also", "also", "as well as", "plus", "while", "but")
_cue("count", "how many", "number of", "count", "count of")
_cue("subject", "drug", "drugs", "medicine", "medicines", "medication", "medications", "med",
     "meds", "product", "products", "agent", "agents", "what drug", "which drug")
# Words that name a relation and its concept at once.
_IMPLIED = {
    "serotonergic": ("acts-on", "target:serotonin"),
    "gabaergic": ("acts-on", "target:gaba"),
    "dopaminergic": ("acts-on", "target:dopamine"),
    "noradrenergic": ("acts-on", "target:norepinephrine"),
    "adrenergic": ("acts-on", "target:norepinephrine"),
    "glutamatergic": ("acts-on", "target:glutamate"),
    "histaminergic": ("acts-on", "target:histamine"),
    "cholinergic": ("acts-on", "target:acetylcholine"),
    "habit forming": ("risk", "risk:dependence"),
    "addictive": ("risk", "risk:dependence"),
}
for _phrase in _IMPLIED:
    _cue("implied:" + _phrase, _phrase)
_STOP = set(norm_phrase(
    "what which who whom whose show list give find tell me us all any the a an of that those "
    "these there are is be been being do does did can could may might will would should to "
    "in on with by have has having its it their they them which please known ever also "
    "ones one kind kinds type types as at from into please about whats"
).split())
_CUES.sort(key=lambda c: -len(c[0]))
_UNSUPPORTED = {"or", "nor", "either", "neither", "unless", "except"}


@dataclass(frozen=True)
class Constraint:
    """One condition on the answers: a relation to a concept, possibly negated."""

    relation: str
    concept: str
    label: str
    negated: bool = False

    def reading(self) -> str:
        rel = RELATIONS[self.relation]
        return f"{rel.says_not if self.negated else rel.says} {self.label}"


@dataclass
class AskQuery:
    """The understood question: answers of ``subject`` type (drugs, or a drug's values of
    ``projection``), narrowed by ``constraints``; ``count`` asks only for how many."""

    subject: str = "drug"
    constraints: list[Constraint] = field(default_factory=list)
    projection: str | None = None
    about: str | None = None
    about_label: str | None = None
    count: bool = False
    corrections: dict[str, str] = field(default_factory=dict)

    def reading(self) -> str:
        if self.about:
            rel = RELATIONS[self.projection]
            text = f"{rel.noun} of {self.about_label}"
        else:
            text = "drugs"
            if self.constraints:
                text += " that " + " and ".join(c.reading() for c in self.constraints)
        if self.count:
            text = "how many " + text
        return text

    def compile(self) -> tuple[str, dict[str, ox.NamedNode]]:
        """(SPARQL, bindings): concept IRIs are bound as terms, never written into text."""
        bindings: dict[str, ox.NamedNode] = {}
        if self.about:
            rel = RELATIONS[self.projection]
            bindings["drug"] = ox.NamedNode(self.about)
            select = ("(COUNT(DISTINCT ?value) AS ?count)" if self.count
                      else "DISTINCT ?value ?label")
            body = [f"  ?drug {rel.direct} ?value .", "  ?value skos:prefLabel ?label ."]
            order = "" if self.count else "\nORDER BY ?label"
        else:
            select = ("(COUNT(DISTINCT ?drug) AS ?count)" if self.count
                      else "DISTINCT ?drug ?label")
            positives, negatives = [], []
            for i, c in enumerate(self.constraints):
                var = f"c{i}"
                bindings[var] = ox.NamedNode(c.concept)
                path = RELATIONS[c.relation].path
                if c.negated:
                    negatives.append(f"  FILTER NOT EXISTS {{ ?drug {path} ?{var} }}")
                else:
                    positives.append(f"  ?drug {path} ?{var} .")
            body = [*positives, "  ?product dkg:hasActiveIngredient ?drug .",
                    "  ?drug skos:prefLabel ?label .", *negatives]
            order = "" if self.count else "\nORDER BY ?label"
        text = f"{_PROLOGUE}SELECT {select} WHERE {{\n" + "\n".join(body) + f"\n}}{order}\n"
        return text, bindings


@dataclass
class Answer:
    question: str
    query: AskQuery
    sparql: str
    rows: list[dict]
    count: int | None = None

    def to_json(self) -> dict:
        out = {"question": self.question, "reading": self.query.reading(),
               "sparql": self.sparql, "corrections": self.query.corrections}
        if self.count is not None:
            out["count"] = self.count
        else:
            out["answers"] = self.rows
        return out


# ------------------------------------------------------------------ understanding

def _expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


def _vocab_labels(lexicon: Lexicon) -> dict[str, list[Concept]]:
    out: dict[str, list[Concept]] = {}
    for concept in lexicon.concepts.values():
        for label in (concept.label, *concept.synonyms):
            key = norm_phrase(label)
            if key and len(key) > 2:
                out.setdefault(key, []).append(concept)
    return out


_LABELS: dict[int, dict[str, list[Concept]]] = {}


def _labels(lexicon: Lexicon) -> dict[str, list[Concept]]:
    if id(lexicon) not in _LABELS:
        _LABELS[id(lexicon)] = _vocab_labels(lexicon)
    return _LABELS[id(lexicon)]


def suggest(phrase: str, lexicon: Lexicon, limit: int = 5) -> list[str]:
    """Vocabulary labels close to ``phrase`` (rapidfuzz), best first."""
    from rapidfuzz import fuzz, process

    labels = _labels(lexicon)
    hits = process.extract(norm_phrase(phrase), list(labels), scorer=fuzz.WRatio,
                           limit=limit * 3, score_cutoff=60)
    out: list[str] = []
    for key, _score, _ in hits:
        name = labels[key][0].label
        if name not in out:
            out.append(name)
    return out[:limit]


def _fuzzy(phrase: str, lexicon: Lexicon) -> list[Concept]:
    """Concepts whose label is a small typo away from ``phrase`` (one concept name only)."""
    from rapidfuzz import fuzz, process

    key = norm_phrase(phrase)
    labels = _labels(lexicon)
    if key in labels:  # an abbreviation written in lower case: 'gaba', 'ssri'
        return list({c.iri: c for c in labels[key]}.values())
    if len(key) < 5:
        return []
    hits = process.extract(key, list(labels), scorer=fuzz.ratio, limit=5, score_cutoff=85)
    if not hits:
        return []
    best = hits[0][1]
    top = [h for h in hits if h[1] == best]
    concepts = {c.iri: c for h in top for c in labels[h[0]]}
    if len({c.label for c in concepts.values()}) > 1 and \
            len({c.label.lower() for c in concepts.values()}) > 1:
        return []  # ambiguous: ask instead
    return list(concepts.values())


@dataclass
class _Item:
    kind: str  # "concept", "cue", "word"
    start: int
    end: int
    value: object = None
    text: str = ""


def _scan(question: str, lexicon: Lexicon) -> list[_Item]:
    toks = tokens(question)
    mentions: list[Mention] = matcher_for(lexicon).find(question)
    by_start: dict[int, list[Mention]] = {}
    for m in mentions:
        by_start.setdefault(m.start, []).append(m)
    items: list[_Item] = []
    i = 0
    while i < len(toks):
        tok, start, _end = toks[i]
        # cue phrases first when they are longer than a concept starting here
        cue = None
        for words, kind in _CUES:
            if tuple(t for t, _, _ in toks[i:i + len(words)]) == words:
                cue = (words, kind)
                break
        found = by_start.get(start)
        if found:
            span_end = found[0].end
            n = sum(1 for _, s, e in toks[i:] if e <= span_end)
            if cue is None or n >= len(cue[0]):
                items.append(_Item("concept", start, span_end, found, question[start:span_end]))
                i += n
                continue
        if cue is not None:
            last = toks[i + len(cue[0]) - 1][2]
            items.append(_Item("cue", start, last, cue[1], question[start:last]))
            i += len(cue[0])
            continue
        items.append(_Item("word", start, _end, tok, question[start:_end]))
        i += 1
    return items


def understand(question: str, lexicon: Lexicon | None = None) -> AskQuery:
    """Read ``question`` into an :class:`AskQuery`; raises AskError if any word is not
    understood (with close vocabulary terms) or the question has nothing to ask."""
    lexicon = lexicon or load_lexicon()
    items = _scan(question, lexicon)
    # Leftover words: stop words are dropped, the rest must be typos of a concept name.
    for item in items:
        if item.kind == "word" and item.value in _UNSUPPORTED:
            raise AskError(f"did not understand {item.text!r}: only 'and' joins conditions; "
                           "ask one question per alternative", {item.text: []})
    unknown: list[list[_Item]] = []
    kept: list[_Item] = []
    in_group = False
    for item in items:
        if item.kind == "word" and (item.value in _STOP or str(item.value).isdigit()):
            in_group = False
            continue
        if item.kind == "word":
            if in_group:
                unknown[-1].append(item)
            else:
                unknown.append([item])
            in_group = True
        else:
            in_group = False
        kept.append(item)
    corrections: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    replace: dict[int, _Item] = {}
    for group in unknown:
        # 'serotonin syndrom': the matcher took 'serotonin'; the typo is of the longer name
        at = next(n for n, it in enumerate(kept) if it is group[0])
        before = kept[at - 1] if at and kept[at - 1].kind == "concept" else None
        if before is not None and id(before) not in replace:
            phrase = question[before.start:group[-1].end]
            concepts = _fuzzy(phrase, lexicon)
            if concepts:
                replace[id(before)] = _Item("concept", before.start, group[-1].end,
                                            [_FakeMention(c) for c in concepts], phrase)
                for g in group:
                    replace[id(g)] = None
                corrections[phrase] = concepts[0].label
                continue
        phrase = question[group[0].start:group[-1].end]
        concepts = _fuzzy(phrase, lexicon)
        if concepts:
            fixed = _Item("concept", group[0].start, group[-1].end,
                          [_FakeMention(c) for c in concepts], phrase)
            replace[id(group[0])] = fixed
            for g in group[1:]:
                replace[id(g)] = None
            corrections[phrase] = concepts[0].label
            continue
        # one word at a time
        for g in group:
            concepts = _fuzzy(g.text, lexicon)
            if concepts:
                replace[id(g)] = _Item("concept", g.start, g.end,
                                       [_FakeMention(c) for c in concepts], g.text)
                corrections[g.text] = concepts[0].label
            else:
                problems[g.text] = suggest(g.text, lexicon)
    if problems:
        raise AskError(_not_understood(problems), problems)
    items = [replace.get(id(it), it) for it in kept]
    items = [it for it in items if it is not None]
    query = _interpret(question, items)
    query.corrections = corrections
    return query


@dataclass(frozen=True)
class _FakeMention:
    concept: Concept

    @property
    def kind(self) -> str:
        return self.concept.kind


def _not_understood(problems: dict[str, list[str]]) -> str:
    parts = []
    for word, close in problems.items():
        msg = f"did not understand {word!r}"
        if close:
            msg += "; did you mean: " + ", ".join(close) + "?"
        else:
            msg += "; no vocabulary term is close to it"
        parts.append(msg)
    return "; ".join(parts)


def _pick(mentions, relation: str | None):
    """The concept of a span that fits ``relation`` (or the best kind when none)."""
    by_kind = {m.kind: m.concept for m in mentions}
    if relation:
        for kind in RELATIONS[relation].kinds:
            if kind in by_kind:
                return by_kind[kind], relation
        return None, relation
    for kind in KIND_ORDER:
        if kind in by_kind:
            return by_kind[kind], DEFAULT_RELATION[kind]
    return None, relation


def _interpret(question: str, items: list[_Item]) -> AskQuery:
    query = AskQuery()
    has_subject = any(it.kind == "cue" and it.value == "subject" for it in items)
    query.count = any(it.kind == "cue" and it.value == "count" for it in items)
    relation: str | None = None
    negated = False
    concepts = [it for it in items if it.kind == "concept"]
    drugs = [it for it in concepts if any(m.kind == "drug" for m in it.value)]
    rel_cues = [it for it in items if it.kind == "cue" and str(it.value).startswith("rel:")]
    # "what does X treat?", "side effects of X": a drug is the subject, its values the answers
    if not has_subject and len(drugs) == 1 and len(concepts) == 1 and rel_cues:
        drug = next(m.concept for m in drugs[0].value if m.kind == "drug")
        query.about, query.about_label = drug.iri, drug.label
        query.projection = rel_cues[-1].value.split(":", 1)[1]
        query.subject = "value"
        return query
    if not has_subject and concepts and concepts[0] in drugs and len(concepts) > 1:
        raise AskError(f"did not understand the question about {drugs[0].text!r}: yes/no "
                       f"questions are not supported; ask e.g. 'which drugs ...' or "
                       f"'what does {drugs[0].text} cause?'")
    if not has_subject and len(drugs) == 1 and len(concepts) == 1:
        raise AskError(f"what about {drugs[0].text!r}? ask e.g. 'what does {drugs[0].text} "
                       "treat?' or 'what does it interact with?'")
    fresh = False
    for n, it in enumerate(items):
        if it.kind == "cue":
            kind = str(it.value)
            if kind.startswith("rel:"):
                relation, fresh = kind.split(":", 1)[1], True
            elif kind == "neg":
                negated = True
            elif kind == "and":
                negated = False
            elif kind.startswith("implied:"):
                rel, curie = _IMPLIED[kind.split(":", 1)[1]]
                iri = _expand(curie)
                concept = load_lexicon().get(iri)
                label = concept.label if concept else curie.split(":", 1)[1]
                query.constraints.append(Constraint(rel, iri, label, negated))
                negated, fresh = False, False
            continue
        if it.kind != "concept":
            continue
        after = items[n + 1] if n + 1 < len(items) else None
        following = (str(after.value).split(":", 1)[1] if after is not None
                     and after.kind == "cue" and str(after.value).startswith("rel:") else None)
        tries = ([relation] if fresh else []) + ([following] if following else []) + \
                ([] if fresh else [relation, None])
        concept = rel = None
        for candidate in tries:
            concept, rel = _pick(it.value, candidate)
            if concept is not None:
                break
        if concept is None:
            kinds = " or ".join(sorted({m.kind for m in it.value}))
            wanted = " or ".join(RELATIONS[relation].kinds)
            raise AskError(f"did not understand {it.text!r} after "
                           f"'{RELATIONS[relation].says.rstrip(':')}': {it.text!r} is a "
                           f"{kinds}, and that relation takes a {wanted}")
        query.constraints.append(Constraint(rel, concept.iri, concept.label, negated))
        negated, fresh, relation = False, False, rel
    if not query.constraints:
        raise AskError(f"did not understand {question!r}: it names no drug, class, target, "
                       "condition, adverse effect or risk drugkg knows")
    return query


# ------------------------------------------------------------------ answering

def ask(question: str, store, lexicon: Lexicon | None = None) -> Answer:
    """Understand ``question``, compile it and run it on ``store``."""
    from drugkg.store import with_values

    query = understand(question, lexicon)
    sparql, bindings = query.compile()
    rows = store.select(sparql, **bindings)
    shown = with_values(sparql, bindings)
    if query.count:
        return Answer(question, query, shown, [], int(rows[0]["count"]) if rows else 0)
    key = "value" if query.about else "drug"
    answers = [{"iri": r[key], "label": r["label"]} for r in rows]
    return Answer(question, query, shown, answers)
