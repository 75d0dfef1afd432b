"""List and segment structure: entries of an enumeration, the head an example or a bracket
belongs to, leads that a list completes, and list entries as names of their own."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from drugkg.ingest import cues, prefilter
from drugkg.ontology.recognise import Matcher, Mention

# Examples of risk factors or comorbidities are conditions people have, not facts about the
# drug (rule list.risk-factor-examples).
_RISK_FACTOR = re.compile(r"\brisk factors?\b|\bpredisposing\b|\bco-?morbidit(?:y|ies)\b|"
                          r"\bco-?existing (?:conditions?|diseases?|illness(?:es)?)\b", re.I)
# Words that open an elaboration of the preceding head ("opioids (for example codeine)").
_ELABORATION = re.compile(
    r"\b(?:such as|including|for example|for instance|e\.g\.|especially|particularly|"
    r"notably|like)\b|\(|\s[\u2013\u2014-]\s|:",
    re.I,
)
# Where a list of examples ends: the verb of the sentence ('such as ritonavir can raise ...').
_EXAMPLE_END = re.compile(
    r",?\s+(?:while|whereas|but)\b|\s(?:can|may|might|could|will|should|must|is|are|raise[sd]?|"
    r"increase[sd]?|lower[sd]?|reduce[sd]?|cause[sd]?|make[s]?|add[s]?)\b",
    re.I,
)
# 'Tell your doctor about all other medicines, especially ...' addresses the reader; it
# names no group of medicines.
_ADDRESS = re.compile(r"\b(?:you|your|tell|ask|check|talk)\b", re.I)
# A mention that opens with one of these qualifies the one before it ('heart failure after a
# heart attack').
_TIME_QUALIFIER = re.compile(r"(?:after|following|during|before)\b", re.I)
_BLANK = re.compile(r"\s*")
# 'a form of diabetes called type 2 diabetes' (rule mention.named-as)
# ('a rare tumour of the adrenal gland called phaeochromocytoma': the general term may be
# placed by a short phrase before its name)
_NAMED_AS = re.compile(r"(?:\s+(?:of|in|on|affecting)\s+(?:(?:the|an?|your)\s+)?(?:[\w-]+\s+){0,2}?"
                       r"[\w-]+)?\s*,?\s*(?:called|known as|named)\s+(?:(?:an?|the)\s+)?", re.I)
# A lead whose last words a list completes: '... nausea and vomiting caused by:'
_LINK = r"(?:caused by|induced by|due to|associated with|related to)"
_LINK_AT_END = re.compile(rf"\s(?P<link>{_LINK})\s*:\s*$", re.I)
_LINK_TO_LIST = re.compile(rf"\s+{_LINK}\s*:\s*", re.I)
_SEPARATOR = re.compile(r"[(),;]| and ")
_CATEGORY_NOUNS = {"conditions", "diseases", "disorders", "illnesses", "infections",
                   "problems"}

_GENERIC_WORDS = {
    "a", "an", "the", "some", "certain", "other", "any", "your", "their", "its", "this",
    "these", "those", "and", "or", "of", "in", "with", "to", "for", "on", "as", "by", "very",
    "more", "less", "most", "also", "such", "people", "patients", "who", "have", "has", "are",
    "is", "be", "it", "you", "medicine", "medicines", "medication", "medications", "drug",
    "drugs", "effects", "effect", "side", "common", "serious", "rare", "symptoms",
    "vice", "versa", "etc", "others", "one", "another", "each", "so", "several", "many",
    "few",
}
VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|can|could|may|might|should|must|will|would|if|when|"
    r"which|that|because|while|do|does|did|take|taking|taken|tell|ask|talk|stop|see|get|"
    r"usually|often|mg|dose|doses|daily|day)\b",
    re.I,
)
# Nouns that end like gerunds: these may start an adverse-effect name.
_NOUNS_IN_ING = {"swelling", "bleeding", "vomiting", "sweating", "itching", "tingling",
                 "bruising", "flushing", "wheezing", "fainting", "yawning", "ringing",
                 "burning", "numbness", "thinning", "darkening", "blurring", "snoring"}
# A list entry that starts with one of these continues a sentence; it names nothing.
# The nouns that name people, so a list entry ending in one names a population, not a
# condition, partner or effect.
_PEOPLE = {"people", "patients", "persons", "individuals", "children", "adults", "infants",
           "babies", "newborns", "neonates", "adolescents", "teenagers", "women", "men",
           "elderly", "users"}
_NOT_A_HEAD = {
    "with", "without", "as", "in", "for", "to", "from", "by", "on", "at", "into", "after",
    "before", "during", "causing", "reduces", "reduce", "mainly", "mostly", "older", "younger",
    "have", "has", "had", "especially", "any", "all", "both", "either", "each", "than", "then",
    "so", "but", "because", "although", "including", "like", "unless", "until", "via",
    "improve", "improves", "lower", "lowers", "treat", "treats", "prevent", "prevents", "help",
    "increase", "increases", "decrease", "decreases", "raise", "raises", "worsen", "worsens",
    "enhance", "enhances",
    "helps", "using", "use", "used", "making", "make", "makes", "about", "over", "under",
    "avoid", "reported", "sometimes", "usually", "often", "rarely", "severe", "mild",
    "long-term", "short-term", "fast", "slow", "unpleasant", "mood", "supplements",
}
_CLAUSE_WORD = re.compile(r"\b(?:how|what|why|whether|this one|everything|anything)\b", re.I)
# 'Medicines to treat HIV infection such as ritonavir' describes a group by what its members
# do; the examples are the partners (rule list.described-group)
_DESCRIBED = re.compile(r"\b(?:that|which|who|to|used|for)\b", re.I)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")  # doses and ages, not 'CYP3A4' or '5-HT3'
_CATEGORY = re.compile(
    r"\b(?:medicines?|medications?|drugs?|agents?|products?|pills?|tablets?|inhibitors?|"
    r"inducers?|blockers?|painkillers?|antibiotics?|supplements?|remedies|substrates?|"
    r"treatments|therapies)\b",
    re.I,
)

Span = tuple[int, int, str]  # (start, end, 'paren' | 'example' | 'explanation')


def distributing_link(text: str) -> re.Match[str] | None:
    """'... nausea and vomiting caused by:' -> the match of 'caused by:' (cheap: only text
    that ends in a colon is searched)."""
    if not text.rstrip().endswith(":"):
        return None
    return _LINK_AT_END.search(text, max(0, len(text) - 40))


def distributed(matcher: Matcher, lead: str, item: str) -> str:
    """Rule list.lead-distributes: under 'used to prevent nausea and vomiting caused by:'
    the item 'Chemotherapy for cancer' names 'nausea and vomiting caused by chemotherapy'
    when the vocabulary knows that whole; otherwise the item stands alone."""
    link = distributing_link(lead)
    if link is None:
        return item
    head = " ".join(lead[: link.start()].split()[-5:])
    head = re.sub(r"^.*?\b(?:prevent|treat|relieve|manage|for)\s+", "", head, flags=re.I)
    combined = f"{head} {link['link']} {item}"
    reach = len(combined) - len(item)
    whole = [x for x in matcher.find(combined)
             if x.kind == "condition" and x.start < len(head) and x.end > reach]
    # the rest of the item qualifies the cause ('Chemotherapy for cancer')
    return combined[: whole[0].end] if whole else item


def within(matcher: Matcher, mention: Mention, kind: str) -> list[Mention]:
    """Mentions of ``kind`` inside a longer mention of another kind, placed in its text
    ('liver failure' in the effect 'Severe liver failure', 'alcohol' in the condition
    'excessive alcohol intake')."""
    return [replace(m, start=mention.start + m.start, end=mention.start + m.end)
            for m in matcher.find(mention.text, (kind,))]


def completes_lead(text: str, m: Mention) -> bool:
    """'nausea and vomiting caused by:' is completed by the list below: no fact of its own."""
    return bool(_LINK_TO_LIST.fullmatch(text, m.end))


def named_as(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """Rule mention.named-as: 'a form of diabetes called type 2 diabetes mellitus' names
    the precise condition; the general one before it is no fact."""
    after = _NAMED_AS.match(text, m.end)
    return after is not None and any(o.start == after.end() for o in mentions)


def follows(text: str, m: Mention, mentions: list[Mention], gap: re.Pattern,
            kinds: tuple[str, ...] = ()) -> bool:
    """Some mention (of ``kinds``, if given) ends just before ``m``, with only ``gap``
    between them: 'heart failure| after a heart attack', 'aliskiren| in people with diabetes'."""
    return any(o.end <= m.start and (not kinds or o.kind in kinds) and
               gap.fullmatch(text, o.end, m.start) for o in mentions)


def qualifies_previous(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """'heart failure after a heart attack' is one condition: the qualifier is no fact."""
    return bool(_TIME_QUALIFIER.match(m.text)) and follows(text, m, mentions, _BLANK)


_ALIAS = re.compile(r",\s+(?:also (?:called|known as)|meaning|i\.e\.)\s[^,;:.()]+", re.I)
# Named once here: elaboration_spans and surface run on every text with mentions to group.
_BRACKET = re.compile(r"\([^()]*\)?")
_BRACKET_ALTERNATIVE = re.compile(r"\(\s*(?:or|and|and/or)\s", re.I)
_DASH_OR_COLON = re.compile(r"\s[\u2013\u2014-]\s|:\s")
_EMPHASIS = re.compile(r"[*_`\"]")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:and|or|a|an|the)\s+", re.I)


# A label's pointer to one of its sections: 'see Warnings and Precautions (5.2)', '[see Use
# in Specific Populations (8.1)]' (rule list.cross-reference).
_CROSS_REFERENCE = re.compile(r"\b(?:see|refer to)\s+(?:[A-Z][\w,-]*\s+(?:(?:and|of|in|for)\s+)?)"
                              r"{1,6}\(\d+(?:\.\d+)*\)")
# A treatment programme the use belongs to, up to the end of its clause (rule list.setting).
_SETTING = re.compile(r"\bas (?:a )?part of (?:an? |the |your )?(?:[\w-]+ ){0,3}?(?:programme|"
                      r"program|plan|approach|package|strategy|regimen)\b[^;.]*", re.I)


def elaboration_spans(text: str, mentions: list[Mention]) -> list[Span]:
    """Character spans that elaborate a head: parentheses, 'such as ...' up to the next
    dash, colon, semicolon or full stop, and the explanation after a dash or colon that
    follows a head mention."""
    # a bracket that opens with 'or'/'and' adds an entry ('high blood pressure (or angina)')
    # (rule list.bracket-alternative)
    spans = [(m.start(), m.end(), "paren") for m in _BRACKET.finditer(text)
             if not _BRACKET_ALTERNATIVE.match(m.group())]
    for m in cues.EXAMPLE.finditer(text):
        inside_paren = text.count("(", 0, m.start()) > text.count(")", 0, m.start())
        stop = re.compile(r"\)" if inside_paren else r"\s[\u2013\u2014-]\s|[;:.]\s|[;:]$")
        end = stop.search(text, m.end())
        end_at = end.start() if end else len(text)
        verb = _EXAMPLE_END.search(text, m.end(), end_at)
        end_at = verb.start() if verb else end_at
        # rule list.examples-end-at-a-peer: 'opioid painkillers such as codeine and morphine,
        # sedating antihistamines and other hypnotics' - after drug examples, a class of
        # medicines is the next entry of the outer list, not one more example; so is an
        # entry the article opens ('such as selegiline or moclobemide, or the antibiotic
        # linezolid')
        inside = [x for x in mentions if m.end() <= x.start < end_at]
        peer = next((x for x in inside[1:] if not inside_paren and (
            (x.kind == "class" and inside[0].kind == "drug"
             and not cues.INSIDE_BRACKET.search(text, m.end(), x.start))
            or _ARTICLE_ENTRY.search(text, max(m.end(), x.start - 40), x.start))), None)
        # nor is what follows examples closed by their own 'and': in 'blood disorders such as
        # agranulocytosis and aplastic anemia, Stevens-Johnson syndrome, and lupus' the
        # syndrome and lupus are entries of the outer list (rule list.examples-closed)
        closed = next((y for x, y in pairwise(inside)
                       if JOINED.fullmatch(text, x.end, y.start) and
                       _COMMA.match(text, y.end) and any(z.start > y.end for z in inside)), None)
        spans.append((m.start(), peer.start if peer else closed.end if closed else end_at,
                      "example"))
    # rule list.cross-reference: 'Serotonergic drugs: see Warnings and Precautions (5.2)'
    # points to a section; its words are no entries
    spans += [(m.start(), m.end(), "reference") for m in _CROSS_REFERENCE.finditer(text)]
    # rule list.setting: 'ADHD, as part of a full treatment programme that may include
    # psychological, educational and social measures' - what the programme holds is no entry
    spans += [(m.start(), m.end(), "setting") for m in _SETTING.finditer(text)]
    # rule list.alias: 'DRESS, also called multiorgan hypersensitivity, ...', 'Anterograde
    # amnesia, meaning trouble remembering events, ...' - another name for the head
    spans += [(m.start(), m.end(), "alias") for m in _ALIAS.finditer(text)]
    first = min((m.start for m in mentions), default=None)
    for m in _DASH_OR_COLON.finditer(text):
        if first is not None and first < m.start() and not any(
            s <= m.start() < e for s, e, kind in spans if kind == "paren"
        ):
            # in a series 'A — about A; B; and C' the explanation ends at the first ';'
            series = re.search(r";\s+and\b", text[m.end() :])
            end = text.find(";", m.end()) if series else len(text)
            spans.append((m.start(), end, "explanation"))
            break
    return sorted(spans)


def heads_and_examples(text: str, kept: list[Mention], spans: list[Span]):
    """Split mentions into heads and examples of a head: ([(head, None)], [(example, span)]).
    Mentions inside an elaboration ('(for example codeine)', 'such as X and Y', the
    explanation after a dash) are examples of the head before them."""
    heads: list[tuple[Mention, None]] = []
    examples: list[tuple[Mention, Span]] = []
    for m in sorted(kept, key=lambda m: m.start):
        span = next((sp for sp in spans if sp[0] <= m.start < sp[1]), None)
        inner = next((sp for sp in spans if sp[2] == "example" and span and
                      span[2] == "paren" and span[0] < sp[0] <= m.start < sp[1]), None)
        if inner and any(span[0] < o.start < inner[0] for o in kept):
            # rule list.nested-examples: in '(NSAIDs and COX-2 inhibitors, such as
            # ibuprofen)' ibuprofen is an example of the classes in the bracket
            span = inner
        if span and span[2] == "example" and _RISK_FACTOR.search(
                text[max(0, span[0] - 30) : span[0]]):
            continue  # 'several risk factors such as type 2 diabetes' are not facts
        if span and (any(h.start < span[0] for h, _ in heads) or (
                span[2] == "example" and not heads)):
            examples.append((m, span))  # 'CYP3A4 inhibitors such as X': X, unlinked head
        else:
            heads.append((m, None))
    return heads, examples


def attach_examples(text: str, heads: list[tuple[Mention, None]],
                    examples: list[tuple[Mention, Span]], unlinked_head: str | None, *,
                    bracket_names_term: bool,
                    member_of: Callable[[Mention, Mention], bool] | None = None,
                    ) -> tuple[list[Mention], dict[int, list[str]]]:
    """The mentions that name facts, and the synonyms of each (by ``id``): an example of a
    head is a synonym of it, an example with no head (or under an unlinked group head, which
    keeps them) stands alone. With ``bracket_names_term``, a bracket holding nothing but a
    term names the fact its lay words before it describe (rule effect.bracketed-term:
    'sudden muscle spasms of the neck (acute dystonia)' is acute dystonia). With
    ``member_of``, examples introduced by 'such as'/'including' that it calls members of
    their head stand for themselves and the head is dropped (rule effect.members-of-category)."""
    synonyms: dict[int, list[str]] = {id(m): [] for m, _ in heads}
    out = [m for m, _ in heads]
    named_by: dict[int, list[Mention]] = {}  # 'including' examples kept as a head's synonyms
    for m, span in examples:
        if unlinked_head or not heads:
            if unlinked_head is None:
                out.append(m)
                synonyms[id(m)] = []
            continue
        owner = _owner_of(m, span, [h for h, _ in heads], text)
        if owner is None:
            out.append(m)
            synonyms[id(m)] = []
        elif bracket_names_term and span[2] == "paren" and \
                (signs := _described_by_bracket(text, span, m, owner, out)):
            out = [h for h in out if h not in signs] + [m]
            synonyms[id(m)] = [h.text for h in signs]
        elif member_of is not None and member_of(m, owner) and (span[2] == "example" or (
                span[2] == "explanation" and _GROUP_WORD.search(owner.text))):
            out = [h for h in out if h is not owner] + [m]
            synonyms[id(m)] = []
        elif owner.concept.iri != m.concept.iri:
            synonyms[id(owner)].append(m.text)
            if span[2] == "example" and not _GROUP_WORD.search(owner.text):
                named_by.setdefault(id(owner), []).append(m)
    for owner, _ in heads:
        if owner not in out:
            # rule effect.members-of-category: in 'hypotension, including orthostatic
            # hypotension and syncope' the member stands for the head, and the example that
            # is no member stands for itself
            for m in named_by.get(id(owner), ()):
                out.append(m)
                synonyms[id(m)] = []
    return out, synonyms


# The conjunction between two coordinated mentions: 'A and B', 'A or B', 'A and/or B'.
JOINED = re.compile(r"\s+(?:and|or|and/or)\s+", re.I)
_COMMA = re.compile(r"\s*,")
# A list entry opened by an article after a comma: ', or the antibiotic linezolid'.
_ARTICLE_ENTRY = re.compile(r",\s*(?:(?:or|and)\s+)?the\s+(?:[\w-]+\s+){0,2}$", re.I)


def after_last(boundary: str | re.Pattern[str], text: str, end: int) -> int:
    """Where the last ``boundary`` before ``end`` ends: the start of the clause, entry or
    segment that runs up to ``end`` (0 when there is none)."""
    return max([0] + [b.end() for b in re.finditer(boundary, text[:end])])


def appositive_class(text: str, m: Mention, before: list[Mention]) -> bool:
    """Rule list.appositive-class: 'a sulphonylurea or insulin, diabetes medicines, together
    with X' - a class set off by commas after a finished 'A or B' says what A and B are;
    so does one with an article after a drug ('erythromycin, an antibiotic, or ...',
    'with tizanidine, a muscle relaxant.')."""
    prev = [o for o in before if o.end <= m.start and o.kind in ("drug", "class")]
    if prev and prev[-1].kind == "drug" and re.fullmatch(
            r"\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}", text[prev[-1].end : m.start]):
        return True  # 'erythromycin, an antibiotic, or ketoconazole': what the drug is
    if not re.match(r"\s*,", text[m.end :]):
        return False
    if len(prev) < 2 or not re.fullmatch(r"\s*,\s*", text[prev[-1].end : m.start]):
        return False
    return bool(re.fullmatch(r"\s+(?:or|and)\s+(?:\w+\s+){0,2}",
                             text[prev[-2].end : prev[-1].start]))


def titles_a_drug(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """Rule list.class-as-title: in 'the antibiotic linezolid' or 'the painkiller tramadol'
    the class says what the drug after it is; the drug is the entry."""
    if m.kind != "class" or not re.search(r"\b(?:the|an?)\s+$", text[: m.start], re.I):
        return False
    nxt = next((o for o in mentions if o.start >= m.end), None)
    return nxt is not None and nxt.kind == "drug" and not text[m.end : nxt.start].strip()


def names_reader(text: str) -> bool:
    """'Tell your doctor about ...' addresses the reader."""
    return bool(_ADDRESS.search(text))


def merge_alternatives(text: str, heads: list[Mention], synonyms: dict) -> list[Mention]:
    """'dizziness or light-headedness' names one effect two ways: keep the first, the second
    becomes its synonym."""
    heads = sorted(heads, key=lambda m: m.start)
    kept: list[Mention] = []
    for m in heads:
        if kept and re.fullmatch(r"\s+or\s+(?:of\s+|about\s+)?", text[kept[-1].end : m.start]):
            synonyms.setdefault(id(kept[-1]), []).append(m.text)
            continue
        kept.append(m)
    return kept


# 'heart block or other serious heart rhythm disorders': an alternative member of the group;
# 'schizophrenia and other psychotic disorders' names both
_OR_OTHER = re.compile(r"\s*,?\s+or\s+other\s+(?:[\w-]+\s+){0,2}", re.I)


def fold_members(text: str, heads: list[Mention], synonyms: dict) -> list[Mention]:
    """Rule list.or-other: in 'heart block or other serious heart rhythm disorders' the first
    is one member of the group after 'or other' (of the same kind), named as the group's
    synonym, not a fact of its own."""
    heads = sorted(heads, key=lambda m: m.start)
    kept: list[Mention] = []
    for m in heads:
        member = kept[-1] if kept else None
        if member is not None and member.kind == m.kind and _OR_OTHER.fullmatch(
                text, member.end, m.start):
            kept[-1] = m
            synonyms.setdefault(id(m), []).extend([member.text, *synonyms.get(id(member), ())])
            continue
        kept.append(m)
    return kept


def surface(m: Mention, segments, mentions: list[Mention]) -> str:
    """The list entry that names ``m`` as the page wrote it ('known allergy to diazepam'),
    when the entry names nothing else and is short."""
    for start, end, piece in segments:
        if start <= m.start < end:
            if any(o is not m and start <= o.start < end for o in mentions):
                return ""
            piece = _SPACES.sub(" ", _EMPHASIS.sub("", piece)).strip(" .,:;")
            piece = _LEADING_ARTICLE.sub("", piece)
            if 1 < len(piece.split()) <= 10 and piece.lower() != m.text.lower():
                return piece
            return ""
    return ""


# A head that names a group by a plural of kind: 'Liver problems: jaundice and hepatitis',
# 'mood and behavioural changes - irritability, aggression' list members after the dash or
# colon; 'ulcers and bleeding: black tarry stools' lists signs (rule
# effect.members-of-category).
_GROUP_WORD = re.compile(r"\b(?:problems|changes|disorders|reactions|effects|conditions|"
                         r"behaviou?rs|difficulties|issues)$", re.I)


def _signs_of_syndrome(text: str, span: Span, m: Mention, heads: list[Mention]) -> list[Mention]:
    """Rule effect.bracketed-syndrome: 'a high temperature, stiff muscles and sweating
    (neuroleptic malignant syndrome)' closing an entry lists the signs of the syndrome it
    names: every head of the entry before the bracket; [] when the bracket names no syndrome
    or the entry goes on after it."""
    if not m.concept.label.lower().endswith("syndrome") or text[span[1] :].strip(" .;"):
        return []
    start = after_last(r"[;:]", text, span[0])
    return [h for h in heads if start <= h.start and h.end <= span[0]]


def _described_by_bracket(text: str, span: Span, m: Mention, owner: Mention,
                          heads: list[Mention]) -> list[Mention]:
    """The heads a bracket holding nothing but the term ``m`` names (rule
    effect.bracketed-term): the signs of its syndrome or of its entry, else its owner; []
    when the bracket only renames its owner and the entry holds nothing more."""
    if not _names_only(text, span, m) or _explains_term(text, span, owner):
        return []
    glossed = owner.concept.iri == m.concept.iri
    signs = _signs_of_term(text, span, heads, glossed=glossed)
    if glossed and len(signs) < 2:
        return []
    return _signs_of_syndrome(text, span, m, heads) or signs or [owner]


# Where an entry of a list, or an alternative within it, begins.
_ENTRY_OR_ALTERNATIVE = r"[,;:]|\b(?:and|or)\b"
# The words of a phrase that explains, absent from a compact term (rule effect.bracketed-gloss)
_GLOSS_WORD = re.compile(r"\b(?:in|of|on|the|an?|your|from|to|with)\b", re.I)


def _explains_term(text: str, span: Span, owner: Mention) -> bool:
    """Rule effect.bracketed-gloss: in 'narrow-angle glaucoma (raised pressure in the eye)'
    the bracket explains in a longer phrase with function words the compact term that is its
    entry's whole wording before it: the term stays the fact ('muscle stiffness and confusion
    (neuroleptic malignant syndrome)' is a term naming the signs)."""
    lead = text[after_last(_ENTRY_OR_ALTERNATIVE, text, span[0]) : owner.start]
    if not re.fullmatch(r"\s*(?:(?:.*\s)?(?:have|has|had)\s+)?(?:(?:an?|the)\s+)?", lead, re.I) or \
            text[owner.end : span[0]].strip():
        return False
    gloss = text[span[0] : span[1]].strip("() ")
    return len(gloss.split()) > len(owner.text.split()) and bool(
        _GLOSS_WORD.search(gloss)) and not _GLOSS_WORD.search(owner.text)


def _signs_of_term(text: str, span: Span, heads: list[Mention], *,
                   glossed: bool = False) -> list[Mention]:
    """Rule effect.bracketed-term-signs: 'sore throat and fever with frequent infections (a
    fall in white blood cells)', a bracketed term closing its entry, names what the lay words
    of the entry describe: every head since the entry's last comma or 'and' (in 'tremor and
    slow movements (parkinsonism)' the tremor is an entry of its own); [] when the entry
    goes on after the bracket. A term that renames the head before it (``glossed``) takes
    no alternative before an 'or' ('severe liver impairment or blocked bile ducts (biliary
    obstruction)'), only the words that lead to it ('Fainting from low blood pressure on
    standing (orthostatic hypotension)')."""
    if re.match(r"\s*[^\s,;.]", text[span[1] :]):
        return []
    start = after_last(_ENTRY_OR_ALTERNATIVE if glossed else r"[,;:]|\band\b", text, span[0])
    return [h for h in heads if start < h.end <= span[0]]  # ('black, tarry stools')


def _names_only(text: str, span: Span, m: Mention) -> bool:
    """The bracket holds the term and nothing else: '(acute dystonia)', '(signs of a
    hypertensive crisis)', '(neuroleptic malignant syndrome, due to trifluoperazine)' - a
    cause after the term names whose it is - not '(a common anticholinergic effect)'."""
    inner = text[span[0] : span[1]].strip("() ")
    inner = re.sub(r"^(?:(?:i\.e\.?|called|known as|(?:possible |likely )?signs? of)\s+)?"
                   r"(?:(?:an?|the)\s+)?", "", inner, flags=re.I)
    inner = re.sub(r",\s*(?:due to|caused by|from|with)\s.*$", "", inner, flags=re.I)
    return inner.lower() == m.text.lower()


def _owner_of(example: Mention, span: Span, heads: list[Mention], text: str) -> Mention | None:
    """The head an example belongs to; None when a parenthesis lists more concepts than the
    words before it named ('Muscle and joint aches (myalgia and arthralgia)')."""
    before = [h for h in heads if h.start < span[0]]
    if not before:
        return None
    gap = re.sub(r"\([^)]*\)|[^\w\s]", " ", text[before[-1].end : span[0]]).split()
    if span[2] == "example" and len(gap) > 2:
        return None  # 'MAOIs and other medicines that raise serotonin, such as SSRIs': not MAOIs
    if span[2] == "example" and len(gap) == 2 and gap[-1].lower() in _CATEGORY_NOUNS and \
            gap[0].lower() in ("in", "for", "with"):
        # rule list.category-examples: 'pain and inflammation in conditions such as gout'
        # - the examples are of the conditions, each one named, not of the inflammation
        # ('spasticity from conditions such as cerebral palsy' names a cause: it stays)
        return None
    if span[2] == "paren":
        segment_start = after_last(r"[,;]", text, span[0])
        local_heads = [h for h in before if h.start >= segment_start]
        inside = text[span[0] : span[1]]
        coordinated = re.search(r"\b(?:and|or)\b", text[segment_start : span[0]])
        if before[-1].kind == "class" and not gap:
            # rule list.class-members: 'other CNS depressants (barbiturates, ...)'
            return before[-1]
        if coordinated and not cues.EXAMPLE.search(inside) and \
                len(re.split(r",|\band\b|\bor\b", inside)) > max(1, len(local_heads)):
            return None  # 'Muscle and joint aches (myalgia and arthralgia)': two effects
    return before[-1]


def segments(text: str) -> list[tuple[int, int, str]]:
    """Comma/semicolon/'and'-separated pieces of an enumeration, parentheses left out."""
    body_start = text.find(":") + 1 if ":" in text[:-1] else 0
    out = []
    depth = 0
    start = body_start
    for m in _SEPARATOR.finditer(text, body_start):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and m.start() >= start:
            out.append((start, m.start(), text[start : m.start()]))
            start = m.end()
    out.append((start, len(text), text[start:]))
    return [(s, e, p) for s, e, p in out if p.strip()]


_OTHER_GROUP = prefilter.compile(r"\b(?:and|or)\s+other\s+[^,;.:]*", re.I)


def other_group_spans(text: str) -> list[tuple[int, int]]:
    """Rule list.other-group: in 'Sprains, strains and other muscle and joint injuries' the
    words after 'and other' (to the next comma) name the group the entries before it belong
    to, not entries of their own: their spans."""
    return [m.span() for m in _OTHER_GROUP.finditer(text)]


def clean_phrase(piece: str, *, category: bool = False, single_word_ok: bool = False) -> str:
    """A list entry as a concept name, or '' when it does not look like one. With
    ``category``, only a group of medicines ('Other medicines that prolong the QT interval')."""
    piece = re.sub(r"\([^)]*\)?", " ", piece)
    piece = _ELABORATION.split(piece)[0] if _ELABORATION.search(piece) else piece
    piece = re.sub(r"[*_`\"]", "", piece)
    piece = re.sub(r"\s+", " ", piece).strip(" .,:;-–—")
    piece = re.sub(r"^(?:and|or|a|an|the|some|certain|any)\s+", "", piece, flags=re.I)
    words = piece.split()
    if category:
        if not words or len(words) > 9 or not _CATEGORY.search(piece) or \
                _NUMBER.search(piece) or _CLAUSE_WORD.search(piece) or \
                _DESCRIBED.search(piece) or all(w.lower() in _GENERIC_WORDS for w in words):
            return ""  # 'medicines (taken by mouth ...)' names no group
        return piece
    if not words or len(words) > 6 or VERBISH.search(piece) or _NUMBER.search(piece) or \
            _CLAUSE_WORD.search(piece):
        return ""
    first = words[0].lower()
    if first in _NOT_A_HEAD or (first.endswith(("ing", "ly")) and "-" not in first and \
            first not in _NOUNS_IN_ING):  # 'potassium-containing salts' is a noun phrase
        return ""
    if words[-1].lower() in _PEOPLE:
        return ""  # 'young children', 'pregnant women': a population (rule list.population-entry)
    if len(words) == 1 and not single_word_ok:
        return ""  # a lone word left over from a list is mostly a fragment ('nose', 'strains')
    if any(w.lower().endswith("ly") for w in words) or \
            not [w for w in words if w.lower() not in _GENERIC_WORDS and len(w) > 2]:
        return ""
    return piece


# 'tonic-clonic and focal seizures': a modifier joined by 'and' to the next one shares its
# head noun; 'moderate or severe liver disease' and 'fast, pounding or irregular heartbeat'
# name one thing in other words
# ('a blocked or paralysed bowel' names a blocked bowel; 'moderate or severe liver
# impairment' is one range of degree, not two conditions)
_DEGREES = ("mild", "moderate", "severe", "serious")  # a range of these names one condition
_SHARED_MODIFIER = re.compile(
    r"(?<![,\w-])(?<!,\s)(?P<modifier>[A-Za-z][\w-]*)\s+"
    rf"(?:and|{''.join(f'(?<!{d} )' for d in _DEGREES)}or)\s+$", re.I)
# a degree before the first of the coordinated modifiers grades them all
_DEGREE_BEFORE = re.compile(rf"\b({'|'.join(_DEGREES)}|significant|advanced)\s+$", re.I)


def shared_heads(matcher: Matcher, text: str, mentions: list[Mention]) -> list[Mention]:
    """Rule list.shared-head: the mentions plus those whose head noun a coordinated modifier
    shares ('liver and kidney problems' names liver problems too), each spanning its
    modifier; a modifier that names a concept of its own ('nausea and vomiting') shares
    nothing. Classes share theirs too: 'CYP3A4 or CYP2D6 inhibitors' names both groups."""
    added: list[Mention] = []
    graded: dict[int, Mention] = {}
    replaced: set[int] = set()  # drugs that are the modifier of a condition named so
    for m in mentions:
        words = m.text.split()
        if len(words) < 2 or m.kind not in ("adverse-effect", "condition", "class"):
            continue  # receptor targets have their own coordination (mechanisms.py)
        lead = _SHARED_MODIFIER.search(text, max(0, m.start - 60), m.start)
        if lead is None:
            continue
        begin, end = lead.span("modifier")
        overlapping = _overlapping(mentions, begin, end)
        if any(o.kind != "drug" for o in overlapping):
            continue  # ('nausea and vomiting': the modifier names an effect of its own)
        # a drug is a modifier too: 'a history of alcohol or drug abuse' names alcohol abuse
        # a degree before the first modifier grades both conditions: 'severe liver or kidney
        # disease' is severe liver disease and severe kidney disease
        degree = _DEGREE_BEFORE.search(text, max(0, begin - 20), begin) \
            if m.kind == "condition" else None
        head = " ".join(words[1:])
        for grade in ([f"{degree[1]} "] if degree else []) + [""]:
            phrase = f"{grade}{lead['modifier']} {head}"
            found = named_exactly(matcher, phrase, m.kind)
            if found:
                added += [Mention(f.concept, begin, end, lead["modifier"]) for f in found]
                replaced |= {id(o) for o in overlapping}
                whole = named_exactly(matcher, f"{grade}{m.text}", m.kind) if grade else []
                if whole:
                    graded[id(m)] = Mention(whole[0].concept, m.start, m.end, m.text)
                break
    added += _shared_modifiers(matcher, text, mentions)
    added += _receptor_subtypes(matcher, text, mentions)
    if not added:
        return mentions
    mentions = [graded.get(id(m), m) for m in mentions if id(m) not in replaced]
    return sorted([*mentions, *added], key=lambda x: (x.start, x.end))


# The bare noun phrase coordinated after a mention, up to the end of its entry: 'Raised
# blood pressure and heart rate'.
_COORDINATED_NOUN = re.compile(r"\s+(?:and|or)\s+(?P<noun>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
                               r"(?=\s*(?:[,.;:)]|$))", re.I)


def _shared_modifiers(matcher: Matcher, text: str, mentions: list[Mention]) -> list[Mention]:
    """Rule list.shared-modifier: a mention's first word that the bare noun coordinated after
    it shares ('Raised blood pressure and heart rate' names a raised heart rate too)."""
    added = []
    for m in mentions:
        words = m.text.split()
        if len(words) < 2 or m.kind not in ("adverse-effect", "condition"):
            continue
        after = _COORDINATED_NOUN.match(text, m.end)
        if after is None:
            continue
        begin, end = after.span("noun")
        if _overlapping(mentions, begin, end):
            continue  # 'severe headache and dizziness': dizziness is named on its own
        added += [Mention(found.concept, begin, end, after["noun"]) for found in
                  named_exactly(matcher, f"{words[0]} {after['noun']}", m.kind)]
    return added


# Receptor or channel subtypes listed before the head noun they share: 'the D2, 5HT2A, and
# 5HT1D receptors', 'H1 and M1 receptors', 'sodium and calcium channels'.
_SUBTYPE_LIST = prefilter.compile(
    r"\b(?P<names>(?:[A-Za-z0-9α][\w-]{0,7},?\s+)+(?:and|or)\s+[A-Za-z0-9α][\w-]{0,7})"
    r"\s+(?P<head>receptor|channel)s?\b")


_SUBTYPE_NAME = re.compile(r"[A-Za-z0-9α][\w-]*")


def _overlapping(mentions: list[Mention], begin: int, end: int) -> list[Mention]:
    """The mentions that share a character with text[begin:end]."""
    return [o for o in mentions if o.start < end and begin < o.end]


def _receptor_subtypes(matcher: Matcher, text: str, mentions: list[Mention]) -> list[Mention]:
    """Rule list.shared-receptor-head: each subtype listed before a shared 'receptors' or
    'channels' names its receptor or channel ('the D2, 5HT2A, and 5HT1D receptors' names the
    D2 and 5-HT2A receptors, 'sodium and calcium channels' both channels); a word that names
    none so ('the', 'at') adds nothing."""
    added = []
    for found in _SUBTYPE_LIST.finditer(text):
        for name in _SUBTYPE_NAME.finditer(found["names"]):
            if name[0].lower() in ("and", "or"):
                continue
            begin, end = found.start("names") + name.start(), found.start("names") + name.end()
            if _overlapping(mentions, begin, end):
                continue
            added += [Mention(hit.concept, begin, end, name[0]) for hit in
                      named_exactly(matcher, f"{name[0]} {found['head']}", "target")]
    return added


# The subject of a time clause: 'started as soon as possible after alcohol withdrawal has
# been completed', 'feeling sleepy after the seizure has stopped' say when, not what (rules
# indication.time-clause, effect.time-clause); 'used after a heart attack' has no verb of
# its own.
_TIME_SUBJECT_BEFORE = re.compile(r"\b(?:after|once|until|before|when|while)\s+(?:the\s+|your\s+|"
                                  r"an?\s+)?$", re.I)
_TIME_SUBJECT_AFTER = re.compile(r"\s+(?:has|have|had|is|are|was|were)\b", re.I)


def time_clause_subject(text: str, m: Mention) -> bool:
    """The mention is the subject of a time clause with a verb of its own."""
    return bool(_TIME_SUBJECT_BEFORE.search(text, max(0, m.start - 20), m.start)
                and _TIME_SUBJECT_AFTER.match(text, m.end))


def named_exactly(matcher: Matcher, phrase: str, kind: str) -> list[Mention]:
    """The mentions of ``kind`` that name the whole phrase ('recent heart attack')."""
    return [found for found in matcher.find(phrase, kinds=(kind,))
            if found.start == 0 and found.end == len(phrase)]
