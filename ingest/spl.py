"""DailyMed SPL XML (HL7 v3 Structured Product Labeling) -> :class:`LabelRecord`.

Sections carry LOINC codes, which give their kind; a section coded 'SPL UNCLASSIFIED'
(or not coded) inside another takes its parent's kind and its title narrows it. Products
carry the active ingredients and moieties with their UNII, the NDC and the DEA schedule.
The XML is parsed by defusedxml: no entity expansion, no external entities or DTDs, since
a downloaded file is untrusted input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from drugkg.errors import MonographError
from drugkg.ingest.labels import SCHEDULES, Ingredient, LabelRecord, Section, clean_text

V3 = "{urn:hl7-org:v3}"
LOINC = "2.16.840.1.113883.6.1"
UNII_SYSTEM = "2.16.840.1.113883.4.9"
NDC_SYSTEM = "2.16.840.1.113883.6.69"
PRODUCT_DATA = "48780-1"
UNCLASSIFIED = "42229-5"
ACTIVE = {"ACTIM", "ACTIB", "ACTIR"}  # active ingredient, by moiety, by reference

# LOINC section code -> section kind; codes not listed (and their subsections) are not
# read: dosage, description, pharmacokinetics, studies, how supplied, patient leaflets.
LOINC_KINDS = {
    "34067-9": "usage", "55106-9": "usage",
    "34070-3": "contraindications", "50570-1": "contraindications",
    "50569-3": "contraindications",
    "34066-1": "precautions", "43685-7": "precautions", "34071-1": "precautions",
    "42232-9": "precautions", "34072-9": "precautions", "43684-0": "precautions",
    "34084-4": "side-effects",
    "34073-7": "interactions", "34074-5": "interactions",
    "43679-0": "mechanism", "34090-1": "mechanism", "43681-6": "mechanism",
    "42227-9": "dependence", "34085-1": "dependence", "34086-9": "dependence",
    "34087-7": "dependence",
    "42228-7": "pregnancy", "34077-8": "pregnancy", "34078-6": "pregnancy",
    "34080-2": "pregnancy", "77290-5": "pregnancy", "53414-9": "pregnancy",
    "34088-5": "overdose",
}


def _text(el: Element | None) -> str:
    return clean_text("".join(el.itertext())) if el is not None else ""


def _code(el: Element) -> Element | None:
    return el.find(f"{V3}code")


def read_document(path: Path, member: str, data: bytes) -> Iterator[LabelRecord | MonographError]:
    """The one label an SPL document holds, or the reason it cannot be read."""
    where = f"{member}: " if member else ""
    try:
        root = fromstring(data, forbid_dtd=True)
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        yield MonographError(path, f"{where}malformed XML: {str(exc)[:200]}", line)
        return
    except DefusedXmlException as exc:
        yield MonographError(path, f"{where}XML refused: {type(exc).__name__} (DTDs and "
                                   "entities are not allowed in an SPL document)")
        return
    if root.tag != f"{V3}document":
        yield MonographError(path, f"{where}XML but not an SPL document: the root element is "
                                   f"<{root.tag[:80]}>, not <document> in urn:hl7-org:v3")
        return
    yield read_root(path, member, root, hashlib.sha256(data).hexdigest())


def read_root(path: Path, member: str, root: Element, sha256: str) -> LabelRecord:
    set_id = root.find(f"{V3}setId")
    version = root.find(f"{V3}versionNumber")
    effective = root.find(f"{V3}effectiveTime")
    doc_id = root.find(f"{V3}id")
    doc_code = _code(root)
    body = root.find(f"{V3}component/{V3}structuredBody")
    sections: list[Section] = []
    brands: list[str] = []
    generics: list[str] = []
    ingredients: list[Ingredient] = []
    ndcs: list[str] = []
    schedule = ""
    for product in root.iter(f"{V3}manufacturedProduct"):
        name = product.find(f"{V3}name")
        if name is None:  # the outer wrapper, or a manufacturer's product reference
            continue
        brands.append(_text(name))
        generics += [_text(g.find(f"{V3}name")) for g in product.iter(f"{V3}genericMedicine")]
        code = _code(product)
        if code is not None and code.get("codeSystem") == NDC_SYSTEM:
            ndcs.append(code.get("code", ""))
        for ing in product.iter(f"{V3}ingredient"):
            if ing.get("classCode") not in ACTIVE:
                continue
            sub = ing.find(f"{V3}ingredientSubstance")
            if sub is None:
                continue
            moiety = sub.find(f"{V3}activeMoiety/{V3}activeMoiety")
            ingredients.append(Ingredient(
                _text(sub.find(f"{V3}name")), _unii(sub),
                _text(moiety.find(f"{V3}name")) if moiety is not None else "",
                _unii(moiety) if moiety is not None else ""))
    for policy in root.iter(f"{V3}policy"):
        code = _code(policy)
        if policy.get("classCode") == "DEADrugSchedule" and code is not None:
            schedule = SCHEDULES.get(code.get("code", ""), "") or \
                _display_schedule(code.get("displayName", ""))
    if body is not None:
        for comp in body.findall(f"{V3}component/{V3}section"):
            _sections(comp, None, 2, sections)
    title = (brands or generics or [_text(root.find(f"{V3}title"))])[0]
    return LabelRecord(
        source=path, position=member, fmt="spl", sha256=sha256,
        set_id=set_id.get("root", "") if set_id is not None else "",
        version=version.get("value", "") if version is not None else "",
        effective_time=effective.get("value", "") if effective is not None else "",
        document_id=doc_id.get("root", "") if doc_id is not None else "",
        document_type=doc_code.get("displayName", "") if doc_code is not None else "",
        title=title, brand_names=_unique(brands), generic_names=_unique(generics),
        ingredients=tuple(dict.fromkeys(i for i in ingredients if i.name)),
        ndcs=_unique(ndcs), schedule=schedule, sections=tuple(sections),
    )


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _unii(el: Element) -> str:
    code = _code(el)
    return code.get("code", "") if code is not None and \
        code.get("codeSystem") == UNII_SYSTEM else ""


def _display_schedule(name: str) -> str:
    name = name.upper().replace("-", "").replace(" ", "")
    return name if name in SCHEDULES.values() else ""


def _items(lst: Element, depth: int) -> Iterator[str]:
    """'- item', nested items indented two spaces a level (a Markdown nested list)."""
    for item in lst.findall(f"{V3}item"):
        body = _own_text(item)
        if body:
            yield f"{'  ' * depth}- {body}"
        for sub in item.iter(f"{V3}list"):
            if sub is not item:
                yield from _items(sub, depth + 1)
                break  # deeper lists are read by that call


def _own_text(item: Element) -> str:
    """A list item's text without the lists nested in it (their items are read apart)."""
    parts = [item.text or ""]
    for child in item:
        if child.tag != f"{V3}list":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return clean_text("".join(parts))


def _sections(section: Element, parent_kind: str | None, level: int,
              out: list[Section]) -> None:
    """Append ``section`` and its subsections that have a kind, in reading order."""
    code_el = _code(section)
    code = code_el.get("code", "") if code_el is not None and \
        code_el.get("codeSystem", LOINC) == LOINC else ""
    if code in LOINC_KINDS:
        kind, level = LOINC_KINDS[code], 2  # a coded section opens a section of its own
    elif parent_kind is not None and code in ("", UNCLASSIFIED):
        kind = parent_kind
    else:
        kind = None  # not read, nor its subsections unless they carry a code of their own
    title = _text(section.find(f"{V3}title"))
    if kind is not None:
        paragraphs = tuple(_paragraphs(section.find(f"{V3}text")))
        # an untitled subsection continues its parent without a heading of its own
        default = kind.replace("-", " ").capitalize() if level == 2 else ""
        out.append(Section(kind, title or default, level, paragraphs))
    for child in section.findall(f"{V3}component/{V3}section"):
        _sections(child, kind, 3 if kind is not None else 2, out)


def _paragraphs(text: Element | None) -> Iterator[str | tuple[str, ...]]:
    """The section text's paragraphs, list items ('- ...') and table rows (cell tuples)."""
    if text is None:
        return
    for el in text:
        tag = el.tag.removeprefix(V3)
        if tag == "paragraph":
            para = _text(el)
            if para:
                yield para
        elif tag == "list":
            yield from _items(el, 0)
        elif tag == "table":
            for row in el.iter(f"{V3}tr"):
                cells = tuple(_text(c) for c in row if c.tag in (f"{V3}td", f"{V3}th"))
                if any(cells):
                    yield cells
        else:
            para = _text(el)
            if para:
                yield para
