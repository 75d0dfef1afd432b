"""Monograph blocks + concept mentions -> facts about each component drug, with evidence.

Which facts a text yields depends on where it stands (section, sub-heading, bold label),
which component it is about (labels, names in the sentence), and the words around each
mention (negation, comparison, examples, severity). See docs/extraction.md.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from drugkg.ingest import cues
from drugkg.ingest.monograph import Monograph
from drugkg.ingest.sections import Block, section_kind
from drugkg.ingest.subjects import brand_names
from drugkg.ontology import VOCAB
from drugkg.ontology.lexicon import Concept
from drugkg.ontology.recognise import Matcher, Mention, norm_phrase

# Fact predicates and the concept kinds each one links to.
PREDICATE_KINDS: dict[str, tuple[str, ...]] = {
    "class": ("class",),
    "mechanism": ("mechanism",),
    "target": ("target",),
    "indication": ("condition",),
    "adverse-effect": ("adverse-effect",),
    "contraindication": ("condition", "drug", "class"),
    "interaction": ("drug", "class"),
    "risk": ("risk",),
}
# Which predicates each kind of section can state.
SECTION_PREDICATES: dict[str, tuple[str, ...]] = {
    # a summary states anything, but only with the cue each predicate needs outside its
    # own section ('It is used to treat ...', 'Common side effects include ...')
    "overview": ("class", "mechanism", "target", "indication", "adverse-effect", "risk"),
    "background": ("class",),
    "generic-name": ("class",),
    "usage": ("indication", "class", "mechanism", "target"),
    "mechanism": ("mechanism", "target", "class"),
    "side-effects": ("adverse-effect", "risk", "class"),
    "contraindications": ("contraindication",),
    "interactions": ("interaction", "risk"),
    "pregnancy": ("contraindication",),  # harm to the fetus: _fetal_risk
    "dependence": ("risk", "class"),  # 'X is a benzodiazepine and a CNS depressant with ...'
    "overdose": ("risk", "class"),
    "precautions": ("risk", "contraindication", "interaction", "adverse-effect", "class"),
    "faq": ("risk", "adverse-effect", "class", "interaction"),
    "other": ("risk",),
}
# Sections that state an adverse effect only in the clause of a cue ('Common side effects
# include ...', 'Some people feel drowsy'): FAQ answers and a page's summary.
_EFFECTS_BY_CUE = ("faq", "overview")
# Sections whose lists are enumerations of one predicate (unlinked phrases are kept there).
LIST_PREDICATE = {
    "usage": "indication",
    "side-effects": "adverse-effect",
    "contraindications": "contraindication",
    "interactions": "interaction",
}
_GENERIC_WORDS = {
    "a", "an", "the", "some", "certain", "other", "any", "your", "their", "its", "this",
    "these", "those", "and", "or", "of", "in", "with", "to", "for", "on", "as", "by", "very",
    "more", "less", "most", "also", "such", "people", "patients", "who", "have", "has", "are",
    "is", "be", "it", "you", "medicine", "medicines", "medication", "medications", "drug",
    "drugs", "effects", "effect", "side", "common", "serious", "rare", "symptoms",
    "vice", "versa", "etc", "others", "one", "another", "each", "so", "several", "many",
    "few",
}
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|can|could|may|might|should|must|will|would|if|when|"
    r"which|that|because|while|do|does|did|take|taking|taken|tell|ask|talk|stop|see|get|"
    r"usually|often|mg|dose|doses|daily|day)\b",
    re.I,
)
# Nouns that end like gerunds: these may start an adverse-effect name.
_NOUNS_IN_ING = {"swelling", "bleeding", "vomiting", "sweating", "itching", "tingling",
                 "bruising", "flushing", "wheezing", "fainting", "yawning", "ringing",
                 "burning", "numbness", "thinning", "darkening", "blurring", "snoring"}
# A list entry that starts with one of these continues a sentence; it names nothing.
_NOT_A_HEAD = {
    "with", "without", "as", "in", "for", "to", "from", "by", "on", "at", "into", "after",
    "before", "during", "causing", "reduces", "reduce", "mainly", "mostly", "older", "younger",
    "have", "has", "had", "especially", "any", "all", "both", "either", "each", "than", "then",
    "so", "but", "because", "although", "including", "like", "unless", "until", "via",
    "improve", "improves", "lower", "lowers", "treat", "treats", "prevent", "prevents", "help",
    "helps", "using", "use", "used", "making", "make", "makes", "about", "over", "under",
    "avoid", "reported", "sometimes", "usually", "often", "rarely", "severe", "mild",
    "long-term", "short-term", "fast", "slow", "unpleasant", "mood", "supplements",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'*])")


@dataclass(frozen=True)
class Fact:
    """One extracted statement: component -> predicate -> concept (or unlinked phrase)."""

    component: str
    predicate: str
    concept: Concept | None
    phrase: str
    kind: str
    section: str
    heading: str
    sentence: str
    line: int
    serious: bool | None = None
    synonyms: tuple[str, ...] = ()
    # the rule that made the fact (docs/extraction.md, 'Rules'), stored on its evidence
    rule: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        obj = self.concept.iri if self.concept else f"{self.kind}:{norm_phrase(self.phrase)}"
        return (self.component, self.predicate, obj)


@dataclass
class Component:
    """A component drug of the page and the names that refer to it.

    ``keys`` are normalised names, longest first, so that 'amphotericin b' is found before
    'amphotericin' whatever the process's hash seed (a set here once made ingest differ
    from run to run)."""

    name: str
    concept: Concept | None
    keys: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        """Any of the names as written in running text ('amphotericin  B', 'Paroxetine's')."""
        return _name_pattern(self.keys)


@cache
def _name_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = (r"\W+".join(map(re.escape, key.split())) for key in keys)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\w*", re.I)


def _ordered_keys(names) -> tuple[str, ...]:
    return tuple(sorted(set(names), key=lambda k: (-len(k), k)))


def assemble(monograph: Monograph, matcher: Matcher) -> tuple[list[Component], list[Fact]]:
    """All facts a monograph states about each of its components."""
    components = _components(monograph, matcher)
    facts: dict[tuple[str, str, str], Fact] = {}
    reader = _Reader(monograph, matcher, components)
    # Warnings are read last, once the page has said what the drug is: a boxed warning
    # about 'benzodiazepines' speaks of a benzodiazepine page's drug (subject.own-class)
    for phase in (False, True):
        reader.new_phase()
        for block in monograph.blocks:
            if (block.section == "precautions") is phase:
                for fact in reader.read(block):
                    _merge(facts, fact)
                    if fact.predicate == "class" and fact.concept is not None:
                        reader.own_classes.add(fact.concept.iri)
    _keep_attributed_effects(facts, reader)
    for fact in _mechanisms_from_classes(list(facts.values()), matcher.lexicon):
        _merge(facts, fact)
    for fact in _mechanisms_named_by_class(list(facts.values()), matcher.lexicon):
        _merge(facts, fact)
    for fact in list(facts.values()):
        if fact.predicate == "adverse-effect" and fact.concept is not None:
            for risk_iri in fact.concept.linked("signalsRisk"):
                risk = matcher.lexicon.get(risk_iri)
                if risk is not None:
                    _merge(facts, Fact(fact.component, "risk", risk, fact.phrase, "risk",
                                       fact.section, fact.heading, fact.sentence, fact.line,
                                       rule="risk.signalled-by-effect"))
    return components, _drop_group_mentions(list(facts.values()), matcher.lexicon)


def _keep_attributed_effects(facts: dict, reader: _Reader) -> None:
    """Rule subject.attributed-effect: on a combination page, an effect a FAQ answer or the
    summary states of the product as a whole ('it can cause drowsiness') belongs to the
    components the side-effects section gave it ('Dizziness and drowsiness (mostly from
    tramadol)'), not to every component."""
    listed: dict[str, set[str]] = {}
    for fact in facts.values():
        if fact.predicate == "adverse-effect" and fact.section == "side-effects" and fact.concept:
            listed.setdefault(fact.concept.iri, set()).add(fact.component)
    for key, fact in list(facts.items()):
        if fact.predicate == "adverse-effect" and fact.section in _EFFECTS_BY_CUE and \
                fact.concept and fact.component not in listed.get(fact.concept.iri, {
                    fact.component}) and not reader._named_components(fact.sentence):
            del facts[key]


def _drop_group_mentions(facts: list[Fact], lexicon) -> list[Fact]:
    """Rule class.includes-drug adds a class only where the page names none narrower:
    'antipsychotics such as olanzapine' refers to a group the 'atypical antipsychotic'
    already stated lies in."""
    classes: dict[str, set[str]] = {}
    for f in facts:
        if f.predicate == "class" and f.concept is not None and f.rule != "class.includes-drug":
            classes.setdefault(f.component, set()).add(f.concept.iri)

    def narrower_stated(f: Fact) -> bool:
        return any(f.concept in _ancestors(lexicon.get(iri), lexicon)
                   for iri in classes.get(f.component, ()))

    return [f for f in facts if f.rule != "class.includes-drug" or not narrower_stated(f)]


def _ancestors(concept: Concept | None, lexicon) -> list[Concept]:
    """Every concept above ``concept`` by skos:broader, nearest first along each branch."""
    out, todo, seen = [], list(concept.linked("broader")) if concept else [], set()
    while todo:
        iri = todo.pop()
        if iri in seen:
            continue
        seen.add(iri)
        ancestor = lexicon.get(iri)
        if ancestor is None:
            continue
        todo.extend(ancestor.linked("broader"))
        out.append(ancestor)
    return out


def _mechanisms_from_classes(facts: list[Fact], lexicon) -> list[Fact]:
    """A drug of a class whose mechanism acts on a system the page's 'How it works' names
    has that mechanism: 'Alprazolam (a benzodiazepine) ... increases the effect of GABA'."""
    out = []
    for comp in {f.component for f in facts}:
        mine = [f for f in facts if f.component == comp and f.concept is not None]
        # a target the page already gives a mechanism for needs none from the class; another
        # target does ('binds to mu-opioid receptors' beside its serotonin reuptake inhibition)
        explained = {t for f in mine if f.predicate == "mechanism"
                     for t in f.concept.linked("actsOn")}
        named_targets: dict[str, Fact] = {}
        for f in mine:
            if f.predicate == "target" and f.section == "mechanism":
                for iri in (f.concept.iri, *f.concept.linked("broader")):
                    named_targets.setdefault(iri, f)
        for f in mine:
            if f.predicate != "class":
                continue
            for mech_iri in f.concept.linked("hasMechanism"):
                mech = lexicon.get(mech_iri)
                if mech is None:
                    continue
                hit = next((named_targets[t] for t in mech.linked("actsOn")
                            if t in named_targets), None)
                if hit is not None and not explained & {
                        t for t in (hit.concept.iri, *hit.concept.linked("broader"))}:
                    out.append(replace(hit, predicate="mechanism", concept=mech,
                                       rule="mechanism.class-target",
                                       kind="mechanism", phrase=hit.phrase))
    return out


_AGENT_TO_ACTION = re.compile(r"\b([\w-]*?(?:inhibit|antagon|agon|modulat|activat|stimulat))"
                              r"(or|ist)s?\b", re.I)


def _mechanisms_named_by_class(facts: list[Fact], lexicon) -> list[Fact]:
    """Rule mechanism.class-name: a class whose name says what it does ('SSRI (selective
    serotonin reuptake inhibitor)', 'orexin receptor antagonist', 'PDE5 inhibitor') states
    that mechanism: the class's vocabulary mechanism is also worded as its name."""
    out = []
    for f in facts:
        if f.predicate != "class" or f.concept is None:
            continue
        actions = {norm_phrase(_AGENT_TO_ACTION.sub(
            lambda m: m.group(1) + ("ion" if m.group(2).lower() == "or" else "ism"), label))
            for label in f.concept.labels}
        for iri in f.concept.linked("hasMechanism"):
            mech = lexicon.get(iri)
            if mech is not None and actions & {norm_phrase(label) for label in mech.labels}:
                out.append(replace(f, predicate="mechanism", concept=mech, kind="mechanism",
                                   rule="mechanism.class-name"))
    return out


@cache
def _mechanism_index(lexicon) -> dict[str, Concept]:
    """Mechanisms by normalised label, built once per vocabulary (not once per page)."""
    return {norm_phrase(label): c for c in lexicon.of_kind("mechanism") for label in c.labels}


def _merge(facts: dict, fact: Fact) -> None:
    old = facts.get(fact.key)
    if old is None:
        facts[fact.key] = fact
    elif fact.serious and not old.serious:
        facts[fact.key] = fact  # a serious listing outranks a common one


def _components(monograph: Monograph, matcher: Matcher) -> list[Component]:
    out = []
    brands = brand_names(monograph)
    for name in monograph.components:
        found = [m for m in matcher.find(name, ("drug",)) if m.text.lower() == name.lower()]
        concept = found[0].concept if found else None
        keys = [norm_phrase(name), *map(norm_phrase, brands.get(name, ()))]
        if concept is not None:
            keys += [norm_phrase(label) for label in concept.labels]
        out.append(Component(name, concept, _ordered_keys(k for k in keys if k)))
    return out


class _Reader:
    def __init__(self, monograph: Monograph, matcher: Matcher, components: list[Component]):
        self.monograph = monograph
        self.matcher = matcher
        self.components = components
        self.component_iris = {c.concept.iri for c in components if c.concept}
        self._lead = ""
        self._label_subject = False
        self._kind_now = ""
        self._mechanisms = _mechanism_index(matcher.lexicon)
        self._sections = {b.section for b in monograph.blocks}
        self.own_classes: set[str] = set()  # classes the page has said its drugs are in
        # names every component shares: a combination's brand ('Janumet')
        self._shared_keys = set.intersection(*(set(c.keys) for c in components)) \
            if len(components) > 1 else set()

    # ------------------------------------------------------------------ context

    def _named_components(self, text: str, *, skip_compared: bool = True) -> list[Component]:
        """The components a text names. A combination's brand names every component, but a
        component named on its own outranks it: 'while taking sitagliptin alone (one of the
        medicines in Janumet)' is about sitagliptin."""
        named, by_own_name = [], []
        padded = f" {norm_phrase(text)} "
        for comp in self.components:
            for key in comp.keys:
                idx = padded.find(f" {key} ")
                if idx < 0:
                    continue
                if skip_compared and re.search(r"\b(?:unlike|than|like)\s+$", padded[:idx]):
                    continue
                named.append(comp)
                if key not in self._shared_keys:
                    by_own_name.append(comp)
                break
        if by_own_name and len(by_own_name) < len(named):
            return by_own_name
        return named

    def _kind(self, block: Block) -> str:
        if block.section == "faq":
            return "faq"
        for label in reversed(block.labels):  # the innermost label that names a kind wins
            kind = self._label_kind(label, block.section)
            if kind in ("contraindications", "interactions", "pregnancy", "dependence",
                        "overdose", "side-effects", "usage", "mechanism"):
                return kind
            if kind is not None:
                break
        return block.section

    @staticmethod
    def _label_kind(label: str, section: str) -> str | None:
        """The section kind a label names; in Usage, 'Alcohol withdrawal' is a condition."""
        kind = section_kind(label)
        if section == "usage" and kind in ("dependence", "overdose"):
            return None
        return kind

    def _label_is_context(self, label: str, colon: bool = False, section: str = "") -> bool:
        if not label:
            return True
        if self._label_kind(label, section) or label.rstrip().endswith("?"):
            return True  # a heading ('Dependence and Withdrawal') or an FAQ question
        if self.monograph.blocks and re.match(r"^(?:q\d*\b|a\b|question)", label, re.I):
            return True
        if section_kind(label) or cues.SERIOUS.search(label) or cues.COMMON.search(label):
            rest = self._strip_context_words(label)
            return not rest
        return not self._strip_context_words(label)

    def _label_names_nothing(self, block: Block, kind: str) -> bool:
        """'**Heart rhythm problems:** it can prolong the QT interval ...', '**Other anxiety
        conditions:** ... panic disorder and OCD': a label that names no single fact, only a
        group, introduces the facts its text names."""
        predicate = LIST_PREDICATE.get(kind)
        if predicate not in ("adverse-effect", "indication", "contraindication") or not (
                block.label and block.text):
            return False
        wanted = PREDICATE_KINDS[predicate]
        if predicate == "indication" and cues.TREATS.search(block.text):
            # '**Headache prevention:** it is used to prevent migraine attacks': the body
            # states the uses, the label only files them
            return self._names_kind(block.text, wanted)
        if not self._names_kind(block.label, wanted):
            return predicate == "adverse-effect"
        return bool(cues.GROUP_LABEL.search(block.label)) and self._names_kind(block.text,
                                                                               wanted)

    def _names_kind(self, text: str, kinds: tuple[str, ...]) -> bool:
        return any(m.kind in kinds for m in self.matcher.find(text))

    def _clauses(self, sentence: str) -> list[str]:
        """'Chlordiazepoxide can cause confusion, while clidinium can cause constipation':
        one clause per component when each names a different one."""
        if len(self._named_components(sentence)) < 2:
            return [sentence]
        parts = [p.strip() for p in cues.CLAUSE_SPLIT.split(sentence) if p.strip()]
        named = [self._named_components(p) for p in parts]
        if len(parts) > 1 and all(len(n) == 1 for n in named) and \
                len({n[0].name for n in named}) > 1:
            return parts
        return [sentence]

    def _label_is_category(self, block: Block, kind: str) -> bool:
        """'**Other serotonergic drugs:** triptans, tramadol, lithium ...': a heading over a
        list of partners, unlike '**Opioids** (for example codeine): ...'."""
        predicate = LIST_PREDICATE.get(kind)
        if not (block.label and block.colon and predicate == "interaction"):
            return False
        wanted = PREDICATE_KINDS[predicate]
        first = next((m for m in self.matcher.find(block.text) if m.kind in wanted
                      and m.concept.iri not in self.component_iris), None)
        return first is not None and len(block.text[: first.start].split()) <= 2

    def _strip_context_words(self, label: str) -> str:
        text = re.sub(r"\([^)]*\)", " ", label)
        for comp in self.components:
            text = comp.pattern.sub(" ", text)
        text = re.sub(
            r"\b(?:the|combination|as a whole|component|because of|for|of|and|or|both|"
            r"common|serious|severe|less|more|rare|uncommon|very|mild|moderate|frequent|"
            r"likely|side effects?|adverse|"
            r"effects?|reactions?|seek medical help immediately|get medical help|"
            r"contraindications?|interactions?|drug|warnings?|precautions?)\b",
            " ",
            text,
            flags=re.I,
        )
        return re.sub(r"[\W_]+", " ", text).strip()

    def _severity(self, block: Block, sentence: str, lead: str = "") -> bool:
        """Serious or common: an emergency instruction over the list ('Tell your doctor
        straight away if ...:', rule severity.emergency-lead), else the innermost label that
        says (a frequency band such as 'Uncommon (may affect up to 1 in 100 people)' is
        common: rule severity.band), else the sentence."""
        if lead and cues.SERIOUS.search((_sentences(lead) or [""])[-1]):
            return True  # the sentence that introduces the list, not one before it
        for label in reversed(block.labels):
            if cues.COMMON_BAND.search(label):
                return False
            if cues.SERIOUS.search(label):
                return True
            if cues.COMMON.search(label):
                return False
        return not cues.COMMON_BAND.search(sentence) and bool(cues.SERIOUS.search(sentence))

    # ------------------------------------------------------------------ reading

    def read(self, block: Block):
        if block.kind in ("heading", "header") or block.section in ("title", "disclaimer", "dosage",
                                                        "storage"):
            return
        kind = self._kind(block)
        predicates = SECTION_PREDICATES.get(kind, SECTION_PREDICATES["other"])
        label_is_context = not block.text.strip() or \
            self._label_is_context(block.label, block.colon, block.section) or \
            self._label_names_nothing(block, kind) or self._label_is_category(
            block, kind)
        scope = [lab for lab in block.labels if lab]
        block_comps = []
        for label in scope:
            named = self._named_components(label)
            if named:
                block_comps = named
        units: list[tuple[str, bool]] = []  # (text, is list-like)
        body = re.sub(r"^A:\s*", "", block.text) if kind == "faq" else block.text
        if block.label and not label_is_context:
            head = block.label
            continued = re.match(r"^\s*,?\s*(?:and|or|as well as|plus)\b", body)
            if continued:  # '**Topiramate and others**, as well as cimetidine, can ...'
                first, *rest = _sentences(body) or [""]
                head, body = f"{head} {first}", " ".join(rest)
            units.append((head, True))
        if block.kind == "para":
            self._lead = body if body.rstrip().endswith(":") else ""
        lead = self._lead if block.kind == "item" else ""
        listish = block.kind in ("item", "row") or (bool(block.label) and label_is_context)
        if lead and not block.label:
            body = self._distributed(lead, body)
        group = _GROUP_PREFIX.match(body) if not block.label else None
        if group and cues.GROUP_LABEL.search(group["label"]) and kind in LIST_PREDICATE \
                and not _VERBISH.search(group["rest"]):
            body = group["rest"]  # 'Nervous System Disorders: dizziness' lists dizziness
        for sentence in _sentences(body):
            if kind == "faq" and sentence.rstrip().endswith("?"):
                continue  # a question asks; its answer states
            is_list = listish and not (block.label and not label_is_context)
            for piece in _INLINE_BAND.split(sentence):  # 'Common: a, b Uncommon: c'
                if piece.strip():
                    units += [(clause, is_list or bool(_INLINE_BAND.match(piece)))
                              for clause in self._clauses(piece)]
        head_comps = self._named_components(f"{block.label} {body}") if units else []
        self._label_subject = bool(block.label and label_is_context
                                   and self._named_components(block.label))
        for sentence in _sentences(body):
            named = self._named_components(sentence)
            if len(named) == 1 and cues.ATTRIBUTION.search(sentence):
                block_comps = named  # 'These are mostly due to the ibuprofen component.'

        topic: list[Component] = []  # the component the previous sentence was about
        for i, (text, is_list) in enumerate(units):
            is_head = i == 0 and block.label and not label_is_context
            named = self._named_components(text)
            comps = named or block_comps or (head_comps if is_head else []) or topic or \
                self.components
            # 'Tramadol can cause addiction. Physical dependence develops with regular use.'
            if named:  # a unit naming none continues the topic
                topic = named if len(named) == 1 else []
            unit_predicates = predicates
            if block.label and not label_is_context and not is_head and kind in LIST_PREDICATE:
                # the body of '**Tardive dyskinesia:** involuntary movements ...' describes
                # its head; it does not list more facts of the same kind
                unit_predicates = tuple(p for p in predicates if p != LIST_PREDICATE[kind])
            yield from self._unit(block, kind, unit_predicates, text, is_list, comps, lead)

    def _within(self, mention: Mention, kind: str) -> list[Mention]:
        """Mentions of ``kind`` inside a longer mention of another kind, placed in its text
        ('liver failure' in the effect 'Severe liver failure', 'alcohol' in the condition
        'excessive alcohol intake')."""
        return [replace(m, start=mention.start + m.start, end=mention.start + m.end)
                for m in self.matcher.find(mention.text, (kind,))]

    def _distributed(self, lead: str, item: str) -> str:
        """Rule list.lead-distributes: under 'used to prevent nausea and vomiting caused by:'
        the item 'Chemotherapy for cancer' names 'nausea and vomiting caused by chemotherapy'
        when the vocabulary knows that whole; otherwise the item stands alone."""
        link = _distributing_link(lead)
        if link is None:
            return item
        head = " ".join(lead[: link.start()].split()[-5:])
        head = re.sub(r"^.*?\b(?:prevent|treat|relieve|manage|for)\s+", "", head, flags=re.I)
        combined = f"{head} {link['link']} {item}"
        reach = len(combined) - len(item)
        whole = [x for x in self.matcher.find(combined)
                 if x.kind == "condition" and x.start < len(head) and x.end > reach]
        # the rest of the item qualifies the cause ('Chemotherapy for cancer')
        return combined[: whole[0].end] if whole else item

    def _unit(self, block, kind, predicates, text, is_list, comps, lead=""):
        mentions = self.matcher.find(text)
        self._kind_now = kind
        if kind != "interactions" and self._about_another_drug(text, mentions):
            return  # in Interactions, 'Alcohol may worsen drowsiness' is the fact
        serious = None
        if "adverse-effect" in predicates:  # a precaution's effect is a serious one
            serious = self._severity(block, text, lead) or kind == "precautions"
        for predicate in predicates:
            wanted = PREDICATE_KINDS[predicate]
            if predicate == "adverse-effect" and (
                cues.NOT_SIDE_EFFECT.search(text)
                or (kind in _EFFECTS_BY_CUE and not cues.CAUSES.search(text))
                or (kind == "precautions" and not ((cues.CAUSAL.search(text)
                                                    or cues.REPORTED.search(text))
                                                   and self._names_subject(text, mentions)))
            ):
                continue  # outside Side Effects: only 'X can cause Y' states an effect
            if predicate == "indication" and not cues.TREATS.search(text) and (
                    kind != "usage" or (not is_list and not self._names_subject(text, mentions))):
                continue  # 'Lowering blood pressure reduces the risk of stroke': background
            if predicate == "indication" and kind == "overview" and "usage" in self._sections:
                continue  # a summary's 'widely used for pain' is said exactly under Uses
            if predicate == "contraindication" and (
                (kind != "contraindications" and not cues.CONTRAINDICATION.search(text))
                or cues.CAUTION.search(text)
            ):
                continue  # 'should use it only if a doctor considers it essential' is a caution
            if predicate == "interaction" and cues.SAFE_TOGETHER.search(text):
                continue  # 'It can be taken together with paracetamol'
            if predicate == "interaction" and kind not in ("interactions",) \
                    and (not cues.INTERACTION.search(text) or cues.PEER_GROUP.search(text)):
                continue  # 'belongs to the Z-drugs, together with zolpidem': peers
            use_list = is_list and LIST_PREDICATE.get(kind) == predicate
            for concept, phrase, synonyms, start in self._concepts(text, mentions, wanted,
                                                                   predicate, use_list):
                targets = comps
                if predicate in ("risk", "adverse-effect") and len(comps) > 1:
                    targets = self._causal_subject(text, start) or comps
                rule = f"{predicate}.in-{kind}{'.list' if use_list else ''}"
                if predicate in ("class", "mechanism", "target"):
                    targets = self._owners(text, start, comps)
                    if predicate == "class":
                        asserted = self._asserts_class(text, start, targets, start + len(phrase))
                        if not asserted:
                            continue
                        rule = asserted if isinstance(asserted, str) else rule
                for comp in targets:
                    if predicate == "interaction" and concept is not None and \
                            concept.iri in self.component_iris:
                        continue
                    fact = Fact(
                        component=comp.name,
                        predicate=predicate,
                        concept=concept,
                        phrase=phrase,
                        kind=concept.kind if concept else wanted[0],
                        section=kind,
                        heading=block.heading,
                        sentence=text,
                        line=block.line,
                        serious=serious if predicate == "adverse-effect" else None,
                        synonyms=synonyms,
                        rule=rule,
                    )
                    yield fact
                    if predicate == "class" and concept is not None:
                        # 'SSRI antidepressant' names the broader class too
                        for broader in self._ancestors_named(concept, " ; ".join(
                                (phrase, *synonyms))):
                            yield replace(fact, concept=broader, phrase=phrase,
                                          rule="class.broader-named")
                    if predicate == "contraindication" and fact.kind in ("drug", "class"):
                        # 'must not be taken with an MAOI' is also an interaction
                        yield replace(fact, predicate="interaction",
                                      rule="interaction.from-contraindication")
        if "mechanism" in predicates and (kind == "mechanism" or _WORKS_BY.search(text)):
            # in any section, 'It works by enhancing the effects of ... (GABA)' states how
            # (rule mechanism.works-by)
            # a list item under 'X blocks two types of receptors:' carries that verb
            framed = f"{lead.rstrip().rstrip(':')} {text}" if lead else text
            shift = len(framed) - len(text)
            framed_mentions = [replace(m, start=m.start + shift, end=m.end + shift)
                               for m in mentions] if lead else mentions
            about_drug = bool(self._positions(framed)) or bool(
                re.match(r"\s*(?:it|this|they)\b", text, re.I) or _PRONOUN_ACTS.search(text)
            ) or bool(block.label and self._named_components(block.label))
            for mech, mention in self._receptor_actions(framed, framed_mentions, about_drug):
                for comp in self._owners(framed, mention.start, comps):
                    yield Fact(comp.name, "mechanism", mech, mention.text, "mechanism", kind,
                               block.heading, text, block.line, rule="mechanism.target-action")
        consequence = _CONSEQUENCE_OF.search(text)
        if consequence and "mechanism" not in predicates:
            # rule mechanism.as-a-consequence: 'As a consequence of inhibiting the
            # renin-angiotensin system, changes in renal function may be anticipated' states
            # the drug's action in any section
            clause = cues.CLAUSE_BREAK.search(text, consequence.end())
            stop = clause.start() if clause else len(text)
            for m in mentions:
                if m.kind == "mechanism" and consequence.end() <= m.start < stop:
                    for comp in comps:
                        yield Fact(comp.name, "mechanism", m.concept, m.text, "mechanism", kind,
                                   block.heading, text, block.line,
                                   rule="mechanism.as-a-consequence")
        if "risk" in predicates or kind in ("pregnancy", "precautions", "faq"):
            yield from self._fetal_risk(block, kind, text, comps)

    def _receptor_actions(self, text: str, mentions: list[Mention], about_drug: bool):
        """Mechanisms stated as an action on a named target: 'a blocker (antagonist) of
        dopamine D2 receptors', 'a selective 5-HT3 receptor antagonist'. A target whose
        subtypes the sentence names ('two serotonin receptor subtypes, 5-HT2 and 5-HT3') is
        said through them (rule mechanism.subtypes-named)."""
        if not about_drug:
            return
        found = list(self._actions_on_targets(text, mentions))
        named = {m.concept.iri for _, m in found}
        for mech, m in found:
            if not any(m.concept.iri in o.concept.linked("broader") and o.concept.iri in named
                       for _, o in found if o is not m):
                yield mech, m

    def _actions_on_targets(self, text: str, mentions: list[Mention]):
        reuptake = re.search(r"\breuptake\b", text, re.I)
        nts: list[Mention] = []
        if reuptake:
            nts = [m for m in mentions if m.kind == "target" and m.start > reuptake.end()
                   and m.start - reuptake.end() < 80 and not self._negated(text, m)]
            names = list(dict.fromkeys(m.concept.label for m in nts))
            combos = [" ".join(p) for p in itertools.permutations(names, 2)] + names
            for combo in combos:  # the joint mechanism first ('serotonin-norepinephrine ...')
                hit = self._mechanisms.get(norm_phrase(f"{combo} reuptake inhibition"))
                if hit is not None and nts:
                    yield hit, nts[0]
                    break
        for m in mentions:
            if m.kind != "target" or m in nts or self._negated(text, m):
                continue  # 'blocks the reuptake of serotonin' blocks no serotonin receptor
            # parentheses aside, a coordinated target shares the verb before it:
            # 'blocks muscarinic receptors (its anticholinergic action) and histamine H1 ...'
            head = text[: m.start]
            opened = _INSIDE_BRACKET.search(head)  # '... a natural chemical (GABA)': the
            if opened:                             # bracket names what the clause acts on
                head = head[: opened.start()]
            plain = re.sub(r"\([^()]*\)", " ", head)
            clauses = cues.CLAUSE_BREAK.split(plain)
            clause = clauses[-1]
            if re.match(r"\s*(?:and|or)\b", clause) and len(clauses) > 1:
                clause = clauses[-2] + clause
            before = " ".join(clause.split()[-14:])
            if _EMPHASIS_OF_EARLIER.search(before) and any(
                    o.kind == "target" and o.end <= m.start and o.start >= len(head) - len(clause)
                    for o in mentions):
                continue  # 'blocks the COX enzymes, mainly COX-2': the enzymes' inhibition
            after = text[m.end : m.end + 25]
            # 'binds the GABA-A receptor and blocks it': the verb that comes back to the
            # target decides, not the neutral 'binds' (rule mechanism.polarity)
            back = _VERB_BACK.match(after)
            if back:
                before = back["verb"]
            for pattern, actions in cues.ACTIONS:
                near = pattern.search(before) or pattern.match(after.lstrip(" s"))
                if not near:
                    continue
                found = self._mechanism_named(m.concept, actions)
                if found is not None:
                    yield found, m
                break

    def _mechanism_named(self, target: Concept, actions: tuple[str, ...]) -> Concept | None:
        for action in actions:
            for label in target.labels:
                hit = self._mechanisms.get(norm_phrase(f"{label} {action}"))
                if hit is not None:
                    return hit
        return None

    def _positions(self, text: str) -> list[tuple[int, int, Component]]:
        """(start, end, component) for each component name in ``text``."""
        out = []
        for comp in self.components:
            out += [(m.start(), m.end(), comp) for m in comp.pattern.finditer(text)]
        return sorted(out, key=lambda p: p[0])

    def _owners(self, text: str, start: int, comps: list[Component]) -> list[Component]:
        """The component a class or mechanism mention is about, in a sentence naming several:
        'Paroxetine (an SSRI) and clonazepam (a benzodiazepine)'."""
        if len(comps) < 2:
            return comps
        named = [p for p in self._positions(text) if p[2] in comps]
        if len({p[2].name for p in named}) < 2:
            return comps
        after = [p for p in named if p[0] >= start and p[0] - start < 60
                 and "(" in text[start:p[0]] and ")" not in text[start:p[0]].split("(")[-1]]
        if after:  # 'an atypical antipsychotic (olanzapine)'
            return [after[0][2]]
        before = [p for p in named if p[1] <= start]
        if before:
            return [before[-1][2]]
        return [min(named, key=lambda p: p[0] - start)[2]]

    def _asserts_class(self, text: str, start: int, comps: list[Component],
                       end: int) -> bool | str:
        """Does the sentence say the drug IS of this class ('X is a Y', 'X (a Y)', 'Y (X)',
        'It is a Y', 'Y properties'), rather than merely naming the class?"""
        named = [p for p in self._positions(text) if p[2] in comps]
        before_text = text[:start]
        if cues.LIKE_OTHER.search(before_text) and any(p_start > start for p_start, _, _ in named):
            return True
        if self._first_example_is_component(text, end, comps):
            return "class.includes-drug"  # 'PDE5 inhibitors, including VIAGRA'

        for p_start, p_end, _ in named:
            if p_end <= start:
                between = text[p_end:start]
                if len(between) < 90 and cues.CLASS_COPULA.search(between) and \
                        not re.search(r"[;]|\bwith\b|\bthan\b", between):
                    return True
            elif p_start > start and p_start - start < 60 and _INSIDE_BRACKET.search(
                    text, start, p_start):
                return True  # 'Y (X)': the drug inside the class's bracket, not after it
        if re.match(r"^\s*(?:it|this (?:medicine|medication|drug|combination)|they|both)\b",
                    before_text, re.I) and cues.CLASS_COPULA.search(before_text):
            return True
        if self._label_subject and re.match(
            r"^\W*(?:(?:is|are)\s+)?(?:an?|the)?\s*(?:[\w()\"'-]+\s+){0,3}$", before_text, re.I
        ):  # '* **Amlodipine:** A calcium channel blocker of the dihydropyridine type.'
            return True
        # 'anxiolytic (anti-anxiety), muscle-relaxant and anticonvulsant properties': each
        # member of a coordinated list before 'properties' (rule class.properties)
        return bool(_CLASS_PROPERTIES.match(text, start)) and bool(named)

    def new_phase(self) -> None:
        """Reading starts again further down the page: no lead-in carries over."""
        self._lead = ""

    def _names_subject(self, text: str, mentions: list[Mention]) -> bool:
        """The sentence is about the page's drug: it names a component, starts with 'It', or
        names a class the page has put the drug in ('Concomitant use of benzodiazepines and
        opioids may result in profound sedation' on a benzodiazepine's page)."""
        return bool(self._positions(text)) or bool(
            re.match(r"\W*(?:its?|(?:this|the) (?:medicine|medication|drug|combination))\b",
                     text, re.I)) or any(
            m.kind == "class" and m.concept.iri in self.own_classes for m in mentions)

    def _about_another_drug(self, text: str, mentions: list[Mention]) -> bool:
        """'Diazepam is a benzodiazepine that ... can be habit-forming' on the buspirone page
        is about diazepam: a sentence whose subject is another drug names no component."""
        first = next((m for m in mentions if m.kind in ("drug", "class")), None)
        if first is None or first.concept.iri in self.component_iris:
            return False
        if len(text[: first.start].split()) > 1 or self._positions(text):
            return False
        return bool(re.match(r"\W*\s*(?:is|are|was|can|may|has|have|works?|causes?)\b",
                             text[first.end :], re.I))

    def _ancestors_named(self, concept: Concept, phrase: str) -> list[Concept]:
        words = f" {norm_phrase(phrase)} "
        # 'opioid analgesic' does not name analgesic apart from itself; a class named as a
        # pair ('analgesic and antipyretic') names both its members
        own = "" if " and " in concept.label else f" {norm_phrase(concept.label)} "
        return [ancestor for ancestor in _ancestors(concept, self.matcher.lexicon)
                if any(f" {norm_phrase(label)} " in words and f" {norm_phrase(label)} " not in own
                       for label in ancestor.labels)]

    def _fetal_risk(self, block, kind, text, comps):
        in_pregnancy = kind == "pregnancy" or any(
            section_kind(lab) == "pregnancy" for lab in block.labels
        ) or cues.PREGNANCY.search(text)
        if not in_pregnancy:
            return
        # 'Some studies have reported a small increase in the risk of cleft lip ..., while
        # other studies found no increase': a harm reported in one clause stands
        if not any(cues.FETAL_HARM.search(part) and cues.HARM.search(part)
                   and not cues.NO_HARM.search(part) for part in _CONTRAST.split(text)):
            return
        risk = self.matcher.lexicon.get(f"{VOCAB}risk/teratogenicity")
        if risk is None:
            return
        for comp in comps:
            yield Fact(comp.name, "risk", risk, risk.label, "risk", kind, block.heading, text,
                       block.line, rule="risk.fetal-harm")

    # ------------------------------------------------------------------ mentions

    def _concepts(self, text, mentions, wanted, predicate, use_list):
        """(concept, phrase, synonyms, position) asserted by ``text`` for one predicate.

        Mentions inside an elaboration ('(for example codeine)', 'such as X and Y', the
        explanation after a dash) are examples of the head before them, not facts of
        their own, unless the head names no concept."""
        if predicate == "risk" and self._kind_now != "interactions":
            # (in Interactions a wording such as 'toxicity' is the partner's)
            mentions = mentions + self._risks_signalled(text, mentions)
        wanted_mentions = [m for m in mentions if m.kind in wanted]
        if predicate == "contraindication" and self._kind_now == "contraindications":
            # rule contra.effect-as-condition: a disease the vocabulary words as an adverse
            # effect ('Severe liver failure') states the condition within it (conditions and
            # effects are disjoint), unless it is what something 'can cause'
            wanted_mentions += [
                self._within(m, "condition")[-1] for m in mentions if m.kind == "adverse-effect"
                and not any(o.kind == "condition" and o.start == m.start for o in mentions)
                and not cues.CAUSES.search(text, 0, m.start) and self._within(m, "condition")]
            wanted_mentions.sort(key=lambda m: m.start)
        if predicate == "interaction" and self._kind_now == "interactions":
            # rule interaction.substance-in-condition: under Interactions, 'Avoid excessive
            # alcohol intake while taking X' names alcohol, the substance of the condition
            wanted_mentions += [sub for m in mentions if m.kind == "condition"
                                for sub in self._within(m, "drug")]
        if predicate == "adverse-effect":
            wanted_mentions = self._split_coordinated(wanted_mentions)
            wanted_mentions = _drop_symptoms(text, wanted_mentions)
            if self._kind_now in ("precautions", *_EFFECTS_BY_CUE) or _LONG_TERM.search(text):
                # 'Long-term use can lead to dependence, tolerance and withdrawal': risks of
                # prolonged use, not side effects (rule risk.long-term-use)
                wanted_mentions = [m for m in wanted_mentions if not _risk_only(m, text)]
            if self._kind_now == "precautions":
                caused = _caused(text, wanted_mentions, cues.CAUSAL) + _caused(
                    text, wanted_mentions, cues.REPORTED, whole_clause=True)
                wanted_mentions = [m for m in wanted_mentions if m in caused]
            elif self._kind_now in _EFFECTS_BY_CUE:
                wanted_mentions = _caused(text, wanted_mentions, cues.CAUSES, whole_clause=True)
        kept = []
        distributing = _distributing_link(text) is not None
        for m in wanted_mentions:
            if self._negated(text, m, predicate, mentions) or \
                    cues.ANAPHORA.search(text[: m.start]):
                continue
            named_as = _NAMED_AS.match(text, m.end)
            if named_as and any(o.start == named_as.end() for o in wanted_mentions):
                continue  # 'a form of diabetes called type 2 diabetes mellitus': the name
            if distributing and _LINK_TO_LIST.fullmatch(text, m.end):
                continue  # 'nausea and vomiting caused by:' is completed by the list below
            if m.kind in ("condition", "adverse-effect") and self._purpose_of_partner(
                    text, m, others_only=self._kind_now == "usage"):
                continue  # 'ranolazine, a medicine used to treat angina': the partner's use
            if predicate in ("class", "interaction", "target") and \
                    self._compared(text, m, predicate):
                continue
            if predicate in ("class", "contraindication", "interaction") and \
                    m.concept.iri in self.component_iris:
                continue
            if predicate == "interaction" and m.kind == "class" and _appositive(text, m, kept):
                continue  # 'a sulphonylurea or insulin, diabetes medicines, together with'
            if predicate == "interaction" and m.kind == "class" and \
                    m.concept.iri in self.own_classes and not self._positions(text) and \
                    not _OTHER_BEFORE.search(text, max(0, m.start - 30), m.start):
                continue  # 'Concomitant use of benzodiazepines and opioids' on a
                # benzodiazepine's page: the page's own drug, not a partner (subject.own-class)
            if predicate in ("contraindication", "interaction") and m.kind == "class" and \
                    self._first_example_is_component(text, m.end):
                continue  # 'antipsychotics such as olanzapine' on the olanzapine page
            if predicate == "contraindication" and (
                    _part_of_condition(text, m) or _follows(
                        text, m, wanted_mentions, cues.WHO_WITH, ("drug", "class"))):
                continue  # 'with aliskiren in people with diabetes': not diabetes alone
            if cues.TIME_QUALIFIER.match(m.text) and _follows(text, m, wanted_mentions, _BLANK):
                continue  # 'heart failure after a heart attack' is one condition
            if predicate == "indication" and _follows(text, m, wanted_mentions, cues.CONTEXT_OF):
                continue  # 'mania in bipolar disorder' treats the mania
            kept.append(m)
        grouped = predicate in ("interaction", "indication", "contraindication",
                                "adverse-effect")
        spans = _elaboration_spans(text, kept) if grouped else []
        heads, examples = [], []
        for m in sorted(kept, key=lambda m: m.start):
            span = next((sp for sp in spans if sp[0] <= m.start < sp[1]), None)
            inner = next((sp for sp in spans if sp[2] == "example" and span and
                          span[2] == "paren" and span[0] < sp[0] <= m.start < sp[1]), None)
            if inner and any(span[0] < o.start < inner[0] for o in kept):
                # rule list.nested-examples: in '(NSAIDs and COX-2 inhibitors, such as
                # ibuprofen)' ibuprofen is an example of the classes in the bracket
                span = inner
            if span and span[2] == "example" and cues.RISK_FACTOR.search(
                    text[max(0, span[0] - 30) : span[0]]):
                continue  # 'several risk factors such as type 2 diabetes' are not facts
            if span and (any(h.start < span[0] for h, _ in heads) or (
                    span[2] == "example" and not heads)):
                examples.append((m, span))  # 'CYP3A4 inhibitors such as X': X, unlinked head
            else:
                heads.append((m, None))
        synonyms: dict[int, list[str]] = {id(m): [] for m, _ in heads}
        out = [m for m, _ in heads]
        unlinked_head = None
        if not heads and examples and use_list and spans:
            intro = _clean_phrase(text[: spans[0][0]], category=True)
            # 'Strong CYP3A4 inhibitors such as X' names a group; 'Medicines that slow the
            # breakdown of diazepam, such as X' and 'Tell your doctor about ...' do not
            if intro and not self._named_components(intro) and not cues.ADDRESS.search(intro):
                unlinked_head = intro
        for m, span in examples:
            if unlinked_head or not heads:
                if unlinked_head is None:
                    out.append(m)
                    synonyms[id(m)] = []
                continue
            owner = _owner_of(m, span, [h for h, _ in heads], text)
            if owner is None:
                out.append(m)
                synonyms[id(m)] = []
            elif predicate in ("adverse-effect", "indication", "contraindication") and \
                    span[2] == "paren" and \
                    owner.concept.iri != m.concept.iri and _names_only(text, span, m):
                # rule effect.bracketed-term: 'sudden muscle spasms of the neck (acute
                # dystonia)' is acute dystonia, described in lay words before the bracket
                out = [h for h in out if h is not owner] + [m]
                synonyms[id(m)] = [owner.text]
            elif owner.concept.iri != m.concept.iri:
                synonyms[id(owner)].append(m.text)
        if predicate in ("adverse-effect", "indication"):
            out = _merge_alternatives(text, out, synonyms)
        segments = _segments(text) if grouped else []
        seen = set()
        texts: dict[str, list[str]] = {}
        for m in out:
            texts.setdefault(m.concept.iri, []).append(m.text)
        for m in sorted(out, key=lambda m: m.start):
            if m.concept.iri in seen:
                continue
            seen.add(m.concept.iri)
            extra = [t for t in texts[m.concept.iri] if t != m.text]
            extra += synonyms.get(id(m), ())
            surface = _surface(m, segments, out)
            if surface:
                extra.insert(0, surface)
            yield m.concept, m.text, tuple(extra), m.start
        if unlinked_head:
            yield None, unlinked_head, tuple(m.text for m, _ in examples), 0
        if use_list:
            linked_any = any(m.kind in ("adverse-effect", "condition", "drug", "class", "risk",
                                        "target", "mechanism") for m in mentions)
            # a partner's parenthesis says what it is for; it does not name the entry
            parens = [(a, b) for a, b, kind in spans
                      if kind == "paren" and predicate == "interaction"]
            subject = _PARTNER_SUBJECT.match(text) if predicate == "interaction" else None
            if subject and not any(m.start < subject.end("subject") for m in mentions):
                # rule interaction.unknown-subject: 'Sodium oxybate must not be combined
                # with it' - a partner the vocabulary does not know, as the item's subject
                cleaned = _clean_phrase(subject["subject"], single_word_ok=True)
                if cleaned and not self._named_components(cleaned):
                    yield None, cleaned, (), 0
                return
            for phrase in _segments(text):
                if linked_any and any(m.start < phrase[1] and m.end > phrase[0]
                                      and not any(a <= m.start < b for a, b in parens)
                                      for m in mentions):
                    continue  # ('topotecan (used to treat cancer)' names topotecan)
                if unlinked_head and phrase[0] < len(unlinked_head) + 2:
                    continue
                if any(sp[0] <= phrase[0] for sp in spans if sp[2] != "paren") or any(
                    sp[0] <= phrase[0] < sp[1] for sp in spans
                ):
                    continue  # examples and explanations are not list entries
                cleaned = _clean_phrase(phrase[2], single_word_ok=predicate == "interaction")
                if cleaned:
                    yield None, cleaned, (), phrase[0]

    def _first_example_is_component(self, text: str, end: int,
                                    comps: list[Component] | None = None) -> bool:
        """The mention ending at ``end`` is followed by 'such as' / 'including' and then a
        component's name: 'antipsychotics such as olanzapine', 'PDE5 inhibitors, including
        VIAGRA' (rules subject.own-class and class.includes-drug)."""
        after = end + len(text[end:]) - len(text[end:].lstrip(" ,"))
        example = cues.EXAMPLE.match(text, after)
        return example is not None and any(
            0 <= start - example.end() <= 2 and (comps is None or comp in comps)
            for start, _, comp in self._positions(text))

    def _purpose_of_partner(self, text: str, m: Mention, *, others_only: bool = False) -> bool:
        """Rule list.purpose-clause: the mention is what another medicine is for; 'X, sold as
        Y, is a medication used to treat Z' is still the page's drug's use. Under Uses, where
        'a group of medicines used to treat depression' is the drug's own, only medicines
        called other ('with certain other medicines for diabetes') are partners."""
        window_start = max(0, m.start - 90)
        window = re.split(r"[.;:]", text[window_start : m.start])[-1]
        purpose = cues.PURPOSE.search(window)
        if purpose is None or (others_only and not _OTHER_MEDICINES.search(
                window[max(0, purpose.start() - 30) : purpose.end()])):
            return False
        at = m.start - len(window) + purpose.start()
        return not any(end <= at and cues.CLASS_COPULA.search(text[end:at])
                       for _, end, _ in self._positions(text))

    def _causal_subject(self, text: str, start: int) -> list[Component]:
        """Rule subject.causal: in 'Because Drugone can cause dependence, doctors may switch
        to Drugtwo' the risk is Drugone's: the component named right before the causal verb
        whose scope holds the mention ('A and B can cause' keeps both)."""
        for verb in cues.CAUSAL.finditer(text, 0, start):
            scope_end = cues.CAUSE_SCOPE_END.search(text, verb.end())
            if scope_end is not None and scope_end.start() < start:
                continue
            subject = [p for p in self._positions(text) if p[1] <= verb.start()
                       and not text[p[1]:verb.start()].strip(" '’s")]
            if subject and not re.search(r"\b(?:and|or|,)\s*$", text[:subject[-1][0]]):
                return [subject[-1][2]]
        return []

    def _risks_signalled(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Rule risk.signalled-wording: an effect that is a risk's wording ('X can cause
        physical and psychological dependence', 'withdrawal reactions') states that risk
        wherever a risk may be stated, even where it is no side effect (one mapping,
        dkg:signalsRisk, decides)."""
        out = []
        for m in mentions:
            if m.kind == "adverse-effect" and _risk_only(m, text):
                for iri in m.concept.linked("signalsRisk"):
                    risk = self.matcher.lexicon.get(iri)
                    if risk is not None:
                        out.append(replace(m, concept=risk))
        return out

    def _split_coordinated(self, mentions: list[Mention]) -> list[Mention]:
        """'Nausea and vomiting' names two side effects, each one a concept of its own."""
        out = []
        for m in mentions:
            parts = []
            offset = 0
            for piece in m.text.split(" and ") if " and " in m.text else ():
                found = self.matcher.find(piece, kinds=("adverse-effect",))
                if len(found) != 1 or found[0].text != piece.strip():
                    parts = []
                    break
                start = m.start + offset + found[0].start
                parts.append(replace(found[0], start=start, end=start + len(found[0].text)))
                offset += len(piece) + len(" and ")
            out += parts or [m]
        return out

    def _negated(self, text: str, m: Mention, predicate: str = "",
                 mentions: list[Mention] = ()) -> bool:
        before = text[: m.start]
        opened = before.rfind("(")
        if opened > before.rfind(")"):  # 'does not cause hypoglycaemia (low blood sugar)'
            if _NEGATED_DESCRIPTION.search(before, 0, opened) and not any(
                    o.end <= opened and not text[o.end : opened].strip() for o in mentions):
                # 'things that are not real (hallucinations)': the bracket names the
                # description before it, whose relative clause does not negate the name
                # (rule assert.bracket-names-description)
                before = ""
            before = before[:opened] + " " + before[opened + 1 :]
        if predicate == "contraindication":  # 'must not be used by people with X' asserts X
            before = cues.CONTRAINDICATION.sub(" ", before)
        if cues.NEGATED_AFTER.match(text[m.end :]):
            return True  # 'insomnia is not an approved use'
        clause = cues.CLAUSE_BREAK.split(before)[-1]
        examples = list(cues.EXAMPLE.finditer(clause))
        if examples:  # 'does not work against infections such as the flu'
            clause = clause[: examples[-1].start()]
        words = clause.split()
        window = " ".join(words[-8:])
        if not cues.NEGATION.search(window):
            return False
        if predicate in ("interaction", "contraindication") and cues.PROHIBITION.search(window):
            return False
        return not cues.NEGATION_EXCEPTIONS.search(window)

    def _compared(self, text: str, m: Mention, predicate: str) -> bool:
        before = text[: m.start]
        if predicate == "class":
            if cues.LIKE_OTHER.search(before[-60:]):
                return False  # 'Like other anti-seizure medicines, pregabalin ...' is one
            if re.search(r"\bas\s+$", before) and re.match(r"\s+(?:do|does|did)\b",
                                                           text[m.end:]):
                return True  # '..., as benzodiazepines do, but in a different way'

            return bool(cues.COMPARISON.search(before[-60:]))
        if predicate == "target":  # 'designed to resemble GABA' is not 'acts on GABA'
            return bool(cues.RESEMBLANCE.search(" ".join(before.split()[-6:])))
        # an interaction partner named as an example is kept by the head logic, not here
        return bool(re.search(r"\b(?:unlike|than|like)\s+(?:\w+\s+){0,2}$", before[-40:], re.I))


# A plain 'Label: entries' item (rule list.group-prefix), e.g. a label's body-system class
_GROUP_PREFIX = re.compile(r"(?P<label>[A-Z][\w ,-]{2,80}?):\s+(?P<rest>\S.*)$", re.S)
# Frequency bands written inline: '...: Common: low blood sugar, headache Uncommon: dizziness'
# (rule severity.inline-band): each band's list is a unit of its own
_INLINE_BAND = re.compile(r"(?=\b(?:Very common|Common|Uncommon|Rare|Very rare|Frequency not "
                          r"known|Not known):\s)")
# A lead whose last words a list completes: '... nausea and vomiting caused by:'
_LINK = r"(?:caused by|induced by|due to|associated with|related to)"
_LINK_AT_END = re.compile(rf"\s(?P<link>{_LINK})\s*:\s*$", re.I)
_LINK_TO_LIST = re.compile(rf"\s+{_LINK}\s*:\s*", re.I)


def _distributing_link(text: str) -> re.Match[str] | None:
    """'... nausea and vomiting caused by:' -> the match of 'caused by:' (cheap: only text
    that ends in a colon is searched)."""
    if not text.rstrip().endswith(":"):
        return None
    return _LINK_AT_END.search(text, max(0, len(text) - 40))
# 'At the same time it blocks ...': the page's drug, as a pronoun, is the subject of an action
_PRONOUN_ACTS = re.compile(r"(?:^|,\s*|\b(?:time|also|and|then|addition)\s+)(?:it|this medicine)"
                           r"\s+(?:also\s+|mainly\s+|strongly\s+|then\s+)?(?:block|inhibit|"
                           r"activat|stimulat|bind|enhanc|increas|reduc|act)\w*", re.I)
_CLASS_PROPERTIES = re.compile(
    r"\W*[\w-]+(?:[\s-]\w+)?\W*(?:\([^()]*\)\s*)?(?:(?:,\s*|,?\s+and\s+)[\w-]+(?:\s\w+)?\s*)*"
    r"(?:properties|activity)\b", re.I)
_NEGATED_DESCRIPTION = re.compile(r"\b(?:that|which|who)\s+(?:\w+\s+){0,2}(?:not|no|never)\b"
                                  r"[^()]*$", re.I)
_CONTRAST = re.compile(r",?\s+(?:while|whereas|but|although)\s+", re.I)
_LONG_TERM = re.compile(r"\b(?:long-term|prolonged|regular|continued|chronic|repeated)\s+"
                        r"(?:use|treatment|therapy)\b", re.I)
_WORKS_BY = re.compile(r"\b(?:works?|acts?|working|acting)\s+by\b", re.I)
# 'As a consequence of inhibiting X, ...': the gerund that follows is the drug's own action
_CONSEQUENCE_OF = re.compile(r"\bas an? (?:direct )?(?:consequence|result) of\s+(?=\w+ing\b)",
                             re.I)
# 'a form of diabetes called type 2 diabetes' (rule mention.named-as)
_NAMED_AS = re.compile(r"\s*,?\s*(?:called|known as|named)\s+", re.I)
_VERB_BACK = re.compile(r"\s*,?\s*and (?:then )?(?P<verb>\w+) (?:it|them)\b", re.I)
_RISK_NOT_EFFECT = ("/withdrawal", "/overdose", "/falls", "/dependence", "/tolerance")
_BLANK = re.compile(r"\s*")


def _risk_only(m: Mention, text: str) -> bool:
    """In precautions, withdrawal, overdose, falls and dependence are risks rather than side
    effects, and 'can worsen depression' names a condition the patient has."""
    if any(r.endswith(_RISK_NOT_EFFECT) for r in m.concept.linked("signalsRisk")):
        return True
    return bool(re.search(r"\bworsen\w*\s+(?:\w+\s+)?$", text[: m.start], re.I))


def _caused(text: str, mentions: list[Mention], cause: re.Pattern, *,
            whole_clause: bool = False) -> list[Mention]:
    """Outside Side Effects an effect is what the drug 'can cause': in 'Its anticholinergic
    effect can trigger angle-closure glaucoma, so report eye pain' only the glaucoma. With
    ``whole_clause``, the clause of the cue ('Dry mouth is a common side effect')."""
    scopes = []
    for verb in cause.finditer(text):
        end = cues.CAUSE_SCOPE_END.search(text, verb.end())
        start = verb.end() - len(verb.group().split()[-1])  # 'can prolong the QT interval'
        if whole_clause:
            breaks = cues.CAUSE_SCOPE_END.finditer(text, 0, verb.start())
            start = max([0] + [b.end() for b in breaks])
        scopes.append((start, end.start() if end else len(text)))
    return [m for m in mentions if any(s <= m.start < e for s, e in scopes)]


def _drop_symptoms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Keep the effect, not its symptoms: 'Agitation and fever, which may be signs of
    serotonin syndrome' -> serotonin syndrome; 'Warning signs include ...' -> nothing."""
    sign = cues.SIGNS_OF.search(text)
    if sign and any(m.start >= sign.end() for m in mentions):
        return [m for m in mentions if m.start >= sign.end()]
    dropped: set[int] = set()
    for follow in cues.SYMPTOMS_FOLLOW.finditer(text):
        # the symptoms end at a semicolon or where a colon opens a list of its own
        end = re.compile(r"[;:]").search(text, follow.end())
        stop = end.start() if end else len(text)
        inside = [m for m in mentions if follow.end() <= m.start < stop]
        if follow.group().lower() == "with" and len(inside) < 2:
            continue  # 'low blood pressure with fainting' names two effects
        dropped |= {id(m) for m in inside}
    return [m for m in mentions if id(m) not in dropped]


# An encyclopaedia's citation markers ('disorder.[11][7] Serious ...') and a label's or
# leaflet's cross-references ('[see Overdosage (10)]', '(see section 4)') are not words
# (rule sentence.cross-reference).
_CITATION = re.compile(r"\[(?:\d+|[a-z]|note \d+)(?:[,\u2013-]\s*\d+)*\]|"
                       r"\[\s*see\b[^\]]*\]|\(\s*see (?:also )?sections?\b[^()]*\)", re.I)


# A word broken at a line end and joined back with a space ('immuno- suppressants'), unlike a
# suspended hyphen ('pre- and post-operative')
_BROKEN_WORD = re.compile(r"\b([A-Za-z]{3,})- (?!(?:and|or|to|nor|as)\b)([a-z]{3,})")


@lru_cache(maxsize=1 << 12)  # a block's body is split more than once, a list's lead per item
def _sentences(text: str) -> tuple[str, ...]:
    text = re.sub(r"\s+", " ", _CITATION.sub("", text)).strip()
    text = _BROKEN_WORD.sub(r"\1\2", text)
    if not text:
        return ()
    protected = re.sub(r"\b(e\.g|i\.e|approx|vs|etc|incl)\.", lambda m: m.group(1) + "\0", text)
    return tuple(s.replace("\0", ".").strip() for s in _SENTENCE_END.split(protected)
                 if s.strip())


def _elaboration_spans(text: str, mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """Character spans that elaborate a head: parentheses, 'such as ...' up to the next
    dash, colon, semicolon or full stop, and the explanation after a dash or colon that
    follows a head mention."""
    # a bracket that opens with 'or'/'and' adds an entry ('high blood pressure (or angina)')
    spans = [(m.start(), m.end(), "paren") for m in re.finditer(r"\([^()]*\)?", text)
             if not re.match(r"\(\s*(?:or|and|and/or)\s", m.group(), re.I)]
    for m in cues.EXAMPLE.finditer(text):
        inside_paren = text.count("(", 0, m.start()) > text.count(")", 0, m.start())
        stop = re.compile(r"\)" if inside_paren else r"\s[\u2013\u2014-]\s|[;:.]\s|[;:]$")
        end = stop.search(text, m.end())
        end_at = end.start() if end else len(text)
        verb = cues.EXAMPLE_END.search(text, m.end(), end_at)
        spans.append((m.start(), verb.start() if verb else end_at, "example"))
    first = min((m.start for m in mentions), default=None)
    for m in re.finditer(r"\s[\u2013\u2014-]\s|:\s", text):
        if first is not None and first < m.start() and not any(
            s <= m.start() < e for s, e, kind in spans if kind == "paren"
        ):
            # in a series 'A — about A; B; and C' the explanation ends at the first ';'
            series = re.search(r";\s+and\b", text[m.end() :])
            end = text.find(";", m.end()) if series else len(text)
            spans.append((m.start(), end, "explanation"))
            break
    return sorted(spans)


def _appositive(text: str, m: Mention, before: list[Mention]) -> bool:
    """Rule list.appositive-class: 'a sulphonylurea or insulin, diabetes medicines, together
    with X' - a class set off by commas after a finished 'A or B' says what A and B are."""
    if not re.match(r"\s*,", text[m.end :]):
        return False
    prev = [o for o in before if o.end <= m.start and o.kind in ("drug", "class")]
    if len(prev) < 2 or not re.fullmatch(r"\s*,\s*", text[prev[-1].end : m.start]):
        return False
    return bool(re.fullmatch(r"\s+(?:or|and)\s+(?:\w+\s+){0,2}",
                             text[prev[-2].end : prev[-1].start]))


def _part_of_condition(text: str, m: Mention) -> bool:
    """In 'allergy to X or other benzodiazepines', 'asthma after taking NSAIDs' and 'the
    risk of lactic acidosis, such as ...' the drug or risk is not itself contraindicated."""
    before = text[: m.start]
    if before.count("(") > before.count(")"):  # 'sensitivity to its vehicle (macrogol, ...'
        cut = before.rfind("(")
        before = before[:cut] + " " + before[cut + 1 :]
    clause = cues.CLAUSE_BREAK.split(before)[-1]
    if m.kind in ("drug", "class"):
        return bool(cues.CONDITION_OBJECT.search(clause))
    if re.search(r"\b(?:people|patients|those|anyone)\s+with\s+(?:a\s+)?(?:known\s+|high\s+|"
                 r"increased\s+)?risks? of\s+(?:\w+\s+){0,1}$", clause, re.I):
        return False  # 'people with a known risk of narrow-angle glaucoma' have the condition
    return bool(re.search(r"\brisks? of\s+(?:\w+\s+){0,1}$", clause, re.I))


def _follows(text: str, m: Mention, mentions: list[Mention], gap: re.Pattern,
             kinds: tuple[str, ...] = ()) -> bool:
    """Some mention (of ``kinds``, if given) ends just before ``m``, with only ``gap``
    between them: 'heart failure| after a heart attack', 'aliskiren| in people with diabetes'."""
    return any(o.end <= m.start and (not kinds or o.kind in kinds) and
               gap.fullmatch(text, o.end, m.start) for o in mentions)


def _merge_alternatives(text: str, heads: list[Mention], synonyms: dict) -> list[Mention]:
    """'dizziness or light-headedness' names one effect two ways: keep the first, the second
    becomes its synonym."""
    heads = sorted(heads, key=lambda m: m.start)
    kept: list[Mention] = []
    for m in heads:
        if kept and re.fullmatch(r"\s+or\s+(?:of\s+|about\s+)?", text[kept[-1].end : m.start]):
            synonyms.setdefault(id(kept[-1]), []).append(m.text)
            continue
        kept.append(m)
    return kept


def _surface(m: Mention, segments, mentions: list[Mention]) -> str:
    """The list entry that names ``m`` as the page wrote it ('known allergy to diazepam'),
    when the entry names nothing else and is short."""
    for start, end, piece in segments:
        if start <= m.start < end:
            if any(o is not m and start <= o.start < end for o in mentions):
                return ""
            piece = re.sub(r"\s+", " ", re.sub(r"[*_`\"]", "", piece)).strip(" .,:;")
            piece = re.sub(r"^(?:and|or|a|an|the)\s+", "", piece, flags=re.I)
            if 1 < len(piece.split()) <= 10 and piece.lower() != m.text.lower():
                return piece
            return ""
    return ""


def _names_only(text: str, span: tuple[int, int, str], m: Mention) -> bool:
    """The bracket holds the term and nothing else: '(acute dystonia)', not '(a common
    anticholinergic effect)'."""
    inner = text[span[0] : span[1]].strip("() ")
    inner = re.sub(r"^(?:i\.e\.?|called|known as)\s+", "", inner, flags=re.I)
    return inner.lower() == m.text.lower()


def _owner_of(example: Mention, span, heads: list[Mention], text: str) -> Mention | None:
    """The head an example belongs to; None when a parenthesis lists more concepts than the
    words before it named ('Muscle and joint aches (myalgia and arthralgia)')."""
    before = [h for h in heads if h.start < span[0]]
    if not before:
        return None
    gap = re.sub(r"\([^)]*\)|[^\w\s]", " ", text[before[-1].end : span[0]]).split()
    if span[2] == "example" and len(gap) > 2:
        return None  # 'MAOIs and other medicines that raise serotonin, such as SSRIs': not MAOIs
    if span[2] == "example" and len(gap) == 2 and gap[-1].lower() in _CATEGORY_NOUNS and \
            gap[0].lower() in ("in", "for", "with"):
        # rule list.category-examples: 'pain and inflammation in conditions such as gout'
        # - the examples are of the conditions, each one named, not of the inflammation
        # ('spasticity from conditions such as cerebral palsy' names a cause: it stays)
        return None
    if span[2] == "paren":
        segment_start = max([0] + [m.end() for m in re.finditer(r"[,;]", text[: span[0]])])
        local_heads = [h for h in before if h.start >= segment_start]
        inside = text[span[0] : span[1]]
        coordinated = re.search(r"\b(?:and|or)\b", text[segment_start : span[0]])
        if before[-1].kind == "class" and not gap:
            return before[-1]  # 'other CNS depressants (barbiturates, ...)': its members
        if coordinated and not cues.EXAMPLE.search(inside) and \
                len(re.split(r",|\band\b|\bor\b", inside)) > max(1, len(local_heads)):
            return None  # 'Muscle and joint aches (myalgia and arthralgia)': two effects
    return before[-1]


def _segments(text: str) -> list[tuple[int, int, str]]:
    """Comma/semicolon/'and'-separated pieces of an enumeration, parentheses left out."""
    body_start = text.find(":") + 1 if ":" in text[:-1] else 0
    out = []
    depth = 0
    start = body_start
    for m in _SEPARATOR.finditer(text, body_start):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and m.start() >= start:
            out.append((start, m.start(), text[start : m.start()]))
            start = m.end()
    out.append((start, len(text), text[start:]))
    return [(s, e, p) for s, e, p in out if p.strip()]


_SEPARATOR = re.compile(r"[(),;]| and ")


# 'Some medicines change how this one works' is a sentence, not a group of medicines
# 'other medicines for diabetes', 'certain other drugs used to treat ...'
_OTHER_BEFORE = re.compile(r"\b(?:other|another)\s+(?:[\w-]+\s+){0,2}$", re.I)
_OTHER_MEDICINES = re.compile(r"(?:certain\s+|some\s+)?other\s+(?:[\w-]+\s+){0,2}"
                              r"(?:medicines?|medications?|drugs?|treatments?)\b", re.I)
# an unclosed bracket up to the drug's name: 'benzodiazepines (such as diazepam'
_INSIDE_BRACKET = re.compile(r"\([^()]*$")
# 'mainly COX-2' after 'the COX enzymes' says which of them, not a second action
_EMPHASIS_OF_EARLIER = re.compile(r",?\s*\b(?:mainly|mostly|especially|particularly|chiefly|"
                                  r"preferentially|predominantly)\s*$", re.I)
_CATEGORY_NOUNS = {"conditions", "diseases", "disorders", "illnesses", "infections",
                   "problems"}
_CLAUSE_WORD = re.compile(r"\b(?:how|what|why|whether|this one|everything|anything)\b", re.I)
# The subject of an interaction list item written as a sentence, up to its verb: 'Sodium
# oxybate must not be combined ...', 'Grapefruit juice raises the levels ...'
_PARTNER_SUBJECT = re.compile(
    r"\s*(?P<subject>[A-Z][\w'-]*(?: [\w'-]+){0,4}?)\s+(?:must|should|can|could|may|might|"
    r"will|increases?|decreases?|raises?|lowers?|reduces?|adds?|makes?|interacts?|affects?)\b")
# 'Medicines to treat HIV infection such as ritonavir' describes a group by what its members
# do; the examples are the partners (rule list.described-group)
_DESCRIBED = re.compile(r"\b(?:that|which|who|to|used|for)\b", re.I)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")  # doses and ages, not 'CYP3A4' or '5-HT3'
_CATEGORY = re.compile(
    r"\b(?:medicines?|medications?|drugs?|agents?|products?|pills?|tablets?|inhibitors?|"
    r"inducers?|blockers?|painkillers?|antibiotics?|supplements?|remedies|substrates?|"
    r"treatments|therapies)\b",
    re.I,
)


def _clean_phrase(piece: str, *, category: bool = False, single_word_ok: bool = False) -> str:
    """A list entry as a concept name, or '' when it does not look like one. With
    ``category``, only a group of medicines ('Other medicines that prolong the QT interval')."""
    piece = re.sub(r"\([^)]*\)?", " ", piece)
    piece = cues.ELABORATION.split(piece)[0] if cues.ELABORATION.search(piece) else piece
    piece = re.sub(r"[*_`\"]", "", piece)
    piece = re.sub(r"\s+", " ", piece).strip(" .,:;-–—")
    piece = re.sub(r"^(?:and|or|a|an|the|some|certain|any)\s+", "", piece, flags=re.I)
    words = piece.split()
    if category:
        if not words or len(words) > 9 or not _CATEGORY.search(piece) or \
                _NUMBER.search(piece) or _CLAUSE_WORD.search(piece) or \
                _DESCRIBED.search(piece) or all(w.lower() in _GENERIC_WORDS for w in words):
            return ""  # 'medicines (taken by mouth ...)' names no group
        return piece
    if not words or len(words) > 6 or _VERBISH.search(piece) or _NUMBER.search(piece) or \
            _CLAUSE_WORD.search(piece):
        return ""
    first = words[0].lower()
    if first in _NOT_A_HEAD or (first.endswith(("ing", "ly")) and "-" not in first and \
            first not in _NOUNS_IN_ING):  # 'potassium-containing salts' is a noun phrase
        return ""
    if len(words) == 1 and not single_word_ok:
        return ""  # a lone word left over from a list is mostly a fragment ('nose', 'strains')
    if any(w.lower().endswith("ly") for w in words) or \
            not [w for w in words if w.lower() not in _GENERIC_WORDS and len(w) > 2]:
        return ""
    return piece
