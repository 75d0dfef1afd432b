"""Brand names a page uses for its drug (rule subject.brand)."""

from __future__ import annotations

import pytest

from drugkg.ingest.monograph import read_monograph
from drugkg.ingest.subjects import brand_names


@pytest.mark.parametrize(
    ("title", "heading", "body", "expected"),
    [
        ("Tedizolid", "Sivextro 200 mg film-coated tablets (tedizolid phosphate)", "",
         {"Tedizolid": ("Sivextro",)}),
        ("Sildenafil", "VIAGRA (sildenafil citrate) tablets", "", {"Sildenafil": ("VIAGRA",)}),
        ("Fluoxetine", "Fluoxetine (Prozac)", "", {"Fluoxetine": ("Prozac",)}),
        ("Sitagliptin + Metformin", "Janumet tablets (sitagliptin/metformin hydrochloride)", "",
         {"Sitagliptin": ("Janumet",), "Metformin": ("Janumet",)}),
        ("Vortioxetine", "Vortioxetine", "Vortioxetine, sold under the brand names Trintellix "
         "and Brintellix among others, is a medication.", {"Vortioxetine": ("Trintellix",
                                                                            "Brintellix")}),
        ("Daridorexant", "Daridorexant", "QUVIVIQ contains the active substance daridorexant.",
         {"Daridorexant": ("QUVIVIQ",)}),
        # a parenthesis that names another drug is no brand; nor is a dosage form
        ("Clobazam", "Clobazam tablets (compared with Diazepam)", "", {"Clobazam": ()}),
        ("Lorazepam", "Lorazepam Injection, USP CIV", "", {"Lorazepam": ()}),
    ],
)
def test_brand_names(write, title, heading, body, expected):
    path = write("page.md", f"---\ntitle: {title}\n---\n\n# {heading}\n\n{body}\n")
    assert brand_names(read_monograph(path)) == expected


def test_front_matter_brands(write):
    path = write("page.md", "---\ntitle: Zolpidem\nbrand_names: [Ambien, Stilnoct]\n---\n\nText.\n")
    assert brand_names(read_monograph(path)) == {"Zolpidem": ("Ambien", "Stilnoct")}
