"""Cue words the assembler reads around concept mentions: negation, comparison, severity.

These are grammar, not names: concept names live only in the vocabularies.
"""

from __future__ import annotations

import re

# A mention preceded (in its clause, within a few words) by one of these is not asserted.
NEGATION = re.compile(
    r"\b(?:not|no|never|without|neither|nor|cannot|unlike|rather than|instead of|"
    r"little (?:or no )?effect on|hardly|"
    r"free of|lack of|lacks|absence of|isn't|aren't|doesn't|don't|didn't|won't|wasn't|"
    r"lowers? the risk of|reduces? the risk of|prevents?|protects? against)\b",
    re.I,
)
# ... unless the negation is itself negated or only hedges ("not only", "cannot be ruled out").
NEGATION_EXCEPTIONS = re.compile(
    r"\bnot only\b|\bcannot be ruled out\b|\bnot uncommon\b|\bnot rare\b|\bdo not stop\b|"
    r"\bnot stop\b|\bnot be stopped\b|\bnot exceed\b|\bnot drive\b|\bno longer\b|"
    r"\b(?:used|given|taken|prescribed|licensed|approved) to prevent\b",  # a use, not a denial
    re.I,
)
# An instruction not to combine ('Do not take it with X', 'must not be used together with
# X') asserts an interaction or contraindication with X.
PROHIBITION = re.compile(
    r"\b(?:do not|don't|never|must not|should not|cannot|neither\s+(?:should|must))\s+"
    r"(?:be\s+)?(?:\w+\s+){0,1}?"
    r"(?:take|taken|use|used|combine|combined|mix|mixed|give|given)\b",
    re.I,
)
# Right after a mention: the sentence denies it ('insomnia is not an approved use') or only
# points elsewhere ('see the pregnancy section').
NEGATED_AFTER = re.compile(
    r"\W{0,3}(?:(?:but|although|though)\s+)?(?:(?:this|that|it|which)\s+)?(?:is|are)\s+not\s+(?:an?\s+)?(?:approved|licensed|recommended|indicated|"
    r"a use|one of its uses)\b|\s+sections?\b",
    re.I,
)
# Examples of risk factors are conditions people have, not facts about the drug.
RISK_FACTOR = re.compile(r"\brisk factors?\b|\bpredisposing\b", re.I)
# A drug or class after these is a comparison or an example, not the page's drug.
COMPARISON = re.compile(
    r"\b(?:unlike|like|similar to|as with|as do|compared (?:with|to)|than|resembles?|"
    r"relative of|such as|including|other|e\.g\.|for example)\s+(?:\w+\s+){0,3}$",
    re.I,
)
# Between a drug's name and a class: the sentence says the drug belongs to the class.
CLASS_COPULA = re.compile(
    r"\b(?:is|are|was|acts as|works as|belongs? to|classed as|classified as|known as|"
    r"called|a type of|a kind of|member of|from the|one of the|part of the|as an?)\b|"
    r"\(\s*an?\b|,\s*an?\b",
    re.I,
)
# A sentence placing the drug in a group: other drugs named there are its peers.
PEER_GROUP = re.compile(
    r"\b(?:belongs? to|(?:a|the) (?:group|class|family) of|members? of)\b", re.I)
# A transmitter named as a likeness, not as what the drug acts on.
RESEMBLANCE = re.compile(
    r"\b(?:resembl\w*|similar to|analogues? of|analogs? of|derivatives? of|derived from|"
    r"related to|structure of|look(?:s)? like|unlike|like)\b",
    re.I,
)
# Clause boundaries for negation scope.
CLAUSE_BREAK = re.compile(
    r"[.;:!?()\u2013\u2014]|,\s*(?=(?:but|however|although|though|whereas|while|which|"
    r"so|because|as|and it|and can|and may|yet)\b)|\b(?:but|however|although|whereas)\b",
    re.I,
)
# Words that open an elaboration of the preceding head ("opioids (for example codeine)").
ELABORATION = re.compile(
    r"\b(?:such as|including|for example|for instance|e\.g\.|especially|particularly|"
    r"notably|like)\b|\(|\s[\u2013\u2014-]\s|:",
    re.I,
)
# "X and Y, which may be signs of Z": X and Y are symptoms of the fact Z.
SIGNS_OF = re.compile(
    r"\b(?:(?:which|that) (?:may|can|could|might) (?:be|signal|indicate)(?: signs? of| "
    r"symptoms? of| due to| caused by| an attack of| a sign of)?|may be (?:due to|caused by|"
    r"signs? of|an attack of)|(?:are|is) (?:a )?signs? of)\b",
    re.I,
)
# "Warning signs include X, Y": what follows lists symptoms, not facts.
SYMPTOMS_FOLLOW = re.compile(
    r"\b(?:(?:warning )?signs?|symptoms?) (?:include|includes|such as|are|may include)\b|"
    r"\b(?:causing|which (?:can|may) cause|with|"  # 'lead to' names consequences, kept
    r"(?:which|that) (?:can|may) (?:show up|present|appear) as|shows? up as)\b",
    re.I,
)
# "These are mostly due to the ibuprofen component": the block is about one component.
ATTRIBUTION = re.compile(
    r"\b(?:mostly|mainly|largely|usually|chiefly|all) (?:due to|from|caused by|because of|"
    r"linked to|attributed to)\b",
    re.I,
)
# Words that open a list of examples of the head before them.
EXAMPLE = re.compile(
    r"\b(?:such as|including|for example|for instance|especially|particularly|notably)\b|"
    r"(?<![\w-])like\s|\be\.g\.?",  # 'like X', not 'GABA-like'
    re.I,
)
SERIOUS = re.compile(
    r"\bserious|\bsevere|\bseek (?:urgent |immediate )?(?:medical )?(?:help|attention|advice)|"
    r"\bemergency|life-threatening|\brare\b|\brarely\b|\bless common|\buncommon|"
    r"\bget (?:urgent )?medical help|\bstraight away|\bimmediately|\burgent",
    re.I,
)
# A frequency band of a leaflet or label: 'Uncommon (may affect up to 1 in 100 people)'.
# Bands down to uncommon are ordinary side effects; 'rare' stays with SERIOUS.
COMMON_BAND = re.compile(
    r"^\W*(?:very common|common|uncommon)\b(?:(?:(?!\brare\b).)*\b(?:1|one) in [\d,]+|:)",
    re.I)
COMMON = re.compile(r"\bcommon|\bfrequent|\bmild|\busual|\bmost people", re.I)
# Sentences that say a condition is treated (for prose outside the Usage section).
TREATS = re.compile(
    r"\b(?:used (?:to treat|to prevent|for|in)|(?:licensed|approved) to treat|treats?|treating|"
    r"treatment (?:of|for)|prevention of|prescribed (?:for|to)|uses? (?:it|them)\b|"
    r"indicated (?:for|in)|approved (?:for|to)|relie(?:f|ve)s?|manage|helps?|"
    r"work\w* (?:together )?to control)\b",
    re.I,
)
# Where a sentence about two components splits into one clause for each.
CLAUSE_SPLIT = re.compile(r",\s*(?:while|whereas|but)\b|;\s+|\.\s+")
# A sentence that denies its effects are side effects of the drug.
NOT_SIDE_EFFECT = re.compile(
    r"\b(?:are|is) not (?:a |an )?(?:typical |common |usual |known )?side[- ]effects?\b", re.I)
# Outside Side Effects, only an explicit causal verb states an effect of the drug.
CAUSAL = re.compile(
    r"\b(?:can|may|could|might|will|does|do|often|sometimes)\s+(?:also\s+)?(?:cause|lead to|"
    r"trigger|prolong|raise|increase|lower|mask|worsen|damage|induce|provoke|result in)\b",
    re.I,
)
# Sentences that state a contraindication outside a Contraindications section.
CONTRAINDICATION = re.compile(
    r"\b(?:should not (?:be )?(?:used|taken|take|use|given)|must not (?:be )?(?:used|taken|take|"
    r"given)|do not (?:take|use)|contraindicated|not (?:be )?(?:used|given) (?:in|by|to)|"
    r"avoid(?:ed)? (?:in|by|if|during|while|when)|not suitable for|not recommended (?:in|for))\b",
    re.I,
)
# Drugs named as the object of a condition ('allergic to penicillins', 'asthma after taking
# NSAIDs') are part of that condition, not co-medications.
CONDITION_OBJECT = re.compile(
    r"(?:\b(?:allerg\w*|hypersensitiv\w*|sensitiv\w*|intoleran\w*)\s+(?:[\w,'-]+\s+){0,12}|"
    r"\b(?:after (?:taking|using)|caused by|induced by|triggered by|due to|intoxication with|"
    r"poisoning (?:with|by)|overdose (?:of|with)|"
    # 'people who are abruptly stopping alcohol or benzodiazepines': a withdrawal state
    r"stopping|discontinuing|discontinuation of|withdrawal from|withdrawing from)"
    r"\s+(?:[\w,'-]+\s+){0,6}|"
    # a reason clause: 'should not be used while breastfeeding, as morphine passes into milk'
    r"^\s*(?:as|because|since)\s+(?:[\w,'-]+\s+){0,3})"
    r"$",
    re.I,
)
# Where a list of examples ends: the verb of the sentence ('such as ritonavir can raise ...').
EXAMPLE_END = re.compile(
    r",?\s+(?:while|whereas|but)\b|\s(?:can|may|might|could|will|should|must|is|are|raise[sd]?|"
    r"increase[sd]?|lower[sd]?|reduce[sd]?|cause[sd]?|make[s]?|add[s]?)\b",
    re.I,
)
# A label that names a group of facts rather than one ('Other anxiety conditions').
GROUP_LABEL = re.compile(
    r"^\s*other\b|\b(?:conditions|disorders|problems|diseases|infections|uses|effects)\s*$|"
    # the body systems labels list effects by ('Nervous: seizure, anxiety', 'Special senses:')
    r"^\s*(?:body as a whole|cardiovascular|cardiac|vascular|digestive|gastrointestinal|"
    r"(?:central )?nervous(?: system)?|psychiatric|respiratory|special senses|"
    r"skin(?: and appendages)?|dermatologic(?:al)?|urogenital|genitourinary|renal|hepatic|"
    r"hepatobiliary|musculoskeletal|metabolic(?: and nutritional)?|"
    r"h(?:a)?emic(?: and lymphatic)?|h(?:a)?ematologic(?:al)?|endocrine|immune system|general)\s*$",
    re.I,
)
# A hedge that turns a contraindication into a caution.
CAUTION = re.compile(
    r"\b(?:only if|with caution|use with care|with care|only when|unless (?:a|your) doctor|"
    r"considers? it essential|closely monitored|careful monitoring)\b",
    re.I,
)
# 'It can be taken together with paracetamol', 'is safe to take with', 'does not interact
# with': the partner is named as one that does not interact (rule interaction.safe-together).
SAFE_TOGETHER = re.compile(
    r"\b(?:can|may) (?:safely )?be (?:taken|used|given|combined) (?:together )?with|"
    r"\bsafe to (?:take|use|combine) (?:it )?(?:together )?with|\bno (?:known )?interactions? "
    r"with|\bdoes not interact with|\bfine to take (?:it )?with", re.I)
# Sentences that speak of taking another substance together with the drug.
INTERACTION = re.compile(
    r"\b(?:interact\w*|taken with|taking (?:it )?with|combin\w+|together with|alongside|"
    r"along with|with other|avoid\w* (?:drinking|alcohol)|drink\w*|concurrent\w*|"
    r"in addition to|plus|concomitant\w*|co-?administ\w+|"
    # 'if you are (also) taking medicines to treat depression, known as SSRIs'
    r"(?:are|is|were|currently) (?:also )?(?:taking|using|receiving|on)|if you (?:also )?take|"
    # 'Grapefruit juice raises atorvastatin levels', 'lowers the blood levels of X'
    r"(?:rais|increas|lower|reduc|decreas)\w* (?:the )?(?:blood |plasma )?(?:levels?|"
    r"concentrations?|exposure) of|"
    r"(?:rais|increas|lower|reduc|decreas)\w* [\w-]+ (?:blood |plasma )?"
    r"(?:levels|concentrations|exposure)|"
    # 'Clarithromycin raises the risk of muscle problems with atorvastatin'
    # (not 'the risk of stroke in elderly people with dementia': a population)
    r"(?:rais|increas)\w* the (?:risk|chance) of [^.;]{1,60}? (?<!people )(?<!patients )"
    r"(?<!those )(?<!adults )(?<!children )(?<!anyone )with)\b",
    re.I,
)
# An effect reported with the drug, the way labels state them: 'Priapism has been reported
# since market approval of VIAGRA', 'postmarketing reports of bleeding events in patients who
# have taken X', 'Cases of pancreatitis have been reported in patients receiving X'.
REPORTED = re.compile(
    r"\b(?:ha(?:ve|s) been|were|was|are|is) (?:\w+ )?reported|\breports? of|\bcases? of|"
    r"\bobserved (?:in|with)\b|ha(?:ve|s) been observed|"
    # 'Sleep paralysis ... can occur with the use of DAYVIGO'
    r"\b(?:can|may) occur (?:with the use of|with|during treatment with|in patients (?:taking|"
    r"treated with))\b", re.I)
# A purpose clause naming what another medicine is for ('ranolazine, a medicine used to treat
# angina', 'medicines to treat HIV infection such as ritonavir'): the condition is the
# partner's, not the page's drug's.
PURPOSE = re.compile(
    r"(?:\b(?:medicines|medications|drugs|treatments|therapies|agents|products)|"
    r"\b(?:an?|other|certain|some|any)\s+(?:[\w-]+\s+){0,2}(?:medicine|medication|drug|"
    r"treatment|therapy|agent|product))\b"
    r"[^.;:]{0,40}?\b(?:(?:used |given |taken )?(?:to (?:treat|lower|prevent|control|reduce)|"
    r"for (?:the )?(?:treatment|prevention) of|for)|against)\s+(?:[\w-]+\s+){0,4}$|"
    r"\(\s*(?:used |given )?(?:to (?:treat|lower|prevent)|for)\s+(?:[\w-]+\s+){0,4}$",
    re.I)
CAUSES = re.compile(
    r"\b(?:cause[sd]?(?! of)|causing|side[- ]effects?|can make|may make|notice|experience|lead to|"
    r"(?:people|you|patients) (?:may |might |can )?(?:feel|get|become)|"
    r"leads to|result in|trigger|common|linked (?:to|with)|associated with|report(?:ed)?|"
    r"(?:can|may) (?:prolong|raise|increase|lower|mask|worsen|damage|induce|provoke))\b",
    re.I,
)
PREGNANCY = re.compile(r"\bpregnan|\btrimester|\bconceive|\bunborn|\bfetus|\bfoetus|\bfetal", re.I)
FETAL_HARM = re.compile(
    r"\b(?:fetus|foetus|fetal|foetal|unborn|bab(?:y|ies)|newborns?|infants?|neonat\w*|"
    r"birth defects?|malformations?|after birth|at birth)\b",
    re.I,
)
HARM = re.compile(
    r"\b(?:risks?|harm\w*|defects?|damage|problems?|abnormal\w*|withdrawal|toxic\w*|"
    r"malformations?|may have|can cause|could cause|affect|effects|injur\w*|death)\b",
    re.I,
)
NO_HARM = re.compile(
    r"\b(?:not been established|not established|no (?:clear |good |consistent )?evidence|"
    r"not known to (?:harm|cause)|unlikely to (?:harm|cause)|considered safe|is safe|"
    r"are safe|not harm|(?:has|have) not (?:been )?shown|did not show|no (?:clear )?increase|"
    # a hedge: 'the effects on the unborn child are not known', 'It is not known if X can harm'
    r"(?:are|is) not known|not known (?:if|whether)|unknown|no (?:adequate )?data|"
    r"not been studied)\b",
    re.I,
)

# What a drug does to a receptor, enzyme or transporter named right after (or before) it,
# as the nouns mechanism labels use: 'blocks dopamine D2 receptors' -> '... antagonism'.
ACTIONS = (
    (re.compile(r"\bpartial agonis\w*", re.I), ("partial agonism",)),
    (re.compile(r"\b(?:block\w*|antagonis\w*|antagoniz\w*)", re.I),
     ("antagonism", "blockade", "inhibition")),
    (re.compile(r"\b(?:inhibit\w*|reduc\w+ the activity of)", re.I),
     ("inhibition", "antagonism", "blockade")),
    (re.compile(r"\b(?:activat\w*|stimulat\w*|agonis\w*|acts? like|mimic\w*)", re.I),
     ("agonism", "activation")),
    # 'enhances the effect of GABA at GABA-A receptors'
    (re.compile(r"\b(?:enhanc\w*|potentiat\w*|boost\w*|amplif\w*)", re.I),
     ("positive allosteric modulation", "potentiation", "enhancement")),
    (re.compile(r"\bbind\w*", re.I), ("binding",)),
)
# 'Like other anti-seizure medicines, pregabalin ...' says pregabalin is one.
LIKE_OTHER = re.compile(r"\b(?:like|as with)\s+(?:all\s+|many\s+|most\s+)?other\s+"
                        r"(?:[\w-]+\s+){0,2}$", re.I)
# 'Tell your doctor about all other medicines, especially ...' addresses the reader; it
# names no group of medicines.
ADDRESS = re.compile(r"\b(?:you|your|tell|ask|check|talk)\b", re.I)
# 'Some of these pain and headache uses are off-label': a reference back to facts already
# stated, not a new one.
ANAPHORA = re.compile(r"\b(?:these|those)\s+(?:[\w-]+\s+(?:and|or)\s+)?$", re.I)
# Where the reach of a causal verb ('can cause ...') ends.
CAUSE_SCOPE_END = re.compile(
    r"[.;!?]|,\s*(?:so|but|however|although|though|which|while|and so)\b", re.I)
# A mention that opens with one of these qualifies the one before it ('heart failure after a
# heart attack').
TIME_QUALIFIER = re.compile(r"(?:after|following|during|before)\b", re.I)
# Between two conditions: the second is the setting of the first ('mania in bipolar disorder').
CONTEXT_OF = re.compile(
    r"\s+(?:in|associated with|caused by|due to|secondary to|related to)\s+", re.I)
# Between a drug and a condition: the condition restricts when the drug is contraindicated
# ('together with aliskiren in people with diabetes').
WHO_WITH = re.compile(
    r"\s+in\s+(?:people|patients|those|anyone|adults|children|women|men)\s+"
    r"(?:with|who have)\s+(?:[\w'-]+,?\s+){0,4}",
    re.I,
)
