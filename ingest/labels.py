"""Structured drug labels (openFDA JSON, DailyMed SPL XML) -> :class:`Monograph` records.

A label's sections come from its structure (openFDA field names, SPL LOINC codes), not
from heading wording. Each record is rendered as a small Markdown page (one ``##``
section per field or coded section, ``###`` for the headings inside it, one paragraph,
list item or table row per line) and read with the same block parser as a monograph, so
the assembler extracts facts from it unchanged and every fact's line points into that
page; the monograph view renders the same page again from the source record.

Identity (names, ingredients, RxCUI, UNII, set id, version) and the facts a label states
as data (DEA schedule, FDA pharmacologic classes) become structured facts whose evidence
points at a line of the page's "Label data" section, or at the sentence that states them.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from drugkg.errors import MonographError
from drugkg.ingest.model import Component, Fact
from drugkg.ingest.monograph import Monograph, clean_title, split_components, strip_salt
from drugkg.ingest.sections import Block, parse_blocks
from drugkg.ontology import DKG, RDF, RDFS, SKOS, VOCAB, XSD
from drugkg.ontology.lexicon import Concept
from drugkg.ontology.recognise import Matcher

LABEL_SUFFIXES = {".json", ".xml", ".zip"}
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one SPL document or small JSON file read whole
DATA_SECTION = "label-data"  # the page's identity section: facts point at it, no extraction

# DEA schedules: NCI thesaurus code (SPL policy) and the text forms labels use.
SCHEDULES = {"C48672": "CI", "C48675": "CII", "C48676": "CIII", "C48677": "CIV", "C48679": "CV"}
_ROMAN = {"I": "CI", "II": "CII", "III": "CIII", "IV": "CIV", "V": "CV"}
_SCHEDULE_TEXT = re.compile(
    r"\b(?:Schedule|C-?)\s?(IV|V|I{1,3})\b(?:\s+\(C-?(?:IV|V|I{1,3})\))?(?:\s+controlled)?")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!&=])")
_MD_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+])")


@dataclass(frozen=True)
class Section:
    """One rendered section: a ``##`` (level 2) or ``###`` (level 3) heading and its text.

    ``kind`` is the canonical section kind; ``paragraphs`` hold plain text, list items
    start with '- ' (indented two spaces a nesting level) and table rows are tuples of
    cells (the first row is the header).
    """

    kind: str
    heading: str
    level: int = 2
    paragraphs: tuple[str | tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Ingredient:
    """An active ingredient as the label codes it (substance and active moiety)."""

    name: str
    unii: str = ""
    moiety: str = ""
    moiety_unii: str = ""


@dataclass(frozen=True)
class LabelRecord:
    """One label version read from a file: everything a worker needs, small and picklable."""

    source: Path
    position: str  # where in the file: 'results[3]', 'bundle.zip!x.xml', '' for the whole file
    fmt: str  # openfda | spl
    sha256: str
    line: int = 0  # the line of the file the record starts on, when it is not the first
    set_id: str = ""
    version: str = ""
    effective_time: str = ""
    document_id: str = ""
    document_type: str = ""
    title: str = ""
    brand_names: tuple[str, ...] = ()
    generic_names: tuple[str, ...] = ()
    ingredients: tuple[Ingredient, ...] = ()
    rxcuis: tuple[str, ...] = ()
    uniis: tuple[str, ...] = ()
    ndcs: tuple[str, ...] = ()
    pharm_classes: tuple[str, ...] = ()  # FDA Established Pharmacologic Class, '[EPC]' cut
    moa_classes: tuple[str, ...] = ()  # FDA mechanism-of-action class, '[MoA]' cut
    schedule: str = ""  # CI..CV when the structure states it (SPL product data)
    sections: tuple[Section, ...] = ()

    @property
    def key(self) -> str:
        """Names the record's graph, product and evidence IRIs: one per set id and version."""
        if self.set_id:
            return f"label/{_slug(self.set_id)}/v{_slug(self.version or '0')}"
        where = _slug(f"{self.source.stem}-{self.position}") if self.position else \
            _slug(self.source.stem)
        return f"label/{where}"

    @property
    def where(self) -> str:
        return f"{self.position}: " if self.position else ""


@dataclass(frozen=True)
class LabelData:
    """What a :class:`Monograph` read from a label keeps beyond blocks: its record and the
    page lines of its data items, for the structured facts and identity quads."""

    record: LabelRecord
    lines: dict[str, int] = field(default_factory=dict)  # data item -> line of the page
    schedule_evidence: tuple[str, str, int] = ("", "", 0)  # (schedule, sentence, line)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def clean_text(text: str) -> str:
    """One line of plain text: control characters out, whitespace runs collapsed."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", text)).strip()


def version_number(version: str) -> int:
    """A label version as a number for ordering; non-numeric versions count as 0."""
    return int(version) if version.isdigit() else 0


# ------------------------------------------------------------------ detecting formats


def detect_format(path: Path, head: bytes) -> str:
    """'zip', 'json', 'xml' or 'markdown', from a file's first bytes (and its suffix only
    where the content is ambiguous: a Markdown page may start with '[' or '<')."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    markdown_suffix = path.suffix.lower() in (".md", ".markdown")
    if text[:1] in (b"{", b"[") and not markdown_suffix:
        return "json"
    if text.startswith(b"<?xml") or re.match(rb"<(?:\w+:)?document[\s>]", text):
        return "xml"
    if text.startswith(b"<") and path.suffix.lower() == ".xml":
        return "xml"
    return "markdown"


def sniff(path: Path) -> str:
    """The format of the file at ``path`` ('markdown' when it cannot be read: the reader
    then reports why)."""
    try:
        with path.open("rb") as fh:
            return detect_format(path, fh.read(512))
    except OSError:
        return "markdown"


def iter_records(path: Path) -> Iterator[LabelRecord | MonographError]:
    """Every label record in a JSON, XML or zip file, streamed; a broken record is yielded
    as an error naming its position and the records after it still come."""
    from drugkg.ingest import openfda, spl

    fmt = sniff(path)
    try:
        if fmt == "json":
            with path.open("rb") as fh:
                yield from openfda.read_stream(path, fh, "")
        elif fmt == "xml":
            yield from spl.read_document(path, "", _read_limited(path))
        elif fmt == "zip":
            with zipfile.ZipFile(path) as bundle:
                yield from _zip_records(path, bundle, "", depth=0)
        else:
            yield MonographError(path, "not a structured label (openFDA JSON, SPL XML or zip)")
    except (OSError, zipfile.BadZipFile) as exc:
        yield MonographError(path, f"cannot read file: {exc}")


def _read_limited(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_MEMBER_BYTES:
        raise MonographError(path, f"XML file is {size} bytes; an SPL document is at most "
                                   f"{MAX_MEMBER_BYTES}")
    return path.read_bytes()


def _zip_records(path: Path, bundle: zipfile.ZipFile, outer: str, *,
                 depth: int) -> Iterator[LabelRecord | MonographError]:
    """DailyMed bundles hold one zip per label (the XML plus images); openFDA downloads hold
    one JSON file. Images and other members are skipped."""
    from drugkg.ingest import openfda, spl

    for info in bundle.infolist():
        name = f"{outer}{info.filename}"
        suffix = Path(info.filename).suffix.lower()
        if info.is_dir() or suffix not in LABEL_SUFFIXES:
            continue
        try:
            if suffix == ".zip" and depth == 0:
                with bundle.open(info) as member, zipfile.ZipFile(member) as inner:
                    yield from _zip_records(path, inner, f"{name}!", depth=1)
            elif suffix == ".json":
                with bundle.open(info) as member:
                    yield from openfda.read_stream(path, member, name)
            elif suffix == ".xml":
                with bundle.open(info) as member:
                    data = member.read(MAX_MEMBER_BYTES + 1)  # the header's size may lie
                if len(data) > MAX_MEMBER_BYTES:
                    yield MonographError(path, f"{name}: member is over {MAX_MEMBER_BYTES} "
                                               "bytes; an SPL document is smaller")
                    continue
                yield from spl.read_document(path, name, data)
        except (OSError, zipfile.BadZipFile, RuntimeError) as exc:  # RuntimeError: encrypted
            yield MonographError(path, f"{name}: cannot read zip member: {exc}")


# ------------------------------------------------------------------ the rendered page


def _escape(text: str) -> str:
    """Plain text as one Markdown line that parses back to the same text."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: (f"{m[1]}{m[2]}\\{m[3]}" if m[2] is not None
                                         else f"{m[4]}\\{m[5]}"), text)


def _data_items(record: LabelRecord) -> list[tuple[str, str]]:
    """(key, text) of the 'Label data' section; facts from the structure point at these."""
    items = [("title", f"Label: {record.title}")]
    if record.brand_names:
        items.append(("brand", "Brand names: " + ", ".join(record.brand_names)))
    if record.generic_names:
        items.append(("generic", "Generic names: " + ", ".join(record.generic_names)))
    for n, ing in enumerate(record.ingredients):
        text = f"Active ingredient: {ing.name}" + (f" (UNII {ing.unii})" if ing.unii else "")
        if ing.moiety and ing.moiety.lower() != ing.name.lower():
            text += f"; active moiety {ing.moiety}" + \
                (f" (UNII {ing.moiety_unii})" if ing.moiety_unii else "")
        items.append((f"ingredient:{n}", text))
    if record.rxcuis:
        items.append(("rxcui", "RxNorm CUIs: " + ", ".join(record.rxcuis)))
    if record.uniis:
        items.append(("unii", "UNII: " + ", ".join(record.uniis)))
    if record.ndcs:
        items.append(("ndc", "NDC: " + ", ".join(record.ndcs)))
    if record.schedule:
        items.append(("schedule", f"DEA schedule: {record.schedule}"))
    for n, name in enumerate(record.pharm_classes):
        items.append((f"epc:{n}", f"Established pharmacologic class: {name}"))
    for n, name in enumerate(record.moa_classes):
        items.append((f"moa:{n}", f"Mechanism of action class: {name}"))
    if record.set_id:
        items.append(("set", f"Set id: {record.set_id}, version {record.version or '?'}"
                             + (f", effective {record.effective_time}"
                                if record.effective_time else "")))
    return items


def render(record: LabelRecord) -> tuple[str, dict[str, int], tuple[int, int]]:
    """(Markdown page, data item -> line, (first, last) line of the data section)."""
    lines = [f"# {record.title.rstrip('# ')}", "", "## Label data", ""]
    where: dict[str, int] = {}
    for key, text in _data_items(record):
        where[key] = len(lines) + 1
        lines.append(f"- {_escape(text)}")
    data_span = (3, len(lines))
    for section in record.sections:
        if section.heading:
            # a heading's text is read raw (no unescaping): only a closing '#' run must go
            lines += ["", f"{'#' * section.level} {section.heading.rstrip('# ')}"]
        table_open = False
        for para in section.paragraphs:
            if isinstance(para, tuple):
                cells = " | ".join(_escape(c) for c in para)
                if not table_open:
                    lines += ["", f"| {cells} |", "|" + "---|" * len(para)]
                    table_open = True
                else:
                    lines.append(f"| {cells} |")
                continue
            if table_open:
                table_open = False
            item = re.match(r"( *)- ", para)
            if item:
                lines += ["", f"{item[1]}- {_escape(para[item.end():])}"]
            else:
                lines += ["", _escape(para)]
    return "\n".join(lines) + "\n", where, data_span


def label_components(record: LabelRecord) -> tuple[str, ...]:
    """Active ingredients: the coded moieties (SPL), else openFDA's substance names, else
    the generic name; salts stripped, one component per ingredient."""
    names = [ing.moiety or strip_salt(ing.name) for ing in record.ingredients]
    if not names:
        names = [n for g in record.generic_names for n in split_components(clean_title(g))]
    return tuple(dict.fromkeys(clean_title(strip_salt(n)) for n in names if n.strip()))


def to_monograph(record: LabelRecord) -> Monograph:
    """The record as a :class:`Monograph`: blocks carry the section kind of the field or
    LOINC code they came from; headings inside a section narrow it as in a monograph."""
    if not any(s.paragraphs for s in record.sections):
        raise MonographError(record.source, f"{record.where}label has no text sections "
                                            "(indications, warnings, adverse reactions ...)",
                             record.line or None)
    components = label_components(record)
    if not components:
        raise MonographError(record.source, f"{record.where}label names no active ingredient "
                                            "(no openfda names, ingredients or generic name)",
                             record.line or None)
    text, where, (first, last) = render(record)
    blocks: list[Block] = []
    top = {}  # line of each '##' section heading -> its kind
    for line_no, line in enumerate(text.split("\n"), start=1):
        if line.startswith("## "):
            top[line_no] = None
    kinds = iter(s.kind for s in record.sections if s.level == 2)
    for line_no in sorted(top)[1:]:
        top[line_no] = next(kinds)
    kind = DATA_SECTION
    heading_lines = sorted(top)
    for block in parse_blocks(text):
        while heading_lines and block.line >= heading_lines[0]:
            kind = top[heading_lines.pop(0)] or DATA_SECTION
        if first <= block.line <= last:
            continue  # the data section: structured facts point at it, no extraction
        if block.section == "title":
            blocks.append(block)
            continue
        blocks.append(replace(block, section=kind))
    data = LabelData(record, where, _schedule_in_text(record, blocks))
    return Monograph(
        path=record.source,
        sha256=record.sha256,
        # the brand names teach the subject resolver who 'VIAGRA' is (rule subject.brand)
        front_matter={"brand_names": list(record.brand_names)},
        title=clean_title(record.title),
        components=components,
        blocks=tuple(blocks),
        key=record.key,
        label=data,
    )


def _schedule_in_text(record: LabelRecord, blocks: list[Block]) -> tuple[str, str, int]:
    """The DEA schedule a dependence section states ('... is a Schedule IV controlled
    substance'), with that sentence and its line: openFDA has no structured field for it."""
    if record.schedule:
        return record.schedule, "", 0
    for block in blocks:
        if block.section != "dependence":
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", block.text):
            match = _SCHEDULE_TEXT.search(sentence)
            if match and re.search(r"schedule|controlled", sentence, re.I) and \
                    not re.search(r"\bnot (?:a |been )?(?:controlled|scheduled)", sentence, re.I):
                return _ROMAN[match[1]], sentence, block.line
    return "", "", 0


def label_markdown(path: Path, position: str) -> tuple[str, str] | None:
    """(page, record sha256) of the record at ``position`` in ``path``, rendered as it was
    for ingest (for the monograph view); None when the file no longer holds it."""
    for item in iter_records(path):
        if isinstance(item, LabelRecord) and item.position == position:
            return render(item)[0], item.sha256
    return None


# ------------------------------------------------------------------ structured facts

DEPENDENCE = VOCAB + "risk/dependence"


def schedule_concept(schedule: str) -> Concept:
    """The ontology's individual for a DEA schedule ('CIV' -> dkg:ScheduleIV)."""
    return Concept(DKG + "Schedule" + schedule[1:], "schedule", schedule)


def structured_facts(monograph: Monograph, components: list[Component],
                     matcher: Matcher) -> list[Fact]:
    """Facts the label states as data: the DEA schedule (a controlled substance, so a
    dependence risk) and FDA's pharmacologic classes, linked to the vocabularies where a
    class or mechanism there names them. Evidence points at the page line that shows the
    datum, or at the sentence that states the schedule."""
    data = monograph.label
    if data is None:
        return []
    facts: list[Fact] = []
    schedule, sentence, line = data.schedule_evidence
    if schedule:
        section, heading = "dependence", "Drug abuse and dependence"
        if not sentence:
            sentence, line = f"DEA schedule: {schedule}", data.lines["schedule"]
            section, heading = DATA_SECTION, "Label data"
        risk = matcher.lexicon.get(DEPENDENCE)
        for comp in components:
            facts.append(Fact(component=comp.name, predicate="schedule",
                              concept=schedule_concept(schedule), phrase=schedule,
                              kind="schedule", section=section, heading=heading,
                              sentence=sentence, line=line, rule="schedule.dea"))
            if risk is not None:
                facts.append(Fact(component=comp.name, predicate="risk", concept=risk,
                                  phrase=schedule, kind="risk", section=section,
                                  heading=heading, sentence=sentence, line=line,
                                  rule="risk.dea-schedule"))
    if len(components) != 1:
        return facts  # FDA lists the classes of all ingredients together: whose is whose?
    (comp,) = components
    record = data.record
    for key, names, predicate in (("epc", record.pharm_classes, "class"),
                                  ("moa", record.moa_classes, "mechanism")):
        for n, name in enumerate(names):
            concept = _vocabulary_match(matcher, name, predicate)
            facts.append(Fact(component=comp.name, predicate=predicate, concept=concept,
                              phrase=name, kind=predicate, section=DATA_SECTION,
                              heading="Label data", sentence=_data_text(data, f"{key}:{n}"),
                              line=data.lines[f"{key}:{n}"], rule=f"{predicate}.fda-{key}"))
    return facts


def _data_text(data: LabelData, key: str) -> str:
    return dict(_data_items(data.record))[key]


def _vocabulary_match(matcher: Matcher, name: str, kind: str) -> Concept | None:
    """The vocabulary concept an FDA class name names: a mention of that kind covering
    most of the name ('Benzodiazepine' in 'Benzodiazepine'), else None (minted)."""
    for m in matcher.find(name, (kind,)):
        if len(m.text) >= 0.6 * len(name.strip()):
            return m.concept
    return None


# ------------------------------------------------------------------ identifiers


@dataclass(frozen=True)
class IdentifierLink:
    """An identifier a label gives a component or its product, checked."""

    component: str  # '' for the product
    prefix: str  # rxnorm | unii
    local: str
    iri: str
    conflict: str = ""  # the vocabulary's identifier it contradicts, if any


def identifiers(monograph: Monograph, components: list[Component]) -> tuple[
        list[IdentifierLink], list[str]]:
    """(identifiers to state, problems to report). RxCUIs of a label name its products
    (strength and form), UNIIs its ingredients; each must match bioregistry's pattern for
    its prefix, and an ingredient UNII that differs from the vocabulary's for the same
    drug is reported as a conflict and stated only as the label's claim."""
    from drugkg.ontology.identifiers import external_converter, patterns

    data = monograph.label
    if data is None:
        return [], []
    record, pats, conv = data.record, patterns(), external_converter()
    links: list[IdentifierLink] = []
    problems: list[str] = []

    def checked(prefix: str, local: str) -> str | None:
        if pats[prefix].fullmatch(local) and len(local) <= 16:
            return conv.expand(f"{prefix}:{local}")
        problems.append(f"{record.where}{prefix} identifier {local[:40]!r} does not match "
                        f"its pattern {pats[prefix].pattern}; left out")
        return None

    for cui in record.rxcuis:
        iri = checked("rxnorm", cui)
        if iri:
            links.append(IdentifierLink("", "rxnorm", cui, iri))
    by_name = {c.name.lower(): c for c in components}
    for ing in record.ingredients:
        # the moiety's UNII is the drug's; a salt's UNII is another substance
        unii = ing.moiety_unii or (ing.unii if strip_salt(ing.name) == ing.name else "")
        comp = by_name.get(clean_title(strip_salt(ing.moiety or ing.name)).lower())
        if not unii or comp is None:
            continue
        iri = checked("unii", unii)
        if iri is None:
            continue
        known = [x for x in (comp.concept.exact if comp.concept else ())
                 if (conv.parse_uri(x) or (None,))[0] == "unii"]
        conflict = next((x for x in known if x != iri), "") if iri not in known else ""
        if conflict:
            problems.append(f"{record.where}UNII {unii} of {comp.name} differs from the "
                            f"vocabulary's {conflict.rsplit('/', 1)[-1]} for "
                            f"{comp.concept.label}: kept as the label's claim, not linked")
        if not known or conflict:
            links.append(IdentifierLink(comp.name, "unii", unii, iri, conflict))
    return links, problems


def label_triples(monograph: Monograph, components: list[Component], graph: NamedNode,
                  product: NamedNode, drugs: dict[str, NamedNode]) -> Iterator[tuple]:
    """(subject, predicate IRI, object) of a label's identity, for its own graph: where it
    came from (file position, set id, version), the product's brand names, NDCs and RxNorm
    concepts, the ingredients' UNIIs and any identifier conflict with the vocabulary."""
    data = monograph.label
    if data is None:
        return
    record = data.record
    yield graph, DKG + "labelFormat", Literal(record.fmt)
    if record.position:
        yield graph, DKG + "record", Literal(record.position)
    for prop, value in (("setId", record.set_id), ("documentId", record.document_id),
                        ("effectiveTime", record.effective_time),
                        ("documentType", record.document_type)):
        if value:
            yield graph, DKG + prop, Literal(value)
    if record.version.isdigit():
        yield graph, DKG + "labelVersion", Literal(record.version,
                                                   datatype=NamedNode(XSD + "integer"))
    for brand in record.brand_names:
        yield product, DKG + "brandName", Literal(brand)
    for ndc in record.ndcs:
        yield product, DKG + "ndc", Literal(ndc)
    links, problems = identifiers(monograph, components)
    for n, link in enumerate(links, start=1):
        if not link.component:
            # an RxCUI names one strength and form of the product, not the product itself
            yield product, SKOS + "relatedMatch", NamedNode(link.iri)
        elif not link.conflict:
            yield drugs[link.component], SKOS + "exactMatch", NamedNode(link.iri)
        else:
            node = NamedNode(f"{graph.value}/conflict/{n}")
            yield node, RDF + "type", NamedNode(DKG + "IdentifierConflict")
            yield node, DKG + "concept", drugs[link.component]
            yield node, DKG + "labelIdentifier", NamedNode(link.iri)
            yield node, DKG + "vocabularyIdentifier", NamedNode(link.conflict)
            yield node, RDFS + "comment", Literal(next(p for p in problems
                                                       if link.local in p))
