"""openFDA ``drug/label`` JSON -> :class:`LabelRecord`: one record, the API's
``{"results": [...]}`` or a bulk download file (hundreds of MB), streamed record by record.

Every text field is a list of strings whose first words are usually the section heading
('4 CONTRAINDICATIONS Citalopram tablets are ...'); the heading is cut and the field name
gives the section kind.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO

from drugkg.errors import MonographError
from drugkg.ingest.labels import Ingredient, LabelRecord, Section, clean_text

# openFDA field -> (section kind, heading shown on the page), in reading order of a label.
FIELDS: dict[str, tuple[str, str]] = {
    "boxed_warning": ("precautions", "Boxed warning"),
    "indications_and_usage": ("usage", "Indications and usage"),
    "purpose": ("usage", "Purpose"),
    "contraindications": ("contraindications", "Contraindications"),
    "do_not_use": ("contraindications", "Do not use"),
    "ask_doctor": ("contraindications", "Ask a doctor before use"),
    "warnings_and_cautions": ("precautions", "Warnings and precautions"),
    "warnings": ("precautions", "Warnings"),
    "precautions": ("precautions", "Precautions"),
    "general_precautions": ("precautions", "General precautions"),
    "adverse_reactions": ("side-effects", "Adverse reactions"),
    "drug_interactions": ("interactions", "Drug interactions"),
    "drug_and_or_laboratory_test_interactions": ("interactions",
                                                 "Drug and laboratory test interactions"),
    "ask_doctor_or_pharmacist": ("interactions", "Ask a doctor or pharmacist before use"),
    "pregnancy": ("pregnancy", "Pregnancy"),
    "teratogenic_effects": ("pregnancy", "Teratogenic effects"),
    "nonteratogenic_effects": ("pregnancy", "Nonteratogenic effects"),
    "pregnancy_or_breast_feeding": ("pregnancy", "Pregnancy or breast-feeding"),
    "nursing_mothers": ("pregnancy", "Nursing mothers"),
    "lactation": ("pregnancy", "Lactation"),
    "drug_abuse_and_dependence": ("dependence", "Drug abuse and dependence"),
    "controlled_substance": ("dependence", "Controlled substance"),
    "abuse": ("dependence", "Abuse"),
    "dependence": ("dependence", "Dependence"),
    "overdosage": ("overdose", "Overdosage"),
    "mechanism_of_action": ("mechanism", "Mechanism of action"),
    "pharmacodynamics": ("mechanism", "Pharmacodynamics"),
}
# clinical_pharmacology holds 12.1 mechanism of action in labels without that field
_FALLBACK = {"clinical_pharmacology": ("mechanism", "Clinical pharmacology", "mechanism_of_action")}
_WORD = r"(?:&|[A-Z][A-Z0-9&,;/()'’-]*:?)"
_HEADING = re.compile(rf"^\s*(?:\d+(?:\.\d+)*\s+)?((?:{_WORD}\s+){{0,12}}{_WORD})\s+(?=\S)")
_SUBSECTION = re.compile(r"(?<=[.:)\]])\s+(?=\d{1,2}\.\d{1,2}\s+[A-Z])")


def split_heading(text: str) -> tuple[str, str]:
    """('4 CONTRAINDICATIONS', 'Citalopram tablets are ...') from a field's string; an
    upper-case word followed by a lower-case one is the sentence's subject ('INDICATIONS
    AND USAGE VIAGRA is indicated'), not the heading's."""
    match = _HEADING.match(text)
    if not match:
        return "", text
    words = match[0].split()
    rest = text[match.end():]
    if rest[:1].islower() and len(words) > 1 and not words[-1].endswith(":"):
        rest = f"{words.pop()} {rest}"
    heading = " ".join(words)
    if not re.search(r"[A-Z]{4}", heading):
        return "", text  # 'A 30 day supply ...' or 'NSAIDs ...': no heading
    return heading, rest


def _paragraphs(value: list | str) -> list[str]:
    strings = value if isinstance(value, list) else [value]
    out: list[str] = []
    for n, raw in enumerate(s for s in strings if isinstance(s, str)):
        text = clean_text(raw)
        if n == 0:
            text = split_heading(text)[1]
        for part in _SUBSECTION.split(text):
            bullets = [b.strip() for b in part.split("•")]
            out += [bullets[0], *(f"- {b}" for b in bullets[1:] if b)] if bullets[0] else \
                [f"- {b}" for b in bullets[1:] if b]
    return [p for p in out if p]


def _strings(value) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value] if value else []
    return tuple(dict.fromkeys(clean_text(str(v)) for v in items
                               if isinstance(v, str | int) and str(v).strip()))


def _classes(value, tag: str) -> tuple[str, ...]:
    return tuple(re.sub(rf"\s*\[{tag}\]\s*$", "", c, flags=re.I) for c in _strings(value))


def to_record(path: Path, position: str, rec: dict, sha256: str) -> LabelRecord:
    """One decoded openFDA record as a :class:`LabelRecord` (raises for non-records)."""
    if not isinstance(rec, dict):
        raise MonographError(path, f"{position}: a label record is a JSON object, "
                                   f"not {type(rec).__name__}".lstrip(": "))
    if not ({"openfda", "set_id", "spl_product_data_elements"} | FIELDS.keys()) & rec.keys():
        raise MonographError(path, f"{position}: JSON but not an openFDA label record (no "
                                   "'openfda', 'set_id' or label text fields)".lstrip(": "))
    ofda = rec.get("openfda") if isinstance(rec.get("openfda"), dict) else {}
    sections = [Section(kind, heading, 2, tuple(_paragraphs(rec[name])))
                for name, (kind, heading) in FIELDS.items() if rec.get(name)]
    for name, (kind, heading, unless) in _FALLBACK.items():
        if rec.get(name) and not rec.get(unless):
            sections.append(Section(kind, heading, 2, tuple(_paragraphs(rec[name]))))
    brands, generics = _strings(ofda.get("brand_name")), _strings(ofda.get("generic_name"))
    substances = _strings(ofda.get("substance_name"))
    uniis = _strings(ofda.get("unii"))
    # substance and UNII lists are not aligned: a UNII belongs to an ingredient only when
    # there is one of each
    ingredients = tuple(Ingredient(s, uniis[0] if len(substances) == len(uniis) == 1 else "")
                        for s in substances)
    if not brands and not generics and not substances:
        generics = _active_ingredient_names(rec.get("active_ingredient"))
    title = (brands or generics or substances or ("",))[0]
    set_id = str(rec.get("set_id") or next(iter(_strings(ofda.get("spl_set_id"))), ""))
    return LabelRecord(
        source=path, position=position, fmt="openfda", sha256=sha256,
        set_id=set_id, version=str(rec.get("version") or ""),
        effective_time=str(rec.get("effective_time") or ""),
        document_id=str(rec.get("id") or next(iter(_strings(ofda.get("spl_id"))), "")),
        document_type=next(iter(_strings(ofda.get("product_type"))), ""),
        title=title, brand_names=brands, generic_names=generics, ingredients=ingredients,
        rxcuis=_strings(ofda.get("rxcui")), uniis=uniis,
        ndcs=_strings(ofda.get("product_ndc")),
        pharm_classes=_classes(ofda.get("pharm_class_epc"), "EPC"),
        moa_classes=_classes(ofda.get("pharm_class_moa"), "MoA"),
        sections=tuple(s for s in sections if s.paragraphs),
    )


def _active_ingredient_names(value) -> tuple[str, ...]:
    """'ACTIVE INGREDIENTS MEZEREUM' -> ('MEZEREUM',): the only name an unharmonised OTC
    record (empty ``openfda``) gives."""
    for text in _strings(value):
        rest = re.sub(r"^.*?\bactive ingredients?\b\s*:?\s*", "", text, flags=re.I)
        names = [re.sub(r"\s+\d.*$", "", n).strip() for n in re.split(r"[,;]", rest)]
        names = [n for n in names if re.search(r"[A-Za-z]{3}", n)]
        if names:
            return tuple(names)
    return ()


def _record(path: Path, position: str, raw: bytes, line: int) -> LabelRecord | MonographError:
    try:
        rec = json.loads(raw)
    except (UnicodeDecodeError, RecursionError) as exc:
        return MonographError(path, f"{position}: not a UTF-8 JSON record ({exc})"[:300], line)
    except json.JSONDecodeError as exc:
        return MonographError(path, f"{position}: invalid JSON: {exc.msg} (column {exc.colno})",
                              line + exc.lineno - 1)
    try:
        return replace(to_record(path, position, rec, hashlib.sha256(raw).hexdigest()),
                       line=line)
    except MonographError as exc:
        return MonographError(exc.path, exc.reason, line)


def read_stream(path: Path, fh: IO[bytes], member: str) -> Iterator[LabelRecord | MonographError]:
    """The records of one JSON file or zip member, streamed: a record, an array of records
    or an object whose ``results`` array holds them (the API and bulk files). Memory holds
    one record at a time; a record that is not valid JSON is reported with its line and
    the records after it are still read."""
    where = f"{member} " if member else ""
    scanner = _Scanner(fh)
    try:
        first = scanner.skip_space()
        if first == b"[":
            scanner.pos += 1
            n = -1
            for n, (raw, line) in enumerate(scanner.elements()):
                yield _record(path, f"{where}results[{n}]".strip(), raw, line)
            if n < 0:
                yield MonographError(path, f"{where}the array holds no label records".strip())
        elif first == b"{":
            found = False
            for n, (raw, line) in enumerate(scanner.results_or_record()):
                found = True
                position = f"{where}results[{n}]" if scanner.in_results else member
                yield _record(path, position.strip(), raw, line)
            if not found:
                yield MonographError(path, f"{where}the 'results' array holds no label records"
                                     .strip())
        else:
            yield MonographError(path, f"{where}not JSON: expected a record, an array or "
                                       "{'results': [...]}".strip(), scanner.line)
    except _ScanError as exc:
        yield MonographError(path, f"{where}{exc.reason}; records after it are not read"
                             .strip(), exc.line)


class _ScanError(Exception):
    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason, self.line = reason, line


_STRUCT = re.compile(rb'[{}\[\]"]')
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)  # unrolled: one pass
_SPACE = re.compile(rb"[\s,]*")
_SCALAR_END = re.compile(rb'[,\]}"]')
CHUNK_BYTES = 1 << 20
MAX_RECORD_BYTES = 64 * 1024 * 1024  # one label is a few hundred KB


class _Scanner:
    """Splits a JSON stream into the byte spans of its records by bracket depth (strings
    skipped), so each record is decoded alone and one broken record loses only itself."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.buf, self.pos, self.eof = fh, bytearray(), 0, False
        self.line = 1  # line number at self.pos
        self.in_results = False

    def _more(self) -> bool:
        if self.eof:
            return False
        if self.pos > CHUNK_BYTES:  # self.line is the line at pos: trimming keeps it
            del self.buf[: self.pos]
            self.pos = 0
        data = self.fh.read(CHUNK_BYTES)
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def skip_space(self) -> bytes:
        """Skip whitespace, commas and a BOM; the next byte (b'' at the end)."""
        while True:
            if self.pos == 0 and self.buf.startswith(b"\xef\xbb\xbf"):
                self.pos = 3
            end = _SPACE.match(self.buf, self.pos).end()
            self.line += self.buf.count(b"\n", self.pos, end)
            self.pos = end
            if self.pos < len(self.buf):
                return bytes(self.buf[self.pos:self.pos + 1])
            if not self._more():
                return b""

    def _grow(self, start: int) -> int:
        """Read more, keeping the bytes from ``start`` on; how far they moved, or -1 at the
        end of the stream."""
        self.pos = start
        if not self._more():
            return -1
        return start - self.pos

    def _span(self) -> tuple[bytes, int]:
        """The JSON value at pos (an object or array, or a scalar up to the next comma)."""
        start, line = self.pos, self.line
        depth, i = 0, start
        scalar = self.buf[start:start + 1] not in (b"{", b"[")
        while True:
            m = (_SCALAR_END if scalar else _STRUCT).search(self.buf, i)
            s = _STRING.match(self.buf, m.start()) if m and m.group() == b'"' else None
            if m is None or (m.group() == b'"' and s is None):
                resume = m.start() if m else len(self.buf)
                if len(self.buf) - start > MAX_RECORD_BYTES:  # e.g. a string never closed
                    raise _ScanError(f"a record is over {MAX_RECORD_BYTES} bytes", line)
                shift = self._grow(start)
                if shift < 0:
                    if scalar:
                        m = None
                        break
                    raise _ScanError("a record is cut short at the end of the file", line)
                start, i = start - shift, resume - shift
                continue
            if s is not None:
                i = s.end()
                continue
            if scalar:
                break
            depth += 1 if m.group() in (b"{", b"[") else -1
            i = m.end()
            if depth == 0:
                break
            if i - start > MAX_RECORD_BYTES:
                raise _ScanError(f"a record is over {MAX_RECORD_BYTES} bytes", line)
        end = i if not scalar else (m.start() if m else len(self.buf))
        raw = bytes(self.buf[start:end])
        self.line += raw.count(b"\n")
        self.pos = end
        return raw, line

    def elements(self) -> Iterator[tuple[bytes, int]]:
        """(bytes, first line) of each value of the array whose '[' was just passed."""
        while True:
            ch = self.skip_space()
            if ch == b"]":
                self.pos += 1
                return
            if not ch:
                raise _ScanError("the array is never closed", self.line)
            yield self._span()

    def results_or_record(self) -> Iterator[tuple[bytes, int]]:
        """At a top-level '{': the records of its 'results' array when it is the API's or a
        bulk file's envelope, else the object itself as one record."""
        brace, line = self.pos, self.line
        self.pos += 1
        envelope = self.skip_space() == b'"' and self._key() in ("meta", "results")
        self.pos, self.line = brace, line
        if not envelope:
            yield self._span()
            return
        self.pos += 1
        while True:
            ch = self.skip_space()
            if ch == b"}" or not ch:
                return
            key = self._key()
            self.pos = _STRING.match(self.buf, self.pos).end()
            if self.skip_space() != b":":
                raise _ScanError("expected ':' after a key", self.line)
            self.pos += 1
            if key == "results" and self.skip_space() == b"[":
                self.pos += 1
                self.in_results = True
                yield from self.elements()
            else:
                self.skip_space()
                self._span()  # meta

    def _key(self) -> str:
        """The string at pos, decoded (pos stays)."""
        while True:
            m = _STRING.match(self.buf, self.pos)
            if m is not None:
                try:
                    return json.loads(m.group())
                except ValueError:
                    return ""
            if self._grow(self.pos) < 0:
                raise _ScanError("a key is never closed", self.line)
