"""Markdown body -> flat blocks, each knowing its section, sub-heading and labels.

Pages mark sections in many ways (``## Usage``, ``**Usage:**``, ``**1. Uses:**``,
``**How Does It Work?**``, ``### Contraindications`` under Precautions, bold lead-ins in
bullets). markdown-it-py does the Markdown; this module only reads its token stream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Canonical section kinds, tried in order: the first rule whose pattern matches wins.
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("generic-name", r"\bgeneric name\b|\bactive ingredients?\b|\bcomposition\b"),
        ("disclaimer", r"\bdisclaimer\b"),
        ("faq", r"\bfaqs?\b|frequently asked|\bcommon questions\b|^questions\b"),
        ("side-effects", r"side[ -]?effects?|adverse (effects?|reactions?|events?)|undesirable"),
        ("mechanism", r"how (it|does it|does \w+|\w+) works?\b|mechanism|pharmacolog|"
                      r"mode of action"),
        ("interactions", r"interactions?\b|interacting"),
        ("contraindications", r"contra-?indications?|who should not|should not (take|use)|"
                              r"(should|must) not be (used|taken|given)|do not (take|use)|"
                              r"not suitable|who must not"),
        ("pregnancy", r"pregnan|breast-?feeding|lactation"),
        ("dependence", r"dependence|withdrawal|addiction|\babuse\b|misuse"),
        ("overdose", r"overdos"),
        ("precautions", r"precautions?|warnings?|cautions?|safety|special groups|specific groups|"
                        r"before (taking|using)|older adults|children"),
        ("usage", r"\busages?\b|\buses\b|\bused\b|indications?|what is it for"),
        ("dosage", r"dosage|\bdoses?\b|dosing|how to (take|use)|administration"),
        ("storage", r"storage|\bstor(e|ing)\b"),
    )
)
TOP_KINDS = {"generic-name", "usage", "dosage", "side-effects", "mechanism", "precautions", "faq",
             "disclaimer"}
SUB_KINDS = {"contraindications", "interactions", "pregnancy", "dependence", "overdose", "storage"}


def section_kind(heading: str) -> str | None:
    """The canonical kind a heading names, or None ('Common Side Effects' -> 'side-effects')."""
    text = normalise_heading(heading).lower()
    if not text or len(text) > 80:
        return None
    for kind, pattern in _KIND_RULES:
        if pattern.search(text):
            return kind
    return None


def normalise_heading(text: str) -> str:
    """'1. Uses:' -> 'Uses'; 'How Does It Work?' stays a question without its mark."""
    text = re.sub(r"^\s*(?:\d+[.)]|[ivx]+\.)\s*", "", text.strip())
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
    return label.strip().rstrip(":").strip(), rest, colon


def parse_blocks(body: str, *, first_line: int = 1) -> list[Block]:
    """Flat blocks of a Markdown body with section, heading and label context filled in."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(body)
    raw: list[Block] = []
    item_depth = 0
    item_labels: list[str] = []
    pending_item = False
    row: list[str] = []
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
            row = []
            header = tokens[i - 1].type == "thead_open"
        elif tok.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content.strip() if tokens[i + 1].type == "inline" else "")
        elif tok.type == "tr_close":
            # a header row names columns ("Side effect | How common"), not facts
            raw.append(Block("header" if header else "row", " | ".join(row), line))
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
            is_top = (
                (block.kind == "heading" and block.level <= 2 and kind is not None)
                or (kind in TOP_KINDS and (block.kind != "heading" or block.level <= 2))
                or (kind in SUB_KINDS and section != "precautions"
                    and block.level <= 2)
            )
            if is_top:
                section, heading, sub = kind or "other", normalise_heading(text), ""
            else:
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
