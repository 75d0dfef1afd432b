"""Ingest faults: a YAML alias bomb, a title that is not text and invisible characters cost
only their own file; the good files around them are all stored (issue 15, items 3, 10)."""

from __future__ import annotations

import resource
import shutil

import pytest

from drugkg.errors import MonographError
from drugkg.ingest.monograph import read_monograph
from drugkg.ingest.run import ingest
from drugkg.store import open_store
from tests.conftest import BASE, EXAMPLES

# nine levels of lists of aliases: 9^9 ≈ 387 million strings once expanded (issue 15)
BOMB = "---\n" + "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{b}: &{b} [{','.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
) + "title: *i\n---\n# Bomb\n\nbody\n"


def test_the_bomb_is_refused_and_every_good_file_stored(tmp_path):
    good = sorted((EXAMPLES / "monographs").glob("*.md"))
    for path in good:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "aaa-bomb.md").write_text(BOMB, encoding="utf-8")
    (tmp_path / "zzz-mapping-title.md").write_text("---\ntitle: {x: 1}\n---\n# X\n",
                                                   encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    store = open_store("memory:")
    report = ingest([tmp_path], store, base=BASE)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    failed = sorted(f.path.rsplit("/", 1)[-1] for f in report.failures)
    assert failed == ["aaa-bomb.md", "zzz-mapping-title.md"]
    assert report.ingested == len(good) >= 10
    assert "alias" in str(report.failures[0])
    assert grown_mb < 500  # the bomb grew ingest to 23.7 GB before


def test_a_title_must_be_text(write):
    with pytest.raises(MonographError, match="'title' must be text, not a dict"):
        read_monograph(write("m.md", "---\ntitle: {x: 1}\n---\n# X\n"))
    with pytest.raises(MonographError, match="alias"):
        read_monograph(write("a.md", "---\nx: &x Sertraline\ntitle: *x\n---\n"))


def test_invisible_characters_neither_hide_a_drug_nor_reach_a_label(write):
    page = read_monograph(write("s.md", "---\ntitle: Ser\u200btra\u2060line \u202eHCl\u202c\n"
                                        "---\n# Sertraline\n\nSer\u200btraline ﬁne.\n"))
    assert page.title == "Sertraline HCl"
    assert page.components == ("Sertraline",)
    assert "\u200b" not in "".join(b.text for b in page.blocks)
    assert "fine" in "".join(b.text for b in page.blocks)
