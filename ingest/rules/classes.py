"""Classes: when a sentence says the drug IS of a class, rather than naming one (a
comparison, a partner's class, an example of the drug's)."""

from __future__ import annotations

import re

from drugkg.ingest import cues, prefilter
from drugkg.ingest.model import Component, Fact
from drugkg.ingest.rules.subject import PRONOUN_SUBJECT, Page
from drugkg.ontology.lexicon import Concept
from drugkg.ontology.recognise import Mention, norm_phrase

# A class inside a subordinate clause is not what the copula says the drug is: 'is used in
# status epilepticus when benzodiazepines have failed' (rule class.comparison).
_SUBORDINATE = prefilter.compile(r"\b(?:when|if|unless|after|because|until|whereas|while|during)\b",
                                 re.I)
# A class after these is compared with or an example, not the drug's (rule class.comparison).
_COMPARISON = re.compile(
    r"\b(?:unlike|like|similar to|as with|as do|compared (?:with|to)|than|resembles?|"
    r"in contrast to|contrary to|"
    r"relatives? of|cousins? of|such as|including|other|e\.g\.|for example|related to|derived from|"
    r"derivatives? of|analogues? of|different from|distinct from|apart from|and from|close to|"
    # 'works about as well as a Z-drug'
    r"(?:about|nearly|almost|just|roughly) as \w+ as)"
    r"\s+(?:\w+\s+){0,3}$",
    re.I,
)
# 'Like other anti-seizure medicines, pregabalin ...' and 'Like all SSRIs, it ...' say the
# drug is one (rule class.like-other).
_LIKE_OTHER = re.compile(r"\b(?:like|as with)\s+(?:(?:all|many|most)\s+other\s+|other\s+|"
                         r"all\s+)(?:[\w-]+\s+){0,2}$", re.I)
# A drug's name set off by a comma after 'a/the <class>' renames it (rule class.appositive).
_APPOSITION = re.compile(r"\s*,\s*")
_ARTICLE = re.compile(r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,2}$", re.I)
# ... and closed after the name ('In contrast to the SSRIs, nefazodone is ...' is no apposition)
_APPOSITION_CLOSED = re.compile(r"\s*(?:[,;)]|$|(?:and|together|with|that)\b)", re.I)
# the drug right after the comparison's comma: 'Like all SSRIs, it can cause ...'
_THEN_IT = re.compile(r"\W*,\s*(?:it|this (?:medicine|medication|drug))\b", re.I)
# Between the copula and a class: the class is a partner or agent, not what the drug is
# ('is increased by alcohol', 'can trigger serotonin syndrome with SSRIs'; rule
# class.partner-after-copula).
_PARTNER_BETWEEN = re.compile(r"[;]|\bwith\b|\bthan\b|\bby\b", re.I)
# The class a condition needs is no class of the drug's (rule class.required).
_REQUIRED = re.compile(r"\b(?:requir|need)\w*\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$", re.I)
_CLASS_PROPERTIES = re.compile(
    r"\W*[\w-]+(?:[\s-]\w+)?\W*(?:\([^()]*\)\s*)?(?:(?:,\s*|,?\s+and\s+)[\w-]+(?:\s\w+)?\s*)*"
    r"(?:properties|activity)\b", re.I)


# How far after its subject the pronoun's verb may come ('it is also', 'it mainly acts as'),
# and the words between the last copula and the class ('It is a long-acting drug of the
# benzodiazepine class', '... and is an aminoketone', '..., which are CNS depressants'), not
# another clause ('It is also an antagonist at 5-HT7 receptors, which may contribute to its
# antidepressant action').
_VERB_REACH = 16
_COMPLEMENT = re.compile(r"[^,;:]{0,48}")


def asserts_class(page: Page, text: str, start: int, comps: list[Component],
                  end: int) -> bool | str:
    """Does the sentence say the drug IS of this class ('X is a Y', 'X (a Y)', 'Y (X)',
    'It is a Y', 'Y properties'), rather than merely naming the class? A rule id when a
    rule of its own says so."""
    named = [p for p in page.positions(text) if p[2] in comps]
    before_text = text[:start]
    if _LIKE_OTHER.search(before_text) and (any(p_start > start for p_start, _, _ in named)
                                            or _THEN_IT.match(text, end)):
        return True
    if page.first_example_is_component(text, end, comps):
        return "class.includes-drug"  # 'PDE5 inhibitors, including VIAGRA'

    for p_start, p_end, _ in named:
        if p_end <= start:
            between = text[p_end:start]
            if len(between) < 90 and cues.CLASS_COPULA.search(between) and \
                    not _PARTNER_BETWEEN.search(between) and \
                    not _SUBORDINATE.search(between) and \
                    not cues.PURPOSE_VERB.search(between):  # rule effect.purpose-clause
                # ('are increased by alcohol, opioid painkillers': the agent, not a class)
                return True
        elif p_start > start and p_start - start < 60 and cues.INSIDE_BRACKET.search(
                text, start, p_start):
            return True  # 'Y (X)': the drug inside the class's bracket, not after it
        elif _APPOSITION.fullmatch(text, end, p_start) and _ARTICLE.search(before_text) \
                and _APPOSITION_CLOSED.match(text, p_end):
            return "class.appositive"  # 'contains a tricyclic antidepressant, amitriptyline,'

    # 'It is a ...', 'Despite its name, it belongs to ...' (rule subject.pronoun); the copula
    # is the pronoun's own verb ('It binds to a site that is separate from ...' is not)
    subject = PRONOUN_SUBJECT.match(before_text)
    copula = subject and cues.CLASS_COPULA.search(before_text, subject.end())
    last = copula and list(cues.CLASS_COPULA.finditer(before_text, copula.start()))[-1]
    if copula and copula.start() - subject.end() <= _VERB_REACH and \
            _COMPLEMENT.fullmatch(before_text, last.end()) and \
            not _SUBORDINATE.search(before_text) and not _PARTNER_BETWEEN.search(
                before_text, copula.end()):
        # ('It ..., which is why it can trigger serotonin syndrome with SSRIs': a partner)
        return True
    if page.label_subject and re.match(
        r"^\W*(?:(?:is|are)\s+)?(?:an?|the)?\s*(?:[\w()\"'-]+\s+){0,3}$", before_text, re.I
    ) and not _PARTNER_BETWEEN.search(before_text):
        # '* **Amlodipine:** A calcium channel blocker of the dihydropyridine type.', not
        # 'Q: Can I take phenazepam with painkillers? A: Taking it with opioid painkillers ...'
        return True
    # 'anxiolytic (anti-anxiety), muscle-relaxant and anticonvulsant properties': each
    # member of a coordinated list before 'properties' (rule class.properties)
    return bool(_CLASS_PROPERTIES.match(text, start)) and bool(named)


def excludes(page: Page, text: str, m: Mention, wanted: list[Mention],
             kept: list[Mention]) -> bool:
    """A class named as a comparison or an example ('like benzodiazepines', 'other
    sedatives'), though 'Like other anti-seizure medicines, pregabalin ...' says it is one."""
    before = text[: m.start]
    if _LIKE_OTHER.search(before[-60:]):
        return False
    if re.search(r"\bas\s+$", before) and re.match(r"\s+(?:do|does|did)\b", text[m.end:]):
        # rule class.comparison-as-do: '..., as benzodiazepines do, but in a different way'
        return True
    if _REQUIRED.search(before):
        return True  # rule class.required: 'pain severe enough to require an opioid analgesic'
    if text.startswith("-like", m.end):
        return True  # 'this barbiturate-like activity' resembles the class (class.comparison)
    return bool(_COMPARISON.search(before[-60:]))


def broader_named(page: Page, concept: Concept, phrase: str) -> list[Concept]:
    """Rule class.broader-named: 'SSRI antidepressant' names the broader class too."""
    words = f" {norm_phrase(phrase)} "
    # 'opioid analgesic' does not name analgesic apart from itself; a class named as a
    # pair ('analgesic and antipyretic') names both its members
    own = "" if " and " in concept.label else f" {norm_phrase(concept.label)} "
    return [ancestor for ancestor in page.matcher.lexicon.ancestors(concept)
            if any(f" {norm_phrase(label)} " in words and f" {norm_phrase(label)} " not in own
                   for label in ancestor.labels)]


def drop_group_mentions(facts: list[Fact], lexicon) -> list[Fact]:
    """Rule class.includes-drug adds a class only where the page names none narrower:
    'antipsychotics such as olanzapine' refers to a group the 'atypical antipsychotic'
    already stated lies in."""
    classes: dict[str, set[str]] = {}
    for f in facts:
        if f.predicate == "class" and f.concept is not None and f.rule != "class.includes-drug":
            classes.setdefault(f.component, set()).add(f.concept.iri)

    def narrower_stated(f: Fact) -> bool:
        return any(f.concept in lexicon.ancestors(lexicon.get(iri))
                   for iri in classes.get(f.component, ()))

    return [f for f in facts if f.rule != "class.includes-drug" or not narrower_stated(f)]
