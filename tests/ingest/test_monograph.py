"""Reading monograph files: titles, components, encodings and bad input."""

from __future__ import annotations

import pytest

from drugkg.errors import MonographError
from drugkg.ingest.monograph import clean_title, read_monograph, split_components, strip_salt

PAGE = """---
layout: minimal-medicine
title: {title}
---

# {title}

**Usage:**

Used to treat panic disorder.
"""


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Paroxetine + Clonazepam .", "Paroxetine + Clonazepam"),
        ("ondansetron", "Ondansetron"),
        ("LORAZEPAM", "Lorazepam"),
        ("  Diazepam  ", "Diazepam"),
        ("Olanzapine + Fluoxetine", "Olanzapine + Fluoxetine"),
    ],
)
def test_clean_title(raw, clean):
    assert clean_title(raw) == clean


@pytest.mark.parametrize(
    ("title", "components"),
    [
        ("Paroxetine + Clonazepam", ("Paroxetine", "Clonazepam")),
        ("Amoxicillin and Clavulanic Acid", ("Amoxicillin", "Clavulanic Acid")),
        ("Aceclofenac, Paracetamol, Serratiopeptidase", ("Aceclofenac", "Paracetamol",
                                                         "Serratiopeptidase")),
        ("Escitalopram Oxalate", ("Escitalopram",)),
        ("Losartan Potassium + Hydrochlorothiazide", ("Losartan", "Hydrochlorothiazide")),
        ("Metformin", ("Metformin",)),
    ],
)
def test_split_components(title, components):
    assert split_components(title) == components


def test_strip_salt_keeps_a_name_made_only_of_salt_words():
    assert strip_salt("Calcium Carbonate") == "Calcium Carbonate"


def test_strip_salt_keeps_a_leading_salt_word():
    """'Sodium Oxybate' is the name itself; only salt words after the moiety are salts."""
    assert strip_salt("Sodium Oxybate") == "Sodium Oxybate"
    assert strip_salt("Sodium Bicarbonate") == "Sodium Bicarbonate"
    assert strip_salt("Diclofenac Sodium") == "Diclofenac"


def test_reads_bom_and_crlf(write):
    text = PAGE.format(title="Lorazepam").replace("\n", "\r\n")
    path = write("lorazepam.md", b"\xef\xbb\xbf" + text.encode("utf-8"))
    m = read_monograph(path)
    assert m.title == "Lorazepam"
    assert m.front_matter["layout"] == "minimal-medicine"
    assert [b.section for b in m.blocks if b.kind == "para"] == ["usage"]


def test_title_from_h1_when_front_matter_is_missing(write):
    path = write("x.md", "# diazepam .\n\n## Usage\n\nAnxiety.\n")
    assert read_monograph(path).title == "Diazepam"


def test_sha256_is_of_the_bytes(write):
    import hashlib

    data = PAGE.format(title="Metformin").encode()
    m = read_monograph(write("metformin.md", data))
    assert m.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"---\ntitle: Caf\xe9\n---\n# x\n", "not UTF-8"),
        (b"---\ntitle: [unclosed\n---\n# x\n", "not valid YAML"),
        (b"---\ntitle: x\n", "never closed"),
        (b"---\n- a list\n---\n# x\n", "mapping"),
        (b"no title anywhere\n", "no title"),
    ],
)
def test_bad_files_give_a_clear_error(write, content, reason):
    path = write("bad.md", content)
    with pytest.raises(MonographError) as info:
        read_monograph(path)
    assert reason in str(info.value)
    assert str(path) in str(info.value)


def test_non_utf8_error_names_the_line(write):
    path = write("latin1.md", b"---\ntitle: x\n---\n\nline\n\xe9\n")
    with pytest.raises(MonographError) as info:
        read_monograph(path)
    assert info.value.line == 6


def test_ten_megabyte_file_is_read(write):
    filler = ("* " + "Nausea, headache and dizziness. " * 330 + "\n") * 1_000
    path = write("big.md", PAGE.format(title="Big") + "\n**Side Effects:**\n\n" + filler)
    assert path.stat().st_size > 10 * 1024 * 1024
    m = read_monograph(path)
    assert m.title == "Big"
    assert sum(1 for b in m.blocks if b.section == "side-effects") > 1_000


def test_oversized_file_is_refused(write, monkeypatch):
    from drugkg.ingest import monograph

    monkeypatch.setattr(monograph, "MAX_BYTES", 100)
    path = write("huge.md", PAGE.format(title="Huge") * 10)
    with pytest.raises(MonographError, match="at most 100"):
        read_monograph(path)
