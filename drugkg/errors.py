"""Every error drugkg raises on purpose: specific, with a message that says what to do."""

from __future__ import annotations


class DrugkgError(Exception):
    """Base class: the CLI prints these as one clear line instead of a traceback."""


class MonographError(DrugkgError):
    """A monograph file cannot be read or parsed; the rest of an ingest goes on."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # rebuilt from its fields when a worker process sends it back
        return type(self), (self.path, self.reason, self.line)


class StoreError(DrugkgError):
    """The store string is invalid or the store cannot be opened or written."""


class QueryError(DrugkgError):
    """A SPARQL query is malformed or a named query's parameters are wrong."""


class UnknownQueryError(QueryError):
    """No named query or query file by that name."""


class VocabularyError(DrugkgError):
    """A vocabulary file in ontology/vocab is malformed."""
