"""Section detection for every heading style machine-written pages use."""

from __future__ import annotations

import pytest

from drugkg.ingest.sections import parse_blocks, section_kind


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Usage", "usage"),
        ("1. Uses:", "usage"),
        ("Indications", "usage"),
        ("Dosage", "dosage"),
        ("How to Take It (Dosage)", "dosage"),
        ("Side Effects", "side-effects"),
        ("Possible Side Effects", "side-effects"),
        ("Adverse Effects", "side-effects"),
        ("Rare but Serious Side Effects", "side-effects"),
        ("How it Works", "mechanism"),
        ("How Does It Work?", "mechanism"),
        ("Mechanism of Action", "mechanism"),
        ("Precautions", "precautions"),
        ("Warnings and Precautions", "precautions"),
        ("Contraindications", "contraindications"),
        ("Who Should Not Take It", "contraindications"),
        ("Drug Interactions", "interactions"),
        ("Pregnancy and Breastfeeding", "pregnancy"),
        ("Dependence and Withdrawal", "dependence"),
        ("FAQs", "faq"),
        ("Frequently Asked Questions", "faq"),
        ("6. FAQs:", "faq"),
        ("Disclaimer", "disclaimer"),
        ("Generic Name", "generic-name"),
        ("Older Adults and Children", "precautions"),
        ("Paroxetine", None),
    ],
)
def test_section_kind(heading, kind):
    assert section_kind(heading) == kind


STYLES = {
    "atx": "## Usage\n\nTreats anxiety.\n\n## Side Effects\n\n- Nausea\n",
    "bold": "**Usage:**\n\nTreats anxiety.\n\n**Side Effects:**\n\n- Nausea\n",
    "numbered": "**1. Usage:**\n\nTreats anxiety.\n\n**3. Side Effects:**\n\n- Nausea\n",
    "renamed": "## Indications\n\nTreats anxiety.\n\n## Adverse Effects\n\n- Nausea\n",
    "setext": "Usage\n-----\n\nTreats anxiety.\n\nSide Effects\n------------\n\n- Nausea\n",
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_heading_styles_give_the_same_sections(style):
    blocks = [b for b in parse_blocks(STYLES[style]) if b.kind != "heading"]
    assert [(b.section, b.kind, b.text) for b in blocks] == [
        ("usage", "para", "Treats anxiety."),
        ("side-effects", "item", "Nausea"),
    ]


def test_subsections_and_labels_are_kept_as_context():
    body = (
        "## Side Effects\n\n### Serious Side Effects\n\n"
        "- **Muscle damage:**\n  - *Myopathy* – muscle pain\n"
        "\n**Clonazepam common side effects:** Drowsiness, dizziness.\n"
    )
    blocks = [b for b in parse_blocks(body) if b.kind != "heading"]
    nested = next(b for b in blocks if "Myopathy" in b.text)
    assert nested.section == "side-effects"
    assert nested.context == ("Serious Side Effects", "Muscle damage")
    labelled = blocks[-1]
    assert labelled.label == "Clonazepam common side effects"
    assert labelled.text == "Drowsiness, dizziness."


def test_contraindications_under_precautions_is_a_subsection():
    body = "**Precautions:**\n\n* **Contraindications:** Avoid in glaucoma.\n"
    block = next(b for b in parse_blocks(body) if b.kind == "item")
    assert block.section == "precautions"
    assert block.label == "Contraindications"


def test_bold_top_level_contraindications_opens_a_section():
    body = "**Side Effects:**\n\nNausea.\n\n**Contraindications:**\n\nGlaucoma.\n"
    blocks = [b for b in parse_blocks(body) if b.kind == "para"]
    assert [b.section for b in blocks] == ["side-effects", "contraindications"]


def test_table_rows_are_blocks():
    body = "## Side Effects\n\n| Effect | How common |\n|---|---|\n| Nausea | Common |\n"
    rows = [b for b in parse_blocks(body) if b.kind == "row"]
    assert [r.text for r in rows] == ["Nausea | Common"]
    assert [b.kind for b in parse_blocks(body) if "How common" in b.text] == ["header"]
    assert {r.section for r in rows} == {"side-effects"}


def test_faq_question_labels():
    body = "**6. FAQs:**\n\n**Q1. Is it addictive?**\nA: No.\n\n### Can I drink?\n\nNo.\n"
    blocks = [b for b in parse_blocks(body) if b.kind != "heading"]
    assert all(b.section == "faq" for b in blocks)
    assert blocks[0].label == "Q1. Is it addictive?"
    assert blocks[1].context == ("Can I drink",)


def test_line_numbers_count_front_matter():
    blocks = parse_blocks("## Usage\n\nText.\n", first_line=5)
    assert [b.line for b in blocks] == [5, 7]
