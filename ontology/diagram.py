"""Render the ontology's classes and object properties as a Mermaid diagram.

    python -m drugkg.ontology.diagram            # print the diagram
    python -m drugkg.ontology.diagram --readme   # rewrite it into ontology/README.md
"""

from __future__ import annotations

import sys

import rdflib

from drugkg.ontology import DKG, HERE, ONTOLOGY_FILE

README = HERE / "README.md"
BEGIN, END = "<!-- diagram:begin -->", "<!-- diagram:end -->"


def _local(term) -> str:
    return str(term).replace(DKG, "")


def mermaid() -> str:
    """Classes (with subclass links) and object properties with their domain and range."""
    g = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    owl, rdfs = rdflib.OWL, rdflib.RDFS
    lines = ["```mermaid", "classDiagram"]
    classes = sorted(_local(c) for c in g.subjects(rdflib.RDF.type, owl.Class)
                     if isinstance(c, rdflib.URIRef) and str(c).startswith(DKG))
    lines += [f"    class {c}" for c in classes]
    for sub, sup in sorted(g.subject_objects(rdfs.subClassOf)):
        if str(sub).startswith(DKG) and str(sup).startswith(DKG):
            lines.append(f"    {_local(sup)} <|-- {_local(sub)}")
    for prop in sorted(g.subjects(rdflib.RDF.type, owl.ObjectProperty)):
        if not str(prop).startswith(DKG):
            continue
        domain = g.value(prop, rdfs.domain)
        range_ = g.value(prop, rdfs.range)
        if domain is not None and range_ is not None:
            lines.append(f"    {_local(domain)} --> {_local(range_)} : {_local(prop)}")
    lines.append("```")
    return "\n".join(lines)


def write_readme() -> None:
    text = README.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    README.write_text(f"{head}{BEGIN}\n{mermaid()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    if "--readme" in sys.argv[1:]:
        write_readme()
    else:
        print(mermaid())
