"""Interactions: drugs, classes and substances the drug interacts with, under Interactions or
where a sentence speaks of taking them together.

Read with the rules every predicate shares (``drugkg.ingest.assemble``): negation, where
'Do not take it with X' asserts X (``status.negated``), the page's own drug and classes
(``subject``), list structure and unlinked list entries (``lists``); a contraindicated drug
or class is also an interaction (``contraindications.implied_interaction``)."""

from __future__ import annotations

import re

from drugkg.ingest import prefilter
from drugkg.ingest.rules.lists import appositive_class, clean_phrase, titles_a_drug, within
from drugkg.ingest.rules.subject import Page
from drugkg.ontology.recognise import Mention

# 'It can be taken together with paracetamol', 'is safe to take with', 'does not interact
# with': the partner is named as one that does not interact (rule interaction.safe-together).
_SAFE_TOGETHER = prefilter.compile(
    r"\b(?:can|may) (?:safely )?be (?:taken|used|given|combined) (?:together )?with|"
    r"\b(?:safe|fine|ok|okay|all right) to (?:take|use|combine) (?:it |[\w-]+ )?(?:together )?with|"
    r"\bno (?:known )?interactions? with|\bdoes not interact with", re.I)
# 'Other sleeping tablets ... deepen and prolong its effect', 'CNS depressants add to its
# sedation', 'Strong CYP3A4 inducers make it far less effective': a partner, as subject,
# strengthens or weakens the drug's own effect (rule interaction.taking)
_MODIFY = (r"deepens?|prolongs?|intensif(?:y|ies)|enhances?|strengthens?|boosts?|adds? to|"
           r"weakens?|blunts?|counteracts?")
_MODIFIES_ITS_EFFECT = re.compile(
    rf"\b(?:{_MODIFY})(?: and (?:{_MODIFY}))? (?:its|their|the drug's|the medicine's|the) "
    r"(?:[\w-]+ )?(?:effects?|action|sedation|sedative effects?|drowsiness|sleepiness)\b|"
    r"\bmakes? (?:it|them|this medicine) (?:far |much |a lot |even )?(?:less|more) effective\b",
    re.I)
# Sentences that speak of taking another substance together with the drug
# (rule interaction.taking).
_INTERACTION = re.compile(
    r"\b(?:interact\w*|taken with|taking (?:it )?with|combin(?:e|ed|ing)\b|combination with|"
    # 'Using X with benzodiazepines ... can lead to', 'when X is given with SSRIs'
    r"(?:using|use of|used|given|giving|prescribed) (?:it |this medicine |[\w-]+ )?with|"
    r"together with|alongside|"
    r"along with|with other|avoid\w* (?:drinking|alcohol)|concurrent\w*|"
    # 'drinking alcohol', not the advice 'drink plenty of fluids'
    r"drink\w*(?!\s+(?:plenty|lots|more|enough|extra|(?:some )?water|fluids?)\b)|"
    r"in addition to|plus|concomitant\w*|co-?administ\w+|"
    # 'if you are (also) taking medicines to treat depression, known as SSRIs'
    r"(?:are|is|were|currently) (?:also )?(?:taking|using|receiving|on)|if you (?:also )?take|"
    # 'Grapefruit juice raises atorvastatin levels', 'lowers the blood levels of X'
    r"(?:rais|increas|lower|reduc|decreas)\w* (?:the )?(?:blood |plasma )?(?:levels?|"
    r"concentrations?|exposure) of|"
    r"(?:rais|increas|lower|reduc|decreas)\w* [\w-]+ (?:blood |plasma )?"
    r"(?:levels|concentrations|exposure)|"
    # 'Antacids reduce the absorption of X', 'may reduce the effectiveness of hormonal
    # contraceptives', 'Levels of X are raised by fluconazole', 'Some medicines can affect
    # how X works' (rule interaction.taking)
    r"(?:rais|increas|lower|reduc|decreas|weaken|block)\w* (?:the )?(?:absorption|"
    r"effectiveness|efficacy|effects?|action) of|"
    r"(?:levels?|concentrations?) of [\w-]+ (?:(?:is|are|may be|can be) )?(?:raised|increased|"
    r"lowered|reduced|decreased) by|affects? how [\w-]+ works|"
    # 'It speeds the breakdown of many other drugs, including oral contraceptives'
    r"(?:speeds?(?: up)?|increases?|slows?(?: down)?|reduces?|inhibits?|blocks?) (?:the )?"
    r"(?:breakdown|metabolism|clearance|elimination) of|"
    # 'Alcohol, barbiturates and tranquillisers make the drowsiness worse': potentiation
    r"\bmake (?:the |its |your |this )?(?:[\w-]+ )?(?:worse|stronger)\b|"
    rf"{_MODIFIES_ITS_EFFECT.pattern}|"
    # 'The sedative effects of X are increased by alcohol, opioids ...': potentiation
    r"(?:is|are|be) (?:greatly |further |markedly )?(?:increased|enhanced|intensified|"
    r"potentiated|strengthened|reduced|decreased|weakened) by|"
    # 'Clarithromycin raises the risk of muscle problems with atorvastatin'
    # (not 'the risk of stroke in elderly people with dementia': a population)
    r"(?:rais|increas)\w* the (?:risk|chance) of [^.;]{1,60}? (?<!people )(?<!patients )"
    r"(?<!those )(?<!adults )(?<!children )(?<!anyone )with|"
    # 'it can trigger serotonin syndrome with SSRIs': an effect of the two together
    r"(?:can|may|could|might) (?:also )?(?:cause|trigger|provoke) (?:an? )?(?:[\w-]+ ){1,3}?"
    r"(?<!people )(?<!patients )(?<!those )(?<!anyone )with)\b",
    re.I,
)
# 'especially in people who are dehydrated or taking diuretics', 'in patients being treated
# with high doses of diuretics': a population on another medicine, the medicine a partner
# (rule interaction.population-taking)
_TAKING_POPULATION = prefilter.compile(
    r"\b(?:people|patients|those|anyone|someone|adults|children)(?:\s+who)?(?:\s+(?:are|were))?"
    r"(?:\s+[\w-]+\s+or|\s+also)?\s+(?:taking|take|using|use|receiving|being treated with|"
    r"treated with)\s", re.I)
# Between the drug's name and a class the sentence says it is: ' is a potent '.
_IS_A = re.compile(r"\s+(?:is|acts as)\s+an?\s+(?:[\w-]+\s+){0,2}", re.I)
# A sentence placing the drug in a group: other drugs named there are its peers.
_PEER_GROUP = re.compile(
    r"\b(?:belongs? to|(?:a|the) (?:group|class|family) of|members? of)\b", re.I)
# 'Some medicines change how this one works' is a sentence, not a group of medicines
_OTHER_BEFORE = re.compile(r"\b(?:other|another)\s+(?:[\w-]+\s+){0,2}$", re.I)
# The subject of an interaction list item written as a sentence, up to its verb: 'Sodium
# oxybate must not be combined ...', 'Grapefruit juice raises the levels ...'
_PARTNER_SUBJECT = re.compile(
    r"\s*(?P<subject>[A-Z][\w'-]*(?: [\w'-]+){0,4}?)\s+(?:must|should|can|could|may|might|"
    r"will|increases?|decreases?|raises?|lowers?|reduces?|adds?|makes?|interacts?|affects?)\b")


# A verb whose objects are consequences, not more entries of a list of partners: '...
# has caused sweating and swings in blood pressure' (rule interaction.consequence-not-partner).
CONSEQUENCE = re.compile(r"\b(?:caus(?:e[sd]?|ing)|leads? to|led to|results? in|resulted in|"
                         r"trigger(?:s|ed)?)\b", re.I)


def partner_modifies_its_effect(text: str) -> bool:
    """'Cimetidine can also deepen its effect': a sentence about another drug whose object
    is the page's drug's effect still names that drug as a partner."""
    return bool(_MODIFIES_ITS_EFFECT.search(text))


def states(page: Page, kind: str, text: str, mentions: list[Mention], is_list: bool) -> bool:
    """Under Interactions, or where a sentence speaks of taking another substance with the
    drug; never a partner named as safe together, nor peers of a group ('belongs to the
    Z-drugs, together with zolpidem')."""
    if _SAFE_TOGETHER.search(text):
        return False
    if kind == "side-effects":
        return bool(_TAKING_POPULATION.search(text))
    return kind == "interactions" or (bool(_INTERACTION.search(text) or
                                           _TAKING_POPULATION.search(text))
                                      and not _PEER_GROUP.search(text))


def candidates(page: Page, kind: str, text: str, mentions: list[Mention],
               wanted: list[Mention]) -> list[Mention]:
    """Rule interaction.substance-in-condition: under Interactions, 'Avoid excessive alcohol
    intake while taking X' names alcohol, the substance of the condition. Among side effects
    only the medicines a population takes are partners (interaction.population-taking)."""
    if kind == "side-effects":
        taking = [c.end() for c in _TAKING_POPULATION.finditer(text)]
        return [m for m in wanted if any(end <= m.start < end + 80 for end in taking)]
    if kind != "interactions":
        return wanted
    return wanted + [sub for m in mentions if m.kind == "condition"
                     for sub in within(page.matcher, m, "drug")]


def excludes(page: Page, text: str, m: Mention, wanted: list[Mention],
             kept: list[Mention]) -> bool:
    """A drug named as a comparison ('unlike X', 'more than X'; one named as an example is
    kept by the head logic), a class that only says what the partners before it are (rule
    list.appositive-class), or the page's own class in a sentence not naming the drug (rule
    subject.own-class: 'Concomitant use of benzodiazepines and opioids' on a
    benzodiazepine's page), unless called other."""
    if re.search(r"\b(?:unlike|than|like|as with)\s+(?:\w+\s+){0,2}$", text[: m.start][-40:],
                 re.I):  # rule interaction.comparison
        return True
    if text.startswith("-containing", m.end):
        return True  # 'estrogen-containing oral contraceptives': the contraceptives (same rule)
    if m.kind != "class":
        return False
    if any(_IS_A.fullmatch(text, end, m.start) for _, end, _ in page.positions(text)
           if end <= m.start):
        return True  # 'Carbamazepine is a potent inducer of CYP3A4': what it is (subject.is-a)
    # (rule list.class-as-title: "the antibiotic linezolid")
    # (the drug named in another clause does not count: 'interactions with barbiturates have
    # concerned phenobarbital; the same interactions should be expected with amobarbital')
    end = text.find(";", m.end)
    clause = text[text.rfind(";", 0, m.start) + 1 : end if end >= 0 else len(text)]
    return appositive_class(text, m, kept) or titles_a_drug(text, m, wanted) or (
        page.includes_drug(m.concept.iri) and not page.positions(clause)
        and not _OTHER_BEFORE.search(text, max(0, m.start - 30), m.start))


def unknown_subject(page: Page, text: str, mentions: list[Mention]) -> str | None:
    """Rule interaction.unknown-subject: 'Sodium oxybate must not be combined with it' - a
    partner the vocabulary does not know, as the item's subject: its name ('' for none, or
    for a generic group), or None when the item is not written that way."""
    subject = _PARTNER_SUBJECT.match(text)
    if not subject or any(m.start < subject.end("subject") for m in mentions):
        return None
    cleaned = clean_phrase(subject["subject"], single_word_ok=True)
    return cleaned if cleaned and not page.named_components(cleaned) else ""
