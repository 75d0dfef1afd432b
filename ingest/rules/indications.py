"""Indications: what the drug is used for, under Uses or wherever a sentence says it treats
something.

Read with the rules every predicate shares (``drugkg.ingest.assemble``): negation ('not an
approved use', ``status``), a partner's purpose ('a medicine used to treat angina',
``subject.purpose_of_partner``) and list structure (``lists``)."""

from __future__ import annotations

import re

from drugkg.ingest import cues
from drugkg.ingest.rules.lists import follows, time_clause_subject
from drugkg.ingest.rules.subject import Page
from drugkg.ontology.recognise import Mention

# A use denied by the words just before it ('should not be used in', "mustn't be used for").
# ... or said of the past: 'no longer used for epilepsy', 'was once widely prescribed for
# insomnia' (rule indication.past-use)
_DENIED = re.compile(r"\b(?:(?:not|n't|never|no longer)\s+(?:be\s+)?(?:an?\s+)?|"
                     r"(?:once|formerly|previously|historically)\s+(?:\w+\s+)?)$", re.I)
_PAST_USE = re.compile(r"\b(?:was|were) (?:once|formerly|previously)\b|"
                       r"\bno longer (?:used|recommended|prescribed|given)\b", re.I)
# Between two conditions: the second is the setting of the first ('mania in bipolar disorder',
# 'hot flushes during the menopause').
# ('fluid build-up (oedema) caused by heart failure': past the bracket that names the use)
_CONTEXT_OF = re.compile(r"\)?\s+(?:in|during|associated with|caused by|due to|secondary to|"
                         r"related to|resulting from|arising from)\s+(?:(?:the|an?)\s+)?", re.I)
# ... and the examples of a cause: 'spasticity resulting from upper motor neuron disorders,
# such as spinal cord injury, stroke, cerebral palsy' treats the spasticity
_CAUSE_EXAMPLES = re.compile(r"\b(?:caused by|due to|secondary to|resulting from|arising from)"
                             r"\s[^;.:]*\b(?:such as|including|e\.g\.)\s[^;.:(]*$", re.I)


# An appositive gloss after a use: ', a severe facial nerve pain' (', a severe form of
# childhood-onset epilepsy' names the broader use as well).
_GLOSS = re.compile(r",\s+an?\s+(?!(?:[\w-]+\s+){0,2}(?:form|type|kind|variety)\s+of\b)"
                    r"(?:[\w-]+\s+){0,4}", re.I)
# 'postpartum depression, meaning depression that begins during late pregnancy': a
# definition of the use before it, to the end of its clause (same rule)
_DEFINITION = re.compile(r",\s*(?:meaning|which means|i\.e\.,?|that is,|in other words,?)\s"
                         r"[^.;:]*", re.I)


def states(page: Page, kind: str, text: str, mentions: list[Mention], is_list: bool) -> bool:
    """Under Uses a list item or a sentence about the drug states uses; elsewhere only a
    sentence that says the drug treats ('It is used to treat ...'). A summary's uses count
    only where the page has no Uses section."""
    if _PAST_USE.search(text):
        return False  # 'It was once widely prescribed as a sleeping pill for insomnia'
    if not _treats(text) and (kind != "usage" or cues.TREATS.search(text) or (
            not is_list and not page.names_subject(text, mentions))):
        return False  # 'Lowering blood pressure reduces the risk of stroke': background
    if not _treats(text) and not is_list and cues.WORKS_BY.search(text):
        # rule indication.how-it-works: 'It works by stopping the growth of bacteria which
        # can cause serious infections' says how it works, not what it is used for
        return False
    # a summary's 'widely used for pain' is said exactly under Uses
    return not (kind == "overview" and "usage" in page.sections)


def _treats(text: str) -> bool:
    """A cue of use that is not denied: 'It should not be used in people with sleep apnoea'
    is a contraindication, not a use (rule indication.denied-use)."""
    return any(not _DENIED.search(text, max(0, m.start() - 12), m.start())
               for m in cues.TREATS.finditer(text))




# A concession after the use: 'used for the relief of migraine headaches, although this use
# has fallen out of favour because of concern about medication-overuse headache' (rule
# indication.concession); 'but also' adds a use.
_CONCESSION = re.compile(r"[,;]\s*(?:although|though|whereas|but(?!\s+also)|however)\b", re.I)


# The symptoms a use comes with: 'Anxiety with physical symptoms such as palpitations,
# sweating or stomach upset' treats the anxiety (rule indication.with-symptoms).
_WITH_SYMPTOMS = re.compile(r"\bwith\s+(?:[\w-]+\s+)?(?:symptoms?|signs?|features?)\s+(?:such as|"
                            r"like|including|e\.g\.)[^;:.()]*$", re.I)


def excludes(page: Page, text: str, m: Mention, wanted: list[Mention],
             kept: list[Mention]) -> bool:
    """'mania in bipolar disorder' treats the mania: the setting is no use of its own; and
    'trigeminal neuralgia, a severe facial nerve pain' or 'postpartum depression, meaning
    depression that begins ...' describes the use before it (rule indication.appositive-gloss)."""
    if _WITH_SYMPTOMS.search(text, 0, m.start) or _CAUSE_EXAMPLES.search(text, 0, m.start):
        return True
    cue = next(reversed(list(cues.TREATS.finditer(text, 0, m.start))), None)
    if cue is not None and _CONCESSION.search(text, cue.end(), m.start):
        return True
    if time_clause_subject(text, m):
        return True  # rule indication.time-clause
    return follows(text, m, wanted, _CONTEXT_OF) or follows(text, m, wanted, _GLOSS) or \
        follows(text, m, wanted, _DEFINITION)
