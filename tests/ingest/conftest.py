"""Fixtures for the extraction tests."""

from __future__ import annotations

import pytest

from tests.ingest.extraction import facts_of


@pytest.fixture
def extract(write, matcher):
    """extract(body, title=...) -> {(component, predicate): labels} of a small page."""
    return lambda body, title="Clonazepam": facts_of(write, matcher, body, title)
