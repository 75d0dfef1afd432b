"""Contraindications: conditions, and drugs or classes not to be combined with, stated under
Contraindications or by a sentence that forbids use ('must not be used by').

Read with the rules every predicate shares (``drugkg.ingest.assemble``): negation, where
'must not be used by' and 'Do not take it with X' assert rather than deny
(``status.negated``), the page's own drug and classes (``subject``), and list structure
(``lists``)."""

from __future__ import annotations

import re
from dataclasses import replace

from drugkg.ingest import cues, prefilter
from drugkg.ingest.model import Fact
from drugkg.ingest.rules.lists import (
    after_last,
    appositive_class,
    follows,
    named_exactly,
    titles_a_drug,
    within,
)
from drugkg.ingest.rules.sentences import CLAUSE_BREAK
from drugkg.ingest.rules.subject import Page
from drugkg.ontology.recognise import Mention

# A hedge that turns a contraindication into a caution; "unless your doctor tells you to" is
# no hedge: the prohibition stands (rule contra.doctor-exception).
_CAUTION = prefilter.compile(
    r"\b(?:only if|with caution|use with care|with care|only when|"
    r"considers? it essential|closely monitored|careful monitoring)\b",
    re.I,
)
# Drugs named as the object of a condition ('allergic to penicillins', 'asthma after taking
# NSAIDs') are part of that condition, not co-medications (rules contra.allergy-to,
# contra.condition-object).
_CONDITION_OBJECT = re.compile(
    # (an allergy's object ends where the sentence goes on: '..., or together with an MAOI')
    r"(?:\b(?:allerg\w*|hypersensitiv\w*|sensitiv\w*|intoleran\w*)\s+"
    r"(?:(?!together\b|with\b|within\b|while\b|during\b)[\w,'-]+\s+){0,12}|"
    r"\b(?:after (?:taking|using)|caused by|induced by|triggered by|due to|because of|"
    r"intoxication with|"
    r"poisoning (?:with|by)|overdose (?:of|with)|"
    # 'people who are abruptly stopping alcohol or benzodiazepines': a withdrawal state
    r"stopping|discontinuing|discontinuation of|withdrawal from|withdrawing from)"
    r"\s+(?:[\w,'-]+\s+){0,6}|"
    # the drug of a past reaction: 'has had angioedema in the past with an ACE inhibitor'
    # (rule contra.past-reaction-drug)
    r"\bhad\s+(?:[\w'-]+\s+){1,5}?(?:in the past\s+|before\s+)?(?:with|while taking|"
    r"when taking|on)\s+(?:[\w'-]+\s+){0,6}|"
    # a reason clause: 'should not be used while breastfeeding, as morphine passes into milk'
    r"^\s*(?:as|because|since)\s+(?:[\w,'-]+\s+){0,3})"
    r"$",
    re.I,
)
# Reactions before a drug they follow: '... swelling after taking (another) aspirin'.
_AFTER_TAKING_ANYWHERE = re.compile(r"\bafter (?:taking|using|being given)\b", re.I)
_AFTER_TAKING = re.compile(r"\bafter (?:taking|using|being given)\s+(?:(?:an?|another|other)\s+)?$",
                           re.I)
# Between a drug and a condition: the condition restricts when the drug is contraindicated
# ('together with aliskiren in people with diabetes').
_WHO_WITH = re.compile(r"\s+in\s+" + cues.PEOPLE_WITH + r"(?:[\w'-]+,?\s+){0,4}", re.I)


# An age group the drug is forbidden for: 'Do not give these tablets to children younger
# than 6 years', 'should not be used in children under 12 years of age' (rule
# contra.age-group)
_AGE_GROUP = re.compile(
    r"\b(?:children|adolescents|teenagers|young people|infants|babies|p(?:a)?ediatric "
    r"patients|anyone)(?: (?:aged|who are))? (?:under|younger than|below|less than|under the "
    r"age of) \d+(?: (?:years?|months?)(?: of age| old)?)?|"
    # 'It should not be given to children before puberty'; a leaflet's list item 'if you are
    # under 18 years of age'
    r"\bchildren before puberty\b|(?<=\byou are )under \d+ years?(?: of age| old)?", re.I)


def age_group(text: str) -> tuple[str, int] | None:
    """The age group a sentence forbids the drug for, as written, and where it starts."""
    found = _AGE_GROUP.search(text)
    return (found.group(0), found.start()) if found else None


# 'Reactions have included rash, facial swelling, urticaria, and anaphylaxis', 'Reactions have
# ranged from rash and pruritus to angioedema' (rule contra.reported-reactions)
_REACTIONS_REPORTED = prefilter.compile(
    r"\breactions?\b[^.;]{0,40}?\b(?:ha(?:ve|s) (?:been reported|been observed|included|"
    r"ranged|occurred)|(?:were|was) (?:reported|observed))\b", re.I)


def states(page: Page, kind: str, text: str, mentions: list[Mention], is_list: bool) -> bool:
    """Under Contraindications, or where a sentence forbids use; a hedged caution ('should
    use it only if a doctor considers it essential') is no contraindication, nor is a report
    of the reactions an allergy brings (rule contra.reported-reactions: 'Hypersensitivity
    reactions have been reported, including rash and urticaria')."""
    forbids = cues.CONTRAINDICATION.search(text)
    return not ((kind != "contraindications" and not forbids) or _CAUTION.search(text)
                or (not forbids and _REACTIONS_REPORTED.search(text)))



def candidates(page: Page, kind: str, text: str, mentions: list[Mention],
               wanted: list[Mention]) -> list[Mention]:
    """Rule contra.effect-as-condition: under Contraindications, a disease the vocabulary
    words as an adverse effect ('Severe liver failure') states the condition within it
    (conditions and effects are disjoint), unless it is what something 'can cause'; and
    anywhere, the allergy that reactions to a drug make (rule contra.reaction-to-drug)."""
    reaction = _reaction_to_drug(page, text, mentions)
    if reaction:
        wanted = [*wanted, reaction[0]]
    wanted = [_recent(page, text, m) for m in wanted]
    if kind != "contraindications":
        return sorted(wanted, key=lambda m: m.start)
    wanted = wanted + [
        within(page.matcher, m, "condition")[-1] for m in mentions
        if m.kind == "adverse-effect"
        and not any(o.kind == "condition" and o.start == m.start for o in mentions)
        and not cues.CAUSES.search(text, 0, m.start) and within(page.matcher, m, "condition")]
    wanted.sort(key=lambda m: m.start)
    return wanted


# 'a heart attack within the last 6 weeks': a recent event (rule contra.recent-event)
_RECENT = re.compile(
    r"\s+(?:with)?in the (?:last|past|previous) (?:\w+ )?(?:days?|weeks?|months?)\b", re.I)


def _recent(page: Page, text: str, m: Mention) -> Mention:
    """Rule contra.recent-event: 'had a heart attack within the last 6 weeks' is the recent
    event the vocabulary names (recent myocardial infarction), where it names one."""
    if m.kind != "condition" or not _RECENT.match(text, m.end):
        return m
    named = named_exactly(page.matcher, f"recent {m.text}", "condition")
    return replace(m, concept=named[0].concept) if named else m


def excludes(page: Page, text: str, m: Mention, wanted: list[Mention],
             kept: list[Mention]) -> bool:
    """'with aliskiren in people with diabetes' contraindicates the combination, not
    diabetes alone ('the use of X in patients with diabetes', X the page's drug, does);
    drugs inside a condition ('allergic to X') are part of it."""
    reaction = _reaction_to_drug(page, text, wanted)
    if reaction:
        allergy, start = reaction
        if m == allergy:
            return False
        if m.kind in ("condition", "adverse-effect") and start <= m.start < allergy.start:
            return True  # 'asthma, hives or a runny nose after taking aspirin': the allergy
    if m.kind in ("condition", "adverse-effect") and (
            _caused_by_drug(page, text, m) or _QUALIFIED.match(text, m.end)):
        return True
    partners = [o for o in wanted if o.concept.iri not in page.component_iris]
    return _part_of_condition(text, m) or follows(text, m, partners, _WHO_WITH,
                                                  ("drug", "class")) or \
        titles_a_drug(text, m, wanted) or (  # rule list.class-as-title
            m.kind == "class" and appositive_class(text, m, kept))


# 'jaundice caused by a blocked bile duct', 'diarrhoea linked to antibiotic treatment': the
# qualifier narrows the condition, so the bare head is not what is contraindicated (rule
# contra.qualified-condition); a condition the qualifier names is kept
_QUALIFIED = re.compile(r"\s+(?:caused by|due to|linked to|resulting from|brought on by)\s",
                        re.I)


def _caused_by_drug(page: Page, text: str, m: Mention) -> bool:
    """Rule contra.effect-not-condition: 'Hydroxyzine can prolong the QT interval and cause
    torsades de pointes' names what the drug causes, even under Contraindications."""
    clause_start = after_last(CLAUSE_BREAK, text, m.start)
    verb = cues.CAUSAL.search(text, clause_start, m.start)
    return verb is not None and (bool(page.positions(text[clause_start : verb.start()])) or bool(
        re.search(r"\b(?:it|this medicine)\s+$", text[clause_start : verb.start()], re.I)))


def _reaction_to_drug(page: Page, text: str,
                      mentions: list[Mention]) -> tuple[Mention, int] | None:
    """Rule contra.reaction-to-drug: 'have had asthma, hives, a runny nose or swelling after
    taking aspirin or another NSAID' is an allergy to aspirin, as the vocabulary names it
    ('allergy to aspirin': NSAID hypersensitivity): (that condition, placed on the drug's
    name, and where the clause of reactions starts), or None. In '... after taking aspirin or
    another NSAID' the first drug names the allergy."""
    if not _AFTER_TAKING_ANYWHERE.search(text):
        return None  # most sentences: no scan of their mentions
    for d in mentions:
        if d.kind not in ("drug", "class") or not _AFTER_TAKING.search(
                text, max(0, d.start - 40), d.start):
            continue
        named = named_exactly(page.matcher, f"allergy to {d.text}", "condition")
        if named:
            breaks = list(CLAUSE_BREAK.finditer(text, 0, d.start))
            return replace(d, concept=named[0].concept), breaks[-1].end() if breaks else 0
    return None


def implied_interaction(fact: Fact) -> Fact | None:
    """Rule interaction.from-contraindication: 'must not be taken with an MAOI' is also an
    interaction."""
    if fact.kind in ("drug", "class"):
        return replace(fact, predicate="interaction", rule="interaction.from-contraindication")
    return None


def _part_of_condition(text: str, m: Mention) -> bool:
    """In 'allergy to X or other benzodiazepines', 'asthma after taking NSAIDs' and 'the
    risk of lactic acidosis, such as ...' the drug or risk is not itself contraindicated."""
    before = text[: m.start]
    if before.count("(") > before.count(")"):  # 'sensitivity to its vehicle (macrogol, ...'
        cut = before.rfind("(")
        before = before[:cut] + " " + before[cut + 1 :]
    clause = CLAUSE_BREAK.split(before)[-1]
    if m.kind in ("drug", "class"):
        return bool(_CONDITION_OBJECT.search(clause))
    if re.search(r"\b(?:people|patients|those|anyone)\s+with\s+(?:a\s+)?(?:known\s+|high\s+|"
                 r"increased\s+)?risks? of\s+(?:\w+\s+){0,1}$", clause, re.I):
        # rule contra.known-risk: 'people with a known risk of narrow-angle glaucoma' have
        # the condition
        return False
    return bool(re.search(r"\brisks? of\s+(?:\w+\s+){0,1}$", clause, re.I))
