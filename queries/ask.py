"""Ask in plain words: a question is linked to vocabulary concepts, read into a small typed
query model, and compiled to SPARQL with the property paths the named queries use.

Deterministic and offline: the vocabulary matcher finds concepts (case, plurals and
British/American spellings), a fixed list of cue phrases gives relations, modifiers,
negation, conjunction, union and counting, and rapidfuzz corrects small typos, in cue and
question words first and then in concept names. A word that is none of these stops the
question with "did not understand 'X'; did you mean ...?": no query is run, never a
silently broader one. See docs/ask.md.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from drugkg import sparql
from drugkg.errors import DrugkgError
from drugkg.ontology.identifiers import expand
from drugkg.ontology.lexicon import Concept, Lexicon, load_lexicon
from drugkg.ontology.recognise import Mention, matcher_for, norm_phrase, tokens
from drugkg.store import Store

_ACTS = sparql.path("acts-on")
_MECH = "(dkg:hasMechanism|dkg:inClass/dkg:hasMechanism)"
# The facts that state a relation: (the drug's property, the path from its value to the
# concept asked about). The evidence of an answer is the sentence of such a fact.
_ACTS_LEGS = tuple((first, f"{rest}/skos:broader*" if rest else "skos:broader*")
                   for first, rest in sparql.path_legs("acts-on"))
_EFFECT_LEGS = (("dkg:hasCommonAdverseEffect", "skos:broader*"),
                ("dkg:hasSeriousAdverseEffect", "skos:broader*"))


class AskError(DrugkgError):
    """A question drugkg could not read; the message says which words and what is known."""

    def __init__(self, message: str, suggestions: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or {}


@dataclass(frozen=True)
class Relation:
    """A drug -> concept relation: the path for listing a drug's values, the kinds of concept
    it takes, its words, and the facts that state it (``legs``: the drug's property, then
    the path from its value to the concept, with its narrower ones; no alternative in a
    leg). ``not_self``: the concept, a drug, is not an answer."""

    name: str
    direct: str
    kinds: tuple[str, ...]
    says: str
    says_not: str
    noun: str
    legs: tuple[tuple[str, str], ...]
    not_self: bool = False
    value_type: str | None = None

    @property
    def path(self) -> str:
        """The SPARQL path from a drug to the concept: the alternative of the legs, each one
        whole. Virtuoso 7.2 answers a path nested deeper (``(a|b/c)/skos:broader*``) wrongly
        inside EXISTS, and Oxigraph evaluates a sequence at the top of an EXISTS pattern
        slowly (seconds on the examples); this form is right and fast on both."""
        return "(" + "|".join(f"{prop}/{rest}" if rest else prop
                              for prop, rest in self.legs) + ")"


RELATIONS = {r.name: r for r in (
    Relation("acts-on", _ACTS, ("target",),
             "act on", "do not act on", "targets", _ACTS_LEGS),
    Relation("transmitter", f"{_ACTS}/skos:broader*", ("target",),
             "act on", "do not act on", "neurotransmitter systems", _ACTS_LEGS,
             value_type="Neurotransmitter"),
    Relation("mechanism", _MECH, ("mechanism",),
             "have mechanism", "do not have mechanism", "mechanisms",
             (("dkg:hasMechanism", "skos:broader*"),
              ("dkg:inClass", "dkg:hasMechanism/skos:broader*"))),
    Relation("in-class", "dkg:inClass", ("class",),
             "are in class", "are not in class", "classes",
             (("dkg:inClass", "skos:broader*"),)),
    # A risk is stated (dkg:hasRisk) or signalled by an adverse effect the monograph lists
    # (dkg:signalsRisk in the adverse-effect vocabulary): 'can cause dependence' asks both.
    Relation("risk", "dkg:hasRisk", ("risk",),
             "have risk:", "do not have risk:", "risks",
             (("dkg:hasRisk", "skos:broader*"),
              ("dkg:hasCommonAdverseEffect", "skos:broader*/dkg:signalsRisk/skos:broader*"),
              ("dkg:hasSeriousAdverseEffect", "skos:broader*/dkg:signalsRisk/skos:broader*"))),
    Relation("causes", "dkg:hasCommonAdverseEffect|dkg:hasSeriousAdverseEffect",
             ("adverse-effect",),
             "cause", "do not cause", "adverse effects", _EFFECT_LEGS),
    Relation("contraindicated-in", "dkg:contraindicatedIn", ("condition", "adverse-effect", "risk"),
             "are contraindicated in", "are not contraindicated in", "contraindications",
             (("dkg:contraindicatedIn", "skos:broader*"),)),
    Relation("treats", "dkg:indicatedFor", ("condition",),
             "are used for", "are not used for", "indications",
             (("dkg:indicatedFor", "skos:broader*"),)),
    # A partner is named as such, or as a class it belongs to or a broader one: 'interacts
    # with antidepressants' is an interaction with sertraline and with SSRIs.
    Relation("interacts", "dkg:interactsWith",
             ("drug", "class", "mechanism", "target"),
             "interact with", "do not interact with", "interactions",
             (("dkg:interactsWith", "skos:broader*"), ("dkg:interactsWith", "^skos:broader+"),
              ("dkg:interactsWith", "^skos:broader*/^dkg:inClass"))),
    Relation("avoid-with", "dkg:contraindicatedWith",
             ("drug", "class", "mechanism", "target"),
             "must not be combined with", "may be combined with", "drugs to avoid with it",
             (("dkg:contraindicatedWith", "skos:broader*"),)),
    # 'benzodiazepine-like', 'similar to zolpidem': in the class, or sharing a mechanism of
    # action with the class or drug.
    Relation("like", "", ("class", "drug"),
             "are like", "are not like", "similar drugs",
             (("dkg:inClass", "skos:broader*"), ("dkg:hasMechanism", "^dkg:hasMechanism"),
              ("dkg:hasMechanism", "^dkg:hasMechanism/^dkg:inClass"),
              ("dkg:inClass", "dkg:hasMechanism/^dkg:hasMechanism"),
              ("dkg:inClass", "dkg:hasMechanism/^dkg:hasMechanism/^dkg:inClass")), not_self=True),
    Relation("same-class", "", ("drug",),
             "are in the same class as", "are not in the same class as", "class mates",
             (("dkg:inClass", "^dkg:inClass"),), not_self=True),
    # 'except sertraline': the drug itself is left out
    Relation("self", "", ("drug",), "are", "are not", "drugs", ()),
)}

# The relation a concept of each kind gets when the question names none.
DEFAULT_RELATION = {"target": "acts-on", "mechanism": "mechanism", "class": "in-class",
                    "risk": "risk", "adverse-effect": "causes", "condition": "treats",
                    "drug": "interacts"}
KIND_ORDER = ("target", "class", "risk", "adverse-effect", "condition", "mechanism", "drug")

# Cue phrases, as normalised tokens (see drugkg.ontology.recognise.norm_token): longest first.
_CUES: list[tuple[tuple[str, ...], str]] = []


_CUE_SPELLED: set[str] = set()  # their words as written ('drugs'), beside 'drug'


def _cue(kind: str, *phrases: str) -> None:
    for p in phrases:
        _CUES.append((tuple(norm_phrase(p).split()), kind))
        _CUE_SPELLED.update(w for w in p.lower().replace("'", "").split() if w.isalpha())


_cue("rel:acts-on", "act on", "acting on", "acts on", "work on", "working on", "works on",
     "target", "targets", "targeting", "targetting", "affect", "affecting", "affects",
     "act at", "acting at", "act through", "acting through", "through",
     "operate on", "operating on", "acts upon", "act upon", "acting upon", "influence",
     "influencing", "modulate", "modulating", "acting")
_cue("rel:transmitter", "neurotransmitter", "neurotransmitters", "transmitter",
     "transmitters", "neurotransmitter system", "neurotransmitter systems",
     "transmitter system", "transmitter systems")
_cue("rel:mechanism", "mechanism", "mechanisms", "mechanism of action", "work by", "works by",
     "working by", "act by", "acting by", "acts by", "act as", "acting as", "acts as")
_cue("rel:in-class", "class", "classes", "drug class", "in the class", "belong to",
     "belonging to", "belongs to", "in the class of", "of the class", "member of",
     "members of", "in the group", "group of", "classed as", "classified as", "kind of",
     "type of", "category")
_cue("rel:same-class", "same class as", "in the same class as", "same drug class as",
     "the same class as", "same group as", "same class", "share a class with",
     "sharing a class with", "class mate", "classmate", "in a class with")
_cue("rel:risk", "risk", "risks", "risk of", "risks of", "with a risk of", "carry", "carrying",
     "carries", "carry a risk of", "warning", "warnings", "danger of", "dangers of",
     "potential for", "can lead to", "may lead to", "at risk of", "risky for",
     "increase the risk of", "increases the risk of", "increased risk of", "raise the risk of",
     "raises the risk of", "higher risk of")
_cue("rel:causes", "cause", "causes", "causing", "caused", "side effect", "side effects",
     "adverse effect", "adverse effects", "adverse reaction", "adverse reactions",
     "lead to", "leads to", "leading to", "give", "gives", "make you", "produce", "produces",
     "trigger", "triggers", "triggering", "result in", "results in", "induce", "induces",
     "inducing")
_cue("rel:contraindicated-in", "contraindicated in", "contraindicated for", "contraindicated",
     "contraindication", "contraindications", "must not be used in", "must not be used for",
     "should not be used in", "not to be used in", "unsafe in", "avoid in", "avoided in",
     "unsafe for", "must be avoided in", "should be avoided in", "not safe in",
     "not safe for", "must not be given in", "should not be given in",
     "shouldnt be used in", "mustnt be used in", "must not be taken in",
     "should not be taken in", "shouldnt be taken in", "shouldnt be given in",
     "not recommended in", "not recommended for", "not recommended during",
     "avoid during", "avoided during", "to avoid in", "to avoid during",
     "contraindicated during", "must not be used during", "should not be used during")
_cue("rel:avoid-with", "avoid with", "avoided with", "contraindicated with",
     "must not be combined with", "should not be combined with", "not to be combined with",
     "must not be taken with", "should not be taken with", "not with")
_cue("rel:treats", "treat", "treats", "treating", "treated", "used for", "used to treat",
     "used in", "use for", "for", "indicated for", "indicated in", "indication",
     "indications", "prescribed for", "help with", "helps with", "against", "therapy for",
     "treatment of", "treatment for", "treatments for", "to treat", "good for", "given for",
     "relieve", "relieves", "manage", "manages", "managing")
_cue("rel:interacts", "interact with", "interacts with", "interacting with", "interaction with",
     "interactions with", "interaction", "interactions", "interact", "interacts",
     "react with", "reacts with", "mix with")
_cue("neg", "not", "no", "without", "dont", "do not", "doesnt", "does not", "never", "lacking",
     "free of", "non", "that do not", "that does not", "which do not", "arent", "are not",
     "isnt", "is not", "none", "free from", "cannot", "can not", "cant", "will not", "wont",
     "shouldnt", "mustnt", "wouldnt", "couldnt", "didnt", "wasnt", "werent", "havent",
     "hasnt")
# Left out: the next condition is negated; a drug named after it is left out itself.
_cue("except", "except", "except for", "but not", "other than", "apart from", "excluding",
     "exclude", "excepting", "save for", "than")
_cue("and", "and", "that also", "which also", "also", "as well as", "plus", "while", "but",
     "yet", "together with")
_cue("or", "or", "and or", "either")
# 'such as X': X names the drugs' class, or, for a drug, drugs like it.
_cue("such-as", "such as", "eg", "e g", "for example", "for instance", "including")
_cue("like", "like", "similar to", "similar", "resembling", "comparable to", "akin to",
     "in the style of", "analogous to", "same mechanism as", "the same mechanism as",
     "same mechanism of action as", "the same mechanism of action as", "work the same way as",
     "works the same way as", "same way as")
_cue("count", "how many", "number of", "count", "count of", "total of", "how much")
_cue("subject", "drug", "drugs", "medicine", "medicines", "medication", "medications", "med",
     "meds", "product", "products", "agent", "agents", "what drug", "which drug", "remedy",
     "remedies", "pill", "pills", "tablet", "tablets", "treatment", "treatments")
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
    "addicting": ("risk", "risk:dependence"),
    "teratogenic": ("risk", "risk:teratogenicity"),
    "sedating": ("causes", "ae:drowsiness"),
}
for _phrase in _IMPLIED:
    _cue("implied:" + _phrase, _phrase)
_STOP = set(norm_phrase(
    "what which who whom whose show list give find tell me us all any the a an of that those "
    "these there are is be been being do does did can could may might will would should to "
    "in on with by have has having its it their they them which please known ever also "
    "ones one kind kinds type types as at from into please about whats other others another "
    "name names get some each every i we you want need know see display return "
    "able likely possibly potentially system systems thats here currently "
    "available ingested graph knowledge base database store our your my "
    "receptor receptors transporter transporters pathway pathways take taken taking use "
    "using increase increases increased raise raises boost boosts work works working "
    "people patient patients person persons someone anyone"
).split())
_CUES.sort(key=lambda c: -len(c[0]))
_UNSUPPORTED = {"nor", "neither", "unless"}
# Words whose reading would claim more than a monograph states.
_REFUSED = {
    "safe": "drugkg cannot tell that a drug is safe, only what monographs state; ask e.g. "
            "'which drugs are not contraindicated in glaucoma?'",
    "safely": "drugkg cannot tell that a drug is safe, only what monographs state; ask e.g. "
              "'which drugs are not contraindicated in glaucoma?'",
}
# Every word the cue phrases and question words are made of: typos are corrected to these.
_CUE_WORDS = sorted({w for words, _ in _CUES for w in words} | _STOP | _CUE_SPELLED)


@dataclass(frozen=True)
class Option:
    """One reading of a condition: a relation to a concept."""

    relation: str
    concept: str
    label: str

    def says(self, negated: bool = False) -> str:
        rel = RELATIONS[self.relation]
        return f"{rel.says_not if negated else rel.says} {self.label}"


@dataclass(frozen=True)
class Constraint:
    """One condition on the answers: a relation to a concept (or any of several, for 'or'),
    possibly negated."""

    options: tuple[Option, ...]
    negated: bool = False

    def reading(self) -> str:
        first, rest = self.options[0], self.options[1:]
        text = first.says(self.negated)
        for o in rest:
            text += f" or {o.label}" if o.relation == first.relation else f" or {o.says()}"
        return text


@dataclass(frozen=True)
class Alternative:
    """Another reading of an ambiguous phrase: the phrase and the query read that way."""

    phrase: str
    query: AskQuery


@dataclass
class AskQuery:
    """The understood question: drugs narrowed by ``constraints``, or the values of
    ``projection`` of the drug ``about``; ``count`` asks only for how many."""

    constraints: list[Constraint] = field(default_factory=list)
    projection: str | None = None
    about: str | None = None
    about_label: str | None = None
    count: bool = False
    corrections: dict[str, str] = field(default_factory=dict)
    alternatives: list[Alternative] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    check: str | None = None  # a yes/no question: is this drug one of the answers?
    check_label: str | None = None

    def reading(self) -> str:
        if self.check:
            return (f"is {self.check_label} one of the drugs that "
                    + " and ".join(c.reading() for c in self.constraints))
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
            relation = [f"?drug {rel.direct} ?value ."]
            if rel.value_type:
                relation.append(f"?value a dkg:{rel.value_type} .")
            template = sparql.load("ask-values-count" if self.count else "ask-values")
            text = sparql.fill(template, relation=relation)
        else:
            # The first positive condition finds the drugs (a join from its bound concept);
            # every other one is a test on each drug: Virtuoso 7.2 answers a second path
            # joined to the first wrongly. 'or' is tested too: a UNION of paths would be
            # evaluated before the bound concepts reach it, walking every path in the store.
            positives, tests = [], []
            n = 0
            for c in self.constraints:
                options = []
                for o in c.options:
                    options.append((o.relation, f"c{n}"))
                    bindings[f"c{n}"] = ox.NamedNode(o.concept)
                    n += 1
                if not positives and not c.negated and len(options) == 1:
                    positives.append(_pattern(*options[0]))
                    continue
                either = " || ".join(_test(relation, var) for relation, var in options)
                tests.append(f"FILTER(!({either}))" if c.negated else f"FILTER({either})")
            if self.check:
                bindings = {"drug": ox.NamedNode(self.check), **bindings}
            template = sparql.load("ask-drugs-count" if self.count else "ask-drugs")
            text = sparql.fill(template, found=positives, tests=tests)
        return text, bindings

    def evidence_legs(self) -> list[tuple[int, str, str, str | None]]:
        """The facts that state each positive condition: (condition index, property, path
        from the fact's value to the concept, the concept's IRI; None in a question about
        one drug, where the path leads to each answer)."""
        if self.about:
            return [(0, prop, rest, None) for prop, rest in RELATIONS[self.projection].legs]
        return [(at, prop, rest, o.concept) for at, c in enumerate(self.constraints)
                if not c.negated for o in c.options for prop, rest in RELATIONS[o.relation].legs]


def _pattern(relation: str, var: str) -> str:
    """``?drug`` in ``relation`` to the concept ``?var``, as a graph pattern."""
    rel = RELATIONS[relation]
    pattern = f"?drug {rel.path} ?{var} ."
    if rel.not_self:
        pattern += f" FILTER(?drug != ?{var})"
    return pattern


def _test(relation: str, var: str) -> str:
    """Whether ``?drug`` is in ``relation`` to ``?var``."""
    if relation == "self":
        return f"?drug = ?{var}"
    return f"EXISTS {{ {_pattern(relation, var)} }}"


@dataclass
class Answer:
    question: str
    query: AskQuery
    sparql: str
    rows: list[dict]
    count: int | None = None

    def to_json(self) -> dict:
        out = {"question": self.question, "reading": self.query.reading(),
               "sparql": self.sparql, "corrections": self.query.corrections,
               "notes": self.query.notes,
               "alternatives": [{"phrase": a.phrase, "reading": a.query.reading(),
                                 "sparql": _shown(a.query)}
                                for a in self.query.alternatives]}
        if self.count is not None:
            out["count"] = self.count
        else:
            out["count"] = len(self.rows)
            out["answers"] = self.rows
        if self.query.check:
            out["verdict"] = "yes" if self.rows else "no"
        return out


def _shown(query: AskQuery) -> str:
    from drugkg.store import with_values

    return with_values(*query.compile())


# ------------------------------------------------------------------ understanding

def _vocab_labels(lexicon: Lexicon) -> dict[str, list[Concept]]:
    out: dict[str, list[Concept]] = {}
    for concept in lexicon.concepts.values():
        for label in (concept.label, *concept.synonyms):
            key = norm_phrase(label)
            if key and len(key) > 2:
                out.setdefault(key, []).append(concept)
    return out


_LABELS: dict[int, dict[str, list[Concept]]] = {}
_LABEL_WORDS: dict[int, set[str]] = {}


def _labels(lexicon: Lexicon) -> dict[str, list[Concept]]:
    if id(lexicon) not in _LABELS:
        _LABELS[id(lexicon)] = _vocab_labels(lexicon)
    return _LABELS[id(lexicon)]


def _label_words(lexicon: Lexicon) -> set[str]:
    """Every normalised word of every label (hidden ones too): words a name is made of."""
    if id(lexicon) not in _LABEL_WORDS:
        _LABEL_WORDS[id(lexicon)] = {t for c in lexicon.concepts.values() for label in c.labels
                                     for t, _, _ in tokens(label)}
    return _LABEL_WORDS[id(lexicon)]


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


def _corrected(corrections: dict[str, str], phrase: str, concept: Concept) -> None:
    """Say that ``phrase`` was read as ``concept``, unless it is one of its names."""
    if norm_phrase(phrase) not in {norm_phrase(label) for label in concept.labels}:
        corrections[phrase] = concept.label


def _fuzzy(phrase: str, lexicon: Lexicon) -> list[Concept]:
    """Concepts whose label is a small typo away from ``phrase`` (one concept name only)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    key = norm_phrase(phrase)
    labels = _labels(lexicon)
    if key in labels:  # an abbreviation written in lower case: 'gaba', 'ssri'
        return list({c.iri: c for c in labels[key]}.values())
    if len(key) < 5:
        return []
    hits = process.extract(key, list(labels), scorer=fuzz.ratio, limit=5, score_cutoff=85)
    if not hits and " " not in key:
        # one word with two letters swapped ('drwosy'): one edit, though a poor ratio; not
        # another letter ('group' is not 'croup')
        hits = [(k, 100 - d, i) for k, d, i in process.extract(
            key, list(labels), scorer=OSA.distance, limit=5, score_cutoff=1)
            if sorted(k) == sorted(key)]
    if not hits:
        return []
    best = hits[0][1]
    top = {h[0] for h in hits if h[1] == best}
    if len(top) > 1 and len({labels[k][0].label.lower() for k in top}) > 1:
        return []  # two names equally close: ask instead
    # one name, perhaps of concepts of several kinds ('teratogenicity'): the relation picks
    return list({c.iri: c for k in top for c in labels[k]}.values())


def _closest_cue_word(word: str, lexicon: Lexicon, before: str = "", after: str = "") -> str | None:
    """The cue or question word ``word`` is a typo of: two letters swapped for words of two
    or three letters, one edit (a swap counts as one) for four to six, two for longer ones;
    None when a concept-name word is closer, or two cue words are equally close (unless one
    makes a cue phrase with the word ``before`` or ``after`` it: 'how mnay' is 'how many',
    not 'how may')."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    if len(word) < 2 or word.isdigit():
        return None
    if len(word) <= 3:  # only two letters swapped: 'ro', 'hwo', 'nto', 'teh'
        swapped = [w for w in _CUE_WORDS if len(w) == len(word) and sorted(w) == sorted(word)]
        paired = [w for w in swapped if (before, w) in _CUE_PAIRS or (w, after) in _CUE_PAIRS]
        swapped = paired if len(paired) == 1 else swapped
        return swapped[0] if len(swapped) == 1 else None
    negation = word.endswith("nt")  # 'shouldnt' must not lose its 'not' to 'should'
    candidates = [w for w in _CUE_WORDS if w.endswith("nt") == negation] if negation \
        else _CUE_WORDS
    limit = 1 if len(word) < 7 else 2
    hits = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=3)
    if not hits:
        return None
    best = hits[0][1]
    tied = [h[0] for h in hits if h[1] == best]
    if len(tied) > 1:
        paired = [w for w in tied if (before, w) in _CUE_PAIRS or (w, after) in _CUE_PAIRS]
        tied = paired if len(paired) == 1 else tied
    if len(tied) > 1:  # 'wich': 'which' before 'with', by the share of letters in common
        scores = sorted(((fuzz.ratio(word, w), w) for w in tied), reverse=True)
        if scores[0][0] == scores[1][0]:
            return None
        tied = [scores[0][1]]
    if best > 1 and process.extractOne(word, _label_words(lexicon), scorer=OSA.distance,
                                       score_cutoff=best - 1):
        return None  # nearer to a word of a concept name: corrected as a name later
    return tied[0]


def _respell(question: str, lexicon: Lexicon) -> tuple[str, dict[str, str]]:
    """The question with cue and question words' typos and other spellings of label words
    corrected ('medicnes that casue' -> 'medicine that cause'), and what was changed."""
    known = _label_words(lexicon)
    cue_words = set(_CUE_WORDS) | _UNSUPPORTED | set(_REFUSED)
    out, corrections, at = [], {}, 0
    toks = tokens(question)
    for n, (tok, start, end) in enumerate(toks):
        if tok in cue_words or tok in _IMPLIED_WORDS or tok.isdigit():
            continue
        raw = question[start:end]
        before, after = toks[n - 1][0] if n else "", toks[n + 1][0] if n + 1 < len(toks) else ""
        if tok in known:
            # 'cary' is the key of 'caries' but no label's word as written: a typo of
            # 'carry' rather than dental caries when a cue word is that close
            if _as_written(raw.lower(), lexicon) or len(raw) > 6:
                continue
            fixed = _closest_cue_word(raw.lower(), lexicon, before, after)
        else:
            fixed = lexicon.respell(raw)
            # 'clas' is normalised to 'cla' as if it were a plural: try the word as written too
            fixed = fixed or _closest_cue_word(tok, lexicon, before, after) or \
                _closest_cue_word(raw.lower(), lexicon, before, after)
        if fixed is not None:
            out.append(question[at:start] + fixed)
            corrections[raw] = fixed
            at = end
    out.append(question[at:])
    return "".join(out), corrections


def _as_written(word: str, lexicon: Lexicon) -> bool:
    """Whether a label has ``word`` as written, or as a regular plural of one of its words."""
    words = lexicon.words
    return (word in words or (word.endswith("s") and word[:-1] in words)
            or (word.endswith("es") and word[:-2] in words)
            or (word.endswith("ies") and word[:-3] + "y" in words))


_IMPLIED_WORDS = {w for p in _IMPLIED for w in norm_phrase(p).split()}
_CUE_PART = {w for words, _ in _CUES if len(words) > 1 for w in words}
_CUE_PAIRS = {pair for words, _ in _CUES for pair in itertools.pairwise(words)}


@dataclass
class _Item:
    kind: str  # "concept", "cue", "word"
    start: int
    end: int
    value: object = None
    text: str = ""


def _cue_at(toks: list[tuple[str, int, int]], i: int) -> tuple[tuple[str, ...], str] | None:
    """The longest cue phrase starting at token ``i``: (its words, its kind)."""
    for words, kind in _CUES:
        if tuple(t for t, _, _ in toks[i:i + len(words)]) == words:
            return words, kind
    return None


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
        cue = _cue_at(toks, i)
        if cue is not None and any(
                (later := _cue_at(toks, j)) is not None and len(later[0]) > len(cue[0])
                and j + len(later[0]) > i + len(cue[0]) for j in range(i + 1, i + len(cue[0]))):
            # 'are not to be used in': a longer cue that overlaps this one wins
            cue = None
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
    text, corrections = _respell(question, lexicon)
    items = _scan(text, lexicon)
    for item in items:
        if item.kind == "word" and item.value in _REFUSED:
            raise AskError(f"did not understand {item.text!r}: {_REFUSED[item.value]}",
                           {item.text: []})
        if item.kind == "word" and item.value in _UNSUPPORTED:
            raise AskError(f"did not understand {item.text!r}: 'and', 'or' and 'except' join "
                           "conditions; ask one question per alternative", {item.text: []})
    # Leftover words: stop words are dropped, the rest must be typos of a concept name.
    unknown: list[list[_Item]] = []
    kept: list[_Item] = []
    in_group = False
    for item in items:
        if item.kind == "word" and (item.value in _STOP or item.value in _CUE_PART or
                                    str(item.value).isdigit()):
            # a word of a cue phrase outside it ('the SSRI group') is a question word too
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
    problems: dict[str, list[str]] = {}
    replace_at: dict[int, _Item | None] = {}
    for group in unknown:
        # 'serotonin syndrom': the matcher took 'serotonin'; the typo is of the longer name
        at = next(n for n, it in enumerate(kept) if it is group[0])
        before = kept[at - 1] if at and kept[at - 1].kind == "concept" else None
        if before is not None and id(before) not in replace_at:
            phrase = text[before.start:group[-1].end]
            concepts = _fuzzy(phrase, lexicon)
            if _names_all_of(concepts, phrase):
                replace_at[id(before)] = _Item("concept", before.start, group[-1].end,
                                               [_FakeMention(c) for c in concepts], phrase)
                for g in group:
                    replace_at[id(g)] = None
                _corrected(corrections, phrase, concepts[0])
                continue
        # 'repsiratory depression': the matcher took 'depression'; the typo is before it
        after = kept[at + len(group)] if at + len(group) < len(kept) else None
        if after is not None and after.kind == "concept" and id(after) not in replace_at:
            phrase = text[group[0].start:after.end]
            concepts = _fuzzy(phrase, lexicon)
            if _names_all_of(concepts, phrase):
                replace_at[id(group[0])] = _Item("concept", group[0].start, after.end,
                                                 [_FakeMention(c) for c in concepts], phrase)
                for g in (*group[1:], after):
                    replace_at[id(g)] = None
                _corrected(corrections, phrase, concepts[0])
                continue
        phrase = text[group[0].start:group[-1].end]
        concepts = _fuzzy(phrase, lexicon)
        if concepts:
            fixed = _Item("concept", group[0].start, group[-1].end,
                          [_FakeMention(c) for c in concepts], phrase)
            replace_at[id(group[0])] = fixed
            for g in group[1:]:
                replace_at[id(g)] = None
            _corrected(corrections, phrase, concepts[0])
            continue
        # one word at a time
        for g in group:
            concepts = _fuzzy(g.text, lexicon)
            if concepts:
                replace_at[id(g)] = _Item("concept", g.start, g.end,
                                          [_FakeMention(c) for c in concepts], g.text)
                _corrected(corrections, g.text, concepts[0])
            else:
                problems[g.text] = suggest(g.text, lexicon)
    if problems:
        raise AskError(_not_understood(problems), problems)
    items = [replace_at.get(id(it), it) for it in kept]
    items = [it for it in items if it is not None]
    query = _interpret(text, items, lexicon)
    query.corrections = corrections
    return query


def _names_all_of(concepts: list[Concept], phrase: str) -> bool:
    """Whether a label of the concept has as many words as ``phrase``: 'serotonin syndrom' is
    'serotonin syndrome', but 'ro serotonin' is not 'serotonin' (the 'or' would be lost)."""
    words = len(norm_phrase(phrase).split())
    return bool(concepts) and any(len(norm_phrase(label).split()) == words
                                  for label in concepts[0].labels)


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


def _signalled_risk(concept: Concept, mentions, lexicon: Lexicon) -> Concept | None:
    """The risk an adverse effect signals when the same words also name that risk
    ('dependence', 'addiction'), or the effect's name is one of the risk's ('hemorrage',
    a misspelling only the effect lists, is bleeding): 'can cause dependence' asks about
    the risk."""
    risks = {m.concept.iri: m.concept for m in mentions if m.kind == "risk"}
    for iri in concept.linked("signalsRisk"):
        risk = risks.get(iri) or lexicon.get(iri)
        if risk is not None and (iri in risks or norm_phrase(concept.label) in
                                 {norm_phrase(label) for label in risk.labels}):
            return risk
    return None


def _cue_kind(item: _Item | None) -> str | None:
    return str(item.value) if item is not None and item.kind == "cue" else None


class _Reader:
    """Reads the items of a question, left to right, into constraints."""

    def __init__(self, question: str, items: list[_Item], lexicon: Lexicon) -> None:
        self.question, self.items, self.lexicon = question, items, lexicon
        self.query = AskQuery()
        self.relation: str | None = None
        self.fresh = False  # the relation was named just before this concept
        self.negated = False
        self.excluding = False  # after 'except': a drug is left out itself
        self.union = False  # after 'or': the next condition joins the previous one
        self.like = False
        self.such_as = False
        # (position of the constraint, option index, phrase, the other option)
        self.ambiguous: list[tuple[int, int, str, Option]] = []
        self.consumed = -1  # a relation cue the concept before it has taken

    def add(self, option: Option) -> None:
        constraints = self.query.constraints
        if self.union and constraints:
            last = constraints[-1]
            constraints[-1] = replace(last, options=(*last.options, option))
        else:
            constraints.append(Constraint((option,), self.negated))
        self.negated = self.union = self.like = self.such_as = False
        self.fresh = False

    def cue(self, n: int, kind: str) -> None:
        if n == self.consumed:
            return
        if kind.startswith("rel:"):
            self.relation, self.fresh = kind.split(":", 1)[1], True
        elif kind == "neg":
            self.negated = True
        elif kind == "except":
            self.negated = self.excluding = True
            self.union = False
        elif kind == "and":
            after = self.items[n + 1] if n + 1 < len(self.items) else None
            # 'except bupropion and duloxetine': a list of what is left out goes on
            if self.excluding and after is not None and after.kind == "concept":
                self.negated = True
            else:
                self.negated = self.excluding = False
        elif kind == "or":
            self.union = True
        elif kind == "like" and not self._hyphen_after_concept(n):
            self.like = True
        elif kind == "such-as":
            self.such_as = True
        elif kind.startswith("implied:"):
            rel, curie = _IMPLIED[kind.split(":", 1)[1]]
            iri = expand(curie)
            concept = self.lexicon.get(iri)
            self.add(Option(rel, iri, concept.label if concept else curie.split(":", 1)[1]))

    def _hyphen_after_concept(self, n: int) -> bool:
        """'benzodiazepine-like': this 'like' belongs to the concept before it."""
        prev = self.items[n - 1] if n else None
        return (prev is not None and prev.kind == "concept"
                and self.question[prev.end:self.items[n].start].strip() in ("-", ""))

    def concept(self, n: int, it: _Item) -> None:
        after = self.items[n + 1] if n + 1 < len(self.items) else None
        following = None
        if self.like or (_cue_kind(after) == "like" and self._hyphen_after_concept(n + 1)):
            tries = ["like"]
        elif self.such_as:
            tries = ["in-class", "like"]
        elif self.excluding and any(m.kind == "drug" for m in it.value) and not self.fresh:
            # 'but not dopamine' after 'act on' is the transmitter; 'except sertraline' the drug
            fits = self.relation and any(m.kind != "drug" and m.kind in RELATIONS[
                self.relation].kinds for m in it.value)
            tries = [self.relation, "self"] if fits else ["self"]
        else:
            following = _cue_kind(after)
            following = following.split(":", 1)[1] if following and following.startswith(
                "rel:") else None
            tries = ([self.relation] if self.fresh else []) + (
                [following] if following else []) + ([] if self.fresh else [self.relation, None])
        concept = rel = None
        for at, candidate in enumerate(tries):
            concept, rel = _pick(it.value, candidate)
            if concept is not None:
                # 'GABA-acting drugs that are habit-forming': a relation word after the
                # concept is its own, and does not carry over to the next one
                if following and candidate == following and not (self.fresh and at == 0):
                    self.consumed = n + 1
                break
        if concept is None:
            kinds = " or ".join(sorted({m.kind for m in it.value}))
            wanted = " or ".join(RELATIONS[self.relation].kinds)
            raise AskError(f"did not understand {it.text!r} after "
                           f"'{RELATIONS[self.relation].says.rstrip(':')}': {it.text!r} is a "
                           f"{kinds}, and that relation takes a {wanted}")
        other: Option | None = None
        if rel == "causes":
            risk = _signalled_risk(concept, it.value, self.lexicon)
            if risk is not None:
                other = Option(rel, concept.iri, concept.label)
                concept, rel = risk, "risk"
        if other is None and rel not in ("self", "like", "same-class") and tries[-1] is None:
            # no relation named: another kind of concept by the same words is another reading
            for kind in KIND_ORDER:
                alt = next((m.concept for m in it.value if m.kind == kind), None)
                if alt is not None and alt.iri != concept.iri and kind != concept.kind:
                    other = Option(DEFAULT_RELATION[kind], alt.iri, alt.label)
                    break
        if rel == "self" and not self.negated:
            raise AskError(f"did not understand {it.text!r}: a drug names itself only after "
                           "'except' or 'other than'")
        union = self.union and bool(self.query.constraints)
        self.add(Option(rel, concept.iri, concept.label))
        if other is not None:
            at = len(self.query.constraints) - 1
            self.ambiguous.append((at, len(self.query.constraints[at].options) - 1
                                   if union else 0, it.text, other))
        if rel not in ("self", "like"):
            self.relation = rel

    def read(self) -> AskQuery:
        for n, it in enumerate(self.items):
            if it.kind == "cue":
                self.cue(n, str(it.value))
            elif it.kind == "concept":
                self.concept(n, it)
        if not self.query.constraints:
            raise AskError(f"did not understand {self.question!r}: it names no drug, class, "
                           "target, condition, adverse effect or risk drugkg knows")
        for at, index, phrase, other in self.ambiguous:
            constraints = list(self.query.constraints)
            c = constraints[at]
            options = list(c.options)
            options[index] = other
            constraints[at] = replace(c, options=tuple(options))
            alt = replace(self.query, constraints=constraints, alternatives=[], notes=[])
            self.query.alternatives.append(Alternative(phrase, alt))
        for c in self.query.constraints:
            for o in c.options:
                if o.relation == "risk":
                    self.query.notes.append(
                        f"a drug has risk: {o.label} when its monograph states the risk or "
                        "an adverse effect that signals it")
                elif o.relation == "interacts":
                    self.query.notes.append(
                        f"a drug interacts with {o.label} when its monograph names it, a "
                        "class it belongs to or a broader one")
                elif o.relation == "like":
                    self.query.notes.append(
                        f"a drug is like {o.label} when it is in that class or shares a "
                        "mechanism of action with it")
        self.query.notes = list(dict.fromkeys(self.query.notes))
        return self.query


def _interpret(question: str, items: list[_Item], lexicon: Lexicon) -> AskQuery:
    has_subject = any(it.kind == "cue" and it.value == "subject" for it in items)
    count = any(it.kind == "cue" and it.value == "count" for it in items)
    concepts = [it for it in items if it.kind == "concept"]
    drugs = [it for it in concepts if any(m.kind == "drug" for m in it.value)]
    rel_cues = [str(it.value).split(":", 1)[1] for it in items
                if it.kind == "cue" and str(it.value).startswith("rel:")]
    # "what does X treat?", "side effects of X": a drug is the subject, its values the answers
    if not has_subject and len(drugs) == 1 and len(concepts) == 1 and rel_cues:
        drug = next(m.concept for m in drugs[0].value if m.kind == "drug")
        projection = "transmitter" if "transmitter" in rel_cues else rel_cues[-1]
        if not RELATIONS[projection].direct:
            raise AskError(f"ask e.g. 'which drugs are {RELATIONS[projection].says} "
                           f"{drugs[0].text}?'")
        return AskQuery(projection=projection, about=drug.iri,
                        about_label=drug.label, count=count)
    if not has_subject and concepts and concepts[0] in drugs:
        # "does sertraline cause nausea?", "is zolpidem habit-forming?": one drug checked
        # against the conditions that follow it
        at = items.index(concepts[0])
        rest = items[at + 1:]
        if any(it.kind == "concept" or str(it.value).startswith("implied:") for it in rest):
            drug = next(m.concept for m in concepts[0].value if m.kind == "drug")
            query = _Reader(question, rest, lexicon).read()
            query.check, query.check_label = drug.iri, drug.label
            for alt in query.alternatives:
                alt.query.check, alt.query.check_label = drug.iri, drug.label
            return query
    if not has_subject and len(drugs) == 1 and len(concepts) == 1:
        raise AskError(f"what about {drugs[0].text!r}? ask e.g. 'what does {drugs[0].text} "
                       "treat?' or 'what does it interact with?'")
    query = _Reader(question, items, lexicon).read()
    query.count = count
    for alt in query.alternatives:
        alt.query.count = count
    return query


# ------------------------------------------------------------------ answering

EVIDENCE_PER_CONDITION = 2
# Evidence is looked up for the first answers only: its cost grows with the answers (0.8 s
# for 200 answers at 1,000 synthetic monographs), and each drug's page lists all of it.
EVIDENCE_ANSWERS = 100


def ask(question: str, store: Store, lexicon: Lexicon | None = None) -> Answer:
    """Understand ``question``, compile it and run it on ``store``. Each of the first
    EVIDENCE_ANSWERS answers comes with the sentences (monograph, line) that state its
    conditions, at most EVIDENCE_PER_CONDITION for each condition."""
    from drugkg.store import with_values

    query = understand(question, lexicon)
    sparql, bindings = query.compile()
    rows = store.select(sparql, **bindings)
    shown = with_values(sparql, bindings)
    if query.count:
        return Answer(question, query, shown, [], int(rows[0]["count"]) if rows else 0)
    key = "value" if query.about else "drug"
    answers = [{"iri": r[key], "label": r["label"], "evidence": []} for r in rows]
    _add_evidence(query, store, answers[:EVIDENCE_ANSWERS])
    return Answer(question, query, shown, answers)


def _add_evidence(query: AskQuery, store: Store, answers: list[dict]) -> None:
    """Each answer's evidence: the sentences of the facts that state its conditions, at
    most EVIDENCE_PER_CONDITION for each. The values that state a condition are walked
    from its concept, the answers' facts read by the named query `evidence`, and the two
    met here: testing the paths from each fact instead took seconds at 1,000 monographs."""
    from drugkg import queries

    if not answers:
        return
    by_iri = {a["iri"]: a for a in answers}
    states: dict[tuple[str, str], set] = {}  # (property, value) -> conditions, or answers
    for at, prop, rest, concept in query.evidence_legs():
        if concept:
            rows = store.select(sparql.fill(sparql.load("ask-evidence-values"),
                                            leg=[f"?value {rest} ?to ."]),
                                to=ox.NamedNode(concept))
        else:  # from the drug's facts: Virtuoso walks a path from one bound end, not many
            leg = [f"?drug {prop} ?value .", f"?value {rest} ?to ."]
            rows = [r for r in store.select(sparql.fill(sparql.load("ask-evidence-values"),
                                                        leg=leg),
                                            drug=ox.NamedNode(query.about))
                    if r["to"] in by_iri]
        for r in rows:
            states.setdefault((expand(prop), r["value"]), set()).add(
                at if concept else r["to"])
    if not states:
        return
    props = tuple(ox.NamedNode(p) for p in dict.fromkeys(p for p, _ in states))
    values = tuple(ox.NamedNode(v) for v in dict.fromkeys(v for _, v in states))
    if query.about:
        bound = {"drug": ox.NamedNode(query.about), "property": props}
    elif len(values) < len(by_iri):
        # fewer values state the conditions than there are answers ('drowsiness' and its
        # narrower effects): their facts, whichever the drug, are fewer than the answers'
        # (at 1,000 monographs, 37 rows against 296 for "which drugs cause drowsiness")
        bound = {"property": props, "value": values}
    else:
        bound = {"drug": tuple(ox.NamedNode(a) for a in by_iri), "property": props}
    seen: set[tuple[str, str, str]] = set()
    shown: dict[tuple[str, object], int] = {}
    for r in store.select(queries.get("evidence").sparql, **bound):
        for mark in states.get((r["property"], r["value"]), ()):
            answer = by_iri.get(mark if query.about else r["drug"])
            if answer is None:
                continue
            key, per = (answer["iri"], r["source"], r["line"]), (answer["iri"], mark)
            if key in seen or shown.get(per, 0) >= EVIDENCE_PER_CONDITION:
                continue
            seen.add(key)
            shown[per] = shown.get(per, 0) + 1
            answer["evidence"].append({"sentence": r["sentence"], "source": r["source"],
                                       "line": int(r["line"]), "section": r["section"],
                                       "fact": r["label"]})
    for a in answers:
        a["evidence"].sort(key=lambda e: (e["source"], e["line"]))
