"""Helpers for extraction tests: facts of a small page, as {(component, predicate): labels}."""

from __future__ import annotations

from drugkg.ingest.assemble import assemble
from drugkg.ingest.model import Fact
from drugkg.ingest.monograph import read_monograph


def page_facts(write, matcher, body: str, title: str = "Clonazepam") -> list[Fact]:
    """The facts assembled from a page with ``title`` and ``body`` (Markdown)."""
    path = write("page.md", f"---\ntitle: {title}\n---\n\n# {title}\n\n{body}")
    return assemble(read_monograph(path), matcher)[1]


def facts_of(write, matcher, body: str, title: str = "Clonazepam") -> dict:
    """{(component, predicate): {concept label or unlinked phrase, ...}}"""
    out: dict = {}
    for f in page_facts(write, matcher, body, title):
        label = f.concept.label if f.concept else f.phrase
        out.setdefault((f.component, f.predicate), set()).add(label)
    return out


def labels(facts: dict, component: str, predicate: str) -> set[str]:
    return {x.lower() for x in facts.get((component, predicate), set())}
