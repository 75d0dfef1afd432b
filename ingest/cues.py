"""Cue words that several rule modules read (severity, uses, causes, prohibitions, class
membership, examples). A cue that one rule module reads lives in that module
(``drugkg.ingest.rules``).

These are grammar, not names: concept names live only in the vocabularies.
"""

from __future__ import annotations

import re

from drugkg.ingest import prefilter

# Between a drug's name and a class: the sentence says the drug belongs to the class.
CLASS_COPULA = re.compile(
    r"\b(?:is|are|was|acts as|works as|belongs? to|classed as|classified as|known as|"
    r"called|a type of|a kind of|member of|from the|one of the|part of the|as an?)\b|"
    r"\(\s*an?\b|,\s*an?\b",
    re.I,
)
# Words that open a list of examples of the head before them.
EXAMPLE = prefilter.compile(
    r"\b(?:such as|including|for example|for instance|especially|particularly|notably)\b|"
    r"(?<![\w-])like\s|\be\.g\.?",  # 'like X', not 'GABA-like'
    re.I,
)
SERIOUS = prefilter.compile(
    # rule severity.sentence; "The most frequently observed non-serious adverse reactions" are
    # common ones
    r"(?<!non-)\bserious|\bsevere|"
    r"\bseek (?:urgent |immediate )?(?:medical )?(?:help|attention|advice)|"
    r"\bemergency|life-threatening|\brare\b|\brarely\b|"
    r"\bget (?:urgent |immediate |emergency )?(?:medical )?help\b|\bstraight away|"
    # ('immediately after treatment' says when)
    r"\bimmediately\b(?!\s+(?:after|before|following|upon|on)\b)|"
    r"\burgent|\bright away|"
    r"\bat once\b|\bambulance|\bcall (?:999|911|112)\b|\bA&E\b",
    re.I,
)
# A label's boxed warning heading: 'BOXED WARNING', 'WARNING: ADDICTION, ABUSE, AND MISUSE; ...'.
BOXED_WARNING = re.compile(r"\W*(?:boxed\s+)?warning\b", re.I)
# The frequency bands of leaflets and labels, from 'very common' to 'not known'.
FREQUENCY_BANDS = r"very common|common|uncommon|rare|very rare|frequency not known|not known"
# A frequency band of a leaflet or label: 'Uncommon (may affect up to 1 in 100 people)'.
# Bands down to uncommon are ordinary side effects; 'rare' stays with SERIOUS.
COMMON_BAND = re.compile(
    r"^\W*(?:very common|common|uncommon)\b(?:(?:(?!\brare\b).)*\b(?:1|one) in [\d,]+|:)",
    re.I)
# A rare band ('Rare (may affect up to 1 in 1,000 people)', 'Very rare:', an inline 'Rare:')
# says how often, not how serious: its effects are as serious as they are by nature (rule
# severity.band).
RARE_BAND = re.compile(r"^\W*(?:very rare|rare)\b(?:.*\b(?:1|one) in [\d,]+|:)", re.I)
COMMON = re.compile(r"\bcommon|\bfrequent|\bmild|\busual|\bmost people", re.I)
# Sentences that say a condition is treated (for prose outside the Usage section).
TREATS = re.compile(
    r"\b(?:used (?:to treat|to prevent|for|in)|(?:licensed|approved) to treat|treats?|treating|"
    r"treatment (?:of|for)|prevention of|prescribed (?:for|to)|uses? (?:it|them)\b|"
    r"prescribes? (?:it|them|this medicine) (?:for|to)|"
    r"indicated (?:for|in)|approved (?:for|to)|relie(?:f|ve)s?|manage|helps?|"
    r"work\w* (?:together )?to control)\b",
    re.I,
)
# Outside Side Effects, only an explicit causal verb states an effect of the drug.
CAUSAL = re.compile(
    r"\b(?:can|may|could|might|will|does|do|often|sometimes)\s+(?:also\s+)?(?:cause|lead to|"
    r"trigger|prolong|raise|increase|lower|mask|worsen|damage|induce|provoke|result in|produce|"
    r"precipitate|"
    r"make (?:you|people|some people|patients))\b"
    # what it has done: 'Atypical antipsychotic drugs have caused metabolic changes'
    r"|\bha(?:ve|s) (?:also )?caused\b"
    # rule effect.risk-statement: a risk stated in the present tense ('Antipsychotic
    # medicines increase the risk of stroke', 'people treated with X have a higher risk of
    # death'); the object starts after 'have a', so 'higher risk of death' is in reach
    r"|\b(?:increases?|raises?) (?:the |your )?(?:risk|chance|likelihood) of\b"
    r"|\b(?:ha(?:ve|s|d)|are|is) (?:an? )?(?=(?:higher|increased|greater) risk of\b)",
    re.I,
)
# Sentences that state a contraindication outside a Contraindications section.
CONTRAINDICATION = prefilter.compile(
    r"\b(?:should not (?:be )?(?:used|taken|take|use|given)|must not (?:be )?(?:used|taken|take|"
    r"given)|do not (?:take|use|give)|(?:can ?not|can't) (?:take|use|be given)|contraindicated|"
    # a verbless prohibition: 'Not for people with myasthenia gravis or severe sleep apnoea'
    r"(?<![\w,] )(?<!\w)not for (?:use in |use by )?(?:people|patients|children|anyone|those)|"
    # rule contra.prohibited-activity: 'Do not breast-feed while taking this medicine'
    r"(?:do|should|must) not breast-?feed|"
    # the elliptical inversion after a prohibition: '..., and neither should people allergic
    # to X' (rule assert.neither-prohibits)
    r"(?<=\band )neither (?:should|must|can)|not (?:be )?(?:used|given) (?:in|by|to)|"
    r"avoid(?:ed)? (?:in|by|if|during|while|when)|not suitable for|not recommended (?:in|for)|"
    # a label's 'Avoid the use of X in patients with ...' (not 'Avoid use of X and Y in ...',
    # which is about taking the two together)
    r"avoid (?:the )?use (?:of (?:(?!and\b)[\w-]+ ){1,4})?in (?:patients|people|those|anyone)|"
    # rule contra.stop-when-detected: 'When pregnancy is detected, discontinue X'
    r"(?:is|are|becomes?) (?:detected|diagnosed|confirmed),\s*(?:discontinue|stop))\b",
    re.I,
)
CAUSES = prefilter.compile(
    r"\b(?:cause[sd]?(?! of)|causing|side[- ]effects?|can make|may make|notice|experience|lead to|"
    r"(?:adverse|unwanted|undesirable) (?:effects?|reactions?|events?)|"
    # 'Other effects include dizziness, ...' after the side effects (rule effect.other-effects)
    r"(?:other|further|additional) effects|"
    # 'More serious problems are confusion, ...', 'Serious reactions include ...' (same rule)
    r"(?:(?:more|less|most|other|further) )?(?:serious|severe|rare|other|further) (?:problems|"
    r"reactions) (?:are|include)|"
    # 'Hallucinations and confusion are more likely in older people' (rule
    # effect.while-taking)
    r"(?:is|are|become|becomes) more (?:likely|common|frequent) (?:in|among|with)|"
    # 'Some have slowed thinking while taking it' (rule effect.while-taking)
    r"(?:have|get|develop|notice) (?:[\w-]+ ){1,6}?(?:while|when|after) (?:taking|using|on) "
    r"(?:it|this medicine|them)|"
    r"(?:people|you|patients) (?:may |might |can )?(?:feel|get|become)|"
    r"leads to|result in|trigger|common|linked (?:to|with)|associated with|report(?:ed)?|"
    r"(?:can|may) (?:prolong|raise|increase|lower|mask|worsen|damage|induce|provoke))\b",
    re.I,
)
# The people a statement is about: 'in (elderly) people with', 'among patients who have'.
PEOPLE_WITH = (r"(?:[\w-]+\s+){0,2}?(?:people|patients|those|anyone|adults|children|women|men|"
               r"individuals)\s+(?:with|who (?:have|had|are))\s+")
# A purpose clause ('to counteract the constipation'), and one up to its object.
_PURPOSE = (r"\bto\s+(?:counteract|prevent|relieve|reverse|treat|reduce|ease|control|stop)\b|"
            # 'is used for the rapid treatment of agitation' (rule effect.purpose-clause)
            r"\b(?:used|given|indicated)\s+for\s+(?:the\s+)?(?:[\w-]+\s+)?(?:treatment|"
            r"management|relief|prevention|control)\s+of\b")
PURPOSE_VERB = re.compile(_PURPOSE, re.I)
PURPOSE_CLAUSE = re.compile(_PURPOSE + r"\s+(?:(?:the|an?|your|any)\s+)?(?:[\w-]+\s+){0,2}$",
                            re.I)
# The object of a finite remedying verb: 'it rapidly reverses respiratory depression', 'helps
# many people recover from depression'.
REMEDIED = re.compile(r"\b(?:(?:revers|counteract|reliev|cur)(?:es|s|ed|ing)|"
                      r"recover(?:s|ed|ing)? from)\s+"
                      r"(?:(?:the|an?|any|its|their|this|that)\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# 'works by blocking ...', and 'acts as a positive allosteric modulator of ...' (rule
# mechanism.acts-as): how the drug works, stated in any section
WORKS_BY = prefilter.compile(
    r"\b(?:works?|acts?|working|acting)\s+by\b|\b(?:acts?|acting|works?|functions?)\s+as\s+an?\s+"
    r"(?:[\w-]+\s+){0,3}?(?:agonist|antagonist|modulator|inhibitor|blocker|activator)s?\b",
    re.I)
# An unclosed bracket up to a mention: 'benzodiazepines (such as diazepam'.
INSIDE_BRACKET = re.compile(r"\([^()]*$")
