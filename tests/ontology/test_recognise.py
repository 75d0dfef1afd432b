"""The dictionary matcher over the vocabularies' labels."""

from __future__ import annotations


def found(matcher, text: str, kind: str) -> list[tuple[str, str]]:
    """Mentions of one kind, after every kind has competed for the words."""
    return [(m.text, m.concept.label) for m in matcher.find(text) if m.kind == kind]


def test_a_match_does_not_run_across_a_list_separator(matcher):
    # 'nausea/vomiting' is a label; 'Nausea, vomiting' in a list is two entries
    labels = {label for _, label in found(matcher, "Nausea, vomiting, diarrhoea",
                                          "adverse-effect")}
    assert {"nausea", "vomiting", "diarrhoea"} <= labels


def test_a_label_that_is_itself_a_list_still_matches(matcher):
    hits = found(matcher, "Seek help for swelling of the face, lips or tongue.",
                 "adverse-effect")
    assert ("swelling of the face, lips or tongue", "angioedema") in hits


def test_longest_label_wins(matcher):
    hits = found(matcher, "risk of neuroleptic malignant syndrome", "adverse-effect")
    assert [text for text, _ in hits] == ["neuroleptic malignant syndrome"]


def test_ics_plurals_match_their_singular_label(matcher):
    """vocab.plural-ics: 'antipsychotics', 'hypnotics', 'anticholinergics' are plurals."""
    classes = {label for _, label in found(matcher, "antipsychotics and hypnotics", "class")}
    assert {"antipsychotic", "hypnotic"} <= classes


def test_a_phrase_that_only_looks_like_a_label_is_no_mention(matcher):
    """vocab.not-a-mention: 'helps you fall asleep' and 'upon falling asleep' name no fall;
    'a higher risk of falling' still does."""
    for text in ("it helps you fall asleep faster", "upon awakening or falling asleep"):
        assert not [m for m in matcher.find(text) if "fall" in m.concept.label.lower()]
    assert [m.concept.label for m in matcher.find("a higher risk of falling")
            if "fall" in m.concept.label.lower()]
    # the central nervous system is no nervousness; its depressants are still a class
    assert "nervousness" not in {m.concept.label for m in matcher.find(
        "medicines that slow the central nervous system")}
    assert {m.concept.label for m in matcher.find(
        "other central nervous system (CNS) depressants")} == {"CNS depressant"}
    assert "nervousness" in {m.concept.label for m in matcher.find("she felt nervous")}


def test_the_and_your_are_optional_in_a_label(matcher):
    """vocab.optional-determiner: 'problems with your eyesight' and 'swelling of your face,
    lips or tongue' match the labels written without 'your' or with 'the'."""
    hits = found(matcher, "Tell your doctor about any problems with your eyesight.",
                 "adverse-effect")
    assert ("problems with your eyesight", "visual disturbance") in hits
    hits = found(matcher, "Seek help for swelling of your face, lips or tongue.", "adverse-effect")
    assert ("swelling of your face, lips or tongue", "angioedema") in hits


def test_lay_and_label_wordings_name_their_concepts(matcher):
    """Words readers use on leaflets and labels for known concepts (held-out pages 8-9)."""
    cases = [("It can cause memory gaps.", "adverse-effect", "amnesia"),
             ("Flu syndrome was reported.", "adverse-effect", "flu-like symptoms"),
             ("You may fall over.", "risk", "falls"),
             ("It inhibits voltage-gated sodium currents.", "target",
              "voltage-gated sodium channels"),
             ("Increased embryofetal mortality was seen in rats.", "risk", "teratogenicity"),
             ("Avoid morphine derivatives.", "class", "opioid analgesic"),
             ("Avoid potent inhibitors of CYP1A2.", "class", "CYP1A2 inhibitor"),
             ("Swelling of the face, lips or throat.", "adverse-effect", "angioedema"),
             ("A fall in the number of white blood cells.", "adverse-effect", "leucopenia"),
             ("A drop in white blood cells.", "adverse-effect", "leucopenia"),
             ("A sharp drop in white blood cells.", "adverse-effect", "agranulocytosis"),
             ("Respiratory and circulatory depression.", "adverse-effect",
              "circulatory depression"),
             ("It can cause a raised heart rate.", "adverse-effect", "tachycardia"),
             ("It acts on alpha-2A receptors.", "target", "alpha-2 adrenergic receptor"),
             ("It helps you give up smoking.", "condition", "nicotine dependence"),
             ("Too much sugar in the blood.", "adverse-effect", "hyperglycaemia"),
             ("More saliva in the mouth than normal.", "adverse-effect", "hypersalivation"),
             ("Feeling low in mood.", "adverse-effect", "depression"),
             ("Feeling restless and unable to keep still.", "adverse-effect", "restlessness"),
             ("Hyperpyrexia and chills.", "adverse-effect", "hyperthermia"),
             ("Oliguria and anuria.", "adverse-effect", "oliguria"),
             ("Oliguria and anuria.", "adverse-effect", "anuria"),
             ("Low levels of blood platelets.", "adverse-effect", "thrombocytopenia"),
             ("Paleness of the skin.", "adverse-effect", "pallor"),
             ("It is a Schedule V controlled substance.", "risk", "dependence"),
             ("Menstrual irregularity.", "adverse-effect", "menstrual disorder"),
             ("Your child's breathing becomes very slow.", "adverse-effect",
              "respiratory depression"),
             ("It can cause a faster heart rate.", "adverse-effect", "tachycardia"),
             ("Purple, blotchy patches on the legs (livedo reticularis).", "adverse-effect",
              "livedo reticularis"),
             ("People find it hard to manage without it.", "risk", "dependence"),
             ("It can lengthen the QT interval.", "risk", "QT prolongation"),
             ("Aspirin is linked to Reye's syndrome in children.", "adverse-effect",
              "Reye's syndrome")]
    for text, kind, label in cases:
        assert label in {concept for _, concept in found(matcher, text, kind)}, text
