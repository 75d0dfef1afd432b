"""Adverse effects and risks: what the drug can cause, how serious it is (headings,
frequency bands, emergency instructions), symptoms that are no effects, risks an effect
signals, and harm to the fetus."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from drugkg.ingest import cues, prefilter
from drugkg.ingest.model import Fact
from drugkg.ingest.rules.lists import after_last, named_exactly, time_clause_subject
from drugkg.ingest.rules.sentences import CAUSE_SCOPE_END, sentences
from drugkg.ingest.rules.subject import Page
from drugkg.ingest.sections import Block, section_kind
from drugkg.ontology import VOCAB
from drugkg.ontology.lexicon import Concept
from drugkg.ontology.recognise import Mention

# Sections that state an adverse effect only in the clause of a cue ('Common side effects
# include ...', 'Some people feel drowsy'): FAQ answers and a page's summary.
_EFFECTS_BY_CUE = ("faq", "overview")
# A sentence that denies its effects are side effects of the drug.
_NOT_SIDE_EFFECT = prefilter.compile(
    r"\b(?:are|is) not (?:a |an )?(?:typical |common |usual |known )?side[- ]effects?\b", re.I)
# An effect reported with the drug, the way labels state them: 'Priapism has been reported
# since market approval of VIAGRA', 'postmarketing reports of bleeding events in patients who
# have taken X', 'Cases of pancreatitis have been reported in patients receiving X'
# (rule effect.reported).
_REPORTED = prefilter.compile(
    r"\b(?:ha(?:ve|s)(?: also| rarely| occasionally| sometimes)? been|were|was|are|is) "
    r"(?:\w+ )?reported|\breports? of|\bcases? of|"
    r"\bobserved (?:in|with)\b|(?:ha(?:ve|s) been|were|was) (?:also )?observed|"
    # 'Esophageal dysmotility and aspiration have been associated with antipsychotic drug use'
    r"\b(?:ha(?:ve|s) been|were|was) (?:\w+ )?associated with\b|"
    # 'seizures occurred in 0.4% of ziprasidone-treated patients'
    r"\boccurred (?:with|in patients|during|in (?:about |approximately |up to )?[\d.]+ ?%)|"
    # 'Sleep paralysis ... can occur with the use of DAYVIGO'
    # 'A syndrome of involuntary movements may develop in patients treated with antipsychotic
    # drugs, including LYBALVI'
    r"\b(?:can|may) (?:occur|develop) (?:with the use of|with|during treatment with|"
    r"in patients (?:taking|treated with))\b|"
    # 'Dizziness and headache are common with the combination'
    r"\b(?:is|are) (?:very |quite )?(?:common|frequent)\s+(?:with|in people taking|"
    r"during treatment with)\b", re.I)
# A label's 'Serious, life-threatening, or fatal respiratory depression may occur', 'Profound
# sedation ... may result from the concomitant use of oxymorphone with ...': the effects are
# the verb's subject (rule effect.may-occur)
_OCCURS = prefilter.compile(r"\b(?:can|may) (?:occur|result from)\b", re.I)
# "X and Y, which may be signs of Z", "X and Y - these can be signs of Z": X and Y are
# symptoms of the fact Z.
_SIGNS_OF = prefilter.compile(
    r"\b(?:(?:which|that|these|they) (?:may|can|could|might) (?:(?:be|signal|indicate|point to)"
    r"(?: signs? of| "
    r"symptoms? of| due to| caused by| an attack of| a sign of)|signal|indicate|point to|"
    # a bare 'which can be' names the effect only before a noun: 'which can be fatal' or
    # 'which can be treated' says how bad or what is done (rule effect.severity-predicate)
    r"be(?!\s+(?:fatal|deadly|life-threatening|serious|severe|dangerous|permanent|"
    r"irreversible|\w+ed)\b))|may be (?:due to|caused by|"
    r"signs? of|an attack of)|(?:are|is) (?:a )?signs? of)\b",
    re.I,
)
# 'Sore throat, fever or infections from a fall in white blood cells': the lay signs of the
# entry come from the effect named after them (rule effect.signs-of).
_COMES_FROM = prefilter.compile(r"\b(?:caused by|due to|resulting from|from)(?= an? "
                                r"(?:[\w-]+ )?(?:fall|drop|rise|increase|decrease) (?:in|of)\b)",
                                re.I)
# "Warning signs include X, Y": what follows lists symptoms, not facts.
_SYMPTOMS_FOLLOW = prefilter.compile(
    r"\b(?:(?:warning )?signs?|symptoms?) (?:include|includes|such as|are|may include)\b|"
    r"\b(?:causing|which (?:can|may) cause|"  # 'lead to' names consequences, kept
    # 'with' after a population or a treatment opens no symptoms ('people with dementia',
    # 'treated with antipsychotics'): rule effect.population-qualifier
    r"(?<!people )(?<!patients )(?<!adults )(?<!children )(?<!those )(?<!treated )"
    # ('has been associated with respiratory depression' names effects: a cue, no symptoms)
    r"(?<!associated )(?<!association )(?<!linked )(?<!connected )"
    # nor does a comparison: 'As with other opioids, the most serious risk is ...'; nor a
    # partner: 'Giving benzodiazepines together with opioid analgesics can cause profound
    # sedation', 'Concomitant use with CNS depressants increases the risk of coma'
    r"(?<!together )(?<!along )(?<!combined )(?<!taken )(?<!used )(?<!given )(?<!use )"
    r"(?<!using )(?<!giving )(?<!taking )(?<!interact )(?<!interacts )(?<!administered )"
    r"(?<!\bas )with|"
    r"(?:which|that) (?:can|may) (?:show(?: up)?|present|appear) as|shows? up as)\b",
    re.I,
)
# The people a statement is about, not an effect of the drug: 'the risk of stroke in
# elderly people with dementia-related psychosis' (rule effect.population-qualifier).
_POPULATION = re.compile(r"(?:\b(?:in|among)\s+|^\W*)" + cues.PEOPLE_WITH + r"(?:[\w'-]+\s+){0,3}$",
                         re.I)
# 'If you have diabetes, it can hide ...': the reader's condition; among side effects 'If you
# have a serious allergic reaction' is one the drug causes
_READER_HAS = re.compile(r"\bif you (?:have|had|are|suffer from)\s+(?:[\w'-]+\s+){0,3}$", re.I)
# The conditions a reader is asked about, to the end of the clause: 'if you have asthma,
# glaucoma or a stomach ulcer' (not 'have taken it').
_READER_CONDITIONS = prefilter.compile(
    r"\bif you (?:have had|had|suffer from|have(?!\s+(?:taken|been|used|got|\w+ed)\b))\b[^.;:]*",
    re.I)
_SYMPTOMS_END = re.compile(r"[;:]")
_LIST_GOES_ON = re.compile(r",\s*(?:and|or)\b")
_STOP = r"stopping|coming off|discontinuing"
# A sentence about stopping the drug.
_STOPPING = prefilter.compile(rf"\b(?:{_STOP}|withdrawing|(?:withdrawal|discontinuation) "
                              r"(?:symptoms?|reactions?|syndrome)|(?:abrupt|sudden|rapid) "
                              r"(?:discontinuation|cessation|withdrawal))\b|"
                              # 'Withdrawal after prolonged heavy use can include insomnia, ...'
                              r"^\W*withdrawal\b", re.I)
# Stopping the drug named as a cause: 'stopping it abruptly can cause ...'.
_STOPPING_CAUSES = prefilter.compile(
    rf"\b(?:{_STOP})\b(?:\s+[\w-]+){{0,4}}?\s+(?:can|may|could|will|might|often)\s+"
    r"(?:also\s+|then\s+|\w+ly\s+)?(?:cause|lead to|bring on|trigger|result in|produce)\b", re.I)
_LONG_TERM = prefilter.compile(
    r"\b(?:long-term|prolonged|regular|continued|chronic|repeated)\s+(?:use|treatment|therapy)\b",
    re.I)
_RISK_NOT_EFFECT = ("/withdrawal", "/overdose", "/falls", "/dependence", "/tolerance")
# 'which can be fatal, particularly in overdose', 'seizures during withdrawal': such an event
# named as the circumstance of another effect is no side effect of its own (rule
# effect.circumstance; the risk is still read)
_CIRCUMSTANCE = re.compile(r"\b(?:in|during|after|following)\s+(?:an?\s+)?$", re.I)
_PREGNANCY = prefilter.compile(
    r"\bpregnan|\btrimester|\bconceive|\bunborn|\bfetus|\bfoetus|\bfetal", re.I)
_FETAL_HARM = re.compile(
    r"\b(?:fetus|foetus|fetal|foetal|unborn|bab(?:y|ies)|newborns?|infants?|neonat\w*|"
    r"embryo\w*|offspring|developmental|"  # animal data in labels: 'embryofetal deaths'
    r"birth defects?|malformations?|after birth|at birth)\b",
    re.I,
)
_HARM = re.compile(
    r"\b(?:risks?|harm\w*|defects?|damage|problems?|abnormal\w*|withdrawal|toxic\w*|"
    r"malformations?|may have|can cause|could cause|may cause|affect|effects|injur\w*|deaths?|"
    # 'can leave the newborn baby floppy and sleepy, with breathing difficulties'
    r"(?:can|may|could) leave|difficult(?:y|ies))\b",
    re.I,
)
_NO_HARM = re.compile(
    r"\b(?:not been established|not established|no (?:clear |good |consistent |firm |strong |"
    r"convincing |reliable )?evidence|"
    # FDA: 'data ... are not sufficient to inform a drug-associated risk'
    r"(?:not sufficient|insufficient|inadequate) to (?:inform|establish|determine|assess)|"
    r"not known to (?:harm|cause)|unlikely to (?:harm|cause)|considered safe|is safe|"
    r"not (?:predicted|expected) to (?:increase|harm|cause)|"
    # 'no adverse developmental effects were observed' (animal data finding nothing)
    r"\bno (?:[\w-]+ ){0,3}(?:effects?|harm|defects?|malformations?|toxicity)"
    r"(?: on (?:[\w-]+ ){0,2}?[\w-]+)? (?:were|was|"
    r"ha(?:ve|s) been) (?:observed|seen|found|reported)|"
    r"are safe|not harm|(?:has|have) not (?:been )?shown|did not show|no (?:clear )?increase|"
    # (rule assert.minimal-effect: 'used in pregnancy without evidence of harm')
    r"without (?:any )?evidence of|(?:does|do) not show|not (?:been )?linked|"
    # a hedge: 'the effects on the unborn child are not known', 'It is not known if X can harm'
    # (rule assert.unknown-is-no-harm)
    r"(?:are|is) not known|not known (?:if|whether)|unknown|no (?:adequate |available )?data|"
    # 'There is not enough information to know whether X can harm your unborn baby'
    r"not enough (?:information|data|evidence)|"
    r"not been studied|"
    # 'no harm to the baby has been shown', 'Animal studies showed no clear birth defects'
    r"no (?:clear |known |obvious )?(?:harm|birth defects?|malformations?|abnormalities)|"
    r"(?:showed|shown|found|revealed) no)\b",
    re.I,
)
_CONTRAST = re.compile(r",?\s+(?:while|whereas|but|although)\s+", re.I)
# 'may cause a dangerous rise in blood pressure when combined with MAO inhibitors': the
# effect of taking the two together, an interaction, not a side effect of the drug alone
# (rule effect.interaction-consequence)
_WITH_PARTNER = re.compile(r"[^.;]{0,60}?\bwhen (?:it is |they are |[\w-]+ is )?(?:combined|"
                           r"taken|used|given|mixed) (?:together )?with\b", re.I)


def states(page: Page, kind: str, text: str, mentions: list[Mention], is_list: bool) -> bool:
    """Outside Side Effects only 'X can cause Y' states an effect: in a summary or FAQ
    answer a cue, in Warnings a causal verb or a report with the drug as subject."""
    return not (
        _NOT_SIDE_EFFECT.search(text)
        or (kind in _EFFECTS_BY_CUE and not (cues.CAUSES.search(text) or _OCCURS.search(text)))
        or (kind == "precautions" and not (
            (cues.CAUSAL.search(text) or _REPORTED.search(text) or _OCCURS.search(text))
            and page.names_subject(text, mentions)) and not _reported_of_page(page, text,
                                                                              mentions))
    )


def _reported_of_page(page: Page, text: str, mentions: list[Mention]) -> bool:
    """Rule effect.reported: a label's Warnings say 'Toxic epidermal necrolysis and
    Stevens-Johnson syndrome have been reported' of the drug without naming it; a report
    that names another medicine ('... reported with SSRIs') is that medicine's."""
    return bool(_REPORTED.search(text) or _OCCURS.search(text)) and not any(
        m.kind in ("drug", "class") and m.concept.iri not in page.component_iris
        and not page.includes_drug(m.concept.iri) for m in mentions)


def candidates(page: Page, kind: str, text: str, mentions: list[Mention],
               wanted: list[Mention]) -> list[Mention]:
    """The effects a text states among its adverse-effect mentions: coordinated ones split,
    symptoms dropped, risks of prolonged use left to risks (rule risk.long-term-use), and
    outside Side Effects only what the cue's clause holds."""
    wanted = _split_coordinated(page, wanted)
    wanted = _drop_symptoms(page, text, wanted, mentions)
    wanted = [m for m in wanted
              if not _POPULATION.search(text, max(0, m.start - 80), m.start)
              and not (_CIRCUMSTANCE.search(text, max(0, m.start - 20), m.start)
                       and _risk_event(m))]
    if kind != "side-effects":
        # 'If you have diabetes' is the reader's; and rule effect.purpose-clause: 'the
        # naloxone is there to counteract the constipation that opioids cause' - what the
        # drug is for, not what it causes
        wanted = [m for m in wanted
                  if not _READER_HAS.search(text, max(0, m.start - 60), m.start)
                  and not cues.PURPOSE_CLAUSE.search(text, max(0, m.start - 60), m.start)
                  and not _WITH_PARTNER.match(text, m.end)]
    if _STOPPING.search(text):
        # rule effect.withdrawal-symptoms: 'Stopping suddenly may cause anxiety, tremor and
        # sweating': symptoms of withdrawal, not side effects of taking it (the risk is read
        # as such)
        wanted = [m for m in wanted if not _STOPPING.search(text, 0, m.start)]
    if kind in ("precautions", *_EFFECTS_BY_CUE) or _LONG_TERM.search(text):
        # 'Long-term use can lead to dependence, tolerance and withdrawal': risks of
        # prolonged use, not side effects (rule risk.long-term-use)
        wanted = [m for m in wanted if not _risk_only(m, text)]
    if kind == "precautions":
        caused = _caused(text, wanted, cues.CAUSAL) + _caused(
            text, wanted, _REPORTED, whole_clause=True) + _caused(
            text, wanted, _OCCURS, whole_clause=True, subject_only=True)
        wanted = [m for m in wanted if m in caused]
    elif kind in _EFFECTS_BY_CUE:
        # 'A: Drowsiness can occur, so avoid driving' (rule effect.may-occur)
        caused = _caused(text, wanted, cues.CAUSES, whole_clause=True) + _caused(
            text, wanted, _OCCURS, whole_clause=True, subject_only=True)
        wanted = [m for m in wanted if m in caused]
    return wanted


# 'fall' in another sense: 'difficulty falling or staying asleep', 'their appetite falls',
# 'falls in serum T3' (rule effect.fall-sense)
_FALL_ASLEEP = re.compile(r"\s+(?:(?:or|and)\s+[\w-]+\s+)?asleep\b|\s+in\s+(?:the\s+)?(?:serum|"
                          r"blood|plasma|levels?|counts?)\b", re.I)
_FALLS_OF = re.compile(r"\b(?:appetite|levels?|counts?|pressure|temperature|sugar|weight)\s+$",
                       re.I)


def excludes(page: Page, text: str, m: Mention, wanted: list[Mention],
             kept: list[Mention]) -> bool:
    """Rule effect.remedied-object: what the drug reverses or relieves ('it rapidly reverses
    respiratory depression', 'relieves the nausea') is no effect or risk of it; rule
    effect.fall-sense: 'falling asleep' and 'appetite falls' are no falls; rule
    effect.study-topic: 'In a human abuse potential study, ...', 'a thorough QT study' name
    what a study looked at, not what the drug does."""
    if m.concept.label == "falls" and (_FALL_ASLEEP.match(text, m.end) or _FALLS_OF.search(
            text, max(0, m.start - 20), m.start)):
        return True
    if _STUDY.match(text, m.end) or time_clause_subject(text, m):
        return True  # (rule effect.time-clause: 'feeling sleepy after the seizure has stopped')
    return bool(cues.REMEDIED.search(text, max(0, m.start - 60), m.start))


_STUDY = re.compile(r"\s+(?:stud(?:y|ies)|trials?)\b", re.I)


def member_of_category(page: Page):
    """Rule effect.members-of-category: 'serious heart problems, including a heart attack,
    spasm of the coronary arteries and abnormal heart rhythms' states the members; the
    category (a broader concept of each) is only their heading."""
    lexicon = page.matcher.lexicon

    def member(example: Mention, owner: Mention) -> bool:
        return owner.concept in lexicon.ancestors(example.concept)
    return member


def risk_mentions(page: Page, kind: str, text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with the risks that effects' wordings signal (rule
    risk.signalled-wording: 'X can cause physical and psychological dependence'), wherever a
    risk may be stated; in Interactions a wording such as 'toxicity' is the partner's."""
    if kind == "interactions":
        return mentions
    if kind != "side-effects":
        # rule effect.reader-condition: 'Use with caution if you have asthma, ..., a stomach
        # ulcer that narrows the outlet of the stomach' lists the reader's conditions
        spans = [(c.start(), c.end()) for c in _READER_CONDITIONS.finditer(text)]
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in spans)]
    out = []
    stopping = _STOPPING_CAUSES.search(text)
    if stopping and any(m.kind == "adverse-effect" and m.start >= stopping.end()
                        for m in mentions):
        # rule risk.stopping-causes: 'stopping abruptly can cause insomnia, vomiting and
        # tremor' states a withdrawal reaction, whatever the symptoms are called
        risk = page.matcher.lexicon.get(f"{VOCAB}risk/withdrawal")
        if risk is not None:
            out.append(Mention(risk, stopping.start(), stopping.end(), stopping.group()))
    for m in mentions:
        if m.kind == "adverse-effect" and _risk_only(m, text):
            for iri in m.concept.linked("signalsRisk"):
                risk = page.matcher.lexicon.get(iri)
                if risk is not None:
                    out.append(replace(m, concept=risk))
    return mentions + out


# A severity word that opens the later entries of a list: 'diaphoresis, pruritus, rash, and,
# rarely, toxic epidermal necrolysis' (rule severity.list-scope).
_LIST_JOINER = re.compile(r"(?:,|\band\b|\bor\b),?\s*$", re.I)


def severity(block: Block, sentence: str, lead: str = "") -> Callable[[int], bool | None]:
    """How serious the page says an effect named at a position of ``sentence`` is: True,
    False, or None where it does not say. An emergency instruction over the list ('Tell your
    doctor straight away if ...:', rule severity.emergency-lead), else the innermost label
    that says (a frequency band such as 'Uncommon (may affect up to 1 in 100 people)' is
    common: rule severity.band), else the sentence ('The most common adverse reactions were
    ...'), whose 'and, rarely, X' reaches only the entries from X on (rule
    severity.list-scope). Read once per sentence; asked per effect."""
    if lead and cues.SERIOUS.search((sentences(lead) or [""])[-1]):
        return _always(True)  # the sentence that introduces the list, not one before it
    for label in reversed(block.labels):
        if cues.COMMON_BAND.search(label):
            return _always(False)
        if cues.RARE_BAND.search(label):
            return _always(None)
        if cues.SERIOUS.search(label):
            return _always(True)
        if cues.COMMON.search(label):
            return _always(False)
    if cues.COMMON_BAND.search(sentence):
        return _always(False)
    if cues.RARE_BAND.search(sentence):
        return _always(None)
    otherwise = False if cues.COMMON.search(sentence) else None
    cue = cues.SERIOUS.search(sentence)
    if cue is None:
        return _always(otherwise)
    if _LIST_JOINER.search(sentence, 0, cue.start()):
        return lambda at: True if at >= cue.start() else otherwise
    return _always(True)


def _always(said: bool | None) -> Callable[[int], bool | None]:
    return lambda at: said


def serious(said: bool | None, concept: Concept | None, section: str) -> bool:
    """A warning's effects are serious, and so are those the page calls serious; where the
    page does not say, an important medical event is serious too ('neuroleptic malignant
    syndrome' in a postmarketing list whose frequency is not known; rule
    severity.important-event)."""
    return bool(said) or section == "precautions" or (
        said is None and concept is not None and concept.important_event)


def outranks(fact: Fact, old: Fact) -> bool:
    """A serious listing of an effect outranks a common one, except where only a warning's
    mention made it serious: 'Varenicline may cause dizziness' under Warnings leaves
    dizziness as common as the side-effects list says; 'may cause severe dizziness', or a
    boxed warning's 'has been associated with hypoxia, bradycardia, and hypotension', does
    not (rule severity.listed-common)."""
    if not fact.serious or old.serious:
        return False
    return not (old.section == "side-effects" and fact.section == "precautions"
                and not cues.SERIOUS.search(fact.sentence)
                and not cues.BOXED_WARNING.match(fact.heading))


def fetal_risk(page: Page, block: Block, kind: str, predicates: tuple[str, ...], text: str,
               comps: list):
    """Rule risk.fetal-harm: harm to the fetus or newborn in pregnancy text adds
    teratogenicity; 'Some studies have reported a small increase in the risk of cleft lip
    ..., while other studies found no increase': a harm reported in one clause stands. On a
    combination page each clause's harm is its subject's: 'Benzodiazepines taken late in
    pregnancy can cause floppy infant syndrome; sulpiride can cause movement problems in
    newborns' harms through both components."""
    if "risk" not in predicates and kind not in ("pregnancy", "precautions", "faq",
                                                 "contraindications"):
        return
    in_pregnancy = kind == "pregnancy" or any(
        section_kind(lab) == "pregnancy" for lab in block.labels
    ) or _PREGNANCY.search(text)
    if not in_pregnancy:
        return
    harmed = [part for clause in text.split(";") for part in _CONTRAST.split(clause)
              if _FETAL_HARM.search(part) and _HARM.search(part) and not _NO_HARM.search(part)]
    risk = page.matcher.lexicon.get(f"{VOCAB}risk/teratogenicity")
    if not harmed or risk is None:
        return
    owners = [comp for part in harmed
              for comp in page.named_components(part) or page.named_by_class(part) or comps]
    for comp in {c.name: c for c in owners}.values():
        yield Fact(comp.name, "risk", risk, risk.label, "risk", kind, block.heading, text,
                   block.line, rule="risk.fetal-harm")


# 'should be withdrawn gradually to minimize the risk of increased seizure frequency', 'Do
# not stop suddenly: seizures may come back or become more frequent'
_WITHDRAWN = re.compile(r"\b(?:withdraw\w*|discontinu\w*|stopp\w*|stop|taper\w*)\b", re.I)
_RETURNS = re.compile(r"\b(?:come back|comes back|coming back|return\w*|recur\w*|more (?:often|"
                      r"frequent\w*)|increased? (?:[\w-]+ )?frequency|worsen\w*)\b", re.I)


def drop_returning_condition(facts: dict, page: Page) -> None:
    """Rule risk.treated-condition-returns: 'As with all antiepileptic drugs, XCOPRI should be
    withdrawn gradually to minimize the risk of increased seizure frequency', 'seizures may
    come back or become more frequent' - on stopping, the condition the drug treats (its use,
    or the family of its use) returns or worsens; that is no risk of the drug."""
    lexicon = page.matcher.lexicon
    uses: dict[str, set[str]] = {}
    for fact in facts.values():
        if fact.predicate == "indication" and fact.concept is not None:
            uses.setdefault(fact.component, set()).update(
                {fact.concept.iri, *(a.iri for a in lexicon.ancestors(fact.concept))})
    for key, fact in list(facts.items()):
        if fact.predicate != "risk" or fact.concept is None or fact.component not in uses or \
                not (_WITHDRAWN.search(fact.sentence) and _RETURNS.search(fact.sentence)):
            continue
        for twin in named_exactly(page.matcher, fact.concept.label, "condition"):
            if {twin.concept.iri, *twin.concept.linked("broader")} & uses[fact.component]:
                del facts[key]
                break


def keep_attributed_effects(facts: dict, page: Page) -> None:
    """Rule subject.attributed-effect: on a combination page, an effect a FAQ answer or the
    summary states of the product as a whole ('it can cause drowsiness') belongs to the
    components the side-effects section gave it ('Dizziness and drowsiness (mostly from
    tramadol)'), not to every component."""
    listed: dict[str, set[str]] = {}
    for fact in facts.values():
        if fact.predicate == "adverse-effect" and fact.section == "side-effects" and fact.concept:
            listed.setdefault(fact.concept.iri, set()).add(fact.component)
    # a risk the side effects give a component, or a sentence names with it ('respiratory
    # depression ... when buprenorphine is combined with benzodiazepines'), is that
    # component's, also where an Interactions item states it of no component
    # ('Benzodiazepines: risk of fatal respiratory depression')
    named_risk: dict[str, set[str]] = {}
    for fact in facts.values():
        if fact.predicate == "risk" and fact.concept and (fact.section == "side-effects" or any(
                c.name == fact.component for c in page.named_components(fact.sentence))):
            named_risk.setdefault(fact.concept.iri, set()).add(fact.component)
    given = {"adverse-effect": (listed, _EFFECTS_BY_CUE),
             "risk": (named_risk, ("interactions", *_EFFECTS_BY_CUE))}
    for key, fact in list(facts.items()):
        owners, sections = given.get(fact.predicate, ({}, ()))
        if fact.section in sections and fact.concept and fact.component not in owners.get(
                fact.concept.iri, {fact.component}) and not page.named_components(fact.sentence):
            del facts[key]


# 'a serious allergic reaction, including ... swelling of the face, lips, tongue, and throat'
_ALLERGIC_REACTION = re.compile(r"\b(?:allergic|hypersensitivity|anaphylactic) reactions?\b",
                                re.I)


def signs_an_allergy(text: str, phrase: str, concept: Concept) -> bool:
    """Rule risk.allergy-signs: a risk worded by a sign listed in an allergic reaction ('an
    allergic reaction: swelling of the face, lips or tongue') is part of that reaction, not
    a risk of its own; one the sentence names by its term ('(angioedema)') stays."""
    at = text.find(phrase)
    return at > 0 and concept.label.lower() not in text.lower() and bool(
        _ALLERGIC_REACTION.search(text, 0, at))


def signalled_risks(facts: list[Fact], lexicon):
    """Rule risk.signalled-by-effect: an adverse effect that signals a risk
    (dkg:signalsRisk) adds the risk, unless it is a sign of an allergic reaction."""
    for fact in facts:
        if fact.predicate == "adverse-effect" and fact.concept is not None and \
                not signs_an_allergy(fact.sentence, fact.phrase, fact.concept):
            for risk_iri in fact.concept.linked("signalsRisk"):
                risk = lexicon.get(risk_iri)
                if risk is not None:
                    yield Fact(fact.component, "risk", risk, fact.phrase, "risk",
                               fact.section, fact.heading, fact.sentence, fact.line,
                               rule="risk.signalled-by-effect")


def _risk_event(m: Mention) -> bool:
    return any(r.endswith(_RISK_NOT_EFFECT) for r in m.concept.linked("signalsRisk"))


def _risk_only(m: Mention, text: str) -> bool:
    """In precautions, withdrawal, overdose, falls and dependence are risks rather than side
    effects, and 'can worsen depression' names a condition the patient has."""
    if _risk_event(m):
        return True
    return bool(re.search(r"\bworsen\w*\s+(?:\w+\s+)?$", text[: m.start], re.I))


# A cue verb coordinated with a purpose infinitive states what the drug is given for.
_PURPOSE_CHAIN = re.compile(r"\bto\s+(?:[\w-]+\s+){1,4}(?:and|or)\s+$", re.I)


def _caused(text: str, mentions: list[Mention], cause: re.Pattern, *,
            whole_clause: bool = False, subject_only: bool = False) -> list[Mention]:
    """Outside Side Effects an effect is what the drug 'can cause': in 'Its anticholinergic
    effect can trigger angle-closure glaucoma, so report eye pain' only the glaucoma. With
    ``whole_clause``, the clause of the cue ('Dry mouth is a common side effect'); with
    ``subject_only`` too, only its words before the cue ('Pupillary dilation may occur due to
    the anticholinergic effects of ...')."""
    scopes = []
    for verb in cause.finditer(text):
        if _PURPOSE_CHAIN.search(text, max(0, verb.start() - 60), verb.start()):
            continue  # rule effect.purpose-clause: 'given to reduce anxiety and cause sedation'
        end = CAUSE_SCOPE_END.search(text, verb.end())
        start = verb.end() - len(verb.group().split()[-1])  # 'can prolong the QT interval'
        if whole_clause:
            # 'Myocarditis and cardiomyopathy, which can be fatal, have been reported': an
            # embedded relative clause closed by its comma does not end the subject
            breaks = [b for b in CAUSE_SCOPE_END.finditer(text, 0, verb.start())
                      if not (b.group().lstrip(", ").lower() == "which"
                              and "," in text[b.end() : verb.start()])]
            start = max([0] + [b.end() for b in breaks])
        scopes.append((start, verb.start() if subject_only else end.start() if end
                       else len(text)))
    return [m for m in mentions if any(s <= m.start < e for s, e in scopes)]


def signs_end(text: str) -> int:
    """Where the signs of an effect named after them end ('unusual movements of the mouth,
    which may be a sign of tardive dyskinesia'): the words before are no entry of their
    own (rule effect.signs-of); 0 when the text names no such effect."""
    sign = _SIGNS_OF.search(text)
    return sign.start() if sign else 0


def _drop_symptoms(page: Page, text: str, mentions: list[Mention],
                   named: list[Mention]) -> list[Mention]:
    """Keep the effect, not its symptoms: 'Agitation and fever, which may be signs of
    serotonin syndrome' -> serotonin syndrome (rule effect.signs-of); 'Warning signs
    include ...' -> nothing."""
    sign = _SIGNS_OF.search(text)
    if sign and any(m.start >= sign.end() for m in mentions):
        return [m for m in mentions if m.start >= sign.end()]
    dropped: set[int] = set()
    for source in _COMES_FROM.finditer(text):
        # the entry's signs: since its last 'and' or semicolon ('hallucinations, fits, and
        # fainting from a sudden fall in blood pressure' keeps the fits)
        start = after_last(r";|\band\b", text, source.start())
        if any(m.start >= source.end() for m in mentions):
            dropped |= {id(m) for m in mentions if start <= m.start < source.start()}
    for follow in _SYMPTOMS_FOLLOW.finditer(text):
        noun_end = follow.start() + len(follow.group().split()[0])
        if any(m.start < follow.start() and m.end == noun_end for m in mentions):
            continue  # rule effect.members-of-category: 'psychiatric symptoms such as mania'
        with_ = follow.group().lower() == "with"
        if with_ and (any(0 <= start - follow.end() <= 20 for start, _, _ in
                          page.positions(text[: follow.end() + 60])) or any(
                o.kind in ("drug", "class") and 0 <= o.start - follow.end() <= 2 for o in named)):
            # 'adverse reactions with intravenous CEREBYX were ...', 'use of opioids with
            # benzodiazepines may result in ...': a drug, not symptoms
            continue
        stop = _symptoms_end(text, follow.end(), with_)
        inside = [m for m in mentions if follow.end() <= m.start < stop]
        if with_ and len(inside) < 2:
            continue  # 'low blood pressure with fainting' names two effects
        dropped |= {id(m) for m in inside}
    return [m for m in mentions if id(m) not in dropped]


def _symptoms_end(text: str, start: int, with_: bool) -> int:
    """Where the symptoms a cue opens at ``start`` end: at a semicolon, or where a colon opens
    a list of its own. After 'with' also before a bracket that names the described effect
    ('a rash with small pustules and fever (acute generalised exanthematous pustulosis),
    fainting'), and where ', and' / ', or' starts the next entry of the outer list ('raised
    uric acid with gout, and, rarely, photosensitivity'): rule effect.described-with-term."""
    end = _SYMPTOMS_END.search(text, start)
    stop = end.start() if end else len(text)
    if not with_:
        return stop
    closed = text.find(")", start, stop)
    if closed >= 0 and "(" in text[start:closed]:
        stop = text.rfind("(", start, closed)  # the term is kept
    outer = _LIST_GOES_ON.search(text, start, stop)
    return outer.start() if outer else stop


def _split_coordinated(page: Page, mentions: list[Mention]) -> list[Mention]:
    """'Nausea and vomiting' names two side effects, each one a concept of its own; a pair
    the vocabulary records as one effect narrower than both ('abnormal thinking and
    behavioural changes', a labels' warning) stays whole (rule effect.named-pair)."""
    out = []
    ancestors = page.matcher.lexicon.ancestors
    for m in mentions:
        parts = []
        offset = 0
        for piece in m.text.split(" and ") if " and " in m.text else ():
            found = page.matcher.find(piece, kinds=("adverse-effect",))
            if len(found) != 1 or found[0].text != piece.strip():
                parts = []
                break
            start = m.start + offset + found[0].start
            parts.append(replace(found[0], start=start, end=start + len(found[0].text)))
            offset += len(piece) + len(" and ")
        if parts and all(p.concept in ancestors(m.concept) for p in parts):
            parts = []
        out += parts or [m]
    return out
