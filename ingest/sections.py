"""Markdown body -> flat blocks, each knowing its section, sub-heading and labels.

Pages mark sections in many ways (``## Usage``, ``**Usage:**``, ``**1. Uses:**``,
``**How Does It Work?**``, ``### Contraindications`` under Precautions, bold lead-ins in
bullets). markdown-it-py does the Markdown; this module only reads its token stream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

HEADINGS_FILE = Path(__file__).with_name("headings.yaml")
TOP_KINDS = {"generic-name", "usage", "dosage", "side-effects", "mechanism", "precautions", "faq",
             "disclaimer", "background", "overview"}
SUB_KINDS = {"contraindications", "interactions", "pregnancy", "dependence", "overdose", "storage"}


@cache
def _kind_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The heading table (headings.yaml): (kind, pattern), in the order they are tried."""
    rows = yaml.safe_load(HEADINGS_FILE.read_text(encoding="utf-8"))
    return tuple((row["kind"], re.compile("|".join(f"(?:{p})" for p in row["patterns"])))
                 for row in rows)


@lru_cache(maxsize=1 << 14)  # headings repeat across pages; bounded for any corpus size
def section_kind(heading: str) -> str | None:
    """The canonical kind a heading names, or None ('Common Side Effects' -> 'side-effects',
    '4 CONTRAINDICATIONS' -> 'contraindications', 'Other medicines and X' -> 'interactions')."""
    text = normalise_heading(heading).lower()
    if not text or len(text) > 80:
        return None
    for kind, pattern in _kind_rules():
        if pattern.search(text):
            return kind
    return None


def normalise_heading(text: str) -> str:
    """'1. Uses:' -> 'Uses', '12.1 Mechanism of Action' -> 'Mechanism of Action'; 'How Does
    It Work?' stays a question without its mark."""
    text = re.sub(r"^\s*(?:\d+(?:\.\d+)*[.)]?(?=\s)|[ivx]+\.)\s*", "", text.strip())
    return text.strip().rstrip(":?.").strip()


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item or table row, in reading order.

    ``label`` is a bold lead-in (``**Common:** drowsiness`` -> label 'Common'); ``context``
    the labels above it (sub-heading, parent list items), outermost first.
    """

    kind: str  # heading | para | item | row
    text: str
    line: int
    level: int = 0
    label: str = ""
    colon: bool = False
    section: str = "overview"
    heading: str = ""
    context: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label that frames this block, outermost first, its own last."""
        return (*self.context, self.label) if self.label else self.context


def _inline_parts(token: Token) -> tuple[str, str]:
    """(bold lead-in, rest) of an inline token, as plain text."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content)]
    label_parts: list[str] = []
    rest_parts: list[str] = []
    opener = children[0].type if children else ""
    in_lead = opener == "strong_open" or (opener == "em_open" and _em_label(children))
    depth = 0
    for child in children:
        if in_lead:
            if child.type == opener:
                depth += 1
                continue
            if child.type == opener.replace("_open", "_close"):
                depth -= 1
                if depth == 0:
                    in_lead = False
                continue
            label_parts.append(_child_text(child))
        else:
            rest_parts.append(_child_text(child))
    return "".join(label_parts).strip(), "".join(rest_parts).strip()


def _em_label(children: list[Token]) -> bool:
    """An italic lead-in is a label only when it ends with a colon: '*Common or mild:* ...'."""
    inner = []
    for child in children[1:]:
        if child.type == "em_close":
            break
        inner.append(_child_text(child))
    return "".join(inner).rstrip().endswith(":")


def _child_text(child: Token) -> str:
    if child.type in ("softbreak", "hardbreak"):
        return " "
    if child.type in ("text", "code_inline", "html_inline"):
        return child.content
    return ""


def _split_label(label: str, rest: str) -> tuple[str, str, bool]:
    """(label, body, whether a colon closed the label). Text after a colon inside the bold
    moves to the body: '**Generic Name: X**' -> ('Generic Name', 'X', True)."""
    # a colon or a dash after the label: '**Other medicines that cause drowsiness** – a, b'
    colon = label.rstrip().endswith(":") or rest.lstrip().startswith((":", "—", "–", "- "))
    if rest.lstrip().startswith((":", "—", "–")):
        rest = rest.lstrip().lstrip(":—–").strip()
    if ":" in label and not label.rstrip().endswith(":"):
        head, _, tail = label.partition(":")
        if re.fullmatch(r"\s*(?:Q|Question)\s*\d*\.?\s*", head, re.I):
            return label.strip(), rest, colon  # '**Q: Is it addictive?** A: No.'
        if section_kind(head) or len(head.split()) <= 5:
            return head.strip(), (tail.strip() + " " + rest).strip(), True
    if label.strip() and not colon and _EMPHASIS_GOES_ON.match(rest) \
            and not re.search(r"[.!?]\s*$", label) \
            and not _LABEL_AFTER_BRACKET.match(rest):
        # rule block.bold-subject: '**Other serotonergic medicines** (triptans, lithium)
        # increase the risk ...' - the bold words are the sentence's subject, not a label
        return "", f"{label.strip()} {rest}", False
    return label.strip().rstrip(":").strip(), rest, colon


# After a bold lead-in with no colon or dash, the sentence goes on: a lower-case word (a
# verb, 'and', 'in adults') or an opening bracket.
_EMPHASIS_GOES_ON = re.compile(r"\s*(?:[a-z]|\()")
# '**Iodinated contrast dye** (used in X-ray scans): metformin is paused ...' is a label
_LABEL_AFTER_BRACKET = re.compile(r"\s*\([^()]*\)\s*(?::|[\u2013\u2014]|- )")


@cache
def _markdown() -> MarkdownIt:
    """One parser per process: building one costs as much as parsing a page, and parsing
    keeps no state between pages (docs/decisions/0011-deterministic-faster-ingest.md)."""
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def parse_blocks(body: str, *, first_line: int = 1) -> list[Block]:
    """Flat blocks of a Markdown body with section, heading and label context filled in."""
    tokens = _markdown().parse(body)
    raw: list[Block] = []
    item_depth = 0
    item_labels: list[str] = []
    pending_item = False
    row: list[str] = []
    row_line = first_line
    header = False
    for i, tok in enumerate(tokens):
        line = (tok.map[0] + first_line) if tok.map else (raw[-1].line if raw else first_line)
        if tok.type == "heading_open":
            inline = tokens[i + 1]
            raw.append(Block("heading", inline.content.strip(), line, level=int(tok.tag[1])))
        elif tok.type == "list_item_open":
            item_depth += 1
            pending_item = True
            item_labels.append("")
        elif tok.type == "list_item_close":
            item_depth -= 1
            item_labels.pop()
        elif tok.type == "tr_open":
            row, row_line = [], line  # the closing token carries no line of its own
            header = tokens[i - 1].type == "thead_open"
        elif tok.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content.strip() if tokens[i + 1].type == "inline" else "")
        elif tok.type == "tr_close":
            # a header row names columns ("Side effect | How common"), not facts
            raw.append(Block("header" if header else "row", " | ".join(row), row_line))
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            label, rest, colon = _split_label(*_inline_parts(tok))
            context = tuple(lab for lab in item_labels[:-1] if lab) if item_depth else ()
            if item_depth and pending_item and not label and rest.endswith(":") and \
                    len(rest.split()) <= 6:
                # '* Interactions:' over nested items is a label, bold or not
                label, rest, colon = rest.rstrip(":").strip(), "", True
            if item_depth and pending_item:
                item_labels[-1] = label
                raw.append(Block("item", rest, line, level=item_depth, label=label,
                                 context=context, colon=colon))
                pending_item = False
            else:
                kind = "item" if item_depth else "para"
                if item_depth:
                    context = tuple(lab for lab in item_labels if lab)
                raw.append(Block(kind, rest, line, level=item_depth, label=label, context=context,
                                 colon=colon))
    return _assign_sections(raw)


def _assign_sections(raw: list[Block]) -> list[Block]:
    raw = _unmarked_headings(raw)
    # the page's own top level: sections may be '###' under a bold 'Generic Name' line
    top = min((b.level for b in raw if b.kind == "heading" and b.level > 1
               and section_kind(b.text)), default=2)
    section, heading, sub = "overview", "", ""
    out: list[Block] = []
    for block in raw:
        bold_heading = block.kind == "para" and block.label and not block.text
        if block.kind == "heading" or bold_heading:
            text = block.text if block.kind == "heading" else block.label
            kind = section_kind(text)
            if block.kind == "heading" and block.level == 1:
                out.append(replace(block, section="title", heading=text))
                continue
            is_top = kind != section and (
                (block.kind == "heading" and block.level <= top and kind is not None)
                or (kind in TOP_KINDS and (block.kind != "heading" or block.level <= top))
                or (kind in SUB_KINDS and section != "precautions"
                    and block.level <= top)
            )
            if is_top:
                section, heading, sub = kind or "other", normalise_heading(text), ""
            else:  # a deeper heading narrows the section ('Do not take X' under 'Before ...')
                sub = normalise_heading(text)
            out.append(replace(block, kind="heading", level=block.level or (2 if is_top else 3),
                               section=section, heading=heading, label="",
                               text=normalise_heading(text), context=(sub,) if sub else ()))
            continue
        if block.kind == "para" and block.label:
            kind = section_kind(block.label)
            if kind in TOP_KINDS and kind != section and kind != "precautions" and not sub:
                # '**Generic Name:** X' or '**Disclaimer:** ...' open a section of their own
                section, heading = kind, normalise_heading(block.label)
            elif kind in SUB_KINDS and block.text.rstrip().endswith(":"):
                # '*Drug interactions:* Tell your doctor about ..., especially:' heads a list
                sub = normalise_heading(block.label)
        context = ((sub,) if sub else ()) + block.context
        out.append(replace(block, section=section, heading=heading, context=context))
    return out


# A frequency band over a list: 'Common (may affect up to 1 in 10 people):'
_BAND = re.compile(r"^(?:very common|common|uncommon|rare|very rare|frequency not known|"
                   r"not known)\b", re.I)
_OPEN_END = re.compile(r"\b(?:of|the|a|an|for|with|and|or|to|in|on|by|from|about)$", re.I)
_SENTENCE_START = re.compile(r"[A-Z][a-z]*\b")


def _unmarked_headings(raw: list[Block]) -> list[Block]:
    """Headings a page wrote without Markdown (rule section.unmarked-heading):

    - a short line standing over a list ('Common side effects (may affect up to 1 in 10
      people)', 'Frequency not known') heads the list's items;
    - a heading run into its paragraph when a layout was flattened ('Possible side effects
      Certain side effects have been observed ...', 'Driving and using machines However,
      ...') is split off when its words name a section and a sentence starts after them.
    """
    out: list[Block] = []
    for i, block in enumerate(raw):
        if block.kind != "para" or block.label:
            out.append(block)
            continue
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        plain = re.sub(r"\([^)]*\)", " ", block.text).strip()
        words = plain.rstrip(":").split()
        over_list = nxt is not None and nxt.kind == "item" and nxt.level == 1
        if over_list and words and block.text[:1].isupper() and (
            len(words) <= 6 and not re.search(r"[.!?;,]$", plain) and (
                not plain.endswith(":") or _BAND.match(plain) or section_kind(plain))
        ):
            out.append(replace(block, label=block.text.rstrip(":").strip(), text="",
                               colon=True))
            continue
        split = _run_in_heading(block.text)
        if split:
            head, rest = split
            out.append(replace(block, label=head, text="", colon=True))
            out.append(replace(block, text=rest))
            continue
        out.append(block)
    return out


def _run_in_heading(text: str) -> tuple[str, str] | None:
    """('Driving and using machines', 'However, ...') from a paragraph that begins with a
    heading whose Markdown was lost, or None."""
    words = text.split(" ")
    if not words or not words[0][:1].isupper():
        return None
    for n in range(1, min(9, len(words) - 2)):
        head = " ".join(words[:n])
        if re.search(r"[.!?:;,)]$", head) or not _SENTENCE_START.match(words[n]) or \
                _OPEN_END.search(head):
            continue  # 'Common side effects of Oxazepam include ...' runs on
        if section_kind(head):
            return head, " ".join(words[n:])
    return None
