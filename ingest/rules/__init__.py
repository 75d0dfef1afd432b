"""The assembler's rules, one module per concern; docs/extraction.md ('Rules') lists every
rule id with the module it lives in.

Imports run one way: the shared text structure (``sentences``, ``lists``) and the shared cues
(``drugkg.ingest.cues``) -> who a sentence is about (``subject``) and whether it asserts a
mention (``status``) -> one module per predicate (``classes``, ``mechanisms``,
``indications``, ``effects``, ``contraindications``, ``interactions``) -> the block reader
(``blocks``) -> ``drugkg.ingest.assemble``, which orchestrates them.
"""
