"""Read the SKOS vocabularies into plain records: the one source of names and identifiers."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import pyoxigraph as ox

from drugkg.errors import VocabularyError
from drugkg.ontology import DKG, RDF, SCHEMES, SKOS, VOCAB_DIR

_LINKS = {
    DKG + "hasMechanism": "hasMechanism",
    DKG + "actsOn": "actsOn",
    DKG + "signalsRisk": "signalsRisk",
    SKOS + "broader": "broader",
    SKOS + "related": "related",
}


@dataclass(frozen=True)
class Concept:
    """One vocabulary concept: what the recogniser matches and the graph links to."""

    iri: str
    kind: str
    label: str
    synonyms: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    types: frozenset[str] = frozenset()
    exact: tuple[str, ...] = ()
    close: tuple[str, ...] = ()
    links: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every string that names the concept, preferred label first."""
        return (self.label, *self.synonyms, *self.hidden)

    def linked(self, name: str) -> tuple[str, ...]:
        return self.links.get(name, ())

    @property
    def important_event(self) -> bool:
        """An adverse effect serious whenever it occurs (dkg:ImportantMedicalEvent)."""
        return DKG + "ImportantMedicalEvent" in self.types


@dataclass(frozen=True, eq=False)
class Lexicon:
    """All concepts of all schemes, by IRI."""

    concepts: dict[str, Concept]

    def of_kind(self, kind: str) -> list[Concept]:
        return [c for c in self.concepts.values() if c.kind == kind]

    def get(self, iri: str) -> Concept | None:
        return self.concepts.get(iri)

    def ancestors(self, concept: Concept | None) -> list[Concept]:
        """Every concept above ``concept`` by skos:broader, nearest first along each
        branch."""
        out, todo, seen = [], list(concept.linked("broader")) if concept else [], set()
        while todo:
            iri = todo.pop()
            if iri in seen:
                continue
            seen.add(iri)
            ancestor = self.concepts.get(iri)
            if ancestor is None:
                continue
            todo.extend(ancestor.linked("broader"))
            out.append(ancestor)
        return out

    @cached_property
    def words(self) -> frozenset[str]:
        """Every lower-case word of every label: the words a name can be spelled with."""
        return frozenset(w for c in self.concepts.values() for label in c.labels
                         for w in _WORD.findall(label.lower()))

    def respell(self, word: str) -> str | None:
        """The spelling the labels use for ``word`` when they spell it another way
        ('dependance' -> 'dependence', 'anaemia' -> 'anemia'); None if it is theirs or unknown."""
        word = word.lower()
        if word in self.words:
            return None
        for variant in spellings(word):
            if variant in self.words:
                return variant
        return None


_WORD = re.compile(r"[a-z0-9]+")
# One substitution each way: British/American spellings and the -ance/-ence, -ant/-ent
# confusions people make; the vocabularies list one spelling, questions use either.
_VARIANTS = (("ance", "ence"), ("ancy", "ency"), ("ant", "ent"), ("ise", "ize"),
             ("isation", "ization"), ("yse", "yze"), ("our", "or"), ("ae", "e"), ("oe", "e"),
             ("tre", "ter"), ("ll", "l"), ("ph", "f"))


def spellings(word: str) -> list[str]:
    """Spelling variants of ``word``: each known pair swapped at one place, either way."""
    out: list[str] = []
    for a, b in _VARIANTS:
        for old, new in ((a, b), (b, a)):
            start = word.find(old)
            while start >= 0:
                variant = word[:start] + new + word[start + len(old):]
                if variant not in out and variant != word:
                    out.append(variant)
                start = word.find(old, start + 1)
    return out


def _read(path: Path, kind: str) -> list[Concept]:
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    try:
        with path.open("rb") as fh:
            for triple in ox.parse(fh, format=ox.RdfFormat.TURTLE):
                s, p, o = triple.subject, triple.predicate.value, triple.object
                if isinstance(s, ox.NamedNode):
                    props[s.value][p].append(o.value)
    except (SyntaxError, ValueError) as exc:
        raise VocabularyError(f"{path}: not valid Turtle: {exc}. Fix the file and retry.") from exc
    concepts = []
    for iri, values in props.items():
        if SKOS + "Concept" not in values.get(RDF + "type", []):
            continue
        labels = values.get(SKOS + "prefLabel", [])
        if len(labels) != 1:
            raise VocabularyError(f"{path}: <{iri}> needs exactly one skos:prefLabel, has {labels}")
        concepts.append(
            Concept(
                iri=iri,
                kind=kind,
                label=labels[0],
                synonyms=tuple(dict.fromkeys(values.get(SKOS + "altLabel", []))),
                hidden=tuple(dict.fromkeys(values.get(SKOS + "hiddenLabel", []))),
                types=frozenset(values.get(RDF + "type", [])),
                exact=tuple(sorted(set(values.get(SKOS + "exactMatch", [])))),
                close=tuple(sorted(set(values.get(SKOS + "closeMatch", [])))),
                links={name: tuple(values[p]) for p, name in _LINKS.items() if p in values},
            )
        )
    return concepts


@cache
def load_lexicon(vocab_dir: Path = VOCAB_DIR) -> Lexicon:
    """Every concept of every vocabulary file in ``vocab_dir`` (read once per process)."""
    concepts: dict[str, Concept] = {}
    for kind, (filename, _) in SCHEMES.items():
        path = vocab_dir / filename
        if path.exists():
            for concept in _read(path, kind):
                concepts[concept.iri] = concept
    return Lexicon(concepts)
