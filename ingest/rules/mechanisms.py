"""Mechanisms and targets: an action on a named receptor, enzyme or transporter, with its
polarity; mechanisms implied by a stated class."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import cache

from drugkg.ingest import cues, prefilter
from drugkg.ingest.model import Fact
from drugkg.ingest.rules import status
from drugkg.ingest.rules.lists import JOINED
from drugkg.ingest.rules.sentences import CLAUSE_BREAK
from drugkg.ingest.rules.subject import Page
from drugkg.ingest.sections import Block
from drugkg.ontology.lexicon import Concept
from drugkg.ontology.recognise import Mention, norm_phrase

# What a drug does to a receptor, enzyme or transporter named right after (or before) it,
# as the nouns mechanism labels use: 'blocks dopamine D2 receptors' -> '... antagonism'.
_ACTIONS = (
    (re.compile(r"\bpartial agonis\w*", re.I), ("partial agonism",)),
    (re.compile(r"\binverse agonis\w*", re.I), ("inverse agonism",)),
    # 'acts as a positive allosteric modulator of the GABA-A receptor' (the labels' wording)
    (re.compile(r"\bpositive allosteric modulat\w*", re.I), ("positive allosteric modulation",)),
    (re.compile(r"\bnegative allosteric modulat\w*", re.I), ("negative allosteric modulation",)),
    (re.compile(r"\b(?:block\w*|antagonis\w*|antagoniz\w*)", re.I),
     ("antagonism", "blockade", "inhibition")),
    # ('the inhibitory effect of GABA' is GABA's own effect, no action on it)
    (re.compile(r"\b(?:inhibit(?!ory)\w*|reduc\w+ the (?:activity|action|effects?) of)", re.I),
     ("inhibition", "antagonism", "blockade")),
    (re.compile(r"\b(?:activat\w*|stimulat\w*|agonis\w*|acts? like|mimic\w*|switch\w* on)", re.I),
     ("agonism", "activation")),
    # 'enhances the effect of GABA at GABA-A receptors', 'increasing the calming effect of GABA'
    (re.compile(r"\b(?:enhanc\w*|potentiat\w*|augment\w*|boost\w*|amplif\w*|strengthen\w*|"
                r"increas\w* the "
                r"(?:[\w-]+ )?(?:effects?|action) of)", re.I),
     ("positive allosteric modulation", "potentiation", "enhancement")),
    (re.compile(r"\bbind\w*", re.I), ("binding",)),
)
# A transmitter named as a likeness, not as what the drug acts on.
_RESEMBLANCE = re.compile(
    r"\b(?:resembl\w*|similar to|analogues? of|analogs? of|derivatives? of|derived from|"
    r"related to|structure of|look(?:s)? like|unlike|like)\b",
    re.I,
)
# 'At the same time it blocks ...': the page's drug, as a pronoun, is the subject of an action
_PRONOUN_ACTS = prefilter.compile(
    r"(?:^|,\s*|\b(?:time|also|and|then|addition)\s+)(?:it|this medicine)"
    r"\s+(?:also\s+|mainly\s+|strongly\s+|then\s+)?(?:block|inhibit|"
    r"activat|stimulat|bind|enhanc|increas|reduc|act)\w*", re.I)
# 'Like other tricyclics it also blocks ...': a likeness to the drug's peers opens the
# sentence, whose subject is still the drug (rule mechanism.like-peers)
_LIKE_PEERS = re.compile(r"^\W*(?:like|as with)\s+(?:(?:all|many|most)\s+)?other\s+"
                         r"(?:[\w-]+\s+){0,2}?[\w-]+,?\s+(?=(?:it|this medicine)\b)", re.I)
# 'As a consequence of inhibiting X, ...': the gerund that follows is the drug's own action
_CONSEQUENCE_OF = prefilter.compile(
    r"\bas an? (?:direct )?(?:consequence|result) of\s+(?=\w+ing\b)", re.I)
_VERB_BACK = re.compile(r"\s*,?\s*and (?:then )?(?P<verb>\w+) (?:it|them)\b", re.I)
# 'mainly COX-2' after 'the COX enzymes' says which of them, not a second action
_EMPHASIS_OF_EARLIER = re.compile(r",?\s*\b(?:mainly|mostly|especially|particularly|chiefly|"
                                  r"preferentially|predominantly)\s*$", re.I)
_AGENT_TO_ACTION = prefilter.compile(
    r"\b([\w-]*?(?:inhibit|antagon|agon|modulat|activat|stimulat))(or|ist)s?\b", re.I)


@cache
def _mechanism_index(lexicon) -> dict[str, Concept]:
    """Mechanisms by normalised label, built once per vocabulary (not once per page)."""
    return {norm_phrase(label): c for c in lexicon.of_kind("mechanism") for label in c.labels}


# A mechanism worded by a verb that says nothing of polarity: 'binds to GABA-A receptors'.
_NEUTRAL_VERB = re.compile(r"(?:binds?|binding|acts?|acting)\b", re.I)


def excludes_mechanism(page: Page, text: str, m: Mention, wanted: list[Mention],
                       kept: list[Mention]) -> bool:
    """Rule mechanism.polarity: in 'binds to the GABA-A receptor and blocks it' the verb that
    comes back to the target decides; the neutral 'binds to' wording is no mechanism. Rule
    mechanism.joint-reuptake: in 'blocks the reuptake of norepinephrine and serotonin' the
    one-transmitter wording is part of the joint mechanism (read by mechanism.target-action)."""
    return bool(_NEUTRAL_VERB.match(m.text) and _VERB_BACK.match(text, m.end)) or \
        _part_of_joint_reuptake(page, text, m)


@cache
def _joint_reuptakes(lexicon) -> frozenset[frozenset[str]]:
    """The sets of transmitters that one reuptake mechanism of the vocabulary acts on."""
    return frozenset(frozenset(c.linked("actsOn")) for c in lexicon.of_kind("mechanism")
                     if "reuptake" in c.label and len(c.linked("actsOn")) > 1)


def _part_of_joint_reuptake(page: Page, text: str, m: Mention) -> bool:
    after = JOINED.match(text, m.end)
    if after is None or "reuptake" not in m.text.lower():
        return False
    joint = _joint_reuptakes(page.matcher.lexicon)
    return any(t.start == after.end() and frozenset({*m.concept.linked("actsOn"),
                                                     t.concept.iri}) in joint
               for t in page.matcher.find(text, ("target",)))


def excludes_target(page: Page, text: str, m: Mention, wanted: list[Mention],
                    kept: list[Mention]) -> bool:
    """A target named as a likeness: 'designed to resemble GABA' is not 'acts on GABA'."""
    before = _LIKE_PEERS.sub("", text[: m.start])
    return bool(_RESEMBLANCE.search(" ".join(before.split()[-6:])))


def target_actions(page: Page, block: Block, kind: str, predicates: tuple[str, ...],
                   text: str, mentions: list[Mention], comps: list, lead: str = ""):
    """Rule mechanism.target-action: in How it works, or in any section after 'works by'
    or 'acts as a ... modulator' (rules mechanism.works-by, mechanism.acts-as), an action on
    a named target is the mechanism so labelled;
    a list item under 'X blocks two types of receptors:' carries that verb."""
    if "mechanism" not in predicates or not (kind == "mechanism" or cues.WORKS_BY.search(text)):
        return
    framed = f"{lead.rstrip().rstrip(':')} {text}" if lead else text
    shift = len(framed) - len(text)
    framed_mentions = [replace(m, start=m.start + shift, end=m.end + shift)
                       for m in mentions] if lead else mentions
    about_drug = bool(page.positions(framed)) or bool(
        re.match(r"\s*(?:it|this|they)\b", text, re.I) or
        _PRONOUN_ACTS.search(_LIKE_PEERS.sub("", text))
    ) or bool(block.label and page.named_components(block.label))
    for mech, mention in _receptor_actions(page, framed, framed_mentions, about_drug):
        for comp in page.owners(framed, mention.start, comps):
            yield Fact(comp.name, "mechanism", mech, mention.text, "mechanism", kind,
                       block.heading, text, block.line, rule="mechanism.target-action")


def as_a_consequence(block: Block, kind: str, predicates: tuple[str, ...], text: str,
                     mentions: list[Mention], comps: list):
    """Rule mechanism.as-a-consequence: 'As a consequence of inhibiting the renin-angiotensin
    system, changes in renal function may be anticipated' states the drug's action in any
    section."""
    consequence = _CONSEQUENCE_OF.search(text)
    if not consequence or "mechanism" in predicates:
        return
    clause = CLAUSE_BREAK.search(text, consequence.end())
    stop = clause.start() if clause else len(text)
    for m in mentions:
        if m.kind == "mechanism" and consequence.end() <= m.start < stop:
            for comp in comps:
                yield Fact(comp.name, "mechanism", m.concept, m.text, "mechanism", kind,
                           block.heading, text, block.line, rule="mechanism.as-a-consequence")


def _receptor_actions(page: Page, text: str, mentions: list[Mention], about_drug: bool):
    """Mechanisms stated as an action on a named target: 'a blocker (antagonist) of
    dopamine D2 receptors', 'a selective 5-HT3 receptor antagonist'. A target whose
    subtypes the sentence names ('two serotonin receptor subtypes, 5-HT2 and 5-HT3') is
    said through them (rule mechanism.subtypes-named)."""
    if not about_drug:
        return
    found = list(_actions_on_targets(page.matcher.lexicon, text, mentions))
    named = {m.concept.iri for _, m in found}
    for mech, m in found:
        if not any(m.concept.iri in o.concept.linked("broader") and o.concept.iri in named
                   for _, o in found if o is not m):
            yield mech, m


# Reuptake, also in lay words: 'stops nerve endings from taking back (reabsorbing)
# noradrenaline' (rule mechanism.reuptake-before).
_REUPTAKE = re.compile(r"\b(?:re-?uptake|tak(?:e|es|ing) back|re-?absorb(?:s|ing)?|"
                       r"re-?absorption)\b", re.I)


# A transmitter's release, raised or lowered: 'causes them to release dopamine and
# norepinephrine', 'increases the release of these monoamines' (not an 'extended-release'
# tablet; rule mechanism.release).
_RELEASE = re.compile(r"(?<!-)\b(?:release[sd]?|releasing)\b(?!-)", re.I)
_LOWERS_RELEASE = re.compile(r"\b(?:reduc|decreas|inhibit|lower|prevent|block|suppress)\w*\s+"
                            r"(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)


def _actions_on_targets(lexicon, text: str, mentions: list[Mention]):
    mechanisms = _mechanism_index(lexicon)
    nts: list[Mention] = []
    # 'the reuptake of serotonin', and 'blocks noradrenaline reuptake' (rule
    # mechanism.reuptake-before); a release likewise (rule mechanism.release)
    for found, suffix in ((_REUPTAKE.search(text), "reuptake inhibition"),
                          (_RELEASE.search(text), "release")):
        if not found:
            continue
        if suffix == "release" and _LOWERS_RELEASE.search(text, max(0, found.start() - 40),
                                                          found.start()):
            suffix = "release inhibition"
        named = [m for m in mentions if m.kind == "target" and not status.negated(text, m) and (
            0 < m.start - found.end() < 80 or 0 <= found.start() - m.end <= 1)]
        nts += named
        names = list(dict.fromkeys(m.concept.label for m in named))
        combos = [" ".join(p) for p in itertools.permutations(names, 2)] + names
        for combo in combos:  # the joint mechanism first ('serotonin-norepinephrine ...')
            hit = mechanisms.get(norm_phrase(f"{combo} {suffix}"))
            if hit is not None:
                yield hit, named[0]
                break
    for m in mentions:
        if m.kind != "target" or m in nts or status.negated(text, m):
            continue  # 'blocks the reuptake of serotonin' blocks no serotonin receptor
        # parentheses aside, a coordinated target shares the verb before it:
        # 'blocks muscarinic receptors (its anticholinergic action) and histamine H1 ...'
        head = text[: m.start]
        opened = cues.INSIDE_BRACKET.search(head)  # '... a natural chemical (GABA)': the
        if opened:                            # bracket names what the clause acts on
            head = head[: opened.start()]
        plain = re.sub(r"\([^()]*\)", " ", head)
        clauses = CLAUSE_BREAK.split(plain)
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
        found = _nearest_action(mechanisms, m.concept, before, after.lstrip(" s"),
                                lexicon.ancestors)
        if found is not None:
            yield found, m


# What may stand between two actions on one target: 'an antagonist and inverse agonist'.
_COORDINATED_ACTIONS = re.compile(r"[\s,/]*(?:(?:and|or|as well as|an?)\s+)*", re.I)


def _nearest_action(mechanisms: dict[str, Concept], target: Concept, before: str, after: str,
                    ancestors) -> Concept | None:
    """The mechanism of the action word nearest before the target, else of one right after it
    (rule mechanism.nearest-action): 'a partial agonist at D2 and 5-HT1A receptors and an
    antagonist at 5-HT2A receptors' is 5-HT2A antagonism. Where the nearest has no
    mechanism on the target, a coordinated action beside it is read ('an antagonist and
    inverse agonist at H3 receptors'), never a shorter word inside it ('agonist' in
    'inverse agonist') nor an action of another target; the neutral 'binds' only where
    no other action is named."""
    spans, neutral = [], []  # (end, start, actions), in table order within one end
    for pattern, actions in _ACTIONS:
        last = next(reversed(list(pattern.finditer(before))), None)
        if last is not None:
            (neutral if actions == ("binding",) else spans).append(
                (last.end(), last.start(), actions))
    spans.sort(key=lambda span: -span[0])
    spans = spans or [(0, 0, actions) for pattern, actions in _ACTIONS
                      if pattern.match(after)][:1] or neutral
    tried_start = tried_end = None
    for end, start, actions in spans:
        if end == tried_end:  # a shorter word inside the one tried
            tried_start = min(start, tried_start)
            continue
        if tried_start is not None and not _COORDINATED_ACTIONS.fullmatch(
                before[end:tried_start]):
            break
        found = _mechanism_named(mechanisms, target, actions, ancestors)
        if found is not None:
            return found
        tried_start, tried_end = start, end
    return None


def _mechanism_named(mechanisms: dict[str, Concept], target: Concept,
                     actions: tuple[str, ...], ancestors) -> Concept | None:
    """The mechanism of ``actions`` on the target, or on its nearest broader target that has
    one (rule mechanism.broader-target: 'stimulates dopamine D3 receptors' is dopamine
    receptor agonism where no D3 mechanism is known)."""
    for level in (target, *ancestors(target)):
        for action in actions:
            for label in level.labels:
                hit = mechanisms.get(norm_phrase(f"{label} {action}"))
                if hit is not None:
                    return hit
    return None


def mechanisms_from_classes(facts: list[Fact], lexicon) -> list[Fact]:
    """Rule mechanism.class-target: a drug of a class whose mechanism acts on a system the
    page's 'How it works' names has that mechanism: 'Alprazolam (a benzodiazepine) ...
    increases the effect of GABA'."""
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


def mechanisms_named_by_class(facts: list[Fact], lexicon) -> list[Fact]:
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


def drop_restated(facts: list[Fact]) -> list[Fact]:
    """Rule mechanism.anaphoric-target: a target named with 'these'/'those' ('a selective
    5-HT3 receptor antagonist: it blocks these serotonin receptors') points back at one the
    page named before; the action on it restates a mechanism the component already has on
    the same system, so it is no fact of its own."""
    pointing = [f for f in facts if f.predicate == "mechanism" and
                f.rule == "mechanism.target-action" and
                re.search(rf"\b(?:these|those)\s+{re.escape(f.phrase)}", f.sentence, re.I)]
    if not pointing:
        return facts
    pointing_ids = {id(f) for f in pointing}
    stated = [f for f in facts if f.predicate == "mechanism" and f.concept is not None and
              id(f) not in pointing_ids]
    restated = {id(f) for f in pointing if any(
        g.component == f.component and
        set(f.concept.linked("actsOn")) & set(g.concept.linked("actsOn")) for g in stated)}
    return [f for f in facts if id(f) not in restated]
