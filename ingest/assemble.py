"""Monograph blocks + concept mentions -> facts about each component drug, with evidence.

Which facts a text yields depends on where it stands (section, sub-heading, bold label),
which component it is about (labels, names in the sentence), and the words around each
mention (negation, comparison, examples, severity). This module orchestrates: the page's
components, a reader per block that turns it into units (sentences, clauses, list items),
the rules of ``drugkg.ingest.rules`` for each predicate, and the passes over the whole
page's facts. See docs/extraction.md.
"""

from __future__ import annotations

import re
from dataclasses import replace

from drugkg.ingest.model import PREDICATE_KINDS, Component, Fact
from drugkg.ingest.monograph import Monograph
from drugkg.ingest.rules import (
    blocks,
    classes,
    contraindications,
    effects,
    indications,
    interactions,
    lists,
    mechanisms,
    status,
    subject,
)
from drugkg.ingest.rules.blocks import LIST_PREDICATE, SECTION_PREDICATES
from drugkg.ingest.rules.sentences import clauses, sentences
from drugkg.ingest.rules.subject import Page, components
from drugkg.ingest.sections import Block
from drugkg.ontology.recognise import Matcher

# What a predicate's own module decides; the rest of the reading is shared by all of them.
# Whether a text can state the predicate at all (absent: always):
_STATES = {
    "adverse-effect": effects.states,
    "indication": indications.states,
    "contraindication": contraindications.states,
    "interaction": interactions.states,
}
# Mentions that state the predicate besides those of its kinds (absent: none):
_CANDIDATES = {
    "adverse-effect": effects.candidates,
    "contraindication": contraindications.candidates,
    "interaction": interactions.candidates,
}
# A mention of the predicate's kinds that the text does not state as one (absent: none):
_EXCLUDES = {
    "class": classes.excludes,
    "mechanism": mechanisms.excludes_mechanism,
    "target": mechanisms.excludes_target,
    "indication": indications.excludes,
    "contraindication": contraindications.excludes,
    "interaction": interactions.excludes,
    "adverse-effect": effects.excludes,
    "risk": effects.excludes,
}


def assemble(monograph: Monograph, matcher: Matcher) -> tuple[list[Component], list[Fact]]:
    """All facts a monograph states about each of its components."""
    comps = components(monograph, matcher)
    facts: dict[tuple[str, str, str], Fact] = {}
    reader = _Reader(Page(monograph, matcher, comps))
    # Warnings are read last, once the page has said what the drug is: a boxed warning
    # about 'benzodiazepines' speaks of a benzodiazepine page's drug (rule
    # subject.own-class-warning)
    for phase in (False, True):
        reader.new_phase()
        for block in monograph.blocks:
            if (block.section == "precautions") is phase:
                for fact in reader.read(block):
                    _merge(facts, fact)
                    if fact.predicate == "class" and fact.concept is not None:
                        reader.page.note_class(fact.component, fact.concept.iri)
    effects.keep_attributed_effects(facts, reader.page)
    effects.drop_returning_condition(facts, reader.page)
    for fact in mechanisms.mechanisms_from_classes(list(facts.values()), matcher.lexicon):
        _merge(facts, fact)
    for fact in mechanisms.mechanisms_named_by_class(list(facts.values()), matcher.lexicon):
        _merge(facts, fact)
    for fact in effects.signalled_risks(list(facts.values()), matcher.lexicon):
        _merge(facts, fact)
    return comps, mechanisms.drop_restated(
        classes.drop_group_mentions(list(facts.values()), matcher.lexicon))


def _merge(facts: dict, fact: Fact) -> None:
    old = facts.get(fact.key)
    if old is None or effects.outranks(fact, old):
        facts[fact.key] = fact


class _Reader:
    """Reads a page block by block: each block into units (sentences, clauses, list
    items), each unit into facts."""

    def __init__(self, page: Page):
        self.page = page
        self._lead = ""  # a paragraph ending in ':' that the list after it completes
        # the component a section's effects as a whole are attributed to, by section
        self._section_owner: tuple[tuple[str, str], list[Component]] | None = None

    def new_phase(self) -> None:
        """Reading starts again further down the page: no lead-in carries over."""
        self._lead = ""
        self._section_owner = None

    def read(self, block: Block):
        page = self.page
        if block.kind in ("heading", "header"):
            # a heading ends the list a lead introduced: after 'Stop taking X and see a doctor
            # at once if you notice:' the 'Common (may affect up to 1 in 10 people)' list is
            # not an emergency one (rule severity.emergency-lead)
            self._lead = ""
            return
        if block.section in ("title", "disclaimer", "dosage", "storage") or \
                blocks.is_caption(block):
            return
        kind = blocks.block_kind(block)
        if block.kind == "item" and blocks.lead_forbids(self._lead):
            kind = "contraindications"  # 'X is not suitable for some people. Tell ... if you:'
        predicates = SECTION_PREDICATES.get(kind, SECTION_PREDICATES["other"])
        if block.kind == "item" and blocks.lead_asks_history(self._lead):
            predicates = tuple(p for p in predicates if p not in ("risk", "adverse-effect"))
        label_is_context = blocks.label_is_context(page, block, kind)
        scope = [lab for lab in block.labels if lab]
        block_comps = []
        for label in scope:
            named = page.named_components(label)
            if named:
                block_comps = named
        units: list[tuple[str, bool]] = []  # (text, is list-like)
        body = re.sub(r"^A:\s*", "", block.text) if kind == "faq" else block.text
        if blocks.is_parent_entry(block, kind):
            units.append((block.label, True))
        if block.label and not label_is_context:
            head = block.label
            if blocks.continues_label(body):
                # '**Topiramate and others**, as well as cimetidine, can ...'
                first, *rest = sentences(body) or [""]
                head, body = f"{head} {first}", " ".join(rest)
            units.append((head, True))
        if block.kind == "para":
            self._lead = body if body.rstrip().endswith(":") else ""
        lead = self._lead if block.kind == "item" else ""
        listish = block.kind in ("item", "row") or (bool(block.label) and label_is_context)
        if lead and not block.label:
            body = lists.distributed(page.matcher, lead, body)
        if not block.label:
            body = blocks.group_entries(body, kind)
        for sentence in sentences(body):
            if kind == "faq" and sentence.rstrip().endswith("?"):
                continue  # a question asks; its answer states
            is_list = listish and not (block.label and not label_is_context)
            for piece, band in blocks.band_pieces(sentence):  # 'Common: a, b Uncommon: c'
                units += [(clause, is_list or band)
                          for clause in clauses(piece, page.named_components)]
        page.label_subject = bool(block.label and label_is_context
                                  and page.named_components(block.label))
        section_key = (block.section, block.heading)
        attributed, whole_section = page.attribution(body)
        if block.kind == "para" and whole_section:
            self._section_owner = (section_key, attributed)  # rule subject.attributed-effect
        owner_key, owner = self._section_owner or (None, [])
        # the side effects under 'Other reactions reported with pentazocine include:' are
        # that component's (rule subject.lead-component)
        lead_comps = page.named_components(lead) if lead and kind == "side-effects" else []
        block_comps = attributed or (lead_comps if len(lead_comps) == 1 else []) or \
            block_comps or (owner if owner_key == section_key else [])

        topic: list[Component] = []  # the component the previous sentence was about
        for i, (text, is_list) in enumerate(units):
            is_head = i == 0 and block.label and not label_is_context
            named = page.named_components(text)
            # the whole block is read for names only when the head unit needs them: most
            # units name their component, and reading a block costs more than its units
            comps = named or block_comps or \
                (page.named_components(f"{block.label} {body}") if is_head else []) or \
                page.named_by_class(text) or topic or page.components
            if not named and len(page.components) > 1 and subject.EVERY_COMPONENT.search(text):
                comps = page.components  # 'allergic to either ingredient'
            # 'Tramadol can cause addiction. Physical dependence develops with regular use.'
            if named:  # a unit naming none continues the topic
                topic = named if len(named) == 1 else []
            if is_head and len(page.components) > 1 and \
                    block.label.lower() in block.text.lower():
                # '**Habit-forming:** butalbital is habit-forming ... Neither aspirin nor
                # caffeine is': the body says whose it is (rule subject.label-restated)
                continue
            unit_predicates = predicates
            if block.label and not label_is_context and not is_head and kind in LIST_PREDICATE:
                # the body of '**Tardive dyskinesia:** involuntary movements ...' describes
                # its head; it does not list more facts of the same kind
                unit_predicates = tuple(p for p in predicates if p != LIST_PREDICATE[kind])
            yield from self._unit(block, kind, unit_predicates, text, is_list, comps, lead)

    def _unit(self, block, kind, predicates, text, is_list, comps, lead=""):
        page = self.page
        if status.defers(text):
            return  # 'refer to the lithium prescribing information' (rule assert.deferral)
        mentions = lists.shared_heads(page.matcher, text, page.matcher.find(text))
        if kind != "interactions" and page.about_another_drug(text, mentions):
            # in Interactions, 'Alcohol may worsen drowsiness' is the fact; elsewhere only
            # 'Cimetidine can deepen its effect' is (rule interaction.taking)
            if "interaction" not in predicates or \
                    not interactions.partner_modifies_its_effect(text):
                return
            predicates = ("interaction",)
        said_at = effects.severity(block, text, lead) if "adverse-effect" in predicates else None
        for predicate in predicates:
            if predicate == "indication" and blocks.denies_use(block):
                continue  # '**Not used for:** ordinary tiredness' (rule indication.denied-use)
            wanted = PREDICATE_KINDS[predicate]
            states = _STATES.get(predicate)
            if states is not None and not states(page, kind, text, mentions, is_list):
                continue
            use_list = is_list and LIST_PREDICATE.get(kind) == predicate
            for concept, phrase, synonyms, start in self._concepts(kind, text, mentions, wanted,
                                                                   predicate, use_list):
                targets = comps
                if predicate in ("risk", "adverse-effect") and len(comps) > 1:
                    targets = page.causal_subject(text, start) or comps
                if predicate == "risk" and concept is not None and \
                        effects.signs_an_allergy(text, phrase, concept):
                    continue  # rule risk.allergy-signs
                rule = f"{predicate}.in-{kind}{'.list' if use_list else ''}"
                if predicate in ("class", "mechanism", "target"):
                    targets = page.owners(text, start, comps)
                    if predicate == "class":
                        asserted = classes.asserts_class(page, text, start, targets,
                                                         start + len(phrase)) or (
                            blocks.names_class_slot(block) and "class.slot-label")
                        if not asserted:
                            continue
                        rule = asserted if isinstance(asserted, str) else rule
                for comp in targets:
                    if predicate == "interaction" and concept is not None and \
                            concept.iri in page.component_iris:
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
                        serious=effects.serious(said_at(start), concept, kind)
                        if predicate == "adverse-effect" else None,
                        synonyms=synonyms,
                        rule=rule,
                    )
                    yield fact
                    if predicate == "class" and concept is not None:
                        # 'SSRI antidepressant' names the broader class too
                        for broader in classes.broader_named(page, concept, " ; ".join(
                                (phrase, *synonyms))):
                            yield replace(fact, concept=broader, phrase=phrase,
                                          rule="class.broader-named")
                    if predicate == "contraindication":
                        implied = contraindications.implied_interaction(fact)
                        if implied is not None:
                            yield implied
        yield from mechanisms.target_actions(page, block, kind, predicates, text, mentions,
                                             comps, lead)
        yield from mechanisms.as_a_consequence(block, kind, predicates, text, mentions, comps)
        yield from effects.fetal_risk(page, block, kind, predicates, text, comps)

    def _concepts(self, kind, text, mentions, wanted, predicate, use_list):
        """(concept, phrase, synonyms, position) asserted by ``text`` for one predicate.

        Mentions inside an elaboration ('(for example codeine)', 'such as X and Y', the
        explanation after a dash) are examples of the head before them, not facts of
        their own, unless the head names no concept."""
        page = self.page
        if predicate == "risk":
            mentions = effects.risk_mentions(page, kind, text, mentions)
        wanted_mentions = [m for m in mentions if m.kind in wanted]
        candidates = _CANDIDATES.get(predicate)
        if candidates is not None:
            wanted_mentions = candidates(page, kind, text, mentions, wanted_mentions)
        excludes = _EXCLUDES.get(predicate)
        kept = []
        # (asked only when there are mentions to check: most texts have none for a predicate)
        distributing = bool(wanted_mentions) and lists.distributing_link(text) is not None
        for m in wanted_mentions:
            if status.negated(text, m, predicate, mentions) or status.refers_back(text, m):
                continue
            if lists.named_as(text, m, wanted_mentions) and predicate != "class":
                # 'a form of diabetes called type 2 diabetes mellitus': the name; but 'a
                # group of antidepressants called SSRIs' states both classes (rule
                # class.named-group)
                continue
            if distributing and lists.completes_lead(text, m):
                continue  # 'nausea and vomiting caused by:' is completed by the list below
            if m.kind in ("condition", "adverse-effect", "risk") and page.purpose_of_partner(
                    text, m, others_only=kind == "usage"):
                continue  # 'ranolazine, a medicine used to treat angina': the partner's use
            if predicate in ("class", "contraindication", "interaction") and \
                    m.concept.iri in page.component_iris:
                continue
            if predicate in ("contraindication", "interaction") and m.kind == "class" and \
                    page.first_example_is_component(text, m.end):
                continue  # 'antipsychotics such as olanzapine' on the olanzapine page
            if excludes is not None and excludes(page, text, m, wanted_mentions, kept):
                continue
            if lists.qualifies_previous(text, m, wanted_mentions):
                continue  # 'heart failure after a heart attack' is one condition
            kept.append(m)
        if predicate == "contraindication":
            age = contraindications.age_group(text)
            if age is not None:
                yield None, age[0], (), age[1]  # rule contra.age-group
        if not kept and not use_list:
            return  # nothing named, and no list entries to read
        grouped = predicate in ("interaction", "indication", "contraindication",
                                "adverse-effect")
        spans = lists.elaboration_spans(text, kept) if grouped else []
        heads, examples = lists.heads_and_examples(text, kept, spans)
        unlinked_head = None
        if not heads and examples and use_list and spans:
            intro = lists.clean_phrase(text[: spans[0][0]], category=True)
            # 'Strong CYP3A4 inhibitors such as X' names a group; 'Medicines that slow the
            # breakdown of diazepam, such as X' and 'Tell your doctor about ...' do not
            if intro and not page.named_components(intro) and not lists.names_reader(intro):
                unlinked_head = intro
        out, synonyms = lists.attach_examples(
            text, heads, examples, unlinked_head,
            bracket_names_term=predicate in ("adverse-effect", "indication", "contraindication"),
            member_of=effects.member_of_category(page) if predicate == "adverse-effect" else None)
        if predicate in ("adverse-effect", "indication"):
            out = lists.merge_alternatives(text, out, synonyms)
        if grouped:
            out = lists.fold_members(text, out, synonyms)
        segments = lists.segments(text) if grouped else []
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
            surface = lists.surface(m, segments, out)
            if surface:
                extra.insert(0, surface)
            yield m.concept, m.text, tuple(extra), m.start
        if unlinked_head:
            yield None, unlinked_head, tuple(m.text for m, _ in examples), 0
        if use_list:
            yield from self._list_entries(text, mentions, predicate, spans, unlinked_head)

    def _list_entries(self, text, mentions, predicate, spans, unlinked_head):
        """Entries of an enumerating section's list that the vocabulary does not know, as
        unlinked concepts: (None, phrase, (), position)."""
        linked_any = any(m.kind in ("adverse-effect", "condition", "drug", "class", "risk",
                                    "target", "mechanism") for m in mentions)
        # a partner's parenthesis says what it is for; it does not name the entry
        parens = [(a, b) for a, b, kind in spans
                  if kind == "paren" and predicate == "interaction"]
        if predicate == "interaction":
            partner = interactions.unknown_subject(self.page, text, mentions)
            if partner is not None:
                if partner:
                    yield None, partner, (), 0
                return
        groups = lists.other_group_spans(text)
        signs_end = effects.signs_end(text) if predicate == "adverse-effect" else 0
        for phrase in lists.segments(text):
            if any(start <= phrase[0] < end for start, end in groups):
                continue  # rule list.other-group: 'and other muscle and joint injuries'
            if linked_any and any(m.start < phrase[1] and m.end > phrase[0]
                                  and not any(a <= m.start < b for a, b in parens)
                                  for m in mentions):
                continue  # ('topotecan (used to treat cancer)' names topotecan)
            if unlinked_head and phrase[0] < len(unlinked_head) + 2:
                continue
            if phrase[0] < signs_end:
                continue  # the signs of the effect the entry names after them
            if predicate == "interaction" and interactions.CONSEQUENCE.search(text, 0, phrase[0]):
                continue  # '... has caused sweating and swings in blood pressure': effects
            if any(sp[0] <= phrase[0] for sp in spans if sp[2] != "paren") or any(
                sp[0] <= phrase[0] < sp[1] for sp in spans
            ):
                continue  # examples and explanations are not list entries
            cleaned = lists.clean_phrase(phrase[2], single_word_ok=predicate == "interaction")
            if cleaned:
                yield None, cleaned, (), phrase[0]
