"""The semantic core: OWL ontology, SKOS vocabularies and their namespaces.

Nothing is loaded at import time; call :func:`drugkg.ontology.lexicon.load_lexicon`.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY_FILE = HERE / "drugkg.ttl"
VOCAB_DIR = HERE / "vocab"

DKG = "https://w3id.org/drugkg/ontology#"
VOCAB = "https://w3id.org/drugkg/vocab/"
ONTOLOGY_GRAPH = "https://w3id.org/drugkg/graph/ontology"
INFERRED_GRAPH = "https://w3id.org/drugkg/graph/inferred"
# Minted (unlinked) concepts: type and label, once for every page that names them. In each
# page's graph they would repeat, and Oxigraph's union default graph keeps every copy.
UNLINKED_GRAPH = "https://w3id.org/drugkg/graph/unlinked"
DEFAULT_BASE = "https://w3id.org/drugkg/data/"

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

# Concept kinds drugkg extracts, with the vocabulary file and OWL class of each.
SCHEMES = {
    "drug": ("drugs.ttl", "Drug"),
    "class": ("classes.ttl", "DrugClass"),
    "mechanism": ("mechanisms.ttl", "Mechanism"),
    "target": ("targets.ttl", "Target"),
    "risk": ("risks.ttl", "Risk"),
    "condition": ("conditions.ttl", "Condition"),
    "adverse-effect": ("adverse-effects.ttl", "AdverseEffect"),
}

PREFIXES = {
    "dkg": DKG,
    "dkv": VOCAB,
    "drug": VOCAB + "drug/",
    "dclass": VOCAB + "class/",
    "mech": VOCAB + "mechanism/",
    "target": VOCAB + "target/",
    "risk": VOCAB + "risk/",
    "cond": VOCAB + "condition/",
    "ae": VOCAB + "adverse-effect/",
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "prov": PROV,
    "dct": DCT,
    "xsd": XSD,
}


def vocabulary_files() -> list[Path]:
    """The vocabulary Turtle files that exist, in scheme order."""
    return [VOCAB_DIR / name for name, _ in SCHEMES.values() if (VOCAB_DIR / name).exists()]


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for the queries library."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
