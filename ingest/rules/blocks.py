"""Blocks: which kind of section a block reads as, which predicates it may state, and
whether its label frames the text or is a fact of its own."""

from __future__ import annotations

import re

from drugkg.ingest import cues, prefilter
from drugkg.ingest.model import PREDICATE_KINDS
from drugkg.ingest.rules.lists import VERBISH
from drugkg.ingest.rules.subject import Page
from drugkg.ingest.sections import Block, section_kind

# Which predicates each kind of section can state.
SECTION_PREDICATES: dict[str, tuple[str, ...]] = {
    # a summary states anything, but only with the cue each predicate needs outside its
    # own section ('It is used to treat ...', 'Common side effects include ...')
    "overview": ("class", "mechanism", "target", "indication", "adverse-effect", "risk",
                 "contraindication", "interaction"),
    "background": ("class",),
    "generic-name": ("class",),
    "usage": ("indication", "class", "mechanism", "target"),
    "mechanism": ("mechanism", "target", "class"),
    "side-effects": ("adverse-effect", "risk", "class", "interaction"),
    "contraindications": ("contraindication",),
    "interactions": ("interaction", "risk"),
    "pregnancy": ("contraindication",),  # harm to the fetus: effects.fetal_risk
    "dependence": ("risk", "class"),  # 'X is a benzodiazepine and a CNS depressant with ...'
    "overdose": ("risk", "class"),
    "precautions": ("risk", "contraindication", "interaction", "adverse-effect", "class"),
    "faq": ("risk", "adverse-effect", "class", "interaction"),
    "other": ("risk",),
}
# Sections whose lists are enumerations of one predicate (unlinked phrases are kept there).
LIST_PREDICATE = {
    "usage": "indication",
    "side-effects": "adverse-effect",
    "contraindications": "contraindication",
    "interactions": "interaction",
}
# A plain 'Label: entries' item (rule list.group-prefix), e.g. a label's body-system class
_GROUP_PREFIX = prefilter.compile(r"(?P<label>[A-Z][\w ,-]{2,80}?):\s+(?P<rest>\S.*)$", re.S)
# A label that names a group of facts rather than one ('Other anxiety conditions').
_GROUP_LABEL = re.compile(
    r"^\s*other\b|\b(?:conditions|disorders|problems|diseases|infections|uses|effects)\s*$|"
    # the body systems labels list effects by ('Nervous: seizure, anxiety', 'Special senses:')
    r"^\s*(?:body as a whole|cardiovascular|cardiac|vascular|digestive|gastrointestinal|"
    r"(?:central )?nervous(?: system)?|psychiatric|respiratory|special senses|"
    r"skin(?: and appendages)?|dermatologic(?:al)?|urogenital|genitourinary|renal|hepatic|"
    r"hepatobiliary|musculoskeletal|metabolic(?: and nutritional)?|"
    r"h(?:a)?emic(?: and lymphatic)?|h(?:a)?ematologic(?:al)?|endocrine|immune system|general)\s*$",
    re.I,
)
# Frequency bands written inline: '...: Common: low blood sugar, headache Uncommon: dizziness'
# (rule severity.inline-band): each band's list is a unit of its own
_INLINE_BAND = re.compile(r"(?=\b(?:Very common|Common|Uncommon|Rare|Very rare|Frequency not "
                          r"known|Not known):\s)")
# A list entry that goes on from a bold subject ('**Topiramate and others**, as well as
# cimetidine, can ...', rule block.bold-subject)
_CONTINUED = re.compile(r"^\s*,?\s*(?:and|or|as well as|plus)\b")


# A frequency or severity band as a whole label: 'Common', 'Less often', 'Serious (get help
# straight away)', 'Very rare side effects'.
_BAND = (rf"^(?:{cues.FREQUENCY_BANDS}|less common|less often|rarely|serious|rare but serious)"
         r"(?:\s+(?:side[- ]effects|effects))?\s*(?:\([^)]*\))?")
_BAND_LABEL = re.compile(_BAND + "$", re.I)
_BAND_LEAD = re.compile(_BAND + ":", re.I)  # 'Common: dry mouth, ...' in plain text


# Labels of a facts box: '**Type of medicine:** an SSRI' (rule class.slot-label) and
# '**Not used for:** ordinary tiredness' (rule indication.denied-use).
_CLASS_SLOT = re.compile(r"^(?:type of (?:medicine|drug)|drug class|class|medicine type|"
                         r"(?:pharmacological|therapeutic|chemical) class)$", re.I)
_DENIED_USE = re.compile(r"^(?:not|never) (?:to be )?(?:used|for|approved|licensed|indicated)\b",
                         re.I)


def names_class_slot(block: Block) -> bool:
    """The block's own label asks what class the drug is in: its classes are stated."""
    return bool(_CLASS_SLOT.match(block.label))


def denies_use(block: Block) -> bool:
    """The block's own label denies what follows as uses: '**Not used for:** ...'."""
    return bool(_DENIED_USE.match(block.label))


# The kinds an FAQ question can give its answer.
_FAQ_KINDS = ("overdose", "mechanism")


# A table's or figure's caption: 'Table 1. Local Reactions Reported in Controlled Studies on
# Intact Skin' names what the table holds; the rows state the facts (rule section.caption).
_CAPTION = re.compile(r"\W*(?:table|figure|fig\.)\s+\d+[A-Za-z]?\s*[.:]", re.I)


def is_caption(block: Block) -> bool:
    """A caption over a table or figure, which states nothing itself."""
    return block.kind == "para" and bool(_CAPTION.match(block.text))


def is_parent_entry(block: Block, kind: str) -> bool:
    """Rule list.parent-entry: in an enumerating section, '- **Bipolar I disorder**' over
    '- acute manic or mixed episodes' is an entry of the list as well as the heading of its
    own items; a label naming a section ('- **Drug interactions**') is only a heading."""
    return block.kind == "item" and bool(block.label) and not block.text.strip() and \
        not block.colon and kind in LIST_PREDICATE and not section_kind(block.label)


def block_kind(block: Block) -> str:
    """The section kind a block reads as: the innermost label that names a kind of its own
    ('**Interactions:**' inside Precautions) narrows the section; in a section the table
    could not file, a frequency or severity band ('Common: dry mouth, constipation') lists
    side effects (rule section.band-label)."""
    if block.section == "faq":
        # an answer to 'What happens if someone takes too much?' describes an overdose, one
        # to 'How does clonidine work?' the mechanism (rule section.faq-overdose)
        asked = {_label_kind(label, "faq") for label in block.labels}
        return next((kind for kind in _FAQ_KINDS if kind in asked), "faq")
    if block.section == "overview" and (_BAND_LEAD.match(block.text) or (
            block.label and _BAND_LABEL.match(block.label))):
        return "side-effects"
    if block.section == "precautions" and cues.BOXED_WARNING.match(block.heading):
        # a boxed warning's run-in labels name its warnings ('Risks From Concomitant Use With
        # Benzodiazepines Or Other CNS Depressants:'); they file nothing elsewhere (rule
        # section.boxed-warning)
        return block.section
    for label in reversed(block.labels):  # the innermost label that names a kind wins
        kind = _label_kind(label, block.section)
        if kind in ("contraindications", "interactions", "pregnancy", "dependence",
                    "overdose", "side-effects", "usage", "mechanism"):
            return kind
        if kind is not None:
            break
    return block.section


# A lead that opens a list of the people who should not take the drug: '... if you:'.
_WHO_LEAD = prefilter.compile(
    r"\b(?:if you|people who|anyone who|(?:people|patients|those|anyone) with)\s*:\s*$", re.I)


# A lead that asks for the doctor's judgement: 'X is not suitable for some people. Tell your
# doctor if you:' (rule list.history-lead), not 'Do not take it if you:' (list.lead-forbids).
_ASK_DOCTOR = re.compile(r"\b(?:tell|check with|talk to|speak to|ask) your (?:doctor|pharmacist)",
                         re.I)


# A lead that asks about the reader's history before treatment: 'Talk to your doctor before
# taking Sinemet if you have:' (rule list.history-lead).
_HISTORY_LEAD = re.compile(r"\bbefore (?:taking|using|starting|you (?:take|start|use))\b.*"
                           r"\bif you(?: have(?: ever had)?| had| are)?\s*:\s*$", re.I)


def lead_asks_history(lead: str) -> bool:
    """Rule list.history-lead: the items under 'Talk to your doctor before taking X if you
    have:' ('had fits (convulsions)') or 'X is not suitable for some people. Tell your doctor
    if you:' are the reader's conditions, not the drug's risks or effects."""
    return bool(lead and (_HISTORY_LEAD.search(lead) or (
        _names_who_should_not(lead) and _ASK_DOCTOR.search(lead))))


def lead_forbids(lead: str) -> bool:
    """Rule list.lead-forbids: under 'Do not take it if you:' the items are
    contraindications, in whatever section; not under the NHS's 'X is not suitable for some
    people. Tell your doctor if you:', which asks for the doctor's judgement (cautions, as
    under 'Check with your doctor before starting to take X if you:')."""
    return bool(lead and _names_who_should_not(lead) and not _ASK_DOCTOR.search(lead))


def _names_who_should_not(lead: str) -> bool:
    """'X is not suitable for some people. Tell your doctor if you:', 'Do not take it if you:'."""
    return bool(_WHO_LEAD.search(lead) and cues.CONTRAINDICATION.search(lead))


def label_is_context(page: Page, block: Block, kind: str) -> bool:
    """The block's label frames its text (a heading, a question, a group, a category of
    partners) rather than being a fact of its own ('**Tardive dyskinesia:** ...')."""
    return not block.text.strip() or \
        _label_frames(page, block.label, block.section) or \
        _label_names_nothing(page, block, kind) or _label_is_category(page, block, kind)


def continues_label(body: str) -> bool:
    """The body goes on from its bold label as one sentence (rule block.bold-subject)."""
    return bool(_CONTINUED.match(body))


def group_entries(body: str, kind: str) -> str:
    """Rule list.group-prefix: 'Nervous System Disorders: dizziness' lists dizziness; the
    body-system class is no entry."""
    group = _GROUP_PREFIX.match(body)
    if group and _GROUP_LABEL.search(group["label"]) and kind in LIST_PREDICATE \
            and not VERBISH.search(group["rest"]):
        return group["rest"]
    return body


def band_pieces(sentence: str) -> list[tuple[str, bool]]:
    """Rule severity.inline-band: 'Common: a, b Uncommon: c' -> one piece per band, each a
    list of its own: (piece, opens with a band)."""
    return [(piece, bool(_INLINE_BAND.match(piece)))
            for piece in _INLINE_BAND.split(sentence) if piece.strip()]


def _label_kind(label: str, section: str) -> str | None:
    """The section kind a label names; in Usage, 'Alcohol withdrawal' is a condition."""
    kind = section_kind(label)
    if section == "usage" and kind in ("dependence", "overdose"):
        return None
    return kind


def _label_frames(page: Page, label: str, section: str = "") -> bool:
    if not label:
        return True
    if _label_kind(label, section) or label.rstrip().endswith("?"):
        return True  # a heading ('Dependence and Withdrawal') or an FAQ question
    if page.monograph.blocks and re.match(r"^(?:q\d*\b|a\b|question)", label, re.I):
        return True
    if section_kind(label) or cues.SERIOUS.search(label) or cues.COMMON.search(label):
        rest = _strip_context_words(page, label)
        return not rest
    return not _strip_context_words(page, label)


def _label_names_nothing(page: Page, block: Block, kind: str) -> bool:
    """'**Heart rhythm problems:** it can prolong the QT interval ...', '**Other anxiety
    conditions:** ... panic disorder and OCD': a label that names no single fact, only a
    group, introduces the facts its text names."""
    predicate = LIST_PREDICATE.get(kind)
    if predicate not in ("adverse-effect", "indication", "contraindication") or not (
            block.label and block.text):
        return False
    wanted = PREDICATE_KINDS[predicate]
    if predicate == "indication" and any(not _NOMINAL_USE.match(cue.group())
                                         for cue in cues.TREATS.finditer(block.text)):
        # '**Headache prevention:** it is used to prevent migraine attacks': the body
        # states the uses, the label only files them; '**Bipolar I disorder** - short-term
        # treatment of manic or mixed episodes' describes the use its label names (rule
        # block.described-use)
        return _names_kind(page, block.text, wanted)
    if not _names_kind(page, block.label, wanted):
        return predicate == "adverse-effect"
    grouped = _GROUP_LABEL.search(block.label) or (block.colon and _CHANGES.search(block.label))
    return bool(grouped) and _names_kind(page, block.text, wanted)


# '**Mood changes:** depression, agitation ...': a 'changes' label with a colon heads the
# list of them (rule block.changes-label); '**Behaviour changes**, such as agitation' names
# one effect and gives its examples.
_CHANGES = re.compile(r"\bchanges\s*$", re.I)


# A use named as a noun ('treatment of', 'prevention of', 'relief of'), not said of the drug.
_NOMINAL_USE = re.compile(r"(?:treatment|prevention|relief)\b", re.I)


def _names_kind(page: Page, text: str, kinds: tuple[str, ...]) -> bool:
    return any(m.kind in kinds for m in page.matcher.find(text))


def _label_is_category(page: Page, block: Block, kind: str) -> bool:
    """'**Other serotonergic drugs:** triptans, tramadol, lithium ...': a heading over a
    list of partners, unlike '**Opioids** (for example codeine): ...'."""
    predicate = LIST_PREDICATE.get(kind)
    if not (block.label and block.colon and predicate == "interaction"):
        return False
    wanted = PREDICATE_KINDS[predicate]
    first = next((m for m in page.matcher.find(block.text) if m.kind in wanted
                  and m.concept.iri not in page.component_iris), None)
    return first is not None and len(block.text[: first.start].split()) <= 2


def _strip_context_words(page: Page, label: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", label)
    for comp in page.components:
        text = comp.pattern.sub(" ", text)
    text = re.sub(
        r"\b(?:the|combination|as a whole|component|because of|for|of|and|or|both|"
        r"common|serious|severe|less|more|rare|uncommon|very|mild|moderate|frequent|"
        r"likely|side effects?|adverse|"
        r"effects?|reactions?|seek medical help immediately|get medical help|"
        r"contraindications?|interactions?|drug|warnings?|precautions?)\b",
        " ",
        text,
        flags=re.I,
    )
    return re.sub(r"[\W_]+", " ", text).strip()
