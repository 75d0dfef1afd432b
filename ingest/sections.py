"""Markdown body -> flat blocks, each knowing its section, sub-heading and labels.

Pages mark sections in many ways (``## Usage``, ``**Usage:**``, ``**1. Uses:**``,
``**How Does It Work?**``, ``### Contraindications`` under Precautions, bold lead-ins in
bullets). markdown-it-pyrs (compiled) does the Markdown; this module reads its node tree,
or markdown-it-py's tokens for the few pages the two read differently
(docs/decisions/0012-markdown-it-pyrs.md).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt as MarkdownItPy
from markdown_it.common.normalize_url import normalizeLinkText
from markdown_it.token import Token
from markdown_it_pyrs import MarkdownIt, Node

from drugkg.ingest import cues, prefilter

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
    if len(text) > 80:  # a long title is named by its part before a colon: 'WARNING: ...'
        text = text.split(":", 1)[0] if ":" in text else ""  # (rule section.long-title)
    if not text or len(text) > 80:
        return None
    for kind, pattern in _kind_rules():
        if pattern.search(text):
            return kind
    return None


def normalise_heading(text: str) -> str:
    """'1. Uses:' -> 'Uses', '12.1 Mechanism of Action' -> 'Mechanism of Action'; 'How Does
    It Work?' stays a question without its mark."""
    text = _HEADING_NUMBER.sub("", text.strip())
    return text.strip().rstrip(":?.").strip()


_HEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?(?=\s)|[ivx]+\.)\s*")


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
    bold_run: bool = False  # the paragraph opens with bold words, label or not

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label that frames this block, outermost first, its own last."""
        return (*self.context, self.label) if self.label else self.context


def _inline_parts(tokens: list[tuple[str, str]]) -> tuple[str, str]:
    """(bold lead-in, rest) of a paragraph's inline tokens, as plain text."""
    label_parts: list[str] = []
    rest_parts: list[str] = []
    opener = tokens[0][0] if tokens else ""
    in_lead = opener == "strong_open" or (opener == "em_open" and _em_label(tokens))
    closer = opener.replace("_open", "_close")
    depth = 0
    for kind, text in tokens:
        if in_lead:
            if kind == opener:
                depth += 1
                continue
            if kind == closer:
                depth -= 1
                if depth == 0:
                    in_lead = False
                continue
            label_parts.append(text)
        else:
            rest_parts.append(text)
    return "".join(label_parts).strip(), "".join(rest_parts).strip()


def _em_label(tokens: list[tuple[str, str]]) -> bool:
    """An italic lead-in is a label only when it ends with a colon: '*Common or mild:* ...'."""
    inner = []
    for kind, text in tokens[1:]:
        if kind == "em_close":
            break
        inner.append(text)
    return "".join(inner).rstrip().endswith(":")


def _split_label(label: str, rest: str) -> tuple[str, str, bool]:
    """(label, body, whether a colon closed the label). Text after a colon inside the bold
    moves to the body: '**Generic Name: X**' -> ('Generic Name', 'X', True)."""
    # a colon or a dash after the label: '**Other medicines that cause drowsiness** – a, b'
    colon = label.rstrip().endswith(":") or rest.lstrip().startswith((":", "—", "–", "- "))
    if rest.lstrip().startswith((":", "—", "–")):
        rest = rest.lstrip().lstrip(":—–").strip()
    if ":" in label and not label.rstrip().endswith(":"):
        head, _, tail = label.partition(":")
        if _QUESTION.fullmatch(head):
            return label.strip(), rest, colon  # '**Q: Is it addictive?** A: No.'
        if section_kind(head) or len(head.split()) <= 5:
            return head.strip(), (tail.strip() + " " + rest).strip(), True
    if label.strip() and not colon and _EMPHASIS_GOES_ON.match(rest) \
            and not _SENTENCE_END.search(label) \
            and not _LABEL_AFTER_BRACKET.match(rest):
        # rule block.bold-subject: '**Other serotonergic medicines** (triptans, lithium)
        # increase the risk ...' - the bold words are the sentence's subject, not a label
        return "", f"{label.strip()} {rest}", False
    return label.strip().rstrip(":").strip(), rest, colon


_QUESTION = re.compile(r"\s*(?:Q|Question)\s*\d*\.?\s*", re.I)
_SENTENCE_END = re.compile(r"[.!?]\s*$")
# After a bold lead-in with no colon or dash, the sentence goes on: a lower-case word (a
# verb, 'and', 'in adults') or an opening bracket.
_EMPHASIS_GOES_ON = re.compile(r"\s*(?:[a-z]|\()")
# '**Iodinated contrast dye** (used in X-ray scans): metformin is paused ...' is a label
_LABEL_AFTER_BRACKET = re.compile(r"\s*\([^()]*\)\s*(?::|[\u2013\u2014]|- )")


# CommonMark without raw HTML (a page's tags stay text), with tables
_PLUGINS = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
            "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image",
            "link", "newline", "table"]
# block nodes: in a tight list item a paragraph's inline nodes stand under the item itself
_BLOCK_NODES = frozenset({"paragraph", "heading", "lheading", "bullet_list", "ordered_list",
                          "list_item", "blockquote", "code_block", "fence", "hr", "table",
                          "definition", "html_block"})


@cache
def _markdown() -> MarkdownIt:
    """One parser per process (docs/decisions/0012-markdown-it-pyrs.md)."""
    return MarkdownIt("zero").enable_many(_PLUGINS)


def parse_blocks(body: str, *, first_line: int = 1) -> list[Block]:
    """Flat blocks of a Markdown body with section, heading and label context filled in."""
    body = body.replace("\0", "\ufffd")  # as CommonMark asks; the tree's offsets count bytes
    return _assign_sections(_bold_entries(_without_advice(_raw_blocks(body, first_line))))


def _bold_entries(raw: list[Block]) -> list[Block]:
    """Rule section.bold-entry: a list item all in bold, with no colon and nothing under it
    ('- **Alcohol and other sedatives**'), is an entry of the list, not a label over one."""
    out: list[Block] = []
    for i, block in enumerate(raw):
        after = raw[i + 1] if i + 1 < len(raw) else None
        if block.kind == "item" and block.label and not block.colon and \
                not block.text.strip() and not (after is not None and after.level > block.level
                                                and after.kind != "heading"):
            block = replace(block, text=block.label, label="")
        out.append(block)
    return out


# A table column of advice to the reader ('What to do': 'Take with food'), not of facts.
_ADVICE_COLUMN = re.compile(r"^(?:what (?:to do|you should do|should i do)|what can i do|"
                            r"action|advice|comments?|notes?|tips?)$", re.I)


def _without_advice(raw: list[Block]) -> list[Block]:
    """Table rows without the cells of an advice column (rule section.advice-column):
    'Cold hands or feet | Common | Keep warm; mention it at your next visit' lists the
    effect and its frequency; the advice names no effect."""
    out: list[Block] = []
    advice: set[int] = set()
    for block in raw:
        if block.kind == "header":
            advice = {i for i, cell in enumerate(block.text.split(" | "))
                      if _ADVICE_COLUMN.match(cell.strip().rstrip("?:"))}
        elif block.kind != "row":
            advice = set()
        elif advice:
            cells = block.text.split(" | ")
            block = replace(block, text=" | ".join(c for i, c in enumerate(cells)
                                                   if i not in advice))
        out.append(block)
    return out


def _raw_blocks(body: str, first_line: int) -> list[Block]:
    """Headings, paragraphs, items and rows in reading order, without sections: from
    markdown-it-pyrs's tree, or from markdown-it-py's tokens where the tree would differ."""
    if not _needs_tokens(body):
        reader = _BlockReader(body.encode(), first_line)
        try:
            reader.blocks(_markdown().tree(body).children)
            return reader.raw
        except _TokensNeeded:
            pass
        except BaseException as exc:  # a Rust panic (pyo3's PanicException) on input no
            if type(exc).__name__ != "PanicException":  # test found: the tokens read it
                raise
    reader = _BlockReader(body.encode(), first_line)
    _read_tokens(reader, body)
    return reader.raw


class _TokensNeeded(Exception):
    """The tree does not say what markdown-it-py would: read the page from its tokens."""


def _needs_tokens(body: str) -> bool:
    """Pages markdown-it-pyrs 0.4 reads differently from markdown-it-py, or not at all;
    they are read from markdown-it-py's tokens (decision 0012):

    - a backtick after a '[' that opens no link panics its code-span scanner ('[a `b');
    - an escaped pipe: markdown-it-py counts it when it looks for a table and splits cells
      on a '|' after an escaped backslash ('\\\\|'); markdown-it-pyrs does neither;
    - a block quote: lazy lines under one end a paragraph, a list or a table differently;
    - a line of a table followed by a numbered item ('2. ...'): markdown-it-py ends the
      table there, markdown-it-pyrs reads the item as a row.
    """
    bracket = body.find("[")
    return (bracket >= 0 and body.find("`", bracket) >= 0) or "\\|" in body \
        or (">" in body and _QUOTE.search(body) is not None) \
        or ("|" in body and _ITEM_AFTER_ROW.search(body) is not None)


# a '>' opening a line (after list markers, if any); a numbered item under a table line
_QUOTE = re.compile(r"^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*>", re.M)
_ITEM_AFTER_ROW = re.compile(r"\|[^\n]*\n[ \t]*\d{1,9}[.)]")


class _BlockReader:
    """Reads markdown-it-pyrs's node tree in reading order into raw blocks (no sections
    yet). The tree's byte offsets give lines and a heading's or a cell's source text."""

    def __init__(self, source: bytes, first_line: int) -> None:
        self.source = source
        self.newlines = [m.start() for m in re.finditer(b"\n", source)]
        self.first_line = first_line
        self.raw: list[Block] = []
        self.item_labels: list[str] = []  # one per open list item, outermost first
        self.pending_item = False  # the open item's first paragraph is still to come

    def line(self, offset: int) -> int:
        return bisect_left(self.newlines, offset) + self.first_line

    def text(self, start: int, end: int) -> str:
        return self.source[start:end].decode()

    def blocks(self, nodes: Sequence[Node]) -> None:
        for node in nodes:
            name = node.name
            if name == "paragraph":
                self.paragraph(node.children)
            elif name in ("heading", "lheading"):
                self.raw.append(Block("heading", self.heading_text(node),
                                      self.line(node.srcmap[0]), level=node.meta["level"]))
            elif name in ("bullet_list", "ordered_list", "blockquote"):
                self.blocks(node.children)
            elif name == "list_item":
                self.open_item()
                inline: list[Node] = []
                for child in node.children:
                    if child.name in _BLOCK_NODES:
                        if inline:
                            self.paragraph(inline)
                            inline = []
                        self.blocks((child,))
                    else:
                        inline.append(child)
                if inline:
                    self.paragraph(inline)
                self.item_labels.pop()
            elif name == "table":
                self.table(node)

    def open_item(self) -> None:
        self.item_labels.append("")
        self.pending_item = True

    def paragraph(self, nodes: Sequence[Node]) -> None:
        tokens: list[tuple[str, str]] = []
        _inline_tokens(nodes, tokens)
        first = nodes[0]
        while first.name in _EMPHASIS:  # their offsets can be off (see below)
            first = first.children[0]
        self.add_paragraph(tokens, self.line(first.srcmap[0]))

    def add_paragraph(self, tokens: list[tuple[str, str]], line: int) -> None:
        """A paragraph, or the item it opens, from its inline (kind, text) stream."""
        label, rest, colon = _split_label(*_inline_parts(tokens))
        labels = self.item_labels
        depth = len(labels)
        if depth and self.pending_item:
            context = tuple(lab for lab in labels[:-1] if lab)
            if not label and rest.endswith(":") and len(rest.split()) <= 6:
                # '* Interactions:' over nested items is a label, bold or not
                label, rest, colon = rest.rstrip(":").strip(), "", True
            labels[-1] = label
            self.raw.append(Block("item", rest, line, level=depth, label=label,
                                  context=context, colon=colon))
            self.pending_item = False
        else:
            context = tuple(lab for lab in labels if lab)
            self.raw.append(Block("item" if depth else "para", rest, line, level=depth,
                                  label=label, context=context, colon=colon,
                                  bold_run=bool(tokens) and tokens[0][0] == "strong_open"))

    def heading_text(self, node: Node) -> str:
        """The heading's source between its markers, as written ('**Usage**'), as
        markdown-it-py gives it. Read from the heading's own offsets: an emphasis node's
        can be off when it takes part of a delimiter run ('__Storage___(see below)_')."""
        source = self.text(*node.srcmap)
        if node.name == "lheading":  # text lines, then the underline
            source = source[: source.rfind("\n")]
            if "\n" in source and self.item_labels:
                raise _TokensNeeded  # markdown-it-py strips each line's container prefix
            return source.strip()
        # '## Usage ##': the closing run goes when a space stands before it
        source = source.lstrip(" \t").lstrip("#").rstrip(" \t")
        content = source.rstrip("#")
        if len(content) < len(source) and content[-1:] in (" ", "\t"):
            source = content
        return source.strip()

    def table(self, table: Node) -> None:
        for part in table.children:
            for row in part.children:
                cells = [self.text(*cell.srcmap).strip() for cell in row.children]
                # a header row names columns ("Side effect | How common"), not facts
                self.raw.append(Block("header" if part.name == "thead" else "row",
                                      " | ".join(cells), self.line(row.srcmap[0])))


_EMPHASIS = ("em", "strong")


def _inline_tokens(nodes: Sequence[Node], out: list[tuple[str, str]]) -> None:
    """A paragraph's inline nodes as a flat (kind, text) stream, as markdown-it-py gives
    them: emphasis opens and closes around its text, a link's text stands between its
    marks, an image says nothing."""
    for node in nodes:
        name = node.name
        if name in ("text", "text_special"):
            content = node.meta["content"]
            if content:
                out.append(("text", content))
        elif name in ("strong", "em", "link"):
            out.append((name + "_open", ""))
            _inline_tokens(node.children, out)
            out.append((name + "_close", ""))
        elif name == "autolink":
            # the address as written ('a@b.co', not the 'mailto:a@b.co' it links to)
            written = node.children[0].meta["content"]
            out += [("link_open", ""), ("text", normalizeLinkText(written)), ("link_close", "")]
        elif name in ("softbreak", "hardbreak"):
            out.append((name, " "))
        elif name == "code_inline":
            out.append((name, "".join(c.meta["content"] for c in node.children)))
        else:
            out.append((name, ""))


@cache
def _markdown_py() -> MarkdownItPy:
    return MarkdownItPy("commonmark", {"html": False}).enable("table")


def _read_tokens(reader: _BlockReader, body: str) -> None:
    """markdown-it-py's token stream into raw blocks, for pages the tree would read
    differently: what the tree gives on every other page (tests/ingest/test_sections.py)."""
    tokens = _markdown_py().parse(body)
    row: list[str] = []
    row_line = reader.first_line
    header = False
    for i, tok in enumerate(tokens):
        line = tok.map[0] + reader.first_line if tok.map else row_line
        if tok.type == "heading_open":
            reader.raw.append(Block("heading", tokens[i + 1].content.strip(), line,
                                    level=int(tok.tag[1])))
        elif tok.type == "list_item_open":
            reader.open_item()
        elif tok.type == "list_item_close":
            reader.item_labels.pop()
        elif tok.type == "tr_open":
            row, row_line = [], line
            header = tokens[i - 1].type == "thead_open"
        elif tok.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content.strip())
        elif tok.type == "tr_close":
            reader.raw.append(Block("header" if header else "row", " | ".join(row), row_line))
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            reader.add_paragraph([(c.type, _token_text(c)) for c in tok.children or []
                                  if c.content or c.type != "text"], line)


def _token_text(token: Token) -> str:
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type in ("text", "code_inline"):
        return token.content
    return ""


def _assign_sections(raw: list[Block]) -> list[Block]:
    raw = _unmarked_headings(raw)
    # the page's own top level: sections may be '###' under a bold 'Generic Name' line
    top = min((b.level for b in raw if b.kind == "heading" and b.level > 1
               and section_kind(b.text)), default=2)
    section, heading, sub = "overview", "", ""
    sub_is_bold = False  # the sub-heading is a bold line, not a Markdown heading
    # while the sub-heading is a lead closed by a colon over a list ('Do not use X if you
    # have:'), the sub-heading it narrowed, to go back to when its list ends, and whether
    # the list has begun (rule section.bold-lead-scope)
    lead_parent: str | None = None
    list_seen = False
    # headings that name no section ('## Oxycodone' over '### Adverse effects') frame every
    # deeper heading until one at their level: (level, text), outermost first (rule
    # section.component-frame)
    outer: list[tuple[int, str]] = []
    out: list[Block] = []
    for block in raw:
        # a numbered list's bold label naming a section ('4. **Side Effects:**' with a table
        # or items under it) is a heading as a bold line is (rule section.numbered-label)
        bold_heading = block.label and not block.text and (block.kind == "para" or (
            block.kind == "item" and block.level == 1 and block.colon
            and section_kind(block.label) is not None))
        if block.kind == "heading" or bold_heading:
            text = block.text if block.kind == "heading" else block.label
            name = normalise_heading(text)
            kind = section_kind(text)
            if block.kind == "heading" and block.level == 1:
                out.append(replace(block, section="title", heading=text))
                continue
            if block.kind == "heading":
                outer = [(level, name) for level, name in outer if level < block.level]
            if kind is None and block.kind == "heading" and block.level <= top and \
                    text.rstrip().endswith("?"):
                # rule section.question: a question the table cannot file ('Can I drive after
                # taking it?') is an answer of its own, not more of the section before it
                kind = "faq"
            # rule section.unknown-is-read-by-cue: a heading of the page's top level that the
            # table cannot file ('## Pharmacokinetics' after '## Side effects') opens a
            # section read like the overview, by each predicate's cue, not more of the last
            unfiled_top = kind is None and block.kind == "heading" and block.level <= top
            is_top = (kind != section or unfiled_top) and (
                (block.kind == "heading" and block.level <= top)
                or (kind in TOP_KINDS and (block.kind != "heading" or block.level <= top))
                or (kind in SUB_KINDS and section != "precautions"
                    and block.level <= top)
            )
            # (a lead after another lead's list, 'Uncommon (...):' after 'Common (...):', goes
            # back to the same parent, not to its sibling)
            parent = sub if lead_parent is None else lead_parent
            lead_parent = parent if bold_heading and not is_top and block.colon else None
            list_seen = False
            if is_top:
                section, heading, sub = kind or "overview", name, ""
            else:  # a deeper heading narrows the section ('Do not take X' under 'Before ...')
                sub = name
            sub_is_bold = bold_heading and not is_top
            out.append(replace(block, kind="heading", level=block.level or (2 if is_top else 3),
                               section=section, heading=heading, label="", text=name,
                               context=_frame(outer, sub)))
            if block.kind == "heading" and kind is None:
                outer.append((block.level, name))
            continue
        if lead_parent is not None and block.kind == "item":
            list_seen = True
        elif lead_parent is not None and list_seen and block.kind == "para":
            # 'Take extra care with heart disease ...' after the list of 'Do not use X if you
            # have:' is past it, back under the heading the lead narrowed
            sub, sub_is_bold, lead_parent = lead_parent, False, None
        if block.kind == "para" and (block.label or block.bold_run) and sub_is_bold:
            # rule section.bold-lead-scope: '**Do not take** this medicine if you:' heads the
            # list after it; the next paragraph ('**Urine drug tests.** ...', '**Talk to your
            # doctor first if you have** epilepsy, ...') is past it
            sub, sub_is_bold = "", False
        if block.kind == "para" and block.label:
            kind = section_kind(block.label)
            if kind in TOP_KINDS and kind != section and kind != "precautions" and not sub:
                # '**Generic Name:** X' or '**Disclaimer:** ...' open a section of their own
                section, heading = kind, normalise_heading(block.label)
            elif kind in SUB_KINDS and block.text.rstrip().endswith(":"):
                # '*Drug interactions:* Tell your doctor about ..., especially:' heads a list
                sub = normalise_heading(block.label)
        out.append(Block(block.kind, block.text, block.line, block.level, block.label,
                         block.colon, section, heading, _frame(outer, sub) + block.context))
    return out


def _frame(outer: list[tuple[int, str]], sub: str) -> tuple[str, ...]:
    """The labels that frame a block: the headings over it that name no section, then the
    sub-heading narrowing its section."""
    return tuple(name for _, name in outer if name != sub) + ((sub,) if sub else ())


# A frequency band over a list: 'Common (may affect up to 1 in 10 people):'
_BAND = re.compile(rf"^(?:{cues.FREQUENCY_BANDS})\b", re.I)
# ('Amantadine is a medicine used to treat Parkinson's disease': the verb's object follows)
_OPEN_END = re.compile(r"\b(?:of|the|a|an|for|with|and|or|to|in|on|by|from|about|treat|prevent|"
                       r"relieve|manage|control)$", re.I)
_SENTENCE_START = re.compile(r"[A-Z][a-z]*\b")
_BRACKETED = re.compile(r"\([^)]*\)")
_CLAUSE_END = re.compile(r"[.!?;,]$")
_HEAD_END = re.compile(r"[.!?:;,)]$")
_CLAUSE_GOES_ON = re.compile(r"(?:if|when|while|during|unless|until|with|for|after|before)$",
                             re.I)
# A short heading ended by a full stop: up to five words, none of them a verb of a sentence
# ('BRIVIACT causes psychiatric adverse reactions.' is a claim, not a heading).
_STOPPED_HEAD = prefilter.compile(
    r"(?!.*\b(?:is|are|was|were|be|can|could|may|might|should|must|will|would|has|have|had|do|"
    r"does|did|not|causes|caused|increases|reduces|occurs|occurred|contains|produces|leads|"
    r"results)\b)[A-Z][\w'-]*(?: [\w'-]+){0,4}\.", re.I)


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
        plain = _BRACKETED.sub(" ", block.text).strip()
        words = plain.rstrip(":").split()
        over_list = nxt is not None and nxt.kind == "item" and nxt.level == 1
        if over_list and words and block.text[:1].isupper() and (
            len(words) <= 6 and not _CLAUSE_END.search(plain) and (
                not plain.endswith(":") or _BAND.match(plain) or section_kind(plain))
        ):
            out.append(replace(block, label=block.text.rstrip(":").strip(), text="",
                               colon=True))
            continue
        if words and len(words) <= 8 and block.text[:1].isupper() and \
                not _CLAUSE_END.search(plain) and section_kind(plain) and nxt is not None \
                and nxt.kind in ("para", "item") and "\n" not in block.text.strip():
            # a leaflet's heading flattened to a line of its own: 'Other medicines and
            # Apixaban', 'Pregnancy and breast-feeding' (rule section.unmarked-heading)
            out.append(replace(block, label=block.text.strip(), text="", colon=True))
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
        if not _SENTENCE_START.match(words[n]):
            continue  # what follows a heading starts a sentence (asked first: it rarely does)
        head = " ".join(words[:n])
        if _STOPPED_HEAD.fullmatch(head) and section_kind(head[:-1]):
            # a heading closed by a full stop: 'Warnings and precautions. Talk to your
            # doctor ...', 'Pregnancy. Medicines like X ...' (not 'Side effects are rare.')
            return head[:-1], " ".join(words[n:])
        if head.endswith(":") and section_kind(head[:-1]):
            # a heading closed by a colon: 'How Deanxit works: In low doses ...'
            return head[:-1], " ".join(words[n:])
        if _HEAD_END.search(head) or _OPEN_END.search(head) or words[n].endswith(":") or \
                _CLAUSE_GOES_ON.match(" ".join(words[n + 1 : n + 2])):
            # 'Common side effects of Oxazepam include ...' runs on, and so does 'Do not use
            # Esketamine if you are pregnant': the name is the verb's object; a title runs
            # to its colon ('Neonatal Opioid Withdrawal Syndrome: Prolonged use ...')
            continue
        if section_kind(head):
            return head, " ".join(words[n:])
    return None
