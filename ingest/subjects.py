"""Who a page calls its drug besides the generic name: brand names (rule subject.brand).

Real labels and leaflets speak of the product by its brand ("VIAGRA is indicated for ...",
"Do not take Sivextro"), so a sentence naming the brand names the page's drug. Brands come
from the page itself, never from a list of trade names:

- the front matter: ``brand`` / ``brands`` / ``brand_name`` / ``brand_names`` (a string or
  a list of strings);
- a title or first heading of the form "BRAND ... (generic)" ("Sivextro 200 mg film-coated
  tablets (tedizolid phosphate)") or "generic (BRAND)" ("Fluoxetine (Prozac)");
- a sentence that says so: "called by the brand name Prozac", "sold under the brand names
  Trintellix and Brintellix", "QUVIVIQ contains the active substance daridorexant".

A brand of a fixed-dose combination names every component.

A prodrug's page speaks of the drug it becomes ("Fosphenytoin is a prodrug of phenytoin",
"benzhydrocodone is converted to hydrocodone"): what it says of that active drug is said of
the page's drug (rule subject.prodrug).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drugkg.ingest.monograph import Monograph, split_components

_FRONT_MATTER_KEYS = ("brand", "brands", "brand_name", "brand_names")
# A brand: one or two capitalised words ('Sivextro', 'QUVIVIQ', 'Brintellix')
_BRAND = r"[A-Z][A-Za-z0-9-]{2,}(?:\s[A-Z][A-Za-z0-9-]{2,})?"
_BRAND_FIRST = re.compile(rf"^(?P<brand>{_BRAND})\b[^()]*\((?P<generic>[^()]+)\)")
_GENERIC_FIRST = re.compile(rf"^(?P<generic>[^()]+?)\s*\((?P<brand>{_BRAND})\)\s*$")
_STATED = (
    re.compile(rf"\bbrand names?\s+(?P<brands>{_BRAND}(?:(?:,\s*|,?\s+and\s+|\s+or\s+){_BRAND})*)"),
    re.compile(rf"^(?P<brands>{_BRAND})\s+(?:\w+\s+){{0,4}}?contains the active substances?\s+"
               r"(?P<generic>[\w -]+)"),
)
# Words a heading puts before the parenthesis that are not a brand
_NOT_A_BRAND = {"the", "this", "these", "tablets", "capsules", "injection", "oral", "solution",
                "film-coated", "usp", "package", "leaflet", "information", "patient"}


def brand_names(monograph: Monograph) -> dict[str, tuple[str, ...]]:
    """{component name: brand names the page uses for it}, in the order found."""
    components = monograph.components
    found: list[str] = list(_front_matter_brands(monograph.front_matter))
    headings = [monograph.title] + [b.text for b in monograph.blocks
                                    if b.kind == "heading" and b.level == 1]
    for text in headings:
        found += _from_heading(text, components)
    for block in monograph.blocks:
        if block.kind in ("para", "item"):
            found += _stated(block.text, components)
    keep = tuple(dict.fromkeys(b for b in found if _is_brand(b, components)))
    return {name: keep for name in components}


# 'Fosphenytoin is a prodrug of phenytoin', 'fosphenytoin is converted to phenytoin by
# phosphatases', 'Benzhydrocodone is a prodrug of hydrocodone' (rule subject.prodrug)
_PRODRUG = re.compile(r"\b(?P<drug>[\w-]+)\s+(?:is|acts as)\s+(?:an?\s+)?(?:inactive\s+)?prodrug\s+"
                      r"of\s+(?P<active>[a-z][\w-]+)|\b(?P<drug2>[\w-]+)\s+is\s+(?:rapidly\s+|"
                      r"completely\s+|extensively\s+)?converted\s+(?:in\s+the\s+body\s+)?(?:to|"
                      r"into)\s+(?P<active2>[a-z][\w-]+)", re.I)


def active_drugs(monograph: Monograph,
                 brands: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """{component name: the active drugs the page says it is a prodrug of}: 'Fosphenytoin is
    a prodrug of phenytoin' on the fosphenytoin page, also by a brand from ``brands`` (rule
    subject.prodrug)."""
    out: dict[str, list[str]] = {name: [] for name in monograph.components}
    for block in monograph.blocks:
        if block.kind not in ("para", "item"):
            continue
        for m in _PRODRUG.finditer(block.text):
            drug, active = m["drug"] or m["drug2"], m["active"] or m["active2"]
            for name in monograph.components:
                own = {name.lower(), *(b.lower() for b in brands.get(name, ()))}
                if drug.lower() in own and active.lower() not in own:
                    out[name].append(active)
    return {name: tuple(dict.fromkeys(found)) for name, found in out.items()}


def _front_matter_brands(meta: dict) -> Iterable[str]:
    for key in _FRONT_MATTER_KEYS:
        value = meta.get(key)
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        yield from (v.strip() for v in values if isinstance(v, str) and v.strip())


def _names_components(generic: str, components: tuple[str, ...]) -> bool:
    """'sildenafil citrate', 'azilsartan medoxomil', 'sitagliptin/metformin hydrochloride'
    name the page's components (a salt or ester word may follow the name)."""
    named = [c.lower() for c in split_components(generic)]
    own = [c.lower() for c in components]
    return bool(named) and all(any(n == c or n.startswith(c + " ") for c in own) for n in named)


def _from_heading(text: str, components: tuple[str, ...]) -> list[str]:
    text = text.strip()
    brand_first = _BRAND_FIRST.match(text)
    if brand_first and _names_components(brand_first["generic"], components):
        return [brand_first["brand"]]
    generic_first = _GENERIC_FIRST.match(text)
    if generic_first and _names_components(generic_first["generic"], components):
        return [generic_first["brand"]]
    return []


def _stated(text: str, components: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for pattern in _STATED:
        for m in pattern.finditer(text):
            if "generic" in m.groupdict() and not _names_components(m["generic"], components):
                continue
            out += [b for b in re.split(r",\s*|,?\s+and\s+|\s+or\s+", m["brands"]) if b]
    return out


def _is_brand(name: str, components: tuple[str, ...]) -> bool:
    low = name.lower()
    return low not in {c.lower() for c in components} and \
        not any(w in _NOT_A_BRAND for w in low.split())
