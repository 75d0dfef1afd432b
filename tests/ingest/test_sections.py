"""Section detection for every heading style machine-written pages use."""

from __future__ import annotations

from pathlib import Path

import pytest

from drugkg.ingest.sections import parse_blocks, section_kind

ROOT = Path(__file__).resolve().parents[2]


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


# section.<kind>: the heading table (ingest/headings.yaml) reads real layouts by meaning
@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        # FDA prescribing information, PLR numbered capitals and the old format
        ("4 CONTRAINDICATIONS", "contraindications"),
        ("6 ADVERSE REACTIONS", "side-effects"),
        ("6.2 Postmarketing Experience", "side-effects"),
        ("12.1 Mechanism of Action", "mechanism"),
        ("12.3 Pharmacokinetics", "background"),
        ("DRUG ABUSE AND DEPENDENCE", "dependence"),
        ("5.7 Withdrawal Adverse Reactions", "dependence"),
        ("Reliance and Stopping", "dependence"),
        ("8 USE IN SPECIFIC POPULATIONS", "precautions"),
        ("OVERDOSAGE", "overdose"),
        ("INDICATIONS AND USAGE", "usage"),
        ("DESCRIPTION", "overview"),
        ("Key facts", "overview"),
        # EMA package leaflets
        ("1. What Quviviq is and what it is used for", "usage"),
        ("2. What you need to know before you take Janumet", "precautions"),
        ("Do not take Sivextro", "contraindications"),
        # ... and the same leaflets written for carers
        ("2. What you need to know before your child takes Kigabeq", "precautions"),
        ("Do not give Kigabeq", "contraindications"),
        ("3. How to give Kigabeq", "dosage"),
        ("Other medicines and Sivextro", "interactions"),
        ("Other medicines and Loprazolam Tablets", "interactions"),
        ("Taking other medicines", "interactions"),
        ("Janumet with food, drink and alcohol", "interactions"),
        ("Driving and using machines", "precautions"),
        ("If you take more Quviviq than you should", "overdose"),
        ("What if I take too much?", "overdose"),
        ("If you stop taking Quviviq", "dependence"),
        ("If you forget to take Quviviq", "dosage"),
        # NHS medicine pages
        ("Who can and cannot take fluoxetine", "precautions"),
        ("Who can and cannot have paraldehyde", "precautions"),
        ("Cautions with other medicines", "interactions"),
        ("About fluoxetine", "usage"),
        # encyclopaedia articles
        ("Medical uses", "usage"),
        ("Adverse effects", "side-effects"),
        ("Pharmacology", "mechanism"),
        ("Society and culture", "background"),
        # consumer drug guides (MedlinePlus, Drugs.com, Mayo Clinic, patient leaflets)
        ("Why is this medication prescribed?", "usage"),
        ("What is sertraline?", "overview"),
        ("Unwanted effects", "side-effects"),
        ("Can sertraline cause problems?", "side-effects"),
        ("What other drugs will affect sertraline?", "interactions"),
        ("Medicines that interact with sertraline", "interactions"),
        ("When not to use it", "contraindications"),
        ("Important information", "precautions"),
        ("Things to watch out for", "precautions"),
        # consumer question-and-answer headings
        ("Can I take painkillers with warfarin?", "interactions"),
        ("Can I drink alcohol?", "interactions"),
        ("Can I take other medicines at the same time?", "interactions"),
        ("Can I take it if I have a bleeding problem?", "contraindications"),
        ("Can I take warfarin if I am pregnant?", "pregnancy"),
        ("Can I take warfarin for a blood clot?", "usage"),
        # drug references: "Purpose", "Stopping oxycodone"
        ("Purpose", "usage"),
        ("Stopping oxycodone", "dependence"),
        ("Proper use", "dosage"),
        ("How should this medicine be used?", "dosage"),
        ("Q&A", "faq"),
        # lay statement headings
        ("Reasons to take it", "usage"),
        ("Why people take it", "usage"),
        ("How much to take", "dosage"),
        ("How often to take it", "dosage"),
        ("What goes on in the brain", "mechanism"),
        ("What each ingredient does", "mechanism"),
        ("How the medicine works", "mechanism"),
        ("Inside the brain", "mechanism"),
        ("What you might notice", "side-effects"),
        ("Things to avoid", "precautions"),
        ("Who should be careful", "precautions"),
        ("People often ask", "faq"),
        ("Effects", "side-effects"),
        ("Medicines to watch", "interactions"),
        ("Who should be careful?", "precautions"),
        # a group of partners is not a heading of its own
        ("Other drugs that prolong the QT interval", None),
        # FDA boxed warnings, titled by their risks (section.long-title for the long one)
        ("WARNING: SUICIDAL THOUGHTS AND BEHAVIORS", "precautions"),
        ("BOXED WARNING", "precautions"),
        ("WARNING: ADDICTION, ABUSE, AND MISUSE", "precautions"),
        ("WARNING: ADDICTION, ABUSE, AND MISUSE; LIFE-THREATENING RESPIRATORY DEPRESSION; "
         "NEONATAL OPIOID WITHDRAWAL SYNDROME", "precautions"),
        ("Warning signs of an overdose", "overdose"),
    ],
)
def test_section_kind_of_real_layouts(heading, kind):
    assert section_kind(heading) == kind


def test_sections_nest_by_level_not_by_name():
    """A '###' heading inside '## What you need to know before ...' narrows that section;
    the items under 'Do not take X' and 'Other medicines and X' keep the narrower heading
    as context, and the next '##' opens a new section."""
    body = ("## 2. What you need to know before you take Quviviq\n\n### Do not take Quviviq\n\n"
            "- if you have narcolepsy\n\n### Other medicines and Quviviq\n\n- digoxin\n\n"
            "## 4. Possible side effects\n\n- headache\n")
    items = [b for b in parse_blocks(body) if b.kind == "item"]
    assert [(b.section, b.context) for b in items] == [
        ("precautions", ("Do not take Quviviq",)),
        ("precautions", ("Other medicines and Quviviq",)),
        ("side-effects", ()),
    ]


def test_page_top_level_is_inferred():
    """Sections written as '###' after a bold 'Generic Name' line are sections, not
    sub-headings of generic-name."""
    body = ("**Generic Name:** Zolpidem\n\n### Usage\n\nTreats insomnia.\n\n"
            "### Side Effects\n\n- Headache\n")
    blocks = [b for b in parse_blocks(body) if b.kind != "heading"]
    assert [(b.section, b.text) for b in blocks] == [
        ("generic-name", "Zolpidem"), ("usage", "Treats insomnia."), ("side-effects", "Headache")]


def test_unmarked_heading_over_a_list_heads_its_items():
    """section.unmarked-heading: a frequency band line over a list frames the items."""
    body = ("## Possible side effects\n\nUncommon side effects (may affect up to 1 in 100 people)"
            "\n\n- Anxiety\n\nRare:\n\n- Fainting\n\n## Warnings\n\n"
            "Talk to your doctor before taking it if you:\n\n- have asthma\n")
    items = [b for b in parse_blocks(body) if b.kind == "item"]
    assert items[0].context == ("Uncommon side effects (may affect up to 1 in 100 people)",)
    assert items[1].context == ("Rare",)
    assert items[2].context == ()  # a sentence ending in a colon is a lead-in, not a heading


def test_run_in_heading_is_split_from_its_paragraph():
    """section.unmarked-heading: 'Driving and using machines However, ...' (a flattened
    leaflet) is a heading followed by its paragraph; 'Diarrhoea Contact your doctor' is not
    a section name and stays one paragraph."""
    body = ("## Warnings\n\nDriving and using machines However, dizziness has been reported.\n\n"
            "Diarrhoea Contact your doctor.\n")
    blocks = parse_blocks(body)
    assert [b.text for b in blocks if b.kind == "heading"] == ["Warnings",
                                                               "Driving and using machines"]
    assert [b.text for b in blocks if b.kind == "para"] == [
        "However, dizziness has been reported.", "Diarrhoea Contact your doctor."]


def test_table_rows_keep_their_own_line():
    body = "## Side effects\n\nIntro.\n\n| Effect | How common |\n|---|---|\n| Nausea | common |\n"
    rows = [b for b in parse_blocks(body, first_line=10) if b.kind == "row"]
    assert [(b.text, b.line) for b in rows] == [("Nausea | common", 16)]


# Constructs pages use, and corners where markdown-it-pyrs's tree is easy to misread: tight
# and loose lists, labels in bold and italics, tables with missing cells, headings in every
# style, emphasis taking part of a delimiter run, links, images, autolinks, code, entities.
TRICKY = (
    "# Title #\n\n## **Usage** ##\n\n### __Storage___(see below)_\n\nSide effects\n---\n\n"
    "Two line\nheading\n===\n\n* **Common:** headache\n  * nested *a* item\n* *Rare:* rash\n\n"
    "1. loose\n\n2. list\n\n   with a second paragraph\n-\n  item after a blank\n\n"
    "- ___a_\n  b__ c\n- # heading in an item\n  text\n\n"
    "| Effect | How common |\n|---|---|\n| **Nausea** | `common` |\n| only one |\n|  |  |\n\n"
    "Text with [a link](http://x.y), ![an image](i.png), <http://a.b/%20c>, <a@b.co>, "
    "&amp; &#42; \\* and a hard  \nbreak\\\nand <b>tags</b>.\n\n"
    "**Q: Is it addictive?** A: No.\n\n***Both*** after\n\n    indented code\n\n```\nfence\n```\n"
)


def _raw_by_tree_and_by_tokens(body: str) -> tuple[list, list]:
    from drugkg.ingest import sections

    tree = sections._BlockReader(body.encode(), 1)
    tree.blocks(sections._markdown().tree(body).children)
    tokens = sections._BlockReader(body.encode(), 1)
    sections._read_tokens(tokens, body)
    return tree.raw, tokens.raw


def test_tree_and_tokens_give_the_same_blocks():
    """markdown-it-pyrs's tree is read into the blocks markdown-it-py's tokens gave
    (decision 0012): the bundled examples and the tricky constructs, block for block."""
    from drugkg.ingest.monograph import _decode, _front_matter

    examples = sorted((ROOT / "examples" / "monographs").glob("*.md"))
    bodies = [TRICKY] + [_front_matter(p, _decode(p, p.read_bytes()))[1] for p in examples]
    for body in bodies:
        tree, tokens = _raw_by_tree_and_by_tokens(body)
        assert tree == tokens
        assert len(tree) > 10
    tree, _ = _raw_by_tree_and_by_tokens(TRICKY)
    assert [b.text for b in tree if b.kind == "heading"][:5] == [
        "Title", "**Usage**", "__Storage___(see below)_", "Side effects", "Two line\nheading"]


@pytest.mark.parametrize("body", [
    "Intro [see `notes\n",  # panics markdown-it-pyrs 0.4's code-span scanner
    "| a \\| b | c |\n|---|---|\n| x | y |\n",  # escaped pipe
    "> quoted\nlazy\n| a | b |\n|---|---|\n",  # a lazy line in a block quote, then a table
    "| a |\n|---|\n| b |\n10. item\n",  # a numbered item ends the table
    "- Foo\n  bar\n  ---\n",  # a two-line heading in an item
])
def test_pages_the_tree_reads_differently_are_read_from_tokens(body):
    from drugkg.ingest import sections

    expected = sections._BlockReader(body.encode(), 1)
    sections._read_tokens(expected, body)
    assert sections._raw_blocks(body, 1) == expected.raw
    assert expected.raw


def test_run_in_heading_closed_by_a_full_stop():
    """section.unmarked-heading: 'Warnings and precautions. Talk to your doctor ...' and
    'Other medicines and Citalopram. Tell your doctor ...' open their sections; a sentence
    naming a section ('Side effects are rare. Most people ...') stays a sentence."""
    body = ("## Before you take it\n\nWarnings and precautions. Talk to your doctor if you "
            "have epilepsy.\n\nOther medicines and Citalopram. Tell your doctor if you take "
            "lithium.\n\nSide effects are rare. Most people have none.\n\nBRIVIACT causes "
            "psychiatric adverse reactions. In trials, anxiety was reported.\n")
    blocks = parse_blocks(body)
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings[1:] == ["Warnings and precautions", "Other medicines and Citalopram"]
    paras = {b.text: b.context for b in blocks if b.kind == "para"}
    assert paras["Tell your doctor if you take lithium."] == ("Other medicines and Citalopram",)
    assert "Side effects are rare. Most people have none." in paras
    assert "BRIVIACT causes psychiatric adverse reactions. In trials, anxiety was reported." \
        in paras  # a claim with its verb, not a heading


def test_run_in_heading_closed_by_a_colon():
    """section.unmarked-heading: 'How Deanxit works: In low doses ...' opens a mechanism
    block; 'Note: take it with food' names no section and stays a sentence."""
    blocks = parse_blocks("## About it\n\nHow Deanxit works: In low doses flupentixol blocks "
                          "dopamine receptors.\n\nNote: Take it with food.\n")
    paras = {b.text: b.section for b in blocks if b.kind == "para"}
    assert paras["In low doses flupentixol blocks dopamine receptors."] == "mechanism"
    assert "Note: Take it with food." in paras


def test_run_in_heading_runs_to_its_colon():
    """section.unmarked-heading: 'Neonatal Opioid Withdrawal Syndrome: Prolonged use ...' is
    not split after 'Withdrawal' as if 'Syndrome:' began a sentence."""
    blocks = parse_blocks("## Warnings\n\nNeonatal Opioid Withdrawal Syndrome: Prolonged use "
                          "during pregnancy can result in neonatal opioid withdrawal syndrome.\n")
    assert not any(b.text.startswith("Syndrome:") for b in blocks)
    assert any(b.text.startswith("Prolonged use") or "Syndrome: Prolonged" in b.text
               for b in blocks if b.kind == "para")


def test_advice_column_is_no_part_of_a_row():
    """section.advice-column: a 'What to do' column advises the reader; the row keeps the
    effect and how common it is."""
    body = ("## Side effects\n\n| Effect | How common | What to do |\n|---|---|---|\n"
            "| Cold hands or feet | Common | Keep warm; mention it at your next visit |\n"
            "| Slow heartbeat | Uncommon | Tell your doctor if you feel faint |\n")
    rows = [b.text for b in parse_blocks(body) if b.kind == "row"]
    assert rows == ["Cold hands or feet | Common", "Slow heartbeat | Uncommon"]


def test_question_heading_the_table_cannot_file_is_an_answer():
    """section.question: on a page written as questions, 'Can I drive after taking it?'
    (no kind of its own) is an answer, not more of 'How does it work?' before it."""
    body = ("### How does it work?\n\nIt blocks H1 receptors.\n\n### Can I drive after taking "
            "it?\n\nThe most common side effect is drowsiness.\n")
    paras = {b.text: b.section for b in parse_blocks(body) if b.kind == "para"}
    assert paras["It blocks H1 receptors."] == "mechanism"
    assert paras["The most common side effect is drowsiness."] == "faq"


def test_leaflet_heading_on_a_line_of_its_own():
    """section.unmarked-heading: a flattened leaflet's 'Other medicines and Apixaban' on a
    line of its own heads the paragraph after it; a short sentence does not."""
    body = ("## 2. What you need to know before you take Apixaban\n\nDo not take it if you "
            "are bleeding.\n\nOther medicines and Apixaban\n\nTell your doctor if you take "
            "warfarin.\n\nTake care\n\nIt can cause bruising.\n")
    blocks = parse_blocks(body)
    warfarin = next(b for b in blocks if b.text.startswith("Tell your doctor"))
    assert warfarin.context == ("Other medicines and Apixaban",)
    assert any(b.kind == "para" and b.text == "Take care" for b in blocks)
