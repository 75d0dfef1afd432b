"""Who a sentence is about: the page's components, where a text names them, which of them
owns a class or mechanism, and when the subject is another drug or a partner."""

from __future__ import annotations

import re

from drugkg.ingest import cues, prefilter
from drugkg.ingest.model import Component, ordered_keys
from drugkg.ingest.monograph import Monograph
from drugkg.ingest.rules.sentences import CAUSE_SCOPE_END, sentences
from drugkg.ingest.subjects import active_drugs, brand_names
from drugkg.ontology.lexicon import Concept
from drugkg.ontology.recognise import Matcher, Mention, norm_phrase

# "These are mostly due to the ibuprofen component": the block is about one component.
_ATTRIBUTION = prefilter.compile(
    r"\b(?:mostly|mainly|largely|usually|chiefly|all) (?:due to|from|caused by|because of|"
    r"linked to|attributed to)\b"
    # 'Almost all side effects come from the buprenorphine'
    r"|\b(?:comes?|arises?|stems?) (?:mostly |mainly |largely |chiefly )?from\b",
    re.I,
)
# A text about every component: 'severe allergic reactions to either ingredient' (rule
# subject.every-component).
EVERY_COMPONENT = prefilter.compile(r"\b(?:either|both|each|all) (?:of (?:the|its) )?"
                                    r"(?:two |three )?(?:ingredients?|components?|"
                                    r"active substances?)\b", re.I)
# An attribution of the section's effects as a whole, not of the list before it ('These are
# mostly due to ...'): it holds for the rest of the section (rule subject.attributed-effect).
_ATTRIBUTES_SECTION = re.compile(r"\b(?:side[- ]effects|adverse (?:effects|reactions)|"
                                 r"unwanted effects)\b", re.I)
# A purpose clause naming what another medicine is for ('ranolazine, a medicine used to treat
# angina', 'medicines to treat HIV infection such as ritonavir'): the condition is the
# partner's, not the page's drug's.
_PURPOSE = re.compile(
    r"(?:\b(?:medicines|medications|drugs|treatments|therapies|agents|products)|"
    r"\b(?:an?|other|certain|some|any)\s+(?:[\w-]+\s+){0,2}(?:medicine|medication|drug|"
    r"treatment|therapy|agent|product))\b"
    # (', and to treat hiccups' after 'when other medicines have not helped' is a purpose of
    # its own)
    r"(?:(?!,\s*(?:and|or|but)\s)[^.;:]){0,40}?\b(?:(?:used |given |taken )?(?:to (?:treat|"
    r"lower|prevent|control|reduce)|"
    r"for (?:the )?(?:treatment|prevention) of|for)|against)\s+(?:[\w-]+\s+){0,4}$|"
    r"\(\s*(?:used |given )?(?:to (?:treat|lower|prevent)|for)\s+(?:[\w-]+\s+){0,4}$",
    re.I)
# The drug as the sentence's pronoun subject, after an opening phrase closed by a comma if
# any: 'It is ...', 'This medicine ...', 'In some countries it is also given ...', 'Despite
# its name, it belongs to ...'; not after a comparison or a subordinate clause ('Unlike
# diazepam, it ...', 'When used together, the combination might ...') (rule subject.pronoun).
PRONOUN_SUBJECT = re.compile(
    r"\W*(?:(?:in|for|at|on|during|after|among|outside|within) (?:[\w-]+ ){0,4}?[\w-]+ |"
    r"(?!unlike|like|as with|compared|similar|when|if|although|though|while|because|since|"
    r"once|unless)[^,;.]{1,80},\s*)?"
    r"(?:it|they|both|(?:this|the|these) (?:medicines?|medications?|drugs?|combination|"
    r"tablets?|capsules?)|"
    # a leaflet's 'This belongs to a group of medicines called ...', 'This is an ...'
    r"this(?=\s+(?:belongs\b|is\s+an?\b)))\b", re.I)
_ITS = re.compile(r"\W*its\b", re.I)  # 'Its use in pregnancy ...'
# A verb after a modal: 'can cause', 'may lead to', 'can stop' (rule subject.causal).
_MODAL_VERB = re.compile(r"\b(?:can|may|could|might|will|does|do)\s+(?:also\s+)?\w+", re.I)
# 'other medicines for diabetes', 'certain other drugs used to treat ...'
_OTHER_MEDICINES = re.compile(r"(?:certain\s+|some\s+)?other\s+(?:[\w-]+\s+){0,2}"
                              r"(?:medicines?|medications?|drugs?|treatments?)\b", re.I)
# a name compared with, not the subject: 'unlike diazepam', 'longer than lorazepam', 'the
# risk is higher than with valsartan alone' (rule subject.compared-name)
_COMPARED = re.compile(r"\b(?:unlike|than|like)\s+(?:(?:with|in|for|on|taking)\s+)?$")


def components(monograph: Monograph, matcher: Matcher) -> list[Component]:
    """The page's component drugs, each with every name that refers to it: its own, its
    brands (rule subject.brand), its vocabulary labels and those of the active drug a prodrug
    becomes (rule subject.prodrug)."""
    out = []
    brands = brand_names(monograph)
    actives = active_drugs(monograph, brands)
    for name in monograph.components:
        concept = _drug_named(matcher, name)
        keys = [norm_phrase(name), *map(norm_phrase, brands.get(name, ()))]
        active_concepts = [c for c in (_drug_named(matcher, a) for a in actives.get(name, ()))
                           if c is not None]
        keys += map(norm_phrase, actives.get(name, ()))
        for known in (concept, *active_concepts):
            if known is not None:
                keys += [norm_phrase(label) for label in known.labels]
        out.append(Component(name, concept, ordered_keys(k for k in keys if k),
                             tuple(c.iri for c in active_concepts)))
    return out


def _drug_named(matcher: Matcher, name: str) -> Concept | None:
    """The vocabulary drug a name names exactly, if any."""
    return next((m.concept for m in matcher.find(name, ("drug",))
                 if m.text.lower() == name.lower()), None)


# What follows another drug named as a sentence's subject: its head noun and examples
# ('Antipsychotic medicines such as haloperidol block dopamine'), then its verb.
_ANOTHER_SUBJECT_GOES_ON = re.compile(
    r"\W*\s*(?:(?:medicines?|drugs?|medications?|agents?)\b\s*)?"
    r"(?:,?\s*(?:such as|like|including)\s+[^,;.]{1,60}?,?\s+)?"
    r"(?:is|are|was|can|may|has|have|works?|causes?|blocks?|stops?|cancels?|raises?|"
    r"lowers?|increases?|reduces?)\b", re.I)


# The class whose use a report names as the cause: 'has been reported with the use of opioids'
_USE_OF = re.compile(r"\b(?:reported|seen|observed|occurred|associated)\s+(?:with|in)\s+"
                     r"(?:the\s+)?(?:(?:concomitant\s+)?use\s+of\s+)?"
                     r"(?:patients\s+(?:taking|treated with)\s+)?$", re.I)
# A condition that names what products are for: 'cough and cold remedies', 'flu products'
# (rule list.purpose-clause)
_MEDICINE_AFTER = re.compile(r"(?:\s+(?:and|or|&)\s+[\w'-]+)?\s+(?:remed(?:y|ies)|medicines?|"
                             r"medications?|preparations?|products?|treatments?)\b", re.I)
# Between a class and what it includes: 'Antiepileptic drugs (AEDs), including ...'
_GROUP_GAP = re.compile(r"(?:\s*\([^()]*\)|\)+)?[\s,]*")
_AMONG_THEM = re.compile(r"\s+(?:among them|included)\b", re.I)


class Page:
    """A page being read: its components and what the reading has learned so far."""

    def __init__(self, monograph: Monograph, matcher: Matcher, components: list[Component]):
        self.monograph = monograph
        self.matcher = matcher
        self.components = components
        self.component_iris = {c.concept.iri for c in components if c.concept} | {
            iri for c in components for iri in c.active_iris}
        self.sections = {b.section for b in monograph.blocks}
        # classes the page has said its drugs are in, by component name and (asked of every
        # mention) all together: both filled by note_class only
        self.classes_of: dict[str, set[str]] = {}
        self.own_classes: set[str] = set()
        # those classes and every class above them, by component name ('' for all together)
        self._including: dict[str, set[str]] = {}
        # the block's label names a component that its text is about ('**Amlodipine:** A
        # calcium channel blocker ...')
        self.label_subject = False
        # names every component shares: a combination's brand ('Janumet')
        self._shared_keys = set.intersection(*(set(c.keys) for c in components)) \
            if len(components) > 1 else set()
        # the reading asks about the same texts again and again (~170 questions a page)
        self._named: dict[tuple[str, bool], list[Component]] = {}

    def note_class(self, component: str, iri: str) -> None:
        """The page has said ``component`` is in the class ``iri``."""
        self.classes_of.setdefault(component, set()).add(iri)
        self.own_classes.add(iri)
        self._including.clear()

    def includes_drug(self, iri: str) -> bool:
        """``iri`` is a class the page has put its drug in, or one above it ('antipsychotic
        drugs' on an atypical antipsychotic's page)."""
        return iri in self._classes_including("")

    def _classes_including(self, component: str) -> set[str]:
        """The classes the page has put ``component`` in ('': any of its drugs) and every
        class above them."""
        found = self._including.get(component)
        if found is None:
            own = self.classes_of.get(component, set()) if component else self.own_classes
            lexicon = self.matcher.lexicon
            found = self._including[component] = own | {
                above.iri for iri in own for above in lexicon.ancestors(lexicon.get(iri))}
        return found

    def named_components(self, text: str, *, skip_compared: bool = True) -> list[Component]:
        """The components a text names. A combination's brand names every component, but a
        component named on its own outranks it: 'while taking sitagliptin alone (one of the
        medicines in Janumet)' is about sitagliptin (rule subject.own-name-over-brand).
        The list is shared by every asker of the same text: not to be changed."""
        found = self._named.get((text, skip_compared))
        if found is None:
            found = self._named[text, skip_compared] = self._names_in(text, skip_compared)
        return found

    def _names_in(self, text: str, skip_compared: bool) -> list[Component]:
        named, by_own_name = [], []
        padded = f" {norm_phrase(text)} "
        for comp in self.components:
            # every key, not the first found: 'SEGLENTIS is a combination of tramadol, ...'
            # names tramadol by its own name as well as by the shared brand
            found = [key for key in comp.keys if (idx := padded.find(f" {key} ")) >= 0
                     and not (skip_compared and _COMPARED.search(padded, 0, idx + 1))]
            if found:
                named.append(comp)
                if any(key not in self._shared_keys for key in found):
                    by_own_name.append(comp)
        if by_own_name and len(by_own_name) < len(named):
            return by_own_name
        return named

    def named_by_class(self, text: str) -> list[Component]:
        """Rule subject.component-class: on a combination page, a sentence that names the
        class of one component only ('Concomitant use of benzodiazepines and opioids ...' on
        chlordiazepoxide with amitriptyline) is about that component."""
        if len(self.components) < 2:
            return []
        # the sentence's subject: a class within its first words ('Barbiturates may be
        # habit-forming'), not an object ('allergic to penicillins') nor a partner ('Other
        # antidepressants ...')
        named = {m.concept.iri for m in self.matcher.find(text, kinds=("class",))
                 if (len(text[: m.start].split()) <= 3 or _USE_OF.search(text, 0, m.start))
                 and not re.search(r"\bother\s+$", text[: m.start], re.I)}
        found = [comp for comp in self.components
                 if named & self._classes_including(comp.name)]
        return found if len(found) == 1 else []

    def attribution(self, body: str) -> tuple[list[Component], bool]:
        """The one component a sentence (or a clause of it between semicolons) of the body
        attributes the block to (the last such), or none; and whether the attribution is of
        the section's effects as a whole. 'These are mostly due to the ibuprofen component.'
        holds for its block; 'Almost all side effects come from the buprenorphine; naloxone
        taken this way is barely absorbed.' for the rest of the section. One whose subject is
        an effect ('The rash is mostly due to X') attributes that effect only (rule
        subject.attributed-effect)."""
        out: tuple[list[Component], bool] = ([], False)
        for sentence in sentences(body):
            for clause in sentence.split(";"):
                named = self.named_components(clause)
                cue = _ATTRIBUTION.search(clause) if len(named) == 1 else None
                # 'The rash is mostly due to X' attributes the rash, not the block
                if cue and not any(m.kind == "adverse-effect"
                                   for m in self.matcher.find(clause[: cue.start()])):
                    out = (named, bool(_ATTRIBUTES_SECTION.search(clause)))
        return out

    def positions(self, text: str) -> list[tuple[int, int, Component]]:
        """(start, end, component) for each component name in ``text``."""
        out = []
        for comp in self.components:
            out += [(m.start(), m.end(), comp) for m in comp.pattern.finditer(text)]
        return sorted(out, key=lambda p: p[0])

    def owners(self, text: str, start: int, comps: list[Component]) -> list[Component]:
        """The component a class or mechanism mention is about, in a sentence naming several:
        'Paroxetine (an SSRI) and clonazepam (a benzodiazepine)'."""
        if len(comps) < 2:
            return comps
        named = [p for p in self.positions(text) if p[2] in comps]
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

    def names_subject(self, text: str, mentions: list[Mention]) -> bool:
        """The sentence is about the page's drug: it names a component, starts with 'It', or
        names a class the page has put the drug in, or one above it ('Concomitant use of
        benzodiazepines and opioids may result in profound sedation' on a benzodiazepine's
        page, 'Antipsychotic drugs can cause orthostatic hypotension' on an atypical
        antipsychotic's)."""
        return bool(self.positions(text) or PRONOUN_SUBJECT.match(text) or _ITS.match(text)) \
            or any(m.kind == "class" and self.includes_drug(m.concept.iri) for m in mentions)

    def about_another_drug(self, text: str, mentions: list[Mention]) -> bool:
        """'Diazepam is a benzodiazepine that ... can be habit-forming' on the buspirone page
        is about diazepam: a sentence whose subject is another drug names no component, also
        with a head noun and examples between ('Antipsychotic medicines such as haloperidol
        block dopamine'; rule subject.another-drug)."""
        first = next((m for m in mentions if m.kind in ("drug", "class")), None)
        if first is None or first.concept.iri in self.component_iris or \
                self.includes_drug(first.concept.iri):
            return False
        if len(text[: first.start].split()) > 1 or self.positions(text):
            return False
        return bool(_ANOTHER_SUBJECT_GOES_ON.match(text, first.end))

    def first_example_is_component(self, text: str, end: int,
                                   comps: list[Component] | None = None) -> bool:
        """The mention ending at ``end`` is followed by 'such as' / 'including' and then a
        component's name: 'antipsychotics such as olanzapine', 'PDE5 inhibitors, including
        VIAGRA', also past a bracket ('Antiepileptic drugs (AEDs), including BRIVIACT'), or by
        the name and 'among them' ('AEDs, APTIOM among them') (rules subject.own-class and
        class.includes-drug)."""
        after = _GROUP_GAP.match(text, end).end()
        example = cues.EXAMPLE.match(text, after)
        return any((comps is None or comp in comps) and (
            (example is not None and 0 <= start - example.end() <= 2)
            or (start == after and _AMONG_THEM.match(text, stop)))
            for start, stop, comp in self.positions(text))

    def purpose_of_partner(self, text: str, m: Mention, *, others_only: bool = False) -> bool:
        """Rule list.purpose-clause: the mention is what another medicine is for ('cough and
        cold remedies' outside Uses); 'X, sold as Y, is a medication used to treat Z' is
        still the page's drug's use. Under Uses, where
        'a group of medicines used to treat depression' is the drug's own, only medicines
        called other ('with certain other medicines for diabetes') are partners."""
        if not others_only and _MEDICINE_AFTER.match(text, m.end):
            return True  # 'cough and cold remedies containing ephedrine': what they are for
        window_start = max(0, m.start - 90)
        window = re.split(r"[.;:]", text[window_start : m.start])[-1]
        purpose = _PURPOSE.search(window)
        if purpose is None or (others_only and not _OTHER_MEDICINES.search(
                window[max(0, purpose.start() - 30) : purpose.end()])):
            return False
        at = m.start - len(window) + purpose.start()
        return not any(end <= at and cues.CLASS_COPULA.search(text[end:at])
                       for _, end, _ in self.positions(text))

    def causal_subject(self, text: str, start: int) -> list[Component]:
        """Rule subject.causal: in 'Because Drugone can cause dependence, doctors may switch
        to Drugtwo' the risk is Drugone's: the component named right before the causal verb
        whose scope holds the mention ('A and B can cause' keeps both); any verb after a
        modal counts ('tramadol can stop breathing and paracetamol can destroy the liver')."""
        for verb in _MODAL_VERB.finditer(text):
            if verb.start() >= start:  # the verb may be the mention's own ('can stop breathing')
                break
            scope_end = CAUSE_SCOPE_END.search(text, verb.end())
            if scope_end is not None and scope_end.start() < start:
                continue
            subject = [p for p in self.positions(text) if p[1] <= verb.start()
                       and not text[p[1]:verb.start()].strip(" '’s")]
            if subject and not re.search(r"\b(?:and|or|,)\s*$", text[:subject[-1][0]]):
                # a brand of the whole product ('Sinemet can make you sleepy') names each
                named = [comp for begin, end, comp in subject if (begin, end) == subject[-1][:2]]
                return [comp for i, comp in enumerate(named) if comp not in named[:i]]
        return []
