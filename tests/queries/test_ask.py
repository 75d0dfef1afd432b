"""Ask in plain words: paraphrased questions on the bundled examples, the reading each is
expected to get, and answers equal to the equivalent named query's."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from drugkg import queries
from drugkg.queries.ask import AskError, ask, understand
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def kg(examples_store):
    return examples_store


def named(kg, name: str, key: str = "label", **params) -> set[str]:
    q = queries.get(name)
    sparql, bindings = q.prepare(params)
    return {r[key] for r in kg.select(sparql, **bindings)}


class Named:
    """Answers of a named query (or of named queries combined), computed on the store when
    the test runs: extraction may change what the examples yield, not what a question means."""

    def __init__(self, of) -> None:
        self.of = of

    @classmethod
    def query(cls, name: str, **params) -> Named:
        return cls(lambda kg: named(kg, name, **params))

    def __call__(self, kg) -> set[str]:
        return self.of(kg)

    def __and__(self, other: Named) -> Named:
        return Named(lambda kg: self(kg) & other(kg))

    def __sub__(self, other: Named) -> Named:
        return Named(lambda kg: self(kg) - other(kg))


GABA_DEP = Named.query("acts-on", target="target:gaba") & Named.query(
    "drugs-at-risk", risk="risk:dependence")
SEROTONIN = Named.query("acts-on", target="target:serotonin")
SS = Named.query("drugs-at-risk", risk="risk:serotonin-syndrome")
DROWSY = Named.query("drugs-causing", term="drowsiness")
RESP = Named.query("drugs-at-risk", risk="risk:respiratory-depression")
TERATO = Named.query("drugs-at-risk", risk="risk:teratogenicity")
ALL = Named.query("all-drugs")
GLAUCOMA = Named.query("contraindicated-in", term="glaucoma")
BZD = Named.query("drugs-in-class", **{"class": "dclass:benzodiazepine"})

# (question, expected reading, expected answers)
CASES = [
    ("Which drugs act on GABA and have a dependence risk?",
     "drugs that act on GABA and have risk: dependence", GABA_DEP),
    ("habit-forming medicines acting on the GABA system",
     "drugs that have risk: dependence and act on GABA", GABA_DEP),
    ("gaba drugs that are also habit forming",
     "drugs that act on GABA and have risk: dependence", GABA_DEP),
    ("Medications targeting GABA with a risk of dependance",
     "drugs that act on GABA and have risk: dependence", GABA_DEP),
    ("addictive drugs that work on GABA",
     "drugs that have risk: dependence and act on GABA", GABA_DEP),
    ("serotonergic drugs", "drugs that act on serotonin", SEROTONIN),
    ("Which medicines act on serotonin?", "drugs that act on serotonin", SEROTONIN),
    ("drugs acting on serotnin", "drugs that act on serotonin", SEROTONIN),
    ("what drugs affect 5-HT", "drugs that act on serotonin", SEROTONIN),
    ("drugs contraindicated in glaucoma", "drugs that are contraindicated in glaucoma",
     GLAUCOMA),
    ("Which medicines must not be used in glaucoma?",
     "drugs that are contraindicated in glaucoma", GLAUCOMA),
    ("drugs with a risk of serotonin syndrome",
     "drugs that have risk: serotonin syndrome", SS),
    ("medicines carrying a serotonin-syndrome risk",
     "drugs that have risk: serotonin syndrome", SS),
    ("which drugs cause drowsiness", "drugs that cause drowsiness", DROWSY),
    ("drugs causing sleepiness", "drugs that cause drowsiness", DROWSY),
    ("Medicines with drowsyness as a side effect", "drugs that cause drowsiness", DROWSY),
    ("drugs with a risk of respiratory depression",
     "drugs that have risk: respiratory depression", RESP),
    ("Which medications carry a risk of respiratory depression?",
     "drugs that have risk: respiratory depression", RESP),
    ("benzodiazepines", "drugs that are in class benzodiazepine", BZD),
    ("drugs in the class benzodiazepine", "drugs that are in class benzodiazepine", BZD),
    ("which drugs harm the unborn baby", "drugs that have risk: teratogenicity", TERATO),
    ("teratogenic medicines", "drugs that have risk: teratogenicity", TERATO),
    ("drugs that are not serotonergic", "drugs that do not act on serotonin",
     ALL - SEROTONIN),
    ("medicines that do not cause drowsiness", "drugs that do not cause drowsiness",
     ALL - DROWSY),
    ("drugs acting on GABA without a dependence risk",
     "drugs that act on GABA and do not have risk: dependence",
     None),  # checked against acts-on minus drugs-with-risk below
    ("serotonergic drugs without a risk of serotonin syndrome",
     "drugs that act on serotonin and do not have risk: serotonin syndrome",
     SEROTONIN - SS),
    ("drugs that cause drowsiness but are not habit-forming",
     "drugs that cause drowsiness and do not have risk: dependence", None),
    ("SSRIs that also cause nausea",
     "drugs that are in class selective serotonin reuptake inhibitor and cause nausea",
     {"sertraline"}),
    ("drugs in the antidepressant class", "drugs that are in class antidepressant",
     Named.query("drugs-in-class", **{"class": "dclass:antidepressant"})),
    ("drugs that act on dopamine", "drugs that act on dopamine", None),
    ("drugs for epilepsy", "drugs that are used for epilepsy",
     Named.query("drugs-for-condition", term="epilepsy")),
    ("Which drugs treat anxiety?", "drugs that are used for anxiety disorder", None),
    ("drugs that interact with alcohol", "drugs that interact with ethanol", None),
]

COUNTS = [
    ("How many drugs act on serotonin?", "how many drugs that act on serotonin", SEROTONIN),
    ("how many benzodiazepines are there", "how many drugs that are in class benzodiazepine",
     BZD),
    ("number of medicines that cause drowsiness", "how many drugs that cause drowsiness",
     DROWSY),
    ("how many habit forming drugs act on GABA",
     "how many drugs that have risk: dependence and act on GABA", GABA_DEP),
]

ABOUT = [  # (question, reading, named query, params, key)
    ("what does zolpidem interact with?", "interactions of zolpidem", "interactions-of",
     {"drug": "drug:zolpidem"}, "label"),
    ("Zolpidem: what are its interactions", "interactions of zolpidem", "interactions-of",
     {"drug": "drug:zolpidem"}, "label"),
    ("what does clobazam interact with", "interactions of clobazam", "interactions-of",
     {"drug": "drug:clobazam"}, "label"),
    ("side effects of sertraline", "adverse effects of sertraline", None, None, None),
    ("what does clobazam treat?", "indications of clobazam", None, None, None),
    ("what class is clobazam in", "classes of clobazam", None, None, None),
    ("which risks does codeine carry", "risks of codeine", None, None, None),
]


@pytest.mark.parametrize(("question", "reading", "answers"), CASES)
def test_paraphrased_questions(kg, question, reading, answers):
    answer = ask(question, kg)
    assert answer.query.reading() == reading
    got = {a["label"] for a in answer.rows}
    if answers is not None:
        assert got == (answers(kg) if isinstance(answers, Named) else answers)
    assert all(a["iri"].startswith("https://w3id.org/drugkg/vocab/drug/") for a in answer.rows)
    assert "VALUES" in answer.sparql


@pytest.mark.parametrize(("question", "reading", "count"), COUNTS)
def test_counting(kg, question, reading, count):
    answer = ask(question, kg)
    assert answer.query.reading() == reading
    assert answer.count == len(count(kg)) and answer.rows == []


@pytest.mark.parametrize(("question", "reading", "name", "params", "key"), ABOUT)
def test_questions_about_one_drug(kg, question, reading, name, params, key):
    answer = ask(question, kg)
    assert answer.query.reading() == reading
    got = {a["label"] for a in answer.rows}
    assert got
    if name:
        assert got == named(kg, name, key, **params)


def test_about_drug_values_match_the_drug_card(kg):
    assert {a["label"] for a in ask("what does clobazam treat", kg).rows} >= {"epilepsy"}
    assert {a["label"] for a in ask("what class is clobazam in", kg).rows} == {"benzodiazepine"}
    assert "respiratory depression" in {a["label"] for a in ask("risks of codeine", kg).rows}


@pytest.mark.parametrize(("question", "name", "params"), [
    ("Which drugs act on GABA and have a dependence risk?", "gaba-dependence", {}),
    ("drugs that act on norepinephrine", "acts-on", {"target": "target:norepinephrine"}),
    ("noradrenergic drugs", "acts-on", {"target": "target:norepinephrine"}),
    ("drugs acting on dopamine", "acts-on", {"target": "target:dopamine"}),
    ("drugs acting on GABA", "acts-on", {"target": "target:gaba"}),
    ("drugs in the class antidepressants", "drugs-in-class", {"class": "dclass:antidepressant"}),
    ("opioids", "drugs-in-class", {"class": "dclass:opioid-analgesic"}),
    ("drugs causing drowsiness", "drugs-causing", {"term": "drowsiness"}),
    ("medicines that cause insomnia", "drugs-causing", {"term": "insomnia"}),
    ("contraindicated in glaucoma", "contraindicated-in", {"term": "glaucoma"}),
    ("drugs with a teratogenicity risk", "drugs-with-risk", {"risk": "risk:teratogenicity"}),
    ("drugs with withdrawal risk", "drugs-with-risk", {"risk": "risk:withdrawal"}),
    ("drugs used for epilepsy", "drugs-for-condition", {"term": "epilepsy"}),
    ("what drugs are prescribed for diabetes", "drugs-for-condition", {"term": "diabetes"}),
])
def test_answers_equal_the_named_query(kg, question, name, params):
    assert {a["label"] for a in ask(question, kg).rows} == named(kg, name, **params)


def test_negation_is_the_complement_of_the_named_query(kg):
    gaba = named(kg, "acts-on", target="target:gaba")
    dep = named(kg, "drugs-with-risk", risk="risk:dependence")
    got = {a["label"] for a in ask("drugs acting on GABA without a dependence risk", kg).rows}
    assert got == gaba - dep
    got = {a["label"] for a in ask("drugs that cause drowsiness but are not habit-forming",
                                   kg).rows}
    assert got == named(kg, "drugs-causing", term="drowsiness") - dep


@pytest.mark.parametrize(("question", "word", "suggestion"), [
    ("drugs acting on frobnitz", "frobnitz", None),
    ("drugs acting on GABA and flurbo", "flurbo", None),
    ("which drugs cause xyzzy", "xyzzy", None),
    ("drugs that cause drowsness and glauc", "glauc", "glaucoma"),
])
def test_unknown_phrases_are_reported_and_no_query_runs(question, word, suggestion):
    class NoStore:
        def select(self, *args, **kwargs):
            raise AssertionError("no query may run for a question not understood")

    with pytest.raises(AskError) as err:
        ask(question, NoStore())
    message = str(err.value)
    assert f"did not understand {word!r}" in message
    assert "did you mean" in message
    if suggestion:
        assert suggestion in err.value.suggestions[word]


def test_or_is_a_union(kg):
    answer = ask("drugs acting on GABA or serotonin", kg)
    assert answer.query.reading() == "drugs that act on GABA or serotonin"
    assert {a["label"] for a in answer.rows} == (
        named(kg, "acts-on", target="target:gaba")
        | named(kg, "acts-on", target="target:serotonin"))
    mixed = ask("drugs that cause drowsiness or are habit forming", kg)
    assert mixed.query.reading() == "drugs that cause drowsiness or have risk: dependence"
    assert " || EXISTS" in mixed.sparql
    habit_forming = {a["label"] for a in ask("habit-forming drugs", kg).rows}
    assert {a["label"] for a in mixed.rows} == (
        named(kg, "drugs-causing", term="drowsiness") | habit_forming)


def test_nor_is_refused_not_read_as_or():
    with pytest.raises(AskError, match="did not understand 'neither'"):
        understand("drugs acting on neither GABA nor serotonin")


def test_a_risk_is_stated_or_signalled_by_an_adverse_effect(kg):
    answer = ask("GABA drugs that can cause dependence", kg)
    assert answer.query.reading() == "drugs that act on GABA and have risk: dependence"
    assert "dkg:signalsRisk" in answer.sparql
    assert any("signals" in note for note in answer.query.notes)
    # the adverse-effect reading is offered, not chosen
    [alt] = answer.query.alternatives
    assert alt.phrase == "dependence"
    assert alt.query.reading() == "drugs that act on GABA and cause dependence"
    risky = {r["label"] for r in kg.select(
        "PREFIX dkg: <https://w3id.org/drugkg/ontology#> PREFIX skos: "
        "<http://www.w3.org/2004/02/skos/core#> SELECT ?label WHERE { ?p "
        "dkg:hasActiveIngredient ?d . ?d skos:prefLabel ?label . { ?d dkg:hasRisk "
        "<https://w3id.org/drugkg/vocab/risk/dependence> } UNION { ?d "
        "dkg:hasCommonAdverseEffect|dkg:hasSeriousAdverseEffect ?e . ?e skos:broader*/"
        "dkg:signalsRisk <https://w3id.org/drugkg/vocab/risk/dependence> } }")}
    assert {a["label"] for a in ask("habit-forming drugs", kg).rows} == risky


@pytest.mark.parametrize(("question", "corrections", "reading"), [
    ("medicnes that casue drowsiness", {"medicnes": "medicine", "casue": "cause"},
     "drugs that cause drowsiness"),
    ("wich drugs cuase drowsyness", {"wich": "which", "cuase": "cause"},
     "drugs that cause drowsiness"),
    ("drugs with a risk of dependance", {"dependance": "dependence"},
     "drugs that have risk: dependence"),
    ("drugs actng on serotonin", {"actng": "acting"}, "drugs that act on serotonin"),
    ("habbit forming drugs", {"habbit": "habit"}, "drugs that have risk: dependence"),
    ("drugs contraindicted in glaucoma", {"contraindicted": "contraindicated"},
     "drugs that are contraindicated in glaucoma"),
    # a negation is never corrected away: 'shuldnt' is 'shouldnt', not 'should'
    ("drugs that shuldnt be used in glaucoma", {"shuldnt": "shouldnt"},
     "drugs that are contraindicated in glaucoma"),
    ("how mnay drugs act on serotonin", {"mnay": "many"}, "how many drugs that act on serotonin"),
    ("hwo many drugs act on serotonin", {"hwo": "how"}, "how many drugs that act on serotonin"),
    # a swapped 'or' stays a union, never absorbed into the name after it
    ("drugs acting on GABA ro serotonin", {"ro": "or"}, "drugs that act on GABA or serotonin"),
    ("drugs that do nto cause drowsiness", {"nto": "not"}, "drugs that do not cause drowsiness"),
])
def test_typos_in_cue_and_question_words_are_corrected(question, corrections, reading):
    query = understand(question)
    assert query.corrections == corrections
    assert query.reading() == reading


@pytest.mark.parametrize(("question", "reading"), [
    ("benzodiazepine-like drugs", "drugs that are like benzodiazepine"),
    ("drugs similar to zolpidem", "drugs that are like zolpidem"),
    ("drugs such as benzodiazepines", "drugs that are in class benzodiazepine"),
    ("drugs acting on serotonin except sertraline",
     "drugs that act on serotonin and are not sertraline"),
    ("drugs acting on serotonin but not SSRIs",
     "drugs that act on serotonin and are not in class selective serotonin reuptake inhibitor"),
    ("other drugs in the same class as sertraline",
     "drugs that are in the same class as sertraline"),
    ("list benzodiazepine-like drugs on the GABA system with risk of addiction",
     "drugs that are like benzodiazepine and act on GABA and have risk: dependence"),
])
def test_modifiers(question, reading):
    assert understand(question).reading() == reading


def test_like_is_the_class_or_a_shared_mechanism(kg):
    got = {a["label"] for a in ask("benzodiazepine-like drugs", kg).rows}
    assert got == named(kg, "drugs-like", like="dclass:benzodiazepine")
    assert "zolpidem" in got  # a GABA-A modulator, not in the class
    assert "zolpidem" not in {a["label"] for a in ask("drugs similar to zolpidem", kg).rows}


def test_every_answer_has_its_evidence(kg):
    answer = ask("which drugs act on GABA and have a dependence risk", kg)
    body = answer.to_json()
    assert body["count"] == len(body["answers"]) == len(GABA_DEP(kg)) > 0
    for a in body["answers"]:
        assert a["evidence"], a
        for e in a["evidence"]:
            assert e["sentence"] and e["source"].endswith(".md") and e["line"] > 0
    clobazam = next(a for a in body["answers"] if a["label"] == "clobazam")
    assert any("dependen" in e["sentence"].lower() or "habit" in e["sentence"].lower()
               for e in clobazam["evidence"])


def test_typos_are_corrected_and_said(kg):
    answer = ask("drugs acting on serotnin with a risk of serotonin syndrom", kg)
    assert answer.query.corrections == {"serotnin": "serotonin",
                                        "serotonin syndrom": "serotonin syndrome"}
    assert {a["label"] for a in answer.rows} == SS(kg)


def test_a_question_naming_nothing_is_refused():
    with pytest.raises(AskError, match="did not understand"):
        understand("which drugs are there?")


def test_concepts_are_bound_not_pasted(kg):
    sparql, bindings = understand("drugs acting on GABA and habit-forming").compile()
    assert "gaba" not in sparql.split("WHERE", 1)[1]
    assert {str(v) for v in bindings.values()} == {
        "<https://w3id.org/drugkg/vocab/target/gaba>",
        "<https://w3id.org/drugkg/vocab/risk/dependence>"}


def test_cli_ask(kg, tmp_path):
    from drugkg.cli import main

    store = tmp_path / "kg"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--store", f"oxigraph:{store}", "-q",
                                str(EXAMPLES / "monographs")]).exit_code == 0
    out = runner.invoke(main, ["ask", "--store", f"oxigraph:{store}",
                               "which drugs act on GABA and are habit-forming?"])
    assert out.exit_code == 0, out.output
    assert "reading: drugs that act on GABA and have risk: dependence" in out.output
    assert "clobazam" in out.output and "SELECT" in out.output
    js = runner.invoke(main, ["ask", "--store", f"oxigraph:{store}", "--format", "json",
                              "how many drugs act on serotonin"])
    assert '"count": 4' in js.output
    bad = runner.invoke(main, ["ask", "--store", f"oxigraph:{store}", "drugs on frobnitz"])
    assert bad.exit_code == 2 and "did not understand 'frobnitz'" in bad.output


def test_a_phrase_naming_concepts_of_several_kinds_offers_the_other_reading():
    query = understand("glaucoma drugs")
    assert query.reading() == "drugs that cause glaucoma"
    assert [(a.phrase, a.query.reading()) for a in query.alternatives] == [
        ("glaucoma", "drugs that are used for glaucoma")]
    assert understand("drugs for glaucoma").alternatives == []  # the relation was named


@pytest.mark.parametrize(("word", "spelling"), [
    ("dependance", "dependence"), ("Dependance", "dependence"), ("dependence", None),
    ("frobnitz", None)])
def test_the_lexicon_knows_other_spellings(word, spelling):
    from drugkg.ontology.lexicon import load_lexicon

    assert load_lexicon().respell(word) == spelling


def test_evidence_for_a_drugs_values_and_only_for_the_first_answers(kg, monkeypatch):
    about = ask("which neurotransmitter does sertraline act on", kg)
    [serotonin] = about.rows
    assert serotonin["label"] == "serotonin"
    assert all(e["source"].startswith("sertraline") for e in serotonin["evidence"])
    assert serotonin["evidence"]
    import drugkg.queries.ask as ask_module

    monkeypatch.setattr(ask_module, "EVIDENCE_ANSWERS", 1)
    rows = ask("which drugs cause drowsiness", kg).rows
    assert len(rows) > 1 and rows[0]["evidence"]
    assert all(not r["evidence"] for r in rows[1:])


@pytest.mark.parametrize(("question", "reading"), [
    # 'are not' must not take the 'not' of 'not to be used in' (read as 'not used for')
    ("Drugs which are not to be used in people with glaucoma",
     "drugs that are contraindicated in glaucoma"),
    ("drugs that are not safe in glaucoma", "drugs that are contraindicated in glaucoma"),
    ("drugs that work like zolpidem", "drugs that are like zolpidem"),
    # a cue word outside its phrase is a question word: 'group' is not croup
    ("drugs belonging to the SSRI group",
     "drugs that are in class selective serotonin reuptake inhibitor"),
    ("medicines to avoid during pregnancy", "drugs that are contraindicated in pregnancy"),
    # after 'act on', 'but not dopamine' is the transmitter (dopamine is also a drug)
    ("which drugs act on serotonin but not on dopamine",
     "drugs that act on serotonin and do not act on dopamine"),
    ("antidepressants except bupropion and duloxetine",
     "drugs that are in class antidepressant and are not bupropion and are not duloxetine"),
    ("drugs acting on serotonin except SSRIs and act on dopamine",
     "drugs that act on serotonin and are not in class selective serotonin reuptake inhibitor "
     "and act on dopamine"),
    ("Which GABA-acting drugs are habit-forming?",
     "drugs that act on GABA and have risk: dependence"),
])
def test_overlapping_cues_the_longer_wins(question, reading):
    assert understand(question).reading() == reading


@pytest.mark.parametrize("question", ["drugs causing haemorrhage", "drugs that cause hemorrage",
                                      "drugs causing bleeding", "drugs with a bleeding risk"])
def test_spellings_of_a_risk_read_alike(question):
    assert understand(question).reading() == "drugs that have risk: bleeding"


def test_safe_is_refused_not_read_as_a_negated_contraindication():
    with pytest.raises(AskError, match="cannot tell that a drug is safe"):
        understand("which drugs are safe in glaucoma")


@pytest.mark.parametrize(("question", "reading", "verdict"), [
    ("does sertraline cause nausea?", "is sertraline one of the drugs that cause nausea", "yes"),
    ("is zolpidem habit-forming?", "is zolpidem one of the drugs that have risk: dependence",
     "yes"),
    ("is clobazam a benzodiazepine", "is clobazam one of the drugs that are in class "
     "benzodiazepine", "yes"),
    ("does metformin act on serotonin?", "is metformin one of the drugs that act on serotonin",
     "no"),
])
def test_yes_no_questions_check_one_drug(kg, question, reading, verdict):
    answer = ask(question, kg)
    body = answer.to_json()
    assert body["reading"] == reading and body["verdict"] == verdict
    if verdict == "yes":
        [drug] = body["answers"]
        assert drug["evidence"] and question.split()[1] in drug["label"]
    else:
        assert body["answers"] == []
    # the same drug is one of the answers of the 'which drugs' question exactly when 'yes'
    which = {a["label"] for a in ask("which drugs " + reading.split(" that ", 1)[1], kg).rows}
    assert (question.split()[1].lower() in which) == (verdict == "yes")


def test_cli_yes_no(tmp_path):
    from drugkg.cli import main

    store = f"oxigraph:{tmp_path / 'kg'}"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--store", store, "-q",
                                str(EXAMPLES / "monographs")]).exit_code == 0
    yes = runner.invoke(main, ["ask", "--store", store, "is zolpidem habit forming"])
    assert "answer: yes, stated in:" in yes.output and "zolpidem.md:" in yes.output
    no = runner.invoke(main, ["ask", "--store", store, "does metformin act on serotonin"])
    assert "answer: no (no monograph in the store states it)" in no.output
