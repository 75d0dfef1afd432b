"""Assertion status: whether the text asserts a mention or denies, hedges or refers back to
it. ConText-style cue tables (decision 0008): triggers, pseudo-triggers (exceptions),
termination at clause breaks and list scope."""

from __future__ import annotations

import re

from drugkg.ingest import cues, prefilter
from drugkg.ingest.rules.sentences import CLAUSE_BREAK
from drugkg.ontology.recognise import Mention

# A mention preceded (in its clause, within a few words) by one of these is not asserted.
_NEGATION = prefilter.compile(
    r"\b(?:not|no|never|without|neither|nor|cannot|unlike|rather than|instead of|"
    r"little (?:or no )?(?:direct )?effect on|hardly|"
    # 'mianserin has little anticholinergic activity', 'with very little sedation'
    r"(?:has|have|had|with|shows?|showed) (?:(?:very|only) )?little|"
    # rule assert.minimal-effect: 'only a minimal effect on serotonin reuptake'
    r"(?:minimal|negligible|weak|slight) (?:effect|action|activity|affinity) (?:on|for|at)|"
    r"free of|lack of|lacks|absence of|isn't|aren't|doesn't|don't|didn't|won't|wasn't|"
    r"lowers? the risk of|reduces? the risk of|prevents?|protects? against)\b",
    re.I,
)
_IN_SERIES = re.compile(r"(?:,|\bor\b|\band\b|\bnor\b)", re.I)
# A comparison closed by a comma, which negates nothing after it.
_COMPARED = prefilter.compile(r"\b(?:unlike|rather than|instead of)\b[^,]*,", re.I)
# ... unless the negation is itself negated or only hedges ("not only", "cannot be ruled out").
_NEGATION_EXCEPTIONS = re.compile(
    r"\bnot only\b|\bcannot be ruled out\b|\bnot uncommon\b|\bnot rare\b|"
    # 'do not stop taking it suddenly', not 'it does not stop a migraine attack' (rule
    # assert.stop-pseudo-trigger)
    r"\bnot stop(?!\s+(?:an?|the)\b)\b|\bnot be stopped\b|\bnot exceed\b|\bnot drive\b|"
    r"\bno longer\b|"
    # a purpose, not a denial ('used to prevent', 'is included to prevent and relieve'):
    # rule assert.purpose-not-denial
    r"\b(?:used|given|taken|prescribed|licensed|approved|included|intended|designed|added|"
    r"there) to (?:treat (?:and|or) )?prevent\b",
    re.I,
)
# An instruction not to combine ('Do not take it with X', 'must not be used together with
# X', 'Do not drink alcohol while taking it', "It's best not to drink alcohol") asserts an
# interaction or contraindication with X (rule assert.neither-prohibits).
_PROHIBITION = re.compile(
    r"\b(?:do not|don't|never|must not|should not|cannot|neither\s+(?:should|must)|"
    r"(?:best|better|wise|advisable) not to)\s+"
    r"(?:be\s+)?(?:\w+\s+){0,1}?"
    r"(?:take|taken|use|used|combine|combined|mix|mixed|give|given|drink|drunk|breast-?feed)\b",
    re.I,
)
# Right after a mention: the sentence denies it ('insomnia is not an approved use') or only
# points elsewhere ('see the pregnancy section').
_NEGATED_AFTER = re.compile(
    r"\W{0,3}(?:(?:but|although|though)\s+)?(?:(?:this|that|it|which)\s+)?(?:is|are)\s+not\s+(?:an?\s+)?(?:approved|licensed|recommended|indicated|"
    r"a use|one of its uses)\b|\s+sections?\b|"
    # ConText's post-triggers (rule assert.denied-after): 'Drowsiness has not been reported',
    # 'weight gain was not seen in studies', 'addiction is unlikely'
    # 'The dependence potential of PRECEDEX has not been studied' (a hedge: not asserted)
    r"\W{0,3}(?:[\w-]+\s+){0,4}?"
    r"(?:(?:has|have|had)\s+(?:not|never)\s+been|(?:was|were|is|are)\s+(?:not|never))\s+"
    r"(?:clearly\s+|convincingly\s+|consistently\s+)?"  # 'have not been clearly shown'
    r"(?:reported|seen|observed|found|shown|described|demonstrated|established|studied|"
    r"evaluated|assessed|confirmed|proven|proved)\b|\s+(?:is|are|was|were)\s+(?:very\s+|highly\s+)?unlikely\b|"
    # rule assert.placebo-rate: 'somnolence occurred at a rate similar to placebo', 'dizziness
    # was no more common than with placebo': the drug made no difference
    r"\W{0,3}(?:[\w-]+\s+){0,5}?(?:(?:similar|comparable|equal) to|no (?:more|higher) than|"
    r"no more (?:common|frequent|often)\w* than|(?:as|no more) (?:often|frequently) as)\s+"
    r"(?:that\s+)?(?:(?:seen|reported)\s+)?(?:with\s+|on\s+|of\s+)?placebo\b",
    re.I,
)
_NEGATED_DESCRIPTION = re.compile(r"\b(?:that|which|who)\s+(?:\w+\s+){0,2}(?:not|no|never|cannot|"
                                  r"can't|don't|do not)\b[^()]*$", re.I)
# 'Some of these pain and headache uses are off-label': a reference back to facts already
# stated, not a new one.
_ANAPHORA = re.compile(r"\b(?:these|those)\s+(?:[\w-]+\s+(?:and|or)\s+)?$", re.I)


# 'If X is given with lithium, refer to the lithium prescribing information for its
# contraindications': the sentence points to another document and states nothing itself
# (rule assert.deferral).
_DEFERS = prefilter.compile(
    r"\b(?:refer to|see|consult)\s+(?:also\s+)?(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:prescribing "
    r"information|package insert|product information|summary of product characteristics)\b",
    re.I)


def defers(text: str) -> bool:
    """Rule assert.deferral: the sentence sends the reader to another product's label."""
    return bool(_DEFERS.search(text))


def negated(text: str, m: Mention, predicate: str = "",
            mentions: list[Mention] = ()) -> bool:
    """The mention is denied in its clause ('does not cause drowsiness', 'no affinity for
    A, B or C receptors'), not merely prohibited ('Do not take it with X')."""
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
    if _NEGATED_AFTER.match(text[m.end :]):
        return True  # 'insomnia is not an approved use'
    clause = CLAUSE_BREAK.split(before)[-1]
    examples = list(cues.EXAMPLE.finditer(clause))
    if examples:  # 'does not work against infections such as the flu'
        clause = clause[: examples[-1].start()]
    words = clause.split()
    # a negated list reaches its later members: 'is not associated with the sexual side
    # effects or the weight gain' (rule assert.list-scope); one noun phrase reaches over its
    # function words (rule assert.phrase-reach)
    if _IN_SERIES.search(" ".join(words[-8:])):
        window = " ".join(words[-14:])
    else:
        window = " ".join(_last_content_words(words, 8))
    # a comparison's scope ends at its comma: 'Unlike older antidepressants, it causes
    # drowsiness' (rule assert.comparison-scope)
    window = _COMPARED.sub(" ", window)
    if not _NEGATION.search(window):
        return False
    if predicate in ("interaction", "contraindication") and _PROHIBITION.search(
            f"{window} {m.text}"):  # rule contra.prohibited-activity: 'Do not breast-feed'
        return False
    return not _NEGATION_EXCEPTIONS.search(window)


# Words that make a noun phrase longer without moving it away from its negation: 'not a
# treatment for a productive cough with a lot of phlegm' (rule assert.phrase-reach).
_FUNCTION_WORD = re.compile(r"(?:a|an|the|of|for|with|to|in|on|at|by|its|their|your)$", re.I)


def _last_content_words(words: list[str], reach: int) -> list[str]:
    """The clause's last words back to its ``reach``-th content word."""
    counted = 0
    for i in range(len(words) - 1, -1, -1):
        counted += not _FUNCTION_WORD.match(words[i])
        if counted == reach:
            return words[i:]
    return words


def refers_back(text: str, m: Mention) -> bool:
    """'These pain and headache uses are off-label' refers back and adds nothing."""
    return bool(_ANAPHORA.search(text[: m.start]))
