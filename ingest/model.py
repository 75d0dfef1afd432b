"""What the assembler produces: a page's component drugs and the facts stated about them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from drugkg.ontology.lexicon import Concept
from drugkg.ontology.recognise import norm_phrase

# Fact predicates and the concept kinds each one links to.
PREDICATE_KINDS: dict[str, tuple[str, ...]] = {
    "class": ("class",),
    "mechanism": ("mechanism",),
    "target": ("target",),
    "indication": ("condition",),
    "adverse-effect": ("adverse-effect",),
    "contraindication": ("condition", "drug", "class"),
    "interaction": ("drug", "class"),
    "risk": ("risk",),
}


@dataclass(frozen=True)
class Fact:
    """One extracted statement: component -> predicate -> concept (or unlinked phrase)."""

    component: str
    predicate: str
    concept: Concept | None
    phrase: str
    kind: str
    section: str
    heading: str
    sentence: str
    line: int
    serious: bool | None = None
    synonyms: tuple[str, ...] = ()
    # the rule that made the fact (docs/extraction.md, 'Rules'), stored on its evidence
    rule: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        obj = self.concept.iri if self.concept else f"{self.kind}:{norm_phrase(self.phrase)}"
        return (self.component, self.predicate, obj)


@dataclass
class Component:
    """A component drug of the page and the names that refer to it.

    ``keys`` are normalised names, longest first, so that 'amphotericin b' is found before
    'amphotericin' whatever the process's hash seed (a set here once made ingest differ
    from run to run)."""

    name: str
    concept: Concept | None
    keys: tuple[str, ...] = ()
    # the active drugs a prodrug becomes, named on its page (rule subject.prodrug)
    active_iris: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        """Any of the names as written in running text ('amphotericin  B', 'Paroxetine's')."""
        return _name_pattern(self.keys)


@cache
def _name_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = (r"\W+".join(map(re.escape, key.split())) for key in keys)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\w*", re.I)


def ordered_keys(names) -> tuple[str, ...]:
    """Distinct names, longest first (then alphabetical): a stable order for matching."""
    return tuple(sorted(set(names), key=lambda k: (-len(k), k)))
