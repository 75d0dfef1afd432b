"""Rules for real labels and leaflets (FDA, EMA, NHS, encyclopaedia layouts): each test is
named after the rule id it checks (docs/extraction.md) and fails without that rule."""

from __future__ import annotations

from tests.ingest.extraction import facts_of, labels, page_facts


def serious_of(write, matcher, body: str, title: str) -> dict[str, bool]:
    return {f.concept.label.lower(): f.serious for f in page_facts(write, matcher, body, title)
            if f.predicate == "adverse-effect" and f.concept is not None}


def test_severity_band_uncommon_is_common_and_emergency_lead_is_serious(write, matcher):
    """severity.band and severity.emergency-lead"""
    body = ("## 4. Possible side effects\n\nUncommon side effects (may affect up to 1 in 100 "
            "people)\n\n- Anxiety\n- Slow heartbeat\n\n"
            "Tell your doctor straight away if you suffer from any of the following:\n\n"
            "- anaemia\n")
    serious = serious_of(write, matcher, body, "Tedizolid")
    assert serious["anxiety"] is False
    assert serious["bradycardia"] is False
    assert serious["anaemia"] is True


def test_severity_lay_bands_under_a_statement_heading(write, matcher):
    """section.side-effects and severity.emergency-lead: 'What you might notice' is the side
    effects section; its 'Frequent:' line is common, its 'Get help now:' line serious."""
    body = ("## What you might notice\n\nFrequent: dizziness and a dry mouth.\n\n"
            "Get help now: slowed or shallow breathing, or hallucinations.\n")
    serious = serious_of(write, matcher, body, "Flurazepam")
    assert serious["dizziness"] is False
    assert serious["dry mouth"] is False
    assert serious["hallucinations"] is True


def test_overview_states_uses_and_effects_by_cue(extract):
    """section.overview: a summary with no Uses section states uses ('It is often used to
    treat depression') and effects in the clause of a cue ('Common side effects include ...')."""
    facts = extract("Fluoxetine is a type of antidepressant. It is often used to treat depression."
                    "\n\n## Key facts\n\n- Common side effects include headaches and trouble "
                    "sleeping.\n- It usually takes 4 to 6 weeks to work.\n", title="Fluoxetine")
    assert "major depressive disorder" in labels(facts, "Fluoxetine", "indication")
    assert {"headache", "insomnia"} <= labels(facts, "Fluoxetine", "adverse-effect")
    assert "antidepressant" in labels(facts, "Fluoxetine", "class")


def test_overview_uses_defer_to_a_uses_section(extract):
    """section.overview: where the page has a Uses section, the summary's vaguer 'widely used
    for pain' adds no indication; the section's own list does."""
    facts = extract("It is widely used for pain conditions.\n\n## Uses\n\n- Generalized anxiety "
                    "disorder\n", title="Duloxetine")
    indications = labels(facts, "Duloxetine", "indication")
    assert "generalised anxiety disorder" in indications or \
        "generalized anxiety disorder" in indications
    assert "pain" not in indications


def test_citation_markers_do_not_join_sentences(write, matcher):
    """sentence.citations: 'disorder.[11][7] Serious side effects ...' is two sentences, so
    the common effects of the first are not made serious by the second."""
    body = ("Vortioxetine is a medication used to treat major depressive disorder.[11] Common "
            "side effects include nausea and constipation.[11][7] Serious side effects may "
            "include serotonin syndrome.[11]\n")
    serious = serious_of(write, matcher, body, "Vortioxetine")
    assert serious["constipation"] is False
    assert serious["serotonin syndrome"] is True


def test_list_purpose_clause_is_the_partners_use(extract):
    """list.purpose-clause: in 'Other medicines and X', 'ranolazine, a medicine used to treat
    angina' and 'topotecan (used to treat cancer)' name partners; angina and cancer are not
    the page drug's indications or contraindications."""
    facts = extract("## Other medicines and Sivextro\n\n- ranolazine, a medicine used to treat "
                    "angina\n- topotecan (used to treat cancer)\n", title="Tedizolid")
    assert {"ranolazine", "topotecan"} <= labels(facts, "Tedizolid", "interaction")
    assert not labels(facts, "Tedizolid", "indication")
    assert not labels(facts, "Tedizolid", "contraindication")
    facts = extract("## Other medicines and Ketazolam\n\nCimetidine and omeprazole (medicines "
                    "for stomach ulcers) may raise the amount of ketazolam in the blood.\n",
                    title="Ketazolam")
    assert {"cimetidine", "omeprazole"} <= labels(facts, "Ketazolam", "interaction")
    assert not labels(facts, "Ketazolam", "risk")  # the ulcers are what the partners treat
    facts = extract("## Do not take\n\nDo not take it with cough and cold remedies containing "
                    "ephedrine.\n", title="Tranylcypromine")
    assert labels(facts, "Tranylcypromine", "contraindication") == {"ephedrine"}
    # under Uses only medicines called other are partners: the drug's own group is its use
    facts = extract("## What Janumet is used for\n\nIt is used to treat type 2 diabetes. It "
                    "can be used with certain other medicines for diabetes (insulin).\n\n"
                    "It belongs to a group of medicines used to treat high blood pressure.\n",
                    title="Metformin")
    found = labels(facts, "Metformin", "indication")
    assert "type 2 diabetes mellitus" in found and "hypertension" in found
    assert "diabetes mellitus" not in found
    # a purpose coordinated after the other medicines' clause is the drug's own again
    facts = extract("## Uses\n\nIt is also used to calm agitation when other medicines have "
                    "not helped, and to treat hiccups.\n", title="Chlorpromazine")
    assert {"agitation", "hiccups"} <= labels(facts, "Chlorpromazine", "indication")


def test_list_described_group_names_its_examples(extract):
    """list.described-group: 'certain medicines to treat HIV infection such as ritonavir'
    describes a group by what it does, so ritonavir is the partner."""
    facts = extract("## Other medicines and Quviviq\n\n- certain medicines to treat blood "
                    "coagulation disorder such as dabigatran could interact with Quviviq\n",
                    title="Daridorexant")
    partners = labels(facts, "Daridorexant", "interaction")
    assert "dabigatran" in partners
    assert not [p for p in partners if p.startswith("medicines to treat")]


def test_interaction_cue_are_taking(extract):
    """interaction.taking: 'if you are taking medicines known as SSRIs' in Warnings names a
    partner."""
    facts = extract("## Warnings and precautions\n\nTalk to your doctor if you are taking "
                    "certain medicines to treat migraine known as triptans.\n",
                    title="Tedizolid")
    assert "triptan" in labels(facts, "Tedizolid", "interaction")
    assert "migraine" not in labels(facts, "Tedizolid", "indication")


def test_effect_reported_with_the_drug_in_warnings(extract):
    """effect.reported: 'Priapism has been reported since market approval of VIAGRA' states
    a (serious) adverse effect in Warnings; an effect the drug merely treats does not."""
    facts = extract("# VIAGRA (sildenafil citrate) tablets\n\n## 5 WARNINGS AND PRECAUTIONS\n\n"
                    "### 5.2 Prolonged Erection and Priapism\n\nProlonged erection and priapism "
                    "have been reported infrequently since market approval of VIAGRA.\n",
                    title="Sildenafil")
    assert "priapism" in labels(facts, "Sildenafil", "adverse-effect")
    facts = extract("# APTIOM (eslicarbazepine acetate)\n\n## 5 WARNINGS AND PRECAUTIONS\n\n"
                    "Clinically significant hyponatremia can develop in patients taking APTIOM.\n",
                    title="Eslicarbazepine")
    assert "hyponatraemia" in labels(facts, "Eslicarbazepine", "adverse-effect")
    facts = extract("# CLOZARIL (clozapine) tablets\n\n## 5 WARNINGS AND PRECAUTIONS\n\n"
                    "Myocarditis and cardiomyopathy, which can be fatal, have been reported in "
                    "patients receiving CLOZARIL. Torsades de Pointes has occurred during "
                    "CLOZARIL therapy.\n", title="Clozapine")
    assert {"myocarditis", "cardiomyopathy", "torsades de pointes"} <= labels(
        facts, "Clozapine", "adverse-effect")
    facts = extract("## Warnings\n\nButalbital may produce respiratory depression.\n",
                    title="Butalbital")
    assert "respiratory depression" in labels(facts, "Butalbital", "adverse-effect")


def test_risk_signalled_wording_states_the_risk_outside_side_effects(extract):
    """risk.signalled-wording: 'can cause physical and psychological dependence' (a wording
    the vocabulary knows as an adverse effect that signals the risk) gives the dependence
    risk in Precautions, so the drug answers 'acts on GABA with a dependence risk'."""
    facts = extract("## How it works\n\nTemazepam is a benzodiazepine.\n\n## Precautions\n\n"
                    "- Temazepam can cause physical and psychological dependence.\n",
                    title="Temazepam")
    assert "dependence" in labels(facts, "Temazepam", "risk")
    assert "dependence" not in labels(facts, "Temazepam", "adverse-effect")


def test_subject_own_class_is_no_partner(extract):
    """subject.own-class: 'antipsychotics such as olanzapine' on the olanzapine page is the
    drug's own class; 'Other NSAIDs such as ibuprofen: taken with X' still names partners."""
    facts = extract("## Precautions\n\n- Elderly people treated with antipsychotics such as "
                    "olanzapine have a higher risk of death.\n\n## Interactions\n\n- Other NSAIDs "
                    "such as ibuprofen: taken with olanzapine, they raise the risk of ulcers.\n",
                    title="Olanzapine")
    partners = labels(facts, "Olanzapine", "interaction")
    assert "antipsychotic" not in partners
    assert partners & {"nonsteroidal anti-inflammatory drug", "ibuprofen"}


def test_subject_brand_names_the_page_drug(extract):
    """subject.brand: on a leaflet titled 'QUVIVIQ film-coated tablets (daridorexant)',
    'QUVIVIQ is to treat insomnia' states daridorexant's indication."""
    facts = extract("# QUVIVIQ film-coated tablets (daridorexant)\n\n## 1. What QUVIVIQ is and "
                    "what it is used for\n\nQUVIVIQ is used to treat insomnia in adults.\n\n"
                    "## 2. What you need to know before you take QUVIVIQ\n\n- Do not take QUVIVIQ"
                    " if you have narcolepsy.\n", title="Daridorexant")
    assert "insomnia" in labels(facts, "Daridorexant", "indication")
    assert "narcolepsy" in labels(facts, "Daridorexant", "contraindication")


def test_mechanism_lead_verb_reaches_list_items(extract):
    """mechanism.lead-verb: items under 'X blocks two main types of brain receptors:' carry
    the verb, past the colon."""
    facts = extract("## How it works\n\nRisperidone blocks two main types of brain receptors:\n\n"
                    "* **Dopamine D2 receptors** – reducing excess dopamine activity.\n"
                    "* **Serotonin 5-HT2A receptors** – lowering the risk of movement effects.\n",
                    title="Risperidone")
    assert {"dopamine d2 receptor antagonism", "5-ht2a receptor antagonism"} <= labels(
        facts, "Risperidone", "mechanism")


def test_mechanism_pronoun_subject_and_named_subtypes(extract):
    """mechanism.pronoun-subject and mechanism.subtypes-named: 'At the same time it blocks
    two serotonin receptor subtypes, 5-HT2 and 5-HT3' is the drug blocking the subtypes,
    not a third, generic serotonin receptor antagonism."""
    facts = extract("## How it works\n\nMirtazapine raises noradrenaline. At the same time it "
                    "blocks two serotonin receptor subtypes, 5-HT2 and 5-HT3, so that serotonin "
                    "acts elsewhere.\n", title="Mirtazapine")
    mechanisms = labels(facts, "Mirtazapine", "mechanism")
    assert {"5-ht3 receptor antagonism", "5-ht2a receptor antagonism"} <= mechanisms
    assert "serotonin receptor antagonism" not in mechanisms


def test_mechanism_named_by_class(extract):
    """mechanism.class-name: 'an SSRI (selective serotonin reuptake inhibitor)' states the
    mechanism its name says; a class that names no action ('antidepressant') states none."""
    facts = extract("Fluoxetine is a type of antidepressant known as an SSRI (selective "
                    "serotonin reuptake inhibitor).\n", title="Fluoxetine")
    assert labels(facts, "Fluoxetine", "mechanism") == {"serotonin reuptake inhibition"}


def test_class_comparison_as_they_do(extract):
    """class.comparison-as-do: 'as benzodiazepines do, but in a different way' compares."""
    facts = extract("## Pharmacology\n\nIt is a cyclopyrrolone, which increases the transmission "
                    "of GABA, as benzodiazepines do, but in a different way.\n", title="Zopiclone")
    classes = labels(facts, "Zopiclone", "class")
    assert "benzodiazepine" not in classes
    assert classes  # the cyclopyrrolone is stated


def test_class_stated_in_abuse_and_dependence(extract):
    """section.dependence states classes: 'X is a benzodiazepine and a CNS depressant with a
    potential for abuse' (FDA DRUG ABUSE AND DEPENDENCE)."""
    facts = extract("## DRUG ABUSE AND DEPENDENCE\n\nLorazepam Injection is a benzodiazepine and "
                    "a CNS depressant with a potential for abuse and addiction.\n",
                    title="Lorazepam")
    assert {"benzodiazepine", "cns depressant"} <= labels(facts, "Lorazepam", "class")
    assert "dependence" in labels(facts, "Lorazepam", "risk")


def test_contraindication_sensitivity_to_a_class_is_one_condition(extract):
    """contra.allergy-to: 'a known sensitivity to benzodiazepines' does not contraindicate
    benzodiazepines as co-medication."""
    facts = extract("## 4 CONTRAINDICATIONS\n\nLorazepam Injection is contraindicated in patients "
                    "with a known sensitivity to benzodiazepines.\n", title="Lorazepam")
    assert labels(facts, "Lorazepam", "contraindication") == {"hypersensitivity to the drug"}
    assert "benzodiazepine" not in labels(facts, "Lorazepam", "interaction")



def test_contraindication_condition_objects(extract):
    """contra.condition-object: drugs inside a withdrawal state ('abruptly stopping alcohol
    or benzodiazepines'), a reason clause ('as morphine passes into breast milk') or a
    bracket inside an allergy are part of the condition, not co-medication."""
    facts = extract("## Contraindications\n\n- People who are abruptly stopping alcohol or "
                    "benzodiazepines\n- Epilepsy\n", title="Bupropion")
    assert labels(facts, "Bupropion", "contraindication") == {"epilepsy"}
    assert not labels(facts, "Bupropion", "interaction")
    facts = extract("## Precautions\n\nCodeine should not be used while breastfeeding, as "
                    "morphine passes into breast milk.\n", title="Codeine")
    assert labels(facts, "Codeine", "contraindication") == {"breastfeeding"}
    facts = extract("## 4 CONTRAINDICATIONS\n\nIt is contraindicated in patients with a known "
                    "sensitivity to its vehicle (polyethylene glycol), or with sleep apnea.\n",
                    title="Lorazepam")
    found = labels(facts, "Lorazepam", "contraindication")
    assert "sleep apnoea" in found or "sleep apnea" in found
    assert "macrogol" not in found
    facts = extract("## Precautions\n\nDo not take this medicine if you are allergic to "
                    "penicillins or have had a serious allergic reaction to any other "
                    "beta-lactam antibiotic, such as a cephalosporin.\n", title="Amoxicillin")
    assert "cephalosporin" not in labels(facts, "Amoxicillin", "contraindication")
    assert "penicillin allergy" in labels(facts, "Amoxicillin", "contraindication")

def test_list_lead_distributes_over_its_items(extract):
    """list.lead-distributes: under 'used to prevent nausea and vomiting caused by:' the
    items complete the condition; the lead's unfinished 'nausea and vomiting' and the
    item's 'for cancer' are no indications of their own."""
    facts = extract("## Uses\n\nIt is used to prevent nausea and vomiting caused by:\n\n"
                    "* Chemotherapy for cancer\n* Radiotherapy\n", title="Ondansetron")
    assert labels(facts, "Ondansetron", "indication") == {
        "chemotherapy-induced nausea and vomiting", "radiotherapy-induced nausea and vomiting"}


def test_every_fact_names_its_rule_and_the_docs_list_it():
    """Every fact records the rule that made it (stored as dkg:rule on its evidence), and
    docs/extraction.md lists every such id."""
    import re
    from pathlib import Path

    from drugkg.ingest.run import extract

    root = Path(__file__).resolve().parents[2]
    docs = (root / "docs" / "extraction.md").read_text()
    rules = set()
    for page in sorted((root / "examples" / "monographs").glob("*.md")):
        _, _, facts = extract(page)
        assert facts
        rules |= {f.rule for f in facts}
    assert "" not in rules
    in_section = {r for r in rules if re.fullmatch(r"[a-z-]+\.in-[a-z-]+(?:\.list)?", r)}
    assert in_section and "`<predicate>.in-<section>`" in docs
    assert {r for r in rules - in_section if f"`{r}`" not in docs} == set()


def test_inline_bands_in_a_paragraph_and_the_component_named_alone(write, matcher):
    """severity.inline-band and subject.own-name-over-brand: 'while taking sitagliptin alone
    (one of the medicines in Janumet) ...: Common: a, b Uncommon: c Rare: d' gives
    sitagliptin (not metformin) common a, b, c and a serious d (the rare band says how often
    only; pancreatitis is an important medical event); the effects after 'with other
    diabetes medicines:' are no symptoms of those medicines."""
    from drugkg.ingest.assemble import assemble
    from drugkg.ingest.monograph import read_monograph

    body = ("# Janumet tablets (sitagliptin/metformin hydrochloride)\n\n## 4. Possible side "
            "effects\n\nSome patients have experienced the following side effects while taking "
            "sitagliptin alone (one of the medicines in Janumet) or with other diabetes "
            "medicines: Common: headache, constipation Uncommon: dizziness Rare: pancreatitis\n")
    path = write("page.md", f"---\ntitle: Sitagliptin + Metformin\n---\n\n{body}")
    _, facts = assemble(read_monograph(path), matcher)
    effects = {(f.component, f.concept.label): f.serious for f in facts
               if f.predicate == "adverse-effect" and f.concept is not None}
    assert effects == {("Sitagliptin", "headache"): False, ("Sitagliptin", "constipation"): False,
                       ("Sitagliptin", "dizziness"): False, ("Sitagliptin", "pancreatitis"): True}


def test_list_group_prefix_is_no_effect(extract):
    """list.group-prefix: 'Nervous System Disorders: dizziness' (a label's body-system class)
    lists dizziness; the class is no adverse effect."""
    facts = extract("## 6 ADVERSE REACTIONS\n\n- Gastrointestinal Disorders: nausea\n"
                    "- Nervous System Disorders: dizziness, headache\n", title="Azilsartan")
    assert labels(facts, "Azilsartan", "adverse-effect") == {"nausea", "dizziness", "headache"}
    # the older labels' body systems: 'Nervous: seizure, anxiety' (not nervousness)
    facts = extract("## 6.2 Postmarketing Experience\n\nNervous: seizure, anxiety, and "
                    "transient global amnesia.\n", title="Sildenafil")
    found = labels(facts, "Sildenafil", "adverse-effect")
    assert {"anxiety", "transient global amnesia"} <= found and "nervousness" not in found
    # 'X can occur with the use of Y' reports an effect in Warnings (effect.reported)
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nSleep paralysis can occur with the use of "
                    "DAYVIGO.\n", title="Lemborexant")
    assert "sleep paralysis" in labels(facts, "Lemborexant", "adverse-effect")


def test_sentence_broken_word_is_joined(extract):
    """sentence.broken-word: 'immuno- suppressants (cyclosporine)' is one word; a suspended
    hyphen ('pre- and post-operative') is left alone."""
    facts = extract("## Other medicines and Quviviq\n\n- immuno- suppressants (cyclosporine) "
                    "can increase the level of Quviviq in the blood.\n", title="Daridorexant")
    assert "immunosuppressant" in labels(facts, "Daridorexant", "interaction")


def test_assert_no_harm_shown(extract):
    """assert.unknown-is-no-harm: 'no harm to the baby has been shown' and 'Animal studies
    showed no clear birth defects' state no fetal harm; 'can harm the unborn baby' does."""
    facts = extract("## Pregnancy\n\nIn animal studies no harm to the baby has been shown. "
                    "Animal studies showed no clear birth defects.\n", title="Zolpidem")
    assert "teratogenicity" not in labels(facts, "Zolpidem", "risk")
    facts = extract("## Pregnancy\n\nIt can harm the unborn baby.\n", title="Zolpidem")
    assert "teratogenicity" in labels(facts, "Zolpidem", "risk")


def test_assertion_hedges_and_safe_partners(extract):
    """assert.unknown-is-no-harm, interaction.safe-together, assert.neither-prohibits,
    mechanism.enhances: what a page says is not known, safe together, or forbidden to both
    components is read as such; 'enhances GABA at GABA-A receptors' is positive modulation."""
    facts = extract("## How it works\n\nZolpidem enhances GABA at GABA-A receptors.\n\n"
                    "## Interactions\n\n- It can be taken together with paracetamol.\n"
                    "- Alcohol increases drowsiness.\n\n## Pregnancy\n\nThe effects on the unborn "
                    "child are not known.\n\n## Contraindications\n\n- Neither should be taken by "
                    "anyone allergic to either medicine.\n", title="Zolpidem")
    assert labels(facts, "Zolpidem", "interaction") == {"ethanol"}
    assert "teratogenicity" not in labels(facts, "Zolpidem", "risk")
    assert labels(facts, "Zolpidem", "contraindication") == {"hypersensitivity to the drug"}
    assert "gaba-a receptor positive allosteric modulation" in labels(
        facts, "Zolpidem", "mechanism")


def test_class_properties_coordinated(extract):
    """class.properties: 'a benzodiazepine with anxiolytic (anti-anxiety), muscle-relaxant and
    anticonvulsant properties' asserts each class; '... anticonvulsant effects' describes
    effects and asserts none."""
    facts = extract("Diazepam is a long-acting benzodiazepine with anxiolytic (anti-anxiety), "
                    "muscle-relaxant and anticonvulsant properties.\n", title="Diazepam")
    assert {"benzodiazepine", "anxiolytic", "muscle relaxant"} <= labels(facts, "Diazepam",
                                                                         "class")
    facts = extract("Lorazepam, a benzodiazepine with sedative and anticonvulsant effects, is "
                    "given by injection.\n", title="Lorazepam")
    assert labels(facts, "Lorazepam", "class") == {"benzodiazepine"}


def test_mechanism_polarity_and_causal_subject(extract):
    """mechanism.polarity: 'binds the GABA-A receptor and blocks it' is never positive
    modulation; 'blocks the serotonin transporter' is reuptake inhibition, not receptor
    antagonism. subject.causal: 'Because Drugone can cause dependence, doctors may switch
    to Drugtwo' gives the risk to Drugone only."""
    facts = extract("## How it works\n\n- **Drugone:** binds the GABA-A receptor and blocks it.\n"
                    "- **Drugtwo:** blocks the serotonin transporter.\n\n## Precautions\n\n"
                    "Because Drugone can cause dependence, doctors may switch to Drugtwo.\n",
                    title="Drugone + Drugtwo")
    assert not [m for m in labels(facts, "Drugone", "mechanism") if "positive" in m]
    assert labels(facts, "Drugtwo", "mechanism") == {"serotonin reuptake inhibition"}
    assert "dependence" in labels(facts, "Drugone", "risk")
    assert "dependence" not in labels(facts, "Drugtwo", "risk")


def test_page_drug_purpose_and_named_as(extract):
    """list.purpose-clause keeps the page's own use ('X, sold as Y, is a medication used to
    treat Z'); mention.named-as: 'a form of diabetes called type 2 diabetes mellitus' and 'a
    rare tumour of the adrenal gland called phaeochromocytoma' name the precise condition only."""
    facts = extract("Vortioxetine, sold under the brand names Trintellix and Brintellix among "
                    "others, is a medication used to treat major depressive disorder.\n",
                    title="Vortioxetine")
    assert labels(facts, "Vortioxetine", "indication") == {"major depressive disorder"}
    facts = extract("## Uses\n\nThey work together to control blood sugar levels in adult "
                    "patients with a form of diabetes called type 2 diabetes mellitus.\n",
                    title="Sitagliptin + Metformin")
    assert labels(facts, "Sitagliptin", "indication") == {"type 2 diabetes mellitus"}
    facts = extract("## Who cannot take it\n\n- have a rare tumour of the adrenal gland called "
                    "phaeochromocytoma\n", title="Chlorpromazine")
    assert labels(facts, "Chlorpromazine", "contraindication") == {"phaeochromocytoma"}


def test_effect_bracketed_term_names_the_effect(extract):
    """effect.bracketed-term: 'sudden muscle spasms of the neck (acute dystonia)' is acute
    dystonia described in lay words; '(a common anticholinergic effect)' explains and names
    no effect of its own."""
    facts = extract("## Side effects\n\n- sudden muscle spasms of the neck (acute dystonia)\n"
                    "- dry mouth (a common anticholinergic effect)\n", title="Haloperidol")
    effects = labels(facts, "Haloperidol", "adverse-effect")
    assert {"acute dystonia", "dry mouth"} <= effects
    assert "muscle spasms" not in effects
    # the same for a use: 'severe nausea and vomiting in pregnancy (hyperemesis gravidarum)'
    facts = extract("## Uses\n\n- Severe nausea and vomiting in pregnancy (hyperemesis "
                    "gravidarum)\n- Fibromyalgia (widespread muscle pain and tenderness)\n",
                    title="Ondansetron")
    uses = labels(facts, "Ondansetron", "indication")
    assert {"hyperemesis gravidarum", "fibromyalgia"} <= uses
    assert "nausea and vomiting of pregnancy" not in uses
    # and a contraindication: 'a prolactin-releasing pituitary tumour (prolactinoma)'
    facts = extract("## Contraindications\n\n- a prolactin-releasing pituitary tumour "
                    "(prolactinoma)\n", title="Domperidone")
    found = labels(facts, "Domperidone", "contraindication")
    assert "prolactinoma" in found and "cancer" not in found


def test_mechanism_works_by_in_any_section(extract):
    """mechanism.works-by: 'It works by enhancing the effects of a certain natural chemical in
    the body (GABA)' in Usage states the mechanism; the bracket names what it acts on."""
    facts = extract("## Usage\n\nOxazepam is used to treat anxiety. It works by enhancing the "
                    "effects of a certain natural chemical in the body (GABA).\n\n## Related "
                    "Terms\n\n- Insomnia: a sleep disorder.\n", title="Oxazepam")
    assert labels(facts, "Oxazepam", "mechanism") == {
        "gaba-a receptor positive allosteric modulation"}
    assert "insomnia" not in labels(facts, "Oxazepam", "indication")  # a glossary states nothing


def test_run_in_heading_never_ends_on_a_preposition():
    """section.unmarked-heading: 'Common side effects of Oxazepam include ...' runs on."""
    from drugkg.ingest.sections import parse_blocks

    blocks = parse_blocks("## Side Effects\n\nCommon side effects of Oxazepam include headache.\n")
    assert [b.text for b in blocks if b.kind == "para"] == [
        "Common side effects of Oxazepam include headache."]
    # nor on a verb whose object the name is: 'Do not use Esketamine if you are pregnant.'
    blocks = parse_blocks("## Pregnancy\n\nDo not use Esketamine if you are pregnant. Use "
                          "contraception.\n")
    assert [b.text for b in blocks if b.kind == "heading"] == ["Pregnancy"]
    assert [b.text for b in blocks if b.kind == "para"] == [
        "Do not use Esketamine if you are pregnant. Use contraception."]
    # nor on 'used to treat' before a capitalised object: "Parkinson's disease"
    blocks = parse_blocks("# Amantadine\n\nAmantadine is a medicine used to treat Parkinson's "
                          "disease. It is also an antiviral.\n")
    assert [b.text for b in blocks if b.kind == "heading"] == ["Amantadine"]


def test_class_includes_the_page_drug(extract):
    """class.includes-drug: 'PDE5 inhibitors, including VIAGRA, may potentiate ...' says the
    drug is one (and so, by class.name, its mechanism)."""
    facts = extract("# VIAGRA (sildenafil citrate) tablets\n\n## 5 WARNINGS AND PRECAUTIONS\n\n"
                    "PDE5 inhibitors, including VIAGRA, may potentiate the hypotensive effects of "
                    "GC stimulators.\n", title="Sildenafil")
    assert "phosphodiesterase-5 inhibitor" in labels(facts, "Sildenafil", "class")


def test_risk_long_term_use(extract):
    """risk.long-term-use: 'Long-term use can lead to tolerance, dependence, and withdrawal
    symptoms' in Side Effects states risks of prolonged use, not side effects."""
    facts = extract("## Side Effects\n\nCommon side effects of clobazam include drowsiness and "
                    "ataxia. Long-term use can lead to tolerance, dependence, and withdrawal "
                    "symptoms upon discontinuation.\n", title="Clobazam")
    assert {"dependence", "withdrawal"} <= labels(facts, "Clobazam", "risk")
    assert labels(facts, "Clobazam", "adverse-effect") == {"drowsiness", "ataxia"}


def test_bracket_names_a_negated_description(extract):
    """assert.bracket-names-description: 'seeing or hearing things that are not real
    (hallucinations)' lists hallucinations; a negated list keeps negating its bracket
    ('no effect on histamine, muscarinic (acetylcholine) or alpha-adrenergic receptors')."""
    facts = extract("## Possible side effects\n\nUncommon:\n\n- seeing or hearing vivid or "
                    "disturbing things that are not real (hallucinations)\n- temporary inability "
                    "to move or talk (sleep paralysis)\n- jerky movements of your face that "
                    "you cannot control (tardive dyskinesia)\n", title="Daridorexant")
    assert labels(facts, "Daridorexant", "adverse-effect") == {
        "hallucinations", "sleep paralysis", "tardive dyskinesia"}
    facts = extract("## How it works\n\nVenlafaxine blocks the reuptake of serotonin. It has "
                    "virtually no effect on histamine, muscarinic (acetylcholine) or "
                    "alpha-adrenergic receptors.\n", title="Venlafaxine")
    assert "acetylcholine" not in labels(facts, "Venlafaxine", "target")


def test_class_includes_drug_yields_to_a_narrower_class(extract):
    """class.includes-drug adds nothing where the page states a narrower class: 'an atypical
    antipsychotic (olanzapine)' and 'antipsychotics such as olanzapine' give one class."""
    facts = extract("Olanzapine is an atypical antipsychotic.\n\n## Precautions\n\n- Elderly "
                    "people treated with antipsychotics such as olanzapine have a higher risk of "
                    "death.\n", title="Olanzapine")
    assert labels(facts, "Olanzapine", "class") == {"atypical antipsychotic"}


def test_known_risk_and_reported_fetal_harm(extract):
    """contra.known-risk: 'people with a known risk of narrow-angle glaucoma' are
    contraindicated; risk.fetal-harm: a harm reported in one clause stands beside 'while
    other studies found no increase', but 'there is no evidence of harm' is none."""
    facts = extract("## Contraindications\n\n- It should not be used by people with a known risk "
                    "of narrow-angle glaucoma.\n\n## Pregnancy\n\nSome studies have reported a "
                    "small increase in the risk of cleft lip in babies when it is taken in "
                    "pregnancy, while other studies found no increase.\n", title="Olanzapine")
    assert "angle-closure glaucoma" in labels(facts, "Olanzapine", "contraindication")
    assert "teratogenicity" in labels(facts, "Olanzapine", "risk")
    facts = extract("## Pregnancy\n\nThere is no evidence of harm to the unborn baby.\n",
                    title="Olanzapine")
    assert "teratogenicity" not in labels(facts, "Olanzapine", "risk")


def test_boxed_warning_about_the_drugs_own_class(extract):
    """subject.own-class-warning: a boxed warning ahead of the description ('Concomitant use of
    benzodiazepines and opioids may result in profound sedation ...') speaks of the page's
    drug once the page says it is a benzodiazepine; on a page that does not, it does not."""
    warning = ("## BOXED WARNING\n\n- Concomitant use of benzodiazepines and opioids may result in "
               "profound sedation, respiratory depression, coma, and death.\n\n")
    facts = extract(warning + "## DESCRIPTION\n\nLorazepam, a benzodiazepine, is given by "
                    "injection.\n", title="Lorazepam")
    assert {"respiratory depression", "coma"} <= labels(facts, "Lorazepam", "adverse-effect")
    facts = extract(warning + "## DESCRIPTION\n\nOndansetron is an antiemetic.\n",
                    title="Ondansetron")
    assert not labels(facts, "Ondansetron", "adverse-effect")


def test_block_bold_subject(extract):
    """block.bold-subject: a bold lead-in the sentence goes on from is its subject, so the
    bracket and the rest of the sentence are read; with a colon after the bracket it is a
    label."""
    facts = extract("## Interactions\n\n- **Other serotonergic medicines** (triptans, tramadol, "
                    "lithium) increase the risk of serotonin syndrome.\n"
                    "- **Fluvoxamine** raises fluoxetine levels, while **carbamazepine** lowers "
                    "them.\n", title="Fluoxetine")
    found = labels(facts, "Fluoxetine", "interaction")
    assert {"triptan", "tramadol", "lithium", "fluvoxamine", "carbamazepine"} <= found
    assert "other serotonergic medicines" not in found
    facts = extract("## Interactions\n\n- **Iodinated contrast dye** (used in CT scans): "
                    "metformin is paused before the procedure.\n", title="Metformin")
    found = labels(facts, "Metformin", "interaction")
    assert any("contrast" in x for x in found) and "procedure" not in found


def test_list_class_members(extract):
    """list.class-members: a bracket right after a class lists its members, as 'such as'
    does; a bracket after two effects re-names them."""
    facts = extract("## Interactions\n\n- Alcohol and other CNS depressants (barbiturates, "
                    "sedating antihistamines) increase sedation.\n", title="Lorazepam")
    found = labels(facts, "Lorazepam", "interaction")
    assert {"ethanol", "cns depressant"} <= found
    assert not found & {"barbiturate", "sedating antihistamine"}
    facts = extract("## Side effects\n\n- Muscle and joint aches (myalgia and arthralgia)\n",
                    title="Lorazepam")
    assert {"muscle aches", "joint pain"} <= labels(facts, "Lorazepam", "adverse-effect")


def test_interaction_unknown_subject(extract):
    """interaction.unknown-subject: an interaction item written as a sentence names its
    partner as the subject, even one the vocabulary does not know; a generic group does
    not count."""
    facts = extract("## Interactions\n\n- Sodium oxybate must not be combined with it.\n"
                    "- Several common medicines raise its levels.\n"
                    "- Alcohol increases drowsiness.\n", title="Temazepam")
    found = labels(facts, "Temazepam", "interaction")
    assert {"sodium oxybate", "ethanol"} <= found
    assert not any("medicines" in x for x in found)


def test_mechanism_as_a_consequence(extract):
    """mechanism.as-a-consequence: 'As a consequence of inhibiting X, ...' states the drug's
    action in any section; the rest of the sentence is no mechanism."""
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nAs a consequence of inhibiting the "
                    "renin-angiotensin system, changes in renal function may be anticipated in "
                    "susceptible individuals treated with Edarbi.\n", title="Azilsartan")
    assert labels(facts, "Azilsartan", "mechanism") == {"renin-angiotensin system inhibition"}
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nChanges in renal function may occur in "
                    "patients inhibiting the renin-angiotensin system with other drugs.\n",
                    title="Azilsartan")
    assert not labels(facts, "Azilsartan", "mechanism")


def test_interaction_substance_in_condition(extract):
    """interaction.substance-in-condition: under Interactions, 'excessive alcohol intake'
    names alcohol as the partner; elsewhere it stays a condition."""
    facts = extract("## Janumet with food, drink and alcohol\n\nAvoid excessive alcohol intake "
                    "while taking Janumet.\n", title="Metformin")
    assert "ethanol" in labels(facts, "Metformin", "interaction")
    facts = extract("## Do not take Janumet\n\n- if you drink alcohol to excess\n",
                    title="Metformin")
    assert not labels(facts, "Metformin", "interaction")
    assert "excessive alcohol intake" in labels(facts, "Metformin", "contraindication")


def test_list_nested_examples(extract):
    """list.nested-examples: in 'medicines for pain (NSAIDs and COX-2 inhibitors, such as
    ibuprofen and celecoxib)' the drugs are examples of the classes in the bracket."""
    facts = extract("## Other medicines and Janumet\n\n- medicines used to treat pain and "
                    "inflammation (NSAID and COX-2-inhibitors, such as ibuprofen and "
                    "celecoxib)\n", title="Metformin")
    found = labels(facts, "Metformin", "interaction")
    assert "nonsteroidal anti-inflammatory drug" in found
    assert not found & {"ibuprofen", "celecoxib"}


def test_own_class_is_no_partner(extract):
    """subject.own-class: on a benzodiazepine's page 'Concomitant use of benzodiazepines and
    opioids' names opioids as the partner; 'other benzodiazepines' and 'antidepressants can
    interact with fluoxetine' name partners of the drug's own class."""
    facts = extract("Lorazepam is a benzodiazepine.\n\n## Warnings\n\nConcomitant use of "
                    "benzodiazepines and opioids may result in profound sedation.\n\n"
                    "## Interactions\n\n- Do not combine it with other benzodiazepines.\n",
                    title="Lorazepam")
    found = labels(facts, "Lorazepam", "interaction")
    assert "opioid analgesic" in found or "opioid" in found
    facts_warning_only = extract("Lorazepam is a benzodiazepine.\n\n## Warnings\n\nConcomitant "
                                 "use of benzodiazepines and opioids may result in profound "
                                 "sedation.\n", title="Lorazepam")
    assert "benzodiazepine" not in labels(facts_warning_only, "Lorazepam", "interaction")
    assert "benzodiazepine" in found


def test_list_appositive_class(extract):
    """list.appositive-class: 'a sulphonylurea or insulin, diabetes medicines, together with'
    - the class set off by commas says what the two are; in a plain list it is a partner."""
    facts = extract("## Warnings and precautions\n\nTalk to your doctor if you are taking a "
                    "sulphonylurea or insulin, diabetes medicines, together with Janumet.\n",
                    title="Metformin")
    found = labels(facts, "Metformin", "interaction")
    assert "sulfonylurea" in found and "antidiabetic" not in found
    facts = extract("## Interactions\n\n- Warfarin, NSAIDs, and aspirin raise the risk of "
                    "bleeding.\n", title="Metformin")
    assert "nonsteroidal anti-inflammatory drug" in labels(facts, "Metformin", "interaction")


def test_sentence_cross_reference_is_no_words(extract):
    """sentence.cross-reference: '[see Overdosage (10)]' and '(see section 4)' point to other
    sections; they state no overdose risk and no side effect."""
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nHemodialysis can remove dabigatran; the "
                    "experience with it as a treatment for bleeding is limited [see Overdosage "
                    "(10)]. Dabigatran can cause serious bleeding (see section 4).\n",
                    title="Dabigatran")
    risks = labels(facts, "Dabigatran", "risk")
    assert "bleeding" in risks and "overdose" not in risks


def test_contra_effect_as_condition(extract):
    """contra.effect-as-condition: under Contraindications, 'Severe liver failure' (worded in
    the vocabulary as an adverse effect) is a condition to have; what the combination 'can
    cause' and a stray word ('nervous system') are not."""
    facts = extract("## Contraindications\n\n- Severe liver failure\n- It must not be used with "
                    "apomorphine, because the combination can cause a severe fall in blood "
                    "pressure.\n- Severe depression of the central nervous system\n",
                    title="Lorazepam")
    found = labels(facts, "Lorazepam", "contraindication")
    assert "liver failure" in found and "apomorphine" in found
    assert not found & {"hypotension", "nervousness"}


def test_subject_attributed_effect(extract):
    """subject.attributed-effect: on a combination page a FAQ's 'it can cause drowsiness'
    goes to the component the side effects gave drowsiness, not to both."""
    body = ("## Side effects\n\n- Dizziness and drowsiness (mostly from tramadol)\n\n"
            "## FAQs\n\n**Can I drive?** Not until you know how it affects you, because it can "
            "cause drowsiness and dizziness.\n")
    facts = extract(body, title="Tramadol + Paracetamol")
    assert {"drowsiness", "dizziness"} <= labels(facts, "Tramadol", "adverse-effect")
    assert not labels(facts, "Paracetamol", "adverse-effect")


def test_class_broader_named(extract):
    """class.broader-named: 'SSRI antidepressant' names the broader antidepressant too, and a
    class named as a pair ('analgesic and antipyretic') names both members; 'opioid
    analgesic' does not name analgesic apart from itself."""
    facts = extract("Paracetamol is an analgesic and antipyretic.\n\nFluoxetine is an SSRI "
                    "antidepressant.\n\nTramadol is an opioid analgesic.\n",
                    title="Paracetamol + Fluoxetine + Tramadol")
    assert {"analgesic", "antipyretic"} <= labels(facts, "Paracetamol", "class")
    assert "antidepressant" in labels(facts, "Fluoxetine", "class")
    assert labels(facts, "Tramadol", "class") == {"opioid analgesic"}


def test_mechanism_class_target_beside_another_mechanism(extract):
    """mechanism.class-target: an opioid analgesic that 'binds to mu-opioid receptors' has
    its class's mu-opioid agonism even when the page gives it another mechanism too."""
    facts = extract("Tramadol is an opioid analgesic.\n\n## How it works\n\nTramadol binds to "
                    "mu-opioid receptors in the brain. It also inhibits the reuptake of serotonin "
                    "and norepinephrine.\n", title="Tramadol")
    mechanisms = labels(facts, "Tramadol", "mechanism")
    assert "mu-opioid receptor agonism" in mechanisms
    assert any("reuptake" in m for m in mechanisms)


def test_interaction_taking_levels_and_risk_with(extract):
    """interaction.taking: outside Interactions, 'X raises atorvastatin levels' and 'X raises
    the risk of muscle problems with atorvastatin' name X as a partner; 'the risk of stroke
    in elderly people with dementia' names a population, no partner."""
    facts = extract("## Precautions\n\n- Grapefruit juice in large amounts raises atorvastatin "
                    "levels.\n- Clarithromycin raises the risk of muscle problems with "
                    "atorvastatin.\n- Antipsychotic medicines increase the risk of stroke in "
                    "elderly people with dementia.\n", title="Atorvastatin")
    found = labels(facts, "Atorvastatin", "interaction")
    assert {"grapefruit juice", "clarithromycin"} <= found
    assert "antipsychotic" not in found


def test_list_bracket_alternative(extract):
    """list.bracket-alternative: a bracket that opens with 'or' adds an entry ('high blood
    pressure (or angina)'); one that re-names does not ('(hypertension)')."""
    facts = extract("## Usage\n\nIt is used to treat high blood pressure (or angina).\n",
                    title="Amlodipine")
    assert {"hypertension", "angina"} <= labels(facts, "Amlodipine", "indication")
    facts = extract("## Usage\n\nIt is used to treat high blood pressure (hypertension).\n",
                    title="Amlodipine")
    assert labels(facts, "Amlodipine", "indication") == {"hypertension"}


def test_class_bracket_holds_the_drug(extract):
    """class assertion 'Y (X)': the drug must be inside the class's bracket; 'P-gp inducers
    (e.g., rifampin) reduce exposure to dabigatran' names partners, not dabigatran's class."""
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nThe concomitant use of P-gp inducers "
                    "(e.g., rifampin) reduces exposure to dabigatran.\n\nIt is an anticoagulant "
                    "(dabigatran etexilate).\n", title="Dabigatran")
    assert "p-glycoprotein inducer" not in labels(facts, "Dabigatran", "class")
    assert "p-glycoprotein inducer" in labels(facts, "Dabigatran", "interaction")


def test_mechanism_emphasis_of_an_earlier_target(extract):
    """mechanism.target-action: 'blocks the cyclooxygenase (COX) enzymes, mainly COX-2' is
    the enzymes' inhibition; 'mainly COX-2' says which of them, not a second action."""
    facts = extract("## How it works\n\nAceclofenac blocks the cyclooxygenase (COX) enzymes, "
                    "mainly COX-2, and so lowers the production of prostaglandins.\n",
                    title="Aceclofenac")
    assert labels(facts, "Aceclofenac", "mechanism") == {"cyclooxygenase inhibition"}


def test_list_category_examples(extract):
    """list.category-examples: 'pain and inflammation in conditions such as gout' names each
    condition; 'spasticity from conditions such as cerebral palsy' names a cause, no use."""
    facts = extract("## About naproxen\n\nIt's used to treat pain and inflammation in "
                    "conditions such as rheumatoid arthritis and gout.\n", title="Naproxen")
    assert {"pain", "rheumatoid arthritis", "gout"} <= labels(facts, "Naproxen", "indication")
    facts = extract("## Uses\n\n- Spasticity from conditions such as cerebral palsy\n",
                    title="Diazepam")
    found = labels(facts, "Diazepam", "indication")
    assert "spasticity" in found and "cerebral palsy" not in found


def test_effect_risk_statement_in_the_present_tense(extract):
    """effect.risk-statement: in Warnings, 'X increases the risk of stroke' and 'people
    treated with X have a higher risk of death' state effects of the drug; 'Lowering blood
    pressure reduces the risk of stroke' does not."""
    facts = extract("## Precautions\n\n- Haloperidol increases the risk of stroke.\n"
                    "- Elderly people treated with antipsychotics such as haloperidol have a "
                    "higher risk of death.\n- Lowering blood pressure reduces the risk of "
                    "heart attack.\n", title="Haloperidol")
    effects = labels(facts, "Haloperidol", "adverse-effect")
    assert {"stroke", "increased mortality"} <= effects
    assert "myocardial infarction" not in effects


def test_effect_population_qualifier_is_no_effect(extract):
    """effect.population-qualifier: in 'the risk of stroke and death in elderly people with
    dementia-related psychosis' the psychosis is the population's, not an effect; the stroke
    is one."""
    facts = extract("## Precautions\n\n- Antipsychotic medicines increase the risk of stroke "
                    "and death in elderly people with dementia-related psychosis.\n\n"
                    "## How it works\n\nHaloperidol is an antipsychotic.\n",
                    title="Haloperidol")
    effects = labels(facts, "Haloperidol", "adverse-effect")
    assert "stroke" in effects
    assert "psychosis" not in effects


def test_effect_members_of_category_stand_for_themselves(extract):
    """effect.members-of-category: 'serious heart problems, including a heart attack and
    abnormal heart rhythms' states the heart attack and the arrhythmia, not the category."""
    facts = extract("## Side effects\n\nRarely, sumatriptan can cause serious heart problems, "
                    "including a heart attack, spasm of the coronary arteries and abnormal "
                    "heart rhythms.\n", title="Sumatriptan")
    effects = labels(facts, "Sumatriptan", "adverse-effect")
    assert {"myocardial infarction", "coronary artery spasm", "arrhythmia"} <= effects
    assert "cardiovascular disorder" not in effects


def test_effect_members_of_category_keeps_an_example_that_is_no_member(extract):
    """effect.members-of-category: in 'low blood pressure, including orthostatic hypotension
    and fainting' the member stands for the head and the fainting for itself."""
    facts = extract("## Side effects\n\nIt may cause low blood pressure, including orthostatic "
                    "hypotension and fainting.\n", title="Quetiapine")
    assert labels(facts, "Quetiapine", "adverse-effect") == {"orthostatic hypotension",
                                                             "fainting"}


def test_component_heading_frames_its_sub_sections(extract):
    """section.component-frame: on a combination page written '## Oxycodone' over
    '### Adverse effects', the component heading stays the frame of every deeper heading,
    so an effect stated there (without naming the drug) is that component's only."""
    facts = extract("## Oxycodone\n\n### Adverse effects\n\nVery common effects include "
                    "constipation and drowsiness.\n\n## Naloxone\n\n### Adverse effects\n\n"
                    "Common effects include headache.\n", title="Oxycodone + Naloxone")
    assert {"constipation", "drowsiness"} <= labels(facts, "Oxycodone", "adverse-effect")
    assert labels(facts, "Naloxone", "adverse-effect") == {"headache"}


def test_overview_states_contraindications_and_interactions_by_cue(write, matcher):
    """section.overview: a page with no headings states contraindications and interactions
    with their cues ('should not be used by people with ...', 'taken with alcohol'); a
    product described as 'a combination tablet that contains two medicines' names no
    partner."""
    facts = facts_of(write, matcher,
                     "Temazepam is a benzodiazepine used for insomnia. It should not be used by "
                     "people with severe sleep apnoea. Drowsiness is worse when it is taken "
                     "with alcohol.\n", title="Temazepam")
    assert labels(facts, "Temazepam", "contraindication") == {"sleep apnoea"}
    assert labels(facts, "Temazepam", "interaction") == {"ethanol"}
    assert labels(facts, "Temazepam", "indication") == {"insomnia"}
    combo = facts_of(write, matcher, "Sitagliptin + Metformin is a combination tablet that "
                     "contains two diabetes medicines. It combines a DPP-4 inhibitor "
                     "(sitagliptin) and a biguanide (metformin). Do not take it with alcohol.\n",
                     title="Sitagliptin + Metformin")
    assert labels(combo, "Sitagliptin", "interaction") == {"ethanol"}


def test_indication_denied_use_is_no_use(extract):
    """indication.denied-use: 'It should not be used in people with sleep apnoea' is a
    contraindication, not a use; 'It is used for insomnia' is a use."""
    facts = extract("Temazepam is used for insomnia. Temazepam should not be used in people "
                    "with myasthenia gravis, severe respiratory insufficiency, sleep apnoea or "
                    "severe liver disease.\n", title="Temazepam")
    assert labels(facts, "Temazepam", "indication") == {"insomnia"}
    assert {"myasthenia gravis", "sleep apnoea"} <= labels(facts, "Temazepam",
                                                           "contraindication")


def test_interaction_taking_potentiation_names_partners_not_classes(extract):
    """interaction.taking: 'The sedative effects of X are increased by alcohol, opioid
    painkillers ...' names partners (potentiation), and the agents after 'by' are no classes
    of the drug; list.examples-end-at-a-peer: after the drug examples of 'opioid painkillers
    such as codeine and morphine', 'sedating antihistamines' is the next partner."""
    facts = extract("The sedative effects of temazepam are increased by alcohol, opioid "
                    "painkillers such as codeine and morphine, sedating antihistamines and other "
                    "hypnotics.\n", title="Temazepam")
    partners = labels(facts, "Temazepam", "interaction")
    assert {"ethanol", "opioid analgesic", "sedating antihistamine", "hypnotic"} <= partners
    assert "codeine" not in partners  # an example of the opioid painkillers
    assert not labels(facts, "Temazepam", "class") & {"opioid analgesic",
                                                      "sedating antihistamine"}


def test_list_class_as_title_and_article_entry(extract):
    """list.class-as-title: in 'the antibiotic linezolid' the class says what linezolid is;
    list.examples-end-at-a-peer: ', or the antibiotic linezolid' and ', the painkiller
    tramadol, or St John's wort' are entries of the outer list, not examples of the class
    before them."""
    facts = extract("## Interactions\n\nTell your doctor if you take medicines known as MAO "
                    "inhibitors, such as selegiline or moclobemide, or the antibiotic linezolid."
                    "\n\nTriptans such as sumatriptan, the painkiller tramadol, or St John's wort "
                    "increase the risk of serotonin syndrome.\n", title="Citalopram")
    partners = labels(facts, "Citalopram", "interaction")
    assert {"monoamine oxidase inhibitor", "linezolid", "triptan", "tramadol",
            "st john's wort"} <= partners
    assert not partners & {"antibiotic", "analgesic", "selegiline", "sumatriptan"}


def test_subject_is_a_class_is_no_partner_and_related_is_a_comparison(extract):
    """subject.is-a: under Interactions, 'Carbamazepine is a potent inducer of CYP3A4 and
    reduces the levels of warfarin' names warfarin, not the drug's own group;
    class.comparison: 'chemically related to the tricyclic antidepressants' puts the drug in
    no class."""
    facts = extract("## How it works\n\nCarbamazepine is an anticonvulsant. It is chemically "
                    "related to the tricyclic antidepressants.\n\n## Interactions\n\n"
                    "Carbamazepine is a potent inducer of CYP3A4 and reduces the plasma "
                    "concentrations of warfarin.\n", title="Carbamazepine")
    assert "warfarin" in labels(facts, "Carbamazepine", "interaction")
    assert "cyp3a4 inducer" not in labels(facts, "Carbamazepine", "interaction")
    classes = labels(facts, "Carbamazepine", "class")
    assert "antiepileptic" in classes  # its preferred label
    assert "tricyclic antidepressant" not in classes


def test_effect_reported_without_naming_the_drug(extract):
    """effect.reported: in a label's Warnings, 'Toxic epidermal necrolysis and
    Stevens-Johnson syndrome have been reported' (the drug unnamed) states effects of the
    drug; 'Serotonin syndrome has been reported with triptans' is the triptans'."""
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nToxic epidermal necrolysis and "
                    "Stevens-Johnson syndrome have been reported. Serotonin syndrome has been "
                    "reported with triptans.\n", title="Carbamazepine")
    effects = labels(facts, "Carbamazepine", "adverse-effect")
    assert {"toxic epidermal necrolysis", "stevens-johnson syndrome"} <= effects
    assert "serotonin syndrome" not in effects


def test_effect_purpose_clause_and_included_to_prevent(extract):
    """effect.purpose-clause: 'the naloxone is there to counteract the constipation that
    opioids cause' states what naloxone is for, not an effect of it nor a class;
    assert.purpose-not-denial: 'Naloxone is included to prevent and relieve opioid-induced
    constipation' is a use, not a denial."""
    facts = extract("## About\n\nOxycodone relieves pain; the naloxone is there to counteract "
                    "the constipation that opioids cause.\n\n## Naloxone\n\n### Purpose\n\n"
                    "Naloxone is included to prevent and relieve opioid-induced constipation.\n",
                    title="Oxycodone + Naloxone")
    assert "constipation" not in labels(facts, "Naloxone", "adverse-effect")
    assert "opioid analgesic" not in labels(facts, "Naloxone", "class")
    assert "opioid-induced constipation" in labels(facts, "Naloxone", "indication")


def test_contra_stop_when_detected(extract):
    """contra.stop-when-detected: a boxed warning's 'When pregnancy is detected, discontinue
    Edarbi as soon as possible' contraindicates pregnancy."""
    facts = extract("# EDARBI (azilsartan medoxomil)\n\n## BOXED WARNING: WARNING: FETAL "
                    "TOXICITY\n\n- When pregnancy is detected, discontinue Edarbi as soon as "
                    "possible.\n", title="Azilsartan")
    assert "pregnancy" in labels(facts, "Azilsartan", "contraindication")


def test_contra_reaction_to_drug_is_the_allergy(extract):
    """contra.reaction-to-drug: 'have had asthma, hives, a runny nose or swelling after
    taking aspirin or another NSAID' contraindicates the allergy to aspirin the vocabulary
    names (NSAID hypersensitivity), not asthma, hives or aspirin one by one."""
    facts = extract("## Contraindications\n\n- have had asthma, hives, a runny nose or swelling "
                    "after taking aspirin or another NSAID\n- severe heart failure\n",
                    title="Ibuprofen")
    assert labels(facts, "Ibuprofen", "contraindication") == {"nsaid hypersensitivity",
                                                              "heart failure"}


def test_contra_allergy_object_ends_where_the_sentence_goes_on(extract):
    """contra.allergy-to: in 'must not be used by people who are allergic to it, or together
    with a monoamine oxidase inhibitor (MAOI)' the MAOI is no object of the allergy: it is
    contraindicated (and an interaction); 'allergic to penicillins' keeps its object."""
    facts = extract("## Precautions\n\n- **Contraindications:** Mirtazapine must not be used by "
                    "people who are allergic to it, or together with a monoamine oxidase "
                    "inhibitor (MAOI) or within 14 days of stopping one.\n",
                    title="Mirtazapine")
    assert "monoamine oxidase inhibitor" in labels(facts, "Mirtazapine", "contraindication")
    assert "monoamine oxidase inhibitor" in labels(facts, "Mirtazapine", "interaction")


def test_interaction_as_with_other_is_a_comparison(extract):
    """interaction.comparison: 'As with other antidepressants, young adults should be
    watched closely' compares; it names no partner."""
    facts = extract("## Precautions\n\n- As with other antidepressants, children and young "
                    "adults should be watched closely for suicidal thoughts.\n- Do not take it "
                    "with tramadol.\n", title="Mirtazapine")
    assert labels(facts, "Mirtazapine", "interaction") == {"tramadol"}


def test_contra_effect_not_condition(extract):
    """contra.effect-not-condition: under Contraindications, 'Hydroxyzine can prolong the QT
    interval and cause torsades de pointes' names effects; the QT prolongation a person
    already has ('known QT prolongation') is the contraindication."""
    facts = extract("## Contraindications\n\n- known QT prolongation\n\nHydroxyzine can "
                    "prolong the QT interval and cause a dangerous heart rhythm called torsades "
                    "de pointes.\n", title="Hydroxyzine")
    contra = labels(facts, "Hydroxyzine", "contraindication")
    assert "qt prolongation" in contra
    assert "torsades de pointes" not in contra


def test_sentence_abbreviation_is_no_sentence_end(extract):
    """sentence.abbreviation: 'St. John's Wort' does not end a sentence at 'St.'."""
    facts = extract("## Interactions\n\n- Do not take it with St. John's Wort.\n",
                    title="Apixaban")
    assert "st john's wort" in labels(facts, "Apixaban", "interaction")


def test_effect_described_with_term_closes_the_description(extract):
    """effect.described-with-term: in 'a widespread red rash with small pustules and fever
    (acute generalised exanthematous pustulosis), fainting, a fast heartbeat, or swelling of
    the face' the bracketed term names the described effect and the list goes on after it;
    'Jaundice with fever and dark urine' keeps its symptoms out."""
    facts = extract("## Side effects\n\nGet help straight away if you develop a widespread red "
                    "rash with small pustules and fever (acute generalised exanthematous "
                    "pustulosis), fainting, a fast heartbeat, or swelling of the face.\n\n"
                    "Jaundice with fever and dark urine can occur.\n", title="Hydroxyzine")
    effects = labels(facts, "Hydroxyzine", "adverse-effect")
    assert {"acute generalised exanthematous pustulosis", "fainting", "tachycardia",
            "facial swelling", "jaundice"} <= effects
    assert "fever" not in effects


def test_effect_reported_as_common_with_the_drug(extract):
    """effect.reported: in a precautions section, 'Dizziness and headache are common with the
    combination' states effects; 'Dizziness is common in older people' does not."""
    facts = extract("## Precautions\n\nDizziness and headache are common with the combination."
                    "\n\n## Warnings\n\nFalls are common in older people.\n",
                    title="Perindopril + Indapamide")
    effects = labels(facts, "Perindopril", "adverse-effect")
    assert {"dizziness", "headache"} <= effects
    assert "falls" not in effects


def test_effect_with_symptoms_end_at_the_next_entry(extract):
    """effect.described-with-term: in 'low sodium, raised uric acid with gout, and, rarely,
    photosensitivity' the 'with' phrase ends where ', and' starts the next entry."""
    facts = extract("## Side effects\n\nIndapamide may also cause low sodium, raised uric acid "
                    "with gout, and, rarely, photosensitivity.\n", title="Indapamide")
    assert {"hyponatraemia", "photosensitivity"} <= labels(facts, "Indapamide",
                                                           "adverse-effect")


def test_effect_other_effects_cue_in_a_summary(extract):
    """effect.other-effects: on a page with no headings, 'Other effects include dizziness and
    ataxia' after the side effects states effects."""
    facts = extract("Phenobarbital is a barbiturate. Sedation is the most frequent side effect. "
                    "Other effects include dizziness and ataxia.\n", title="Phenobarbital")
    assert {"dizziness", "ataxia"} <= labels(facts, "Phenobarbital", "adverse-effect")


def test_effect_serious_problems_and_while_taking_in_a_summary(extract):
    """effect.other-effects: 'More serious problems are confusion and ...' states effects on
    a page with no headings; effect.while-taking: so does 'Some have memory trouble while
    taking it'."""
    facts = extract("Zuranolone is an antidepressant. Some have memory trouble while taking "
                    "it. More serious problems are confusion and loss of consciousness.\n",
                    title="Zuranolone")
    assert {"memory impairment", "confusion", "loss of consciousness"} <= labels(
        facts, "Zuranolone", "adverse-effect")
    facts = extract("Pramipexole treats Parkinson's disease. Hallucinations are more likely in "
                    "older people.\n", title="Pramipexole")
    assert labels(facts, "Pramipexole", "adverse-effect") == {"hallucinations"}


def test_effect_interaction_consequence_is_no_side_effect(extract):
    """effect.interaction-consequence: in Precautions, 'may cause a dangerous rise in blood
    pressure when combined with MAO inhibitors' names a partner, not a side effect of the
    drug alone; 'may cause drowsiness' still states one."""
    facts = extract("## Precautions\n\nDiphenoxylate may cause a dangerous rise in blood "
                    "pressure when combined with monoamine oxidase inhibitors. Diphenoxylate may "
                    "cause drowsiness.\n", title="Diphenoxylate")
    assert labels(facts, "Diphenoxylate", "adverse-effect") == {"drowsiness"}
    assert "monoamine oxidase inhibitor" in labels(facts, "Diphenoxylate", "interaction")


def test_associated_with_names_effects_and_a_negated_list_reaches_its_end(extract):
    """effect.population-qualifier: 'has been associated with respiratory depression and
    respiratory arrest' names effects, no symptoms; assert.list-scope: 'is not typically
    associated with the sexual side effects or the weight gain often seen' denies both."""
    facts = extract("Midazolam is a benzodiazepine. Midazolam has been associated with "
                    "respiratory depression and respiratory arrest. Midazolam is not typically "
                    "associated with the sexual side effects or the weight gain often seen with "
                    "other medicines.\n", title="Midazolam")
    effects = labels(facts, "Midazolam", "adverse-effect")
    assert {"respiratory depression", "respiratory arrest"} <= effects
    assert "weight gain" not in effects


def test_effect_bracketed_syndrome_names_the_signs_before_it(extract):
    """effect.bracketed-syndrome: 'a high temperature, stiff muscles and sweating
    (neuroleptic malignant syndrome)' lists the syndrome's signs, not three effects; a
    bracket naming no syndrome names only the head before it."""
    facts = extract("## Side effects\n\n- a high temperature, stiff muscles and sweating "
                    "(neuroleptic malignant syndrome)\n- headache, sudden muscle spasms of the "
                    "neck (acute dystonia)\n", title="Chlorpromazine")
    assert labels(facts, "Chlorpromazine", "adverse-effect") == {
        "neuroleptic malignant syndrome", "headache", "acute dystonia"}


def test_subject_label_restated_by_its_body(extract):
    """subject.label-restated: on a combination page, '**Habit-forming:** butalbital is
    habit-forming. Neither aspirin nor caffeine is habit-forming.' gives the risk to
    butalbital alone: the body, not the label, says whose it is."""
    facts = extract("## Precautions\n\n**Habit-forming:** butalbital is habit-forming. Neither "
                    "aspirin nor caffeine is habit-forming.\n",
                    title="Butalbital + Aspirin + Caffeine")
    assert "dependence" in labels(facts, "Butalbital", "risk")
    assert "dependence" not in labels(facts, "Aspirin", "risk")
    assert "dependence" not in labels(facts, "Caffeine", "risk")


def test_subject_pronoun_clause_before_a_semicolon_keeps_the_topic(extract):
    """subject.pronoun-clause: under '### Quinidine', 'It is an antiarrhythmic drug at higher
    doses; here it slows the breakdown of dextromethorphan' is about quinidine up to the
    semicolon, though the clause after it names the other component."""
    facts = extract("## The two components\n\n### Quinidine\n\nQuinidine has little effect on "
                    "mood. It is an antiarrhythmic drug at higher doses; here it slows the "
                    "breakdown of dextromethorphan.\n", title="Dextromethorphan + Quinidine")
    assert "antiarrhythmic" in labels(facts, "Quinidine", "class")
    assert "antiarrhythmic" not in labels(facts, "Dextromethorphan", "class")


def test_subject_pronoun_after_an_opening_adverbial(extract):
    """subject.pronoun: under Uses, 'In some countries it is also given as a syrup to calm a
    dry cough' is about the drug: a use; a sentence about something else is not."""
    facts = extract("## What it treats\n\nIn some countries it is also given as a syrup to "
                    "calm a dry, persistent cough.\n\nIn some countries cough is common in "
                    "winter.\n", title="Hydromorphone")
    assert labels(facts, "Hydromorphone", "indication") == {"cough"}
    facts = extract("## What it treats\n\nIn some countries cough is common in winter.\n",
                    title="Hydromorphone")
    assert not labels(facts, "Hydromorphone", "indication")
    # any opening phrase but a comparison or a condition: 'Despite its name, it belongs to
    # a group of medicines called gabapentinoids'
    facts = extract("Gabapentin treats epilepsy. Despite its name and its resemblance to GABA, "
                    "it belongs to a group of medicines called gabapentinoids. Unlike diazepam, "
                    "it is not habit-forming.\n", title="Gabapentin")
    assert labels(facts, "Gabapentin", "class") == {"gabapentinoid"}
    facts = extract("## Usage\n\nThese tablets are used together with fluids to control "
                    "sudden diarrhoea.\n", title="Diphenoxylate")
    assert labels(facts, "Diphenoxylate", "indication") == {"diarrhoea"}


def test_interaction_breakdown_cue_and_containing_compound(extract):
    """interaction.taking: 'It speeds the breakdown of many other drugs, including warfarin'
    names warfarin (enzyme induction), and in 'estrogen-containing oral contraceptives' the
    partner is the contraceptives, not estrogen (interaction.comparison's neighbour: a name
    inside a compound)."""
    facts = extract("Phenobarbital is a barbiturate. It speeds the breakdown of many other "
                    "drugs, including warfarin and estrogen-containing oral contraceptives.\n",
                    title="Phenobarbital")
    partners = labels(facts, "Phenobarbital", "interaction")
    assert "warfarin" in partners
    assert "estrogen" not in partners and "estradiol" not in partners


def test_class_in_a_subordinate_clause_or_compared_is_not_the_drugs(extract):
    """class.comparison: 'It is used in status epilepticus when benzodiazepines have failed'
    and 'chemically different from tricyclic antidepressants and from SSRIs' put the drug in
    neither class; 'It is a barbiturate' does."""
    facts = extract("Phenobarbital is a barbiturate. It is used in status epilepticus when "
                    "benzodiazepines have failed. It is chemically different from tricyclic "
                    "antidepressants and from SSRIs.\n", title="Phenobarbital")
    classes = labels(facts, "Phenobarbital", "class")
    assert "barbiturate" in classes
    assert not classes & {"benzodiazepine", "tricyclic antidepressant",
                          "selective serotonin reuptake inhibitor"}
    # 'works about as well as a Z-drug such as zolpidem' compares
    facts = extract("Chloral hydrate is a sedative. It works about as well as a Z-drug such as "
                    "zolpidem for a week or two.\n", title="Chloral hydrate")
    assert labels(facts, "Chloral hydrate", "class") == {"sedative"}
    # class.partner-after-copula: after 'with' the classes are partners, not the drug's
    facts = extract("Dextromethorphan is a cough suppressant. It weakly inhibits the reuptake "
                    "of serotonin, which is why it can trigger serotonin syndrome with SSRIs or "
                    "MAO inhibitors.\n", title="Dextromethorphan")
    assert labels(facts, "Dextromethorphan", "class") == {"cough suppressant"}
    assert {"selective serotonin reuptake inhibitor", "monoamine oxidase inhibitor"} <= labels(
        facts, "Dextromethorphan", "interaction")


def test_list_shared_head(extract):
    """list.shared-head: 'tonic-clonic and focal seizures' names two conditions, the first
    modifier sharing the head noun of the second, and so does 'a blocked or paralysed bowel';
    'nausea and vomiting' shares nothing, and degrees ('moderate or severe') name one thing."""
    facts = extract("## Uses\n\nIt treats tonic-clonic and focal seizures.\n\n"
                    "## Side effects\n\n* Liver and kidney problems\n* Nausea and vomiting\n\n"
                    "## Contraindications\n\nDo not take it if you have moderate or severe "
                    "liver disease, or a blocked or paralysed bowel.\n", title="Lamotrigine")
    assert labels(facts, "Lamotrigine", "indication") == {
        "generalised tonic-clonic seizures", "focal seizures"}
    assert labels(facts, "Lamotrigine", "adverse-effect") == {
        "hepatobiliary disorder", "renal and urinary disorder", "nausea", "vomiting"}
    contra = labels(facts, "Lamotrigine", "contraindication")
    assert "moderate hepatic impairment" not in contra
    # 'or' shares the head as well: a blocked bowel and a paralysed one
    assert {"intestinal obstruction", "paralytic ileus"} <= contra
    # a degree before the first modifier grades both conditions
    facts = extract("## Contraindications\n\n- severe liver or kidney disease\n",
                    title="Lamotrigine")
    assert labels(facts, "Lamotrigine", "contraindication") == {
        "severe hepatic impairment", "severe renal impairment"}


def test_effect_named_pair(extract):
    """effect.named-pair: a pair the vocabulary records as one effect narrower than both
    ('abnormal thinking and behaviour changes', the hypnotics' warning) stays whole, where
    'diarrhoea and constipation' are two effects."""
    facts = extract("## Side effects\n\n* Abnormal thinking and behaviour changes\n"
                    "* Diarrhoea and constipation\n", title="Zolpidem")
    assert labels(facts, "Zolpidem", "adverse-effect") == {
        "abnormal thinking and behavioural changes", "diarrhoea", "constipation"}
    # the vocabulary's wording of raised blood lipids, not raised cholesterol alone
    facts = extract("## Side effects\n\n* Raised cholesterol and triglycerides\n",
                    title="Risperidone")
    assert labels(facts, "Risperidone", "adverse-effect") == {"hyperlipidaemia"}


def test_interaction_population_taking(extract):
    """interaction.population-taking: 'especially in people who are dehydrated or taking
    diuretics' among side effects names diuretics as a partner; a population with a condition
    names none, and other medicines named among side effects are no partners."""
    facts = extract("## Side effects\n\nVery low blood pressure can occur, especially in "
                    "people who are dehydrated or taking diuretics. Ankle swelling is more "
                    "common in people with heart failure. It is less common than with "
                    "nifedipine.\n", title="Amlodipine")
    assert labels(facts, "Amlodipine", "interaction") == {"diuretic"}
    facts = extract("## Warnings\n\nHyponatraemia can occur in patients being treated with "
                    "high doses of diuretics.\n", title="Carbamazepine")
    assert labels(facts, "Carbamazepine", "interaction") == {"diuretic"}


def test_list_or_other(extract):
    """list.or-other: 'heart block or other serious heart rhythm disorders' is one
    contraindication, the group; 'schizophrenia and other psychotic disorders' names both."""
    facts = extract("## Contraindications\n\nIt should not be used by people with heart block "
                    "or other serious heart rhythm disorders, or by people with epilepsy.\n\n"
                    "## Uses\n\n- Schizophrenia and other psychotic disorders\n",
                    title="Amitriptyline")
    assert labels(facts, "Amitriptyline", "contraindication") == {"arrhythmia", "epilepsy"}
    assert {"schizophrenia", "psychosis"} <= labels(facts, "Amitriptyline", "indication")


def test_section_unknown_is_read_by_cue(extract):
    """section.unknown-is-read-by-cue: a top-level heading the table cannot file opens a
    section read like the overview, not more of the Side Effects before it; and there (as
    effect.population-qualifier) 'If you have diabetes' is the reader's condition."""
    facts = extract("## Side effects\n\n- Nausea\n\n## Practical tips\n\nIt is used to treat "
                    "gout. Levels rise in kidney failure.\n\n## Diabetes\n\nIf you have "
                    "diabetes, allopurinol can hide the warning signs of low blood sugar, "
                    "such as shaking, and it can make low blood sugar last longer.\n",
                    title="Allopurinol")
    assert labels(facts, "Allopurinol", "indication") == {"gout"}
    effects = labels(facts, "Allopurinol", "adverse-effect")
    assert "nausea" in effects
    assert not effects & {"gout", "kidney failure", "new-onset diabetes"}


def test_mechanism_acts_as(extract):
    """mechanism.acts-as: 'acts as a positive allosteric modulator of the GABA-A receptor'
    states the mechanism in any section (here an encyclopaedia's prose), with the polarity of
    the agent noun; a negative modulator is not a positive one."""
    facts = extract("Like other benzodiazepines, temazepam acts as a positive allosteric "
                    "modulator of the GABA-A receptor.\n", title="Temazepam")
    assert labels(facts, "Temazepam", "mechanism") == {
        "gaba-a receptor positive allosteric modulation"}
    facts = extract("## How it works\n\nIt is a negative allosteric modulator of the GABA-A "
                    "receptor.\n", title="Flumazenil")
    assert "gaba-a receptor positive allosteric modulation" not in labels(
        facts, "Flumazenil", "mechanism")


def test_indication_how_it_works(extract):
    """indication.how-it-works: under Uses, 'It works by stopping the growth of bacteria which
    can cause serious infections' says how it works, not a use; 'It is used to treat skin
    infections' is one. (The vocabulary knows 'serious infection' as severe infection, a
    contraindication of metformin.)"""
    facts = extract("## Uses\n\nIt is used to treat skin infections. It works by stopping "
                    "the growth of certain bacteria which can cause serious infections.\n\n"
                    "## Contraindications\n\nDo not take it if you have a serious infection.\n",
                    title="Tedizolid")
    assert "severe infection" not in labels(facts, "Tedizolid", "indication")
    assert labels(facts, "Tedizolid", "indication")
    assert labels(facts, "Tedizolid", "contraindication") == {"severe infection"}


def test_block_described_use(extract):
    """block.described-use: '**Bipolar I disorder** - short-term treatment of manic or mixed
    episodes' is the use its label names; '**Headache prevention:** it is used to prevent
    migraine attacks' files the use its text names."""
    facts = extract("## Uses\n\n* **Bipolar I disorder** – short-term treatment of manic or "
                    "mixed episodes in adults.\n* **Headache prevention:** it is used to "
                    "prevent migraine attacks.\n", title="Risperidone")
    uses = labels(facts, "Risperidone", "indication")
    assert {"bipolar disorder", "migraine"} <= uses
    assert "mixed affective episode" not in uses


def test_mechanism_polarity_over_a_binding_wording(extract):
    """mechanism.polarity: 'binds to the GABA-A receptor and blocks it' is no positive
    modulation, although 'binds to GABA-A receptors' alone is one of its wordings."""
    facts = extract("## How it works\n\nIt binds to the GABA-A receptor and blocks it.\n",
                    title="Flumazenil")
    assert "gaba-a receptor positive allosteric modulation" not in labels(
        facts, "Flumazenil", "mechanism")
    facts = extract("## How it works\n\nIt binds to GABA-A receptors.\n", title="Temazepam")
    assert labels(facts, "Temazepam", "mechanism") == {
        "gaba-a receptor positive allosteric modulation"}


def test_mechanism_broader_target_and_transporters(extract):
    """mechanism.broader-target: 'stimulates dopamine D3 receptors' is dopamine receptor
    agonism; 'blocks the serotonin transporter' is serotonin reuptake inhibition, never a
    serotonin receptor's antagonism."""
    facts = extract("## How it works\n\nIt stimulates dopamine D3 receptors. It also blocks "
                    "the serotonin transporter.\n", title="Ropinirole")
    assert labels(facts, "Ropinirole", "mechanism") == {
        "dopamine receptor agonism", "serotonin reuptake inhibition"}


def test_assert_denied_after_and_comparison_scope(extract):
    """assert.denied-after: 'Drowsiness has not been reported', 'addiction is unlikely' deny
    what comes before; assert.comparison-scope: 'Unlike older antidepressants, it causes
    weight gain' states the weight gain."""
    facts = extract("## Side effects\n\nDrowsiness has not been reported. Addiction is "
                    "unlikely. Nausea is common. Unlike older antidepressants, it causes "
                    "weight gain.\n", title="Buspirone")
    assert labels(facts, "Buspirone", "adverse-effect") == {"nausea", "weight gain"}
    assert "dependence" not in labels(facts, "Buspirone", "risk")


def test_prescribe_cue_and_allergy_to_it(extract):
    """indication cue: 'Doctors prescribe it for epilepsy' states a use (cues.TREATS); 'have
    ever had an allergic reaction to it' is hypersensitivity to the drug, not any allergy."""
    facts = extract("## Uses\n\nDoctors prescribe it for epilepsy and bipolar disorder.\n\n"
                    "## Contraindications\n\nYou should not take it if you:\n\n- have glaucoma\n"
                    "- have ever had an allergic reaction to it\n", title="Lamotrigine")
    assert labels(facts, "Lamotrigine", "indication") == {"epilepsy", "bipolar disorder"}
    assert labels(facts, "Lamotrigine", "contraindication") == {
        "glaucoma", "hypersensitivity to the drug"}


def test_lay_risk_wordings_and_modal_subject(extract):
    """Lay wordings of the headline risks ('can make you dependent on it', 'can slow or stop
    your breathing'), and subject.causal with any verb after a modal: in 'tramadol can stop
    breathing and paracetamol can destroy the liver' the breathing is tramadol's only."""
    facts = extract("## Warnings\n\nTaking it for a long time can make you dependent on it. "
                    "It can slow or stop your breathing.\n", title="Diazepam")
    assert {"dependence", "respiratory depression"} <= labels(facts, "Diazepam", "risk")
    facts = extract("## Overdose\n\nAn overdose is a medical emergency: tramadol can stop "
                    "breathing and paracetamol can destroy the liver.\n",
                    title="Tramadol + Paracetamol")
    assert "respiratory depression" in labels(facts, "Tramadol", "risk")
    assert "respiratory depression" not in labels(facts, "Paracetamol", "risk")


def test_class_named_group(extract):
    """class.named-group: 'a group of antidepressants called SSRIs' states both classes; 'a
    form of diabetes called type 2 diabetes' names only the precise condition."""
    facts = extract("## Uses\n\nCitalopram belongs to a group of antidepressants called "
                    "selective serotonin reuptake inhibitors (SSRIs). It treats a form of "
                    "depression called major depressive disorder.\n", title="Citalopram")
    assert labels(facts, "Citalopram", "class") == {
        "antidepressant", "selective serotonin reuptake inhibitor"}
    assert labels(facts, "Citalopram", "indication") == {"major depressive disorder"}


def test_assert_neither_prohibits_elliptical_inversion(extract):
    """assert.neither-prohibits: '..., and neither should people allergic to X' repeats the
    prohibition before it: the allergy is a contraindication, not denied."""
    facts = extract("## Precautions\n\nPeople with glaucoma should not take them, and "
                    "neither should people allergic to atropine.\n", title="Atropine")
    assert {"glaucoma", "hypersensitivity to the drug"} <= labels(facts, "Atropine",
                                                                "contraindication")


def test_interaction_consequence_not_partner(extract):
    """interaction.consequence-not-partner: in an interactions list, the objects of 'has
    caused' are effects of the combination, not partners the vocabulary does not know."""
    facts = extract("## Interactions\n\n- Furosemide given into a vein shortly after it has "
                    "caused sweating and swings in blood pressure.\n- herbal sleep tonics\n",
                    title="Chloral hydrate")
    found = labels(facts, "Chloral hydrate", "interaction")
    assert "furosemide" in found and "herbal sleep tonics" in found
    assert "swings in blood pressure" not in found


def test_contra_recent_event(extract):
    """contra.recent-event: 'had a heart attack within the last 6 weeks' is a recent heart
    attack; 'a heart attack' alone is not."""
    facts = extract("## Do not use it\n\n- if you have had a heart attack within the last 6 "
                    "weeks\n", title="Esketamine")
    assert labels(facts, "Esketamine", "contraindication") == {"recent myocardial infarction"}
    facts = extract("## Do not use it\n\n- if you have ever had a heart attack\n",
                    title="Esketamine")
    assert labels(facts, "Esketamine", "contraindication") == {"myocardial infarction"}


def test_contra_age_group_in_a_sentence(extract):
    """contra.age-group: 'Do not give these tablets to children younger than 6 years' forbids
    the drug for that age group; an age in a dosing sentence is no contraindication."""
    facts = extract("## Precautions\n\nDo not give these tablets to children younger than 6 "
                    "years.\n\n## Dosage\n\nChildren under 12 years take half a tablet.\n",
                    title="Diphenoxylate")
    assert labels(facts, "Diphenoxylate", "contraindication") == {
        "children younger than 6 years"}


def test_contra_qualified_condition_is_not_its_bare_head(extract):
    """contra.qualified-condition: 'jaundice caused by a blocked bile duct' contraindicates
    the blocked duct, not jaundice as such; an unqualified condition in the same sentence
    stays."""
    facts = extract("## Precautions\n\nDo not use it if you have jaundice caused by a "
                    "blocked bile duct, or glaucoma.\n", title="Diphenoxylate")
    contra = labels(facts, "Diphenoxylate", "contraindication")
    assert {"biliary obstruction", "glaucoma"} <= contra
    assert "jaundice" not in contra


def test_interaction_taking_partners_that_modify_its_effect(extract):
    """interaction.taking outside Interactions: partners named as the subject of a verb that
    strengthens or weakens the drug's effect ('deepen and prolong its effect', 'add to its
    sedation', 'make it far less effective')."""
    facts = extract("## Things to avoid\n\nCimetidine can also deepen and prolong its "
                    "effect.\n\nAlcohol and opioids add to its sedation.\n\nRifampicin makes "
                    "it far less effective.\n", title="Flurazepam")
    assert {"cimetidine", "ethanol", "opioid analgesic", "rifampicin"} <= labels(
        facts, "Flurazepam", "interaction")
    facts = extract("## Precautions\n\nAlcohol and sleeping tablets add to the sleepiness.\n",
                    title="Pramipexole")
    assert {"ethanol", "hypnotic"} <= labels(facts, "Pramipexole", "interaction")


def test_interaction_taking_absorption_levels_and_effectiveness(extract):
    """interaction.taking outside Interactions: 'Antacids reduce the absorption of X',
    'Levels of X are raised by fluconazole', 'X may reduce the effectiveness of hormonal
    contraceptives' and 'Some medicines can affect how X works, for example rifampicin' name
    partners; a precaution naming no such link names none."""
    facts = extract("## Precautions\n\nAntacids reduce the absorption of clorazepate. Levels "
                    "of clorazepate are raised by fluconazole. Clorazepate may reduce the "
                    "effectiveness of hormonal contraceptives. Some medicines can affect how "
                    "clorazepate works, for example rifampicin. Older people taking "
                    "clorazepate may fall.\n", title="Clorazepate")
    assert labels(facts, "Clorazepate", "interaction") == {
        "antacid", "fluconazole", "hormonal contraceptive", "rifampicin"}


def test_severity_emergency_heading_wordings(write, matcher):
    """severity.emergency-lead: 'Call your doctor right away if you have:' and 'call an
    ambulance' mark the effects under them serious; 'Some people notice weight gain' does
    not."""
    facts = page_facts(write, matcher, "## Side effects\n\nSome people notice weight gain.\n\n"
                       "### Call your doctor right away if you have:\n\n- fits (seizures)\n\n"
                       "If you have chest pain, call an ambulance.\n", title="Ropinirole")
    serious = {f.concept.label: f.serious for f in facts
               if f.predicate == "adverse-effect" and f.concept}
    assert serious == {"weight gain": False, "seizures": True, "chest pain": True}


def test_list_lead_forbids(extract):
    """list.lead-forbids: 'Do not take it if you:' makes its items contraindications in any
    section; list.history-lead: the NHS's 'X is not suitable for some people. Tell your
    doctor if you:' asks for the doctor's judgement - cautions, as in the dev-c NHS page -
    and its items are the reader's conditions, not risks."""
    facts = extract("## Who can and cannot take nitrazepam\n\nNitrazepam is not suitable for "
                    "some people. Tell your doctor if you:\n\n- have myasthenia gravis\n"
                    "- have bone marrow problems\n\n## Warnings\n\nDo not take it if you:\n\n"
                    "- have sleep apnoea\n", title="Nitrazepam")
    assert labels(facts, "Nitrazepam", "contraindication") == {"sleep apnoea"}
    assert not labels(facts, "Nitrazepam", "risk")


def test_interaction_taking_using_or_given_with(extract):
    """interaction.taking: 'Using tapentadol with benzodiazepines ... can lead to profound
    sedation' and 'when tapentadol is given with SSRIs' name partners in Warnings."""
    facts = extract("## Warnings\n\nUsing tapentadol with benzodiazepines or alcohol can lead "
                    "to profound sedation. Serotonin syndrome can occur when tapentadol is "
                    "given with SSRIs.\n", title="Tapentadol")
    assert labels(facts, "Tapentadol", "interaction") == {
        "benzodiazepine", "ethanol", "selective serotonin reuptake inhibitor"}


def test_severity_less_common_is_a_band(write, matcher):
    """severity.band: 'Less common:' and 'Uncommon' are frequency bands of ordinary side
    effects; 'Less common but serious:' is serious by its own word."""
    facts = page_facts(write, matcher, "## Side effects\n\n**Less common:** dry mouth.\n\n"
                       "**Less common but serious:** seizures.\n", title="Tiagabine")
    serious = {f.concept.label: f.serious for f in facts
               if f.predicate == "adverse-effect" and f.concept}
    assert serious == {"dry mouth": False, "seizures": True}


def test_effect_withdrawal_symptoms(extract):
    """effect.withdrawal-symptoms: 'Stopping suddenly may cause anxiety and tremor' states
    the withdrawal risk, not anxiety and tremor as side effects; 'It can cause headache'
    states one."""
    facts = extract("## Side effects\n\nIt can cause headache. Stopping suddenly may cause "
                    "anxiety and tremor. Stopping can cause withdrawal symptoms such as "
                    "sweating.\n", title="Baclofen")
    assert labels(facts, "Baclofen", "adverse-effect") == {"headache"}
    assert "withdrawal" in labels(facts, "Baclofen", "risk")
    facts = extract("## Side effects\n\nIt can cause headache. After abrupt cessation, a "
                    "discontinuation syndrome has been described that can include agitation, "
                    "nightmares and hallucinations.\n", title="Phenelzine")
    effects = labels(facts, "Phenelzine", "adverse-effect")
    assert "headache" in effects
    assert not {"agitation", "nightmares", "hallucinations"} & effects


def test_assert_minimal_effect_and_reuptake_before(extract):
    """assert.minimal-effect: 'only a minimal effect on serotonin reuptake' does not act on
    serotonin; 'without evidence of harm to the baby' is no fetal harm; and
    mechanism.reuptake-before: 'blocks noradrenaline reuptake' is its reuptake inhibition."""
    facts = extract("## How it works\n\nIt is a mu-opioid agonist and also blocks noradrenaline "
                    "reuptake; it has only a minimal effect on serotonin reuptake.\n\n"
                    "## Pregnancy\n\nIt has been used in pregnancy without evidence of harm to "
                    "the baby.\n", title="Tapentadol")
    assert labels(facts, "Tapentadol", "mechanism") >= {"norepinephrine reuptake inhibition"}
    assert "serotonin reuptake inhibition" not in labels(facts, "Tapentadol", "mechanism")
    assert "serotonin" not in labels(facts, "Tapentadol", "target")
    assert "teratogenicity" not in labels(facts, "Tapentadol", "risk")
    # in lay words: 'stops nerve endings from taking back (reabsorbing) noradrenaline'
    facts = extract("## Inside the brain\n\nIt stops nerve endings from taking back "
                    "(reabsorbing) noradrenaline.\n", title="Nortriptyline")
    assert "norepinephrine reuptake inhibition" in labels(facts, "Nortriptyline", "mechanism")


def test_section_bold_lead_scope(extract):
    """section.bold-lead-scope: '**Do not take** this medicine if you:' heads its list only;
    '**Urine drug tests.** ...' after it is no contraindication, and '**Alcohol.** Avoid
    alcohol ... while taking it' is an interaction, not a contraindication."""
    facts = extract("## Precautions\n\n**Do not take** this medicine if you:\n\n- have glaucoma\n"
                    "\n**Urine drug tests.** It can give a false positive result.\n\n"
                    "**Alcohol.** Avoid alcohol while taking it.\n", title="Doxylamine")
    assert labels(facts, "Doxylamine", "contraindication") == {"glaucoma"}
    assert labels(facts, "Doxylamine", "interaction") == {"ethanol"}
    # a plain lead closed by a colon heads its list only; under a Contraindications heading
    # the paragraph after the list is the heading's again
    facts = extract("## Cautions\n\nDo not use doxepin if you have:\n\n- glaucoma\n\nTake "
                    "extra care with epilepsy.\n\n### Contraindications\n\nIt must not be used "
                    "by people with:\n\n- asthma\n\nIt should also be avoided in shock.\n",
                    title="Doxepin")
    assert labels(facts, "Doxepin", "contraindication") == {"glaucoma", "asthma", "shock"}


def test_mechanism_target_action_lay_verb_and_stupor(extract):
    """mechanism.target-action: the lay 'switches on dopamine receptors' is their agonism;
    and 'stupor' is an effect of its own (short of coma)."""
    facts = extract("## How it works\n\nIt switches on dopamine receptors in the brain.\n\n"
                    "## Side effects\n\nAn overdose can cause stupor.\n", title="Ropinirole")
    assert labels(facts, "Ropinirole", "mechanism") == {"dopamine receptor agonism"}
    assert "stupor" in labels(facts, "Ropinirole", "adverse-effect")


def test_mechanism_anaphoric_target(extract):
    """mechanism.anaphoric-target: 'it blocks these serotonin receptors' points back at the
    5-HT3 receptors of the class name; no broader serotonin receptor antagonism is added,
    while a demonstrative target with nothing before it still gives its mechanism."""
    facts = extract("## How it works\n\nIt is a selective 5-HT3 receptor antagonist: it blocks "
                    "these serotonin receptors so that the signal does not reach the brain.\n",
                    title="Ondansetron")
    assert labels(facts, "Ondansetron", "mechanism") == {"5-ht3 receptor antagonism"}
    alone = extract("## How it works\n\nIt blocks these dopamine receptors in the brain.\n",
                    title="Haloperidol")
    assert any("dopamine" in label and "antagonism" in label
               for label in labels(alone, "Haloperidol", "mechanism"))


def test_interaction_taking_not_hydration_advice(extract):
    """interaction.taking: 'drink plenty of fluids and ask about a mild laxative' is advice,
    naming no partner; 'drinking alcohol while taking it' still names alcohol."""
    facts = extract("## FAQs\n\n**Q: Why am I constipated?** A: It slows the gut. Drink plenty "
                    "of fluids and ask about a mild laxative.\n\n**Q: Can I drink alcohol?** "
                    "A: Drinking alcohol while taking it makes you more drowsy.\n",
                    title="Ondansetron")
    assert labels(facts, "Ondansetron", "interaction") == {"ethanol"}


def test_effect_remedied_object(extract):
    """effect.remedied-object: 'it rapidly reverses respiratory depression' names what the
    drug remedies, no risk or effect of it; 'it can cause nausea' beside it still counts."""
    facts = extract("## Side effects\n\nGiven in an emergency, it rapidly reverses respiratory "
                    "depression. It can cause nausea.\n", title="Naloxone")
    assert "respiratory depression" not in labels(facts, "Naloxone", "risk")
    assert "respiratory depression" not in labels(facts, "Naloxone", "adverse-effect")
    assert "nausea" in labels(facts, "Naloxone", "adverse-effect")


def test_section_overview_reads_adverse_effects_by_cue(extract):
    """section.overview: an encyclopaedia's 'The most frequent adverse effects are ...' states
    effects; 'helps many people recover from depression' is what it remedies
    (effect.remedied-object), not an effect."""
    facts = extract("Temazepam is a benzodiazepine. The most frequent adverse effects are "
                    "drowsiness, dizziness and lethargy. It helps many people recover from "
                    "depression.\n", title="Temazepam")
    effects = labels(facts, "Temazepam", "adverse-effect")
    assert {"drowsiness", "dizziness", "lethargy"} <= effects
    assert "depression" not in effects


def test_effect_purpose_clause_coordinated_cue(extract):
    """effect.purpose-clause: in 'Besides insomnia, it is given before surgery to reduce
    anxiety and cause sedation' the cause is a purpose; no effect comes of it, while a
    plain 'It can cause dizziness' still states one."""
    facts = extract("Besides insomnia, temazepam is given before surgery to reduce anxiety and "
                    "cause sedation. It can cause dizziness.\n", title="Temazepam")
    effects = labels(facts, "Temazepam", "adverse-effect")
    assert "insomnia" not in effects
    assert "dizziness" in effects


def test_purpose_not_denial_and_article_entry_of_two_words(extract):
    """assert.purpose-not-denial: 'prescribed to treat and prevent deep vein thrombosis' is a
    use; list.examples-end-at-a-peer: 'the heart medicine amiodarone' after the antibiotics'
    examples is an entry of its own."""
    facts = extract("## Uses\n\nIt is prescribed to treat and prevent deep vein thrombosis.\n\n"
                    "## Interactions\n\nAntibiotics such as metronidazole and clarithromycin, the "
                    "heart medicine amiodarone, and the antifungal fluconazole can make warfarin "
                    "stronger.\n", title="Warfarin")
    assert "deep vein thrombosis" in labels(facts, "Warfarin", "indication")
    assert {"amiodarone", "fluconazole", "antibiotic"} <= labels(facts, "Warfarin",
                                                                 "interaction")


def test_list_other_group(extract):
    """list.other-group: in 'Sprains, strains and other muscle and joint injuries' the words
    after 'and other' name the group, not entries: no 'other muscle' or 'joint injuries';
    the entries before it stay."""
    facts = extract("## Uses\n\nIt is used to relieve pain in:\n\n* Osteoarthritis\n"
                    "* Sprains, strains and other muscle and joint injuries\n",
                    title="Aceclofenac")
    uses = labels(facts, "Aceclofenac", "indication")
    assert "osteoarthritis" in uses
    assert not {"other muscle", "joint injuries"} & uses


def test_section_precautions_lay_question_and_take_special_care(extract):
    """section.precautions: 'Is it safe for me?' and the older EMA 'Take special care' are
    precautions; the 'Do not take' list under them stays contraindications, and the
    warnings after 'Take special care' are read as warnings, not contraindications."""
    facts = extract("## Is it safe for me?\n\n**Do not take triazolam if you:**\n\n"
                    "- have sleep apnoea\n\n**Take special care:**\n\n"
                    "- **Habit-forming:** triazolam can lead to physical and psychological "
                    "dependence.\n- **Older people** are more likely to fall and break a hip.\n",
                    title="Triazolam")
    assert labels(facts, "Triazolam", "contraindication") == {"sleep apnoea"}
    assert "dependence" in labels(facts, "Triazolam", "risk")


def test_subject_attributed_effect_section_and_every_component(extract):
    """subject.attributed-effect: 'Almost all side effects come from the buprenorphine;
    naloxone ... is barely absorbed' gives the section's list to buprenorphine alone;
    subject.every-component: 'allergic reactions to either ingredient' is both components'."""
    facts = extract("## Side effects\n\nAlmost all side effects come from the buprenorphine; "
                    "naloxone taken this way is barely absorbed.\n\n1. Common:\n"
                    "   - constipation\n   - headache\n2. Serious:\n"
                    "   - severe allergic reactions to either ingredient\n",
                    title="Buprenorphine + Naloxone")
    assert {"constipation", "headache"} <= labels(facts, "Buprenorphine", "adverse-effect")
    naloxone = labels(facts, "Naloxone", "adverse-effect")
    assert not {"constipation", "headache"} & naloxone
    assert "anaphylaxis" in naloxone  # the vocabulary's concept for severe allergic reactions


def test_risk_fetal_harm_in_a_contraindication(extract):
    """risk.fetal-harm: a 'Do not take' item that says why ('are pregnant — benzodiazepines
    taken late in pregnancy can cause breathing problems ... in the newborn baby') states the
    harm as well as the contraindication."""
    facts = extract("## Do not take it if you\n\n- are pregnant — benzodiazepines taken late in "
                    "pregnancy can cause breathing problems and withdrawal symptoms in the "
                    "newborn baby.\n", title="Triazolam")
    assert "pregnancy" in labels(facts, "Triazolam", "contraindication")
    assert "teratogenicity" in labels(facts, "Triazolam", "risk")
    # harm as a resulting state: 'can leave the newborn baby floppy, with breathing
    # difficulties'
    facts = extract("## Things to avoid\n\nUse in the last three months of pregnancy can leave "
                    "the newborn baby floppy and sleepy, with breathing difficulties.\n",
                    title="Flurazepam")
    assert "teratogenicity" in labels(facts, "Flurazepam", "risk")


def test_bold_lead_scope_ends_at_a_bold_run_in_sentence(extract):
    """section.bold-lead-scope: '**Talk to your doctor first if you have** epilepsy, glaucoma'
    after the 'Do not take' list is past that list: no contraindications; and
    effect.reader-condition: 'Use with caution if you have ... a stomach ulcer' lists the
    reader's conditions, no risk."""
    facts = extract("## Cautions\n\n**Do not take it if you:**\n\n1. have heart block;\n\n"
                    "**Talk to your doctor first if you have** epilepsy, glaucoma or diabetes.\n\n"
                    "**Use with caution** if you have asthma or a stomach ulcer that narrows the "
                    "outlet of the stomach.\n", title="Nortriptyline")
    assert labels(facts, "Nortriptyline", "contraindication") == {"heart block"}
    assert not labels(facts, "Nortriptyline", "risk")


def test_subject_attributed_risk_from_interactions(extract):
    """subject.attributed-effect: 'Benzodiazepines: risk of fatal respiratory depression'
    under Interactions names no component; the side effects gave respiratory depression to
    buprenorphine alone, so naloxone gets no such risk."""
    facts = extract("## Side effects\n\n- **Buprenorphine:** slow, shallow breathing "
                    "(respiratory depression)\n- **Naloxone:** headache\n\n## Interactions\n\n"
                    "- Benzodiazepines (e.g. diazepam): risk of fatal respiratory depression.\n",
                    title="Buprenorphine + Naloxone")
    assert "respiratory depression" in labels(facts, "Buprenorphine", "risk")
    assert "respiratory depression" not in labels(facts, "Naloxone", "risk")
    assert "benzodiazepine" in labels(facts, "Naloxone", "interaction")


def test_section_interactions_lay_question(extract):
    """section.interactions: the lay question 'Which other medicines matter?' holds the
    interactions list, read as such (not as an FAQ answer read by cue)."""
    facts = extract("## Which other medicines matter?\n\nOpioids, antihistamines that cause "
                    "drowsiness and other sleep medicines add to its sedative effect.\n",
                    title="Triazolam")
    assert {"opioid analgesic", "antihistamine", "hypnotic"} <= labels(facts, "Triazolam",
                                                                    "interaction")


def test_effect_members_of_a_symptoms_category(extract):
    """effect.members-of-category: in 'psychiatric symptoms such as mania, delusions and
    hallucinations' the category is an effect whose members follow (not the symptoms of
    another effect); while 'Symptoms such as fever and sweating' after serotonin syndrome
    are its symptoms."""
    facts = extract("## Side effects\n\nRare serious reactions include psychiatric symptoms "
                    "such as mania, delusions and hallucinations.\n\nIt can cause serotonin "
                    "syndrome. Symptoms such as fever and sweating need urgent help.\n",
                    title="Modafinil")
    effects = labels(facts, "Modafinil", "adverse-effect")
    assert {"mania", "delusions", "hallucinations", "serotonin syndrome"} <= effects
    assert not {"psychiatric disorder", "fever", "sweating"} & effects
    # after a dash, a group named by a plural of kind lists members; a named condition's
    # colon lists its signs
    facts = extract("## Side effects\n\n- mood and behavioural changes - irritability and "
                    "aggression\n- stomach ulcers and bleeding: black tarry stools\n",
                    title="Levetiracetam")
    effects = labels(facts, "Levetiracetam", "adverse-effect")
    assert {"aggression", "bleeding"} <= effects
    assert not {"behavioural changes", "melaena"} & effects


def test_assert_denied_after_with_an_adverb(extract):
    """assert.denied-after: 'Withdrawal symptoms have not been clearly shown' denies
    withdrawal, as 'have not been shown' does; 'Headache has been reported' stands."""
    facts = extract("## FAQs\n\n**Is it addictive?** Withdrawal symptoms have not been clearly "
                    "shown. It can cause headache.\n", title="Modafinil")
    assert "withdrawal" not in labels(facts, "Modafinil", "risk")
    assert "headache" in labels(facts, "Modafinil", "adverse-effect")


def test_assert_denied_after_not_studied(extract):
    """assert.denied-after: 'The dependence potential of PRECEDEX has not been studied' is
    a hedge a few words after the mention, not a finding; a stated risk stands."""
    facts = extract("## 9 DRUG ABUSE AND DEPENDENCE\n\nThe dependence potential of PRECEDEX has "
                    "not been studied in humans.\n\n## 5 WARNINGS\n\nPRECEDEX can cause "
                    "bradycardia.\n", title="Dexmedetomidine")
    assert "dependence" not in labels(facts, "Dexmedetomidine", "risk")
    assert "bradycardia" in labels(facts, "Dexmedetomidine", "adverse-effect")


def test_class_includes_drug_past_a_bracket_or_among_them(extract):
    """class.includes-drug: 'Antiepileptic drugs (AEDs), including APTIOM, ...' and 'AEDs,
    APTIOM among them, ...' name the drug's own group, not a partner."""
    for sentence in ("Antiepileptic drugs (AEDs), including APTIOM, increase the risk of "
                     "suicidal thoughts.", "Antiepileptic drugs (AEDs), APTIOM among them, "
                     "raise the risk of suicidal thoughts."):
        facts = extract(f"# APTIOM (eslicarbazepine acetate)\n\n## 5 WARNINGS AND "
                        f"PRECAUTIONS\n\n{sentence}\n", title="Eslicarbazepine")
        assert labels(facts, "Eslicarbazepine", "class") == {"antiepileptic"}, sentence
        assert not labels(facts, "Eslicarbazepine", "interaction"), sentence


def test_assert_deferral(extract):
    """assert.deferral: a sentence that sends the reader to another product's prescribing
    information states nothing; the contraindication beside it stands."""
    facts = extract("## 4 CONTRAINDICATIONS\n\nLYBALVI is contraindicated in patients using "
                    "opioids. If LYBALVI is administered with lithium or valproate, refer to the "
                    "lithium or valproate prescribing information for their contraindications.\n",
                    title="Olanzapine")
    assert labels(facts, "Olanzapine", "contraindication") == {"opioid analgesic"}
    assert labels(facts, "Olanzapine", "interaction") == {"opioid analgesic"}


def test_risk_allergy_signs(extract):
    """risk.allergy-signs: swelling listed as a sign of an allergic reaction is part of that
    reaction, not an angioedema risk; a sentence that names angioedema keeps the risk."""
    facts = extract("## 4. Possible side effects\n\nIf you have a serious allergic reaction, "
                    "including rash, hives and swelling of the face, lips, tongue, and throat, "
                    "stop taking it.\n", title="Sitagliptin")
    assert labels(facts, "Sitagliptin", "adverse-effect") == {"anaphylaxis"}
    assert "angioedema" not in labels(facts, "Sitagliptin", "risk")
    facts = extract("## Side effects\n\n- Severe allergic reaction with swelling of the face, "
                    "lips or tongue (angioedema)\n", title="Gabapentin")
    assert "angioedema" in labels(facts, "Gabapentin", "risk")


def test_risk_treated_condition_returns(extract):
    """risk.treated-condition-returns: on an antiepileptic's page, 'withdraw gradually to
    minimize the risk of increased seizure frequency' is the treated condition coming back,
    no seizure risk; stopping that 'can cause seizures' is one."""
    facts = extract("## 1 INDICATIONS AND USAGE\n\nVIMPAT is indicated for the treatment of "
                    "partial-onset seizures.\n\n## 5 WARNINGS AND PRECAUTIONS\n\nWithdraw "
                    "VIMPAT gradually to minimize the risk of increased seizure frequency.\n",
                    title="Lacosamide")
    assert "focal seizures" in labels(facts, "Lacosamide", "indication")
    assert "seizures" not in labels(facts, "Lacosamide", "risk")
    facts = extract("## Uses\n\nIt is used to treat seizures and anxiety.\n\n## Warnings\n\n"
                    "Stopping it suddenly can cause seizures.\n", title="Lorazepam")
    assert "seizures" in labels(facts, "Lorazepam", "risk")


def test_subject_component_class(extract):
    """subject.component-class: on a combination page, a sentence whose subject is one
    component's class is about that component; 'other antidepressants' names a partner of
    the product, not a subject."""
    facts = extract("## Description\n\nChlordiazepoxide is a benzodiazepine. Amitriptyline is "
                    "a tricyclic antidepressant.\n\n## Warnings\n\nBenzodiazepines may be "
                    "habit-forming.\n\n## Drug interactions\n\nOther antidepressants increase "
                    "the risk of serotonin syndrome.\n", title="Chlordiazepoxide + Amitriptyline")
    assert "dependence" in labels(facts, "Chlordiazepoxide", "risk")
    assert "dependence" not in labels(facts, "Amitriptyline", "risk")
    for comp in ("Chlordiazepoxide", "Amitriptyline"):
        assert "antidepressant" in labels(facts, comp, "interaction")


def test_mechanism_inhibitory_effect_is_no_inhibition(extract):
    """mechanism.target-action: in 'potentiates the inhibitory effect of GABA by binding to
    the benzodiazepine site' the adjective 'inhibitory' is GABA's own effect, no blockade of
    the site; and 'irreversibly inhibits monoamine oxidase A' is not named reversible."""
    facts = extract("## How it works\n\nChlordiazepoxide potentiates the inhibitory effect of "
                    "GABA by binding to the benzodiazepine site of the GABA-A receptor. It also "
                    "irreversibly inhibits monoamine oxidase A.\n", title="Chlordiazepoxide")
    mechanisms = labels(facts, "Chlordiazepoxide", "mechanism")
    assert "gaba-a receptor positive allosteric modulation" in mechanisms
    assert "monoamine oxidase a inhibition" in mechanisms
    assert not [m for m in mechanisms if "antagonism" in m or "reversible" in m]


def test_effect_fall_sense(extract):
    """effect.fall-sense: 'falling asleep', 'appetite falls' and 'falls in serum T3' use the
    word in another sense; 'dizziness and falls' names falls."""
    facts = extract("## Side effects\n\n- difficulty falling or staying asleep\n- their "
                    "appetite falls\n- falls in serum T3\n- dizziness and falls\n",
                    title="Lisdexamfetamine")
    assert "falls" in labels(facts, "Lisdexamfetamine", "adverse-effect")
    facts = extract("## Side effects\n\n- difficulty falling or staying asleep\n- their "
                    "appetite falls\n- falls in serum T3\n", title="Lisdexamfetamine")
    assert "falls" not in labels(facts, "Lisdexamfetamine", "adverse-effect")
    assert "falls" not in labels(facts, "Lisdexamfetamine", "risk")


def test_assert_stop_pseudo_trigger(extract):
    """assert.stop-pseudo-trigger: 'Do not stop taking it' negates nothing, while 'It does
    not stop a migraine attack' denies the use."""
    facts = extract("## Uses\n\nIt treats epilepsy. It does not stop a migraine attack once "
                    "it has started. Do not stop taking it if you have epilepsy.\n",
                    title="Topiramate")
    assert labels(facts, "Topiramate", "indication") == {"epilepsy"}


def test_section_band_label_in_an_unfiled_section(extract):
    """section.band-label: under a heading the table cannot file ('Possible problems'), a
    paragraph led by a frequency or severity band ('Less often:', 'Serious (get help straight
    away):') lists side effects, read as a list, not only by cue."""
    facts = extract("## Possible problems\n\nLess often: a fast or irregular heartbeat and "
                    "confusion.\n\nSerious (get help straight away): seizures and low sodium "
                    "levels.\n", title="Nortriptyline")
    assert {"arrhythmia", "confusion", "seizures"} <= labels(facts, "Nortriptyline",
                                                               "adverse-effect")


def test_facts_box_labels(extract):
    """class.slot-label: '**Type of medicine:** wakefulness-promoting agent' states the class;
    indication.denied-use: '**Not used for:** ordinary tiredness' states no use, while
    '**Used for:** ... narcolepsy' does."""
    facts = extract("- **Type of medicine:** wakefulness-promoting agent (a eugeroic).\n"
                    "- **Used for:** excessive daytime sleepiness in adults with narcolepsy.\n"
                    "- **Not used for:** ordinary tiredness.\n", title="Modafinil")
    assert "wakefulness-promoting agent" in labels(facts, "Modafinil", "class")
    uses = labels(facts, "Modafinil", "indication")
    assert "narcolepsy" in uses and "fatigue" not in uses


def test_indication_appositive_gloss(extract):
    """indication.appositive-gloss: 'trigeminal neuralgia, a severe facial nerve pain' is one
    use described, not a second (neuropathic pain); 'Lennox-Gastaut syndrome, a severe form
    of childhood-onset epilepsy' names the broader epilepsy too."""
    facts = extract("## Uses\n\nIt is also prescribed for trigeminal neuralgia, a severe facial "
                    "nerve pain.\n", title="Oxcarbazepine")
    assert labels(facts, "Oxcarbazepine", "indication") == {"trigeminal neuralgia"}
    facts = extract("## Uses\n\nIt is used to treat seizures associated with Lennox-Gastaut "
                    "syndrome, a severe form of childhood-onset epilepsy.\n", title="Clobazam")
    assert {"lennox-gastaut syndrome", "epilepsy"} <= labels(facts, "Clobazam", "indication")
    facts = extract("It is approved for postpartum depression, meaning depression that begins "
                    "during late pregnancy or in the weeks after giving birth.\n",
                    title="Zuranolone")
    assert labels(facts, "Zuranolone", "indication") == {"postnatal depression"}


def test_risk_stopping_causes(extract):
    """risk.stopping-causes: 'stopping abruptly can cause insomnia, vomiting and tremor'
    states a withdrawal reaction though it never says 'withdrawal'; 'Stopping suddenly
    increases the chance that your illness comes back' does not."""
    facts = extract("## Warnings\n\n- *Withdrawal:* after long-term use, stopping abruptly "
                    "can cause insomnia, vomiting and tremor.\n", title="Carisoprodol")
    assert "withdrawal" in labels(facts, "Carisoprodol", "risk")
    facts = extract("## Warnings\n\nStopping after regular use can then bring on shaking "
                    "and fits. After long use, stopping it suddenly can occasionally cause "
                    "nausea.\n", title="Secobarbital")
    assert "withdrawal" in labels(facts, "Secobarbital", "risk")
    facts = extract("## Warnings\n\nAfter long use, stopping it suddenly can occasionally "
                    "cause nausea and headache.\n", title="Cyclobenzaprine")
    assert "withdrawal" in labels(facts, "Cyclobenzaprine", "risk")
    facts = extract("## FAQs\n\n**Can I stop?** Stopping suddenly increases the chance that "
                    "your illness comes back.\n", title="Lithium")
    assert "withdrawal" not in labels(facts, "Lithium", "risk")


def test_interaction_taking_partners_make_it_worse(extract):
    """interaction.taking: 'Alcohol, barbiturates and tranquillisers make the drowsiness
    worse' names partners outside an Interactions section (potentiation)."""
    facts = extract("## Precautions\n\nIt can make you drowsy. Alcohol and barbiturates make "
                    "the drowsiness worse.\n", title="Diphenoxylate")
    assert {"ethanol", "barbiturate"} <= labels(facts, "Diphenoxylate", "interaction")


def test_block_changes_label(extract):
    """block.changes-label: '**Mood changes:** depression, agitation' heads a list of the
    changes; '**Behaviour changes**, such as agitation' is one effect with its examples."""
    facts = extract("## Side Effects\n\n- **Mood changes:** depression, agitation and confusion.\n",
                    title="Primidone")
    assert labels(facts, "Primidone", "adverse-effect") == {"depression", "agitation", "confusion"}
    facts = extract("## Side Effects\n\n- **Behaviour changes**, such as agitation or "
                    "hallucinations.\n", title="Primidone")
    assert "behavioural changes" in labels(facts, "Primidone", "adverse-effect")


def test_mechanism_lay_verbs(extract):
    """mechanism.target-action in lay words: 'strengthens the effect of GABA at GABA-A
    receptors' is the receptor's positive modulation; 'acting on sodium channels' is the
    vocabulary's lay name for sodium channel blockade."""
    facts = extract("## How it works\n\nIt calms nerve cells by acting on sodium channels, "
                    "and it strengthens the effect of GABA at GABA-A receptors.\n",
                    title="Primidone")
    assert labels(facts, "Primidone", "mechanism") == {
        "gaba-a receptor positive allosteric modulation", "sodium channel blockade"}
    facts = extract("## 1. What Ketazolam is and what it is used for\n\nKetazolam works by "
                    "increasing the calming effect of GABA, a chemical messenger in the brain.\n",
                    title="Ketazolam")
    assert labels(facts, "Ketazolam", "mechanism") == {
        "gaba-a receptor positive allosteric modulation"}


def test_assert_phrase_reach(extract):
    """assert.phrase-reach: the negation's eight-word reach counts content words, so it
    covers a noun phrase padded with articles and prepositions, and no further."""
    facts = extract("## Uses\n\nIt is used for a dry cough. It is not a treatment for a "
                    "productive cough with a lot of phlegm.\n", title="Hydrocodone")
    assert labels(facts, "Hydrocodone", "indication") == {"dry cough"}
    facts = extract("## Uses\n\nIt need not be taken with food by adults who take it at "
                    "bedtime for short-term insomnia.\n", title="Zaleplon")
    assert labels(facts, "Zaleplon", "indication") == {"insomnia"}


def test_subject_another_drug_with_examples(extract):
    """subject.another-drug: 'Antipsychotic medicines such as haloperidol block dopamine'
    states haloperidol's action, not the page's drug's."""
    facts = extract("## How it works\n\nPramipexole is a dopamine agonist. Antipsychotic "
                    "medicines such as haloperidol block dopamine and can cancel its "
                    "benefit.\n", title="Pramipexole")
    assert labels(facts, "Pramipexole", "mechanism") == {"dopamine receptor agonism"}


def test_mechanism_like_peers(extract):
    """mechanism.like-peers: 'Like other tricyclics it also blocks A, B and C' states the
    drug's own actions; assert.minimal-effect: 'little direct effect on serotonin' denies it."""
    facts = extract("## How it works\n\nLike other tricyclics it also blocks muscarinic "
                    "receptors and histamine H1 receptors. It has little direct effect on "
                    "serotonin.\n", title="Clomipramine")
    assert labels(facts, "Clomipramine", "mechanism") == {
        "muscarinic receptor antagonism", "histamine h1 receptor antagonism"}
    assert "serotonin" not in labels(facts, "Clomipramine", "target")


def test_effect_bracketed_term_signs(extract):
    """effect.bracketed-term-signs: a bracketed term closing its entry names what the lay
    phrases since its last comma or 'and' describe; earlier entries stay."""
    facts = extract("## Side effects\n\n- black, tarry stools or blood in your vomit (bleeding "
                    "in the gut)\n- fever with frequent infections (a fall in white blood "
                    "cells)\n- tremor and slow movements (parkinsonism)\n", title="Levodopa")
    assert labels(facts, "Levodopa", "adverse-effect") == {
        "gastrointestinal bleeding", "leucopenia", "tremor", "parkinsonism"}
    facts = extract("## Side effects\n\n- a severe, throbbing headache with a fast heartbeat "
                    "(signs of a hypertensive crisis)\n", title="Tranylcypromine")
    assert labels(facts, "Tranylcypromine", "adverse-effect") == {"hypertensive crisis"}


def test_effect_bracketed_gloss(extract):
    """effect.bracketed-gloss: a bracket that explains a compact term in a longer phrase
    ('narrow-angle glaucoma (raised pressure in the eye)') leaves the term the fact; a
    bracketed term after signs still names them."""
    facts = extract("## Side effects\n\n- narrow-angle glaucoma (raised pressure in the eye)\n"
                    "- fever, muscle stiffness and confusion (neuroleptic malignant syndrome)\n\n"
                    "## Precautions\n\nDo not take it if you have narrow-angle glaucoma (raised "
                    "pressure in the eye).\n", title="Trospium")
    assert labels(facts, "Trospium", "adverse-effect") == {"angle-closure glaucoma",
                                                           "neuroleptic malignant syndrome"}
    assert labels(facts, "Trospium", "contraindication") == {"angle-closure glaucoma"}


def test_list_alias(extract):
    """list.alias: 'X, also called Y, ...' and 'X, meaning Y, ...' give Y as another name for
    X, not a fact of its own."""
    facts = extract("## Side effects\n\nDRESS, also called multiorgan hypersensitivity, has "
                    "been reported. Anterograde amnesia, meaning trouble remembering events "
                    "after a dose, can occur.\n", title="Cinolazepam")
    assert labels(facts, "Cinolazepam", "adverse-effect") == {"dress", "anterograde amnesia"}


def test_section_bold_entry(extract):
    """section.bold-entry: a list item all in bold with nothing under it is an entry; one
    with items under it frames them."""
    facts = extract("## Interactions\n\n- **Alcohol and other sedatives**\n\n## Side effects\n\n"
                    "- **Serious**\n  - seizures\n- **Fainting from low blood pressure on "
                    "standing (orthostatic hypotension).**\n", title="Trazodone")
    assert {"ethanol", "sedative"} <= labels(facts, "Trazodone", "interaction")
    assert labels(facts, "Trazodone", "adverse-effect") == {"seizures",
                                                            "orthostatic hypotension"}


def test_contra_past_reaction_drug_and_drink_prohibition(extract):
    """contra.past-reaction-drug: the drug a past reaction happened with is no partner;
    assert.neither-prohibits: 'Do not drink alcohol while taking it' names alcohol."""
    facts = extract("## Contraindications\n\n- Anyone who has had angioedema in the past with "
                    "an ACE inhibitor or ARB should not take it.\n\n## Key facts\n\n- Do not "
                    "drink alcohol while you're taking it.\n", title="Sacubitril")
    assert labels(facts, "Sacubitril", "contraindication") == {"angioedema"}
    assert labels(facts, "Sacubitril", "interaction") == {"ethanol"}
    facts = extract("## Key facts\n\nIt's best not to drink alcohol while you're taking it.\n",
                    title="Fluvoxamine")
    assert labels(facts, "Fluvoxamine", "interaction") == {"ethanol"}


def test_product_brand_as_causal_subject(extract):
    """'Sinemet can make you very sleepy' in Warnings: 'can make you' is a causal verb, and
    the brand of the whole product names both components (subject.causal)."""
    facts = extract("# Sinemet tablets (carbidopa and levodopa)\n\n## Warnings and precautions\n\n"
                    "Sinemet can make you very sleepy.\n", title="Carbidopa + Levodopa")
    assert "drowsiness" in labels(facts, "Carbidopa", "adverse-effect")
    assert "drowsiness" in labels(facts, "Levodopa", "adverse-effect")


def test_subject_compared_name(extract):
    """subject.compared-name: 'the risk is higher than with valsartan alone' under a
    sacubitril label keeps the effect sacubitril's."""
    facts = extract("## Side effects\n\n**Sacubitril serious side effects:** Angioedema; the "
                    "risk is higher than with valsartan alone.\n",
                    title="Sacubitril + Valsartan")
    assert "angioedema" in labels(facts, "Sacubitril", "adverse-effect")
    assert "angioedema" not in labels(facts, "Valsartan", "adverse-effect")


def test_attribution_of_one_named_effect(extract):
    """subject.attributed-effect: 'These are mostly due to X' gives the block to X; 'The rash
    is mostly due to X' does not take the block's other effects from the other component."""
    body = ("## Side effects\n\n*Common:* nausea, vomiting and an itchy rash. {} is mostly "
            "due to the sulfamethoxazole component.\n")
    facts = extract(body.format("The rash"), title="Sulfamethoxazole + Trimethoprim")
    assert "nausea" in labels(facts, "Trimethoprim", "adverse-effect")
    facts = extract(body.format("This"), title="Sulfamethoxazole + Trimethoprim")
    assert "nausea" not in labels(facts, "Trimethoprim", "adverse-effect")
    assert "nausea" in labels(facts, "Sulfamethoxazole", "adverse-effect")


def test_mechanism_transporter_and_reduced_action(extract):
    """'blocks the dopamine transporter' is reuptake inhibition, not the D2 antagonism that
    'blocks (the) dopamine' words; 'reduces the action of glutamate at AMPA receptors' is the
    receptor's antagonism (mechanism.target-action)."""
    facts = extract("## How it works\n\nIt blocks the dopamine transporter on nerve endings. "
                    "It also reduces the action of glutamate at AMPA receptors.\n",
                    title="Methylphenidate")
    assert labels(facts, "Methylphenidate", "mechanism") == {
        "dopamine reuptake inhibition", "ampa receptor antagonism"}


def test_mention_named_as_with_article(extract):
    """mention.named-as: 'a type of antidepressant called a monoamine oxidase inhibitor'
    contraindicates the MAOI only."""
    facts = extract("## Do not take Sinemet if\n\n- you have taken a type of antidepressant "
                    "called a monoamine oxidase inhibitor in the last two weeks\n",
                    title="Sinemet")
    assert labels(facts, "Sinemet", "contraindication") == {"monoamine oxidase inhibitor"}


def test_list_history_lead(extract):
    """list.history-lead: under 'Talk to your doctor before taking X if you have:' the items
    are the reader's history, not risks; a sentence after the list still states them."""
    body = ("## Warnings and precautions\n\nTalk to your doctor before taking Sinemet if you "
            "have:\n\n- had fits (convulsions)\n- glaucoma\n\n{}")
    facts = extract(body.format(""), title="Sinemet")
    assert "seizures" not in labels(facts, "Sinemet", "risk")
    facts = extract(body.format("Sinemet can cause fits.\n"), title="Sinemet")
    assert "seizures" in labels(facts, "Sinemet", "risk")


def test_severity_emergency_lead_ends_at_a_band_heading(write, matcher):
    """severity.emergency-lead: an emergency lead covers its own list, not the frequency
    bands after it."""
    body = ("## 4. Possible side effects\n\nStop taking it and contact a doctor immediately if "
            "you notice:\n\n- fainting\n\nVery common (may affect more than 1 in 10 people):\n"
            "- dry mouth\n")
    serious = serious_of(write, matcher, body, "Deanxit")
    assert serious["fainting"] is True
    assert serious["dry mouth"] is False


def test_drug_causing_the_condition_is_part_of_it(extract):
    """In 'in a coma, for example because of alcohol, barbiturates or opiates' the drugs are
    causes of the contraindicated state, not contraindicated medicines."""
    facts = extract("## Do not take Deanxit\n\n- if you are unusually drowsy or in a coma, for "
                    "example because of alcohol, barbiturates or opiates\n", title="Deanxit")
    assert labels(facts, "Deanxit", "contraindication") == {"comatose state"}
    assert not labels(facts, "Deanxit", "interaction")


def test_indication_past_use(extract):
    """indication.past-use: a use said of the past is no indication; 'taken once daily for'
    is a present one."""
    facts = extract("## Uses\n\nIt is used for anxiety. It is no longer used for epilepsy. It "
                    "was once widely prescribed as a sleeping pill for insomnia.\n",
                    title="Secobarbital")
    assert labels(facts, "Secobarbital", "indication") == {"anxiety disorder"}
    facts = extract("## Uses\n\nIt is taken once daily for high blood pressure.\n",
                    title="Amlodipine")
    assert labels(facts, "Amlodipine", "indication") == {"hypertension"}


def test_class_copula_is_the_pronouns_own_verb(extract):
    """subject.pronoun for classes: 'It is a Y' says the class; in 'It binds to a site that is
    separate from ... that benzodiazepines barely reach' the 'is' belongs to the relative
    clause, and no class is said."""
    facts = extract("## How it works\n\nIt binds to a site on the receptor that is separate "
                    "from the one benzodiazepines use. It is also a neuroactive steroid.\n",
                    title="Ganaxolone")
    assert labels(facts, "Ganaxolone", "class") == {"neuroactive steroid"}
    # the class is the copula's complement, not a word of another clause
    facts = extract("## How it works\n\nIt is also a potent antagonist at 5-HT7 receptors, "
                    "which may add to its antidepressant action. It is chemically very close to "
                    "the tricyclic antidepressants. It is classed as an antiemetic and is an "
                    "atypical antipsychotic.\n", title="Lurasidone")
    assert labels(facts, "Lurasidone", "class") == {"antiemetic", "atypical antipsychotic"}


def test_risk_fetal_harm_from_animal_data(extract):
    """risk.fetal-harm: a label's animal data of embryofetal deaths state fetal harm; data
    that predict no harm do not."""
    facts = extract("## 8.1 Pregnancy\n\nIn pregnant rats, doses close to those used clinically "
                    "caused developmental toxicity, with more embryofetal deaths.\n",
                    title="Lacosamide")
    assert "teratogenicity" in labels(facts, "Lacosamide", "risk")
    facts = extract("## 8.1 Pregnancy\n\nBased on animal data, it is not predicted to increase "
                    "the risk of adverse developmental outcomes in humans.\n", title="Sildenafil")
    assert "teratogenicity" not in labels(facts, "Sildenafil", "risk")
    facts = extract("## 8.1 Pregnancy\n\nThere are no available data on its use in pregnant "
                    "women to evaluate for a risk of birth defects. In animal studies, no adverse "
                    "developmental effects were observed.\n", title="Cobenfy")
    assert "teratogenicity" not in labels(facts, "Cobenfy", "risk")
    for finding in ("In animal studies, no adverse effects on embryofetal development were "
                    "observed.", "Published data are not sufficient to inform a drug-associated "
                    "risk of birth defects.", "There's no firm evidence that it is harmful to an "
                    "unborn baby."):
        facts = extract(f"## 8.1 Pregnancy\n\n{finding}\n", title="Briviact")
        assert "teratogenicity" not in labels(facts, "Briviact", "risk"), finding


def test_effect_signs_of(extract):
    """effect.signs-of: signs named before the effect they point to are no entries, whether
    the vocabulary knows them or not."""
    facts = extract("## Side effects\n\n- unusual movements of the mouth, tongue and face, which "
                    "may be a sign of tardive dyskinesia\n- Yellowing of the skin or eyes, which "
                    "can point to liver injury\n- a high temperature, sweating and agitation – "
                    "these can be signs of serotonin syndrome\n", title="Flupentixol")
    assert labels(facts, "Flupentixol", "adverse-effect") == {
        "tardive dyskinesia", "hepatotoxicity", "serotonin syndrome"}
    facts = extract("## Side effects\n\n- Sore throat, fever or infections from a fall in white "
                    "blood cells\n- hallucinations, fits (seizures), and fainting from a sudden "
                    "fall in blood pressure\n", title="Zonisamide")
    assert labels(facts, "Zonisamide", "adverse-effect") == {
        "leucopenia", "hallucinations", "seizures", "hypotension"}


def test_section_faq_overdose(extract):
    """section.faq-overdose: an FAQ answer about taking too much describes an overdose; an
    answer to another question still states effects."""
    facts = extract("## FAQs\n\n**Q: What happens if someone takes too much?** A: An overdose can "
                    "cause agitation, tremor and seizures.\n\n**Q: Will it make me sleepy?** A: "
                    "It can cause drowsiness.\n", title="Methylphenidate")
    effects = labels(facts, "Methylphenidate", "adverse-effect")
    assert "drowsiness" in effects
    assert not {"agitation", "tremor"} & effects
    facts = extract("## Common questions\n\n### How does clonidine work?\n\nIt stimulates "
                    "alpha-2 adrenergic receptors in the brain.\n", title="Clonidine")
    assert labels(facts, "Clonidine", "mechanism")


def test_list_shared_head_of_classes(extract):
    """list.shared-head: 'CYP3A4 or CYP2D6 inhibitors' names both groups of partners."""
    facts = extract("## Drug interactions\n\n- CYP3A4 or CYP2D6 inhibitors can raise its "
                    "levels.\n", title="Lurasidone")
    assert {"cyp3a4 inhibitor", "cyp2d6 inhibitor"} <= labels(facts, "Lurasidone", "interaction")


def test_effect_reported_as_observed(extract):
    """effect.reported: a label's 'were also observed' and 'occurred with X' report
    effects in Warnings."""
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nPsychiatric events such as euphoria "
                    "were also observed. Raised liver enzymes occurred with COBENFY.\n",
                    title="Cobenfy")
    assert {"euphoria", "raised liver enzymes"} <= labels(facts, "Cobenfy", "adverse-effect")


def test_indication_setting_after_during(extract):
    """A condition's setting is no use of its own: 'hot flushes during the menopause' treats
    the flushes, 'mania in bipolar disorder' the mania."""
    facts = extract("## Uses\n\nIt is also used to reduce hot flushes during the menopause.\n",
                    title="Clonidine")
    assert labels(facts, "Clonidine", "indication") == {"hot flushes"}


def test_list_appositive_class_after_one_drug(extract):
    """list.appositive-class: 'erythromycin, an antibiotic, or ketoconazole' names two
    partners; the antibiotic says what erythromycin is."""
    facts = extract("## Interactions\n\n- erythromycin, an antibiotic, or ketoconazole, which "
                    "may strengthen its effect\n- warfarin, a blood thinner\n\n## Who should not "
                    "take it\n\nDo not take it with tizanidine, a muscle relaxant.\n",
                    title="Loprazolam")
    assert labels(facts, "Loprazolam", "interaction") == {"erythromycin", "ketoconazole",
                                                          "warfarin", "tizanidine"}
    assert labels(facts, "Loprazolam", "contraindication") == {"tizanidine"}


def test_effect_severity_predicate_and_circumstance(extract):
    """effect.severity-predicate: 'which can be fatal' says how bad the effect before it
    is, it names no effect after it; effect.circumstance: 'in overdose' is when, not what
    (the risk of overdose is still read); a comparison's 'As with ...' opens no symptoms."""
    facts = extract("## Adverse effects\n\nAs with other strong opioids, the most serious risk "
                    "is respiratory depression, which can be fatal, particularly in overdose or "
                    "when the drug is combined with alcohol.\n", title="Levorphanol")
    assert labels(facts, "Levorphanol", "adverse-effect") == {"respiratory depression"}
    assert {"respiratory depression", "overdose"} <= labels(facts, "Levorphanol", "risk")


def test_effect_may_occur_in_warnings(extract):
    """effect.may-occur: in a label's Warnings the subject of 'may occur' / 'may result from
    the use of X' is an effect of the drug; what follows 'due to' is not, nor is an effect
    that 'can occur when X is taken with' another medicine (effect.interaction-consequence)."""
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nSerious, life-threatening, or fatal "
                    "respiratory depression may occur. Profound sedation and coma may result "
                    "from the concomitant use of oxymorphone with benzodiazepines. Blurred "
                    "vision may occur due to the anticholinergic effects of oxymorphone. "
                    "Serious breathing difficulty can occur when oxymorphone is taken with "
                    "gabapentin.\n", title="Oxymorphone")
    assert labels(facts, "Oxymorphone", "adverse-effect") == {
        "respiratory depression", "oversedation", "coma", "blurred vision"}


def test_withdrawal_reactions_are_no_side_effects(extract):
    """effect.withdrawal-symptoms: 'withdrawal reactions, including rebound insomnia and
    anxiety' are what stopping brings, read as the withdrawal risk."""
    facts = extract("## Warnings\n\n- **Stopping:** do not stop suddenly after regular use; "
                    "withdrawal reactions, including rebound insomnia and anxiety, can occur.\n",
                    title="Triazolam")
    assert labels(facts, "Triazolam", "adverse-effect") == set()
    assert "withdrawal" in labels(facts, "Triazolam", "risk")


def test_pain_severe_enough_to_require_an_opioid(extract):
    """'acute pain severe enough to require an opioid analgesic' treats acute pain; the
    opioid analgesic is what the pain needs, not the drug's class (class.required)."""
    facts = extract("## 1 INDICATIONS AND USAGE\n\nHydrocodone and acetaminophen tablets are "
                    "indicated for the management of acute pain severe enough to require an "
                    "opioid analgesic.\n", title="Hydrocodone and Acetaminophen")
    assert labels(facts, "Acetaminophen", "indication") == {"acute pain"}
    assert labels(facts, "Acetaminophen", "class") == set()


def test_list_risk_factor_examples_are_no_indications(extract):
    """list.risk-factor-examples: the examples of 'at least one weight-related comorbidity'
    or of 'several risk factors' are conditions the patients have, not uses."""
    facts = extract("## 1 INDICATIONS AND USAGE\n\nQSYMIA is indicated for chronic weight "
                    "management in adults with obesity, or overweight in the presence of at "
                    "least one weight-related comorbidity such as hypertension, type 2 diabetes "
                    "mellitus, or dyslipidemia.\n", title="Qsymia")
    assert labels(facts, "Qsymia", "indication") == {"obesity"}


def test_list_examples_closed_by_their_own_and(extract):
    """list.examples-closed: after 'such as A and B' the entries that follow a comma are the
    outer list's, not more examples of the head."""
    facts = extract("## Side effects\n\nSerious side effects may include blood disorders such "
                    "as agranulocytosis and aplastic anemia, Stevens-Johnson syndrome, and "
                    "suicidal thoughts.\n", title="Ethosuximide")
    assert {"agranulocytosis", "aplastic anaemia", "stevens-johnson syndrome",
            "suicidal thoughts"} <= labels(facts, "Ethosuximide", "adverse-effect")


def test_contra_prohibited_activity_and_doctor_exception(extract):
    """contra.prohibited-activity: 'Do not breast-feed while taking it' forbids
    breast-feeding; contra.doctor-exception: '..., unless your doctor tells you to' leaves the
    prohibition standing."""
    facts = extract("## Pregnancy and breast-feeding\n\nDo not take Nabilone if you are "
                    "pregnant or think you may be pregnant, unless your doctor tells you to. "
                    "Do not breast-feed while taking this medicine.\n", title="Nabilone")
    assert labels(facts, "Nabilone", "contraindication") == {"pregnancy", "breastfeeding"}


def test_own_name_found_beside_the_shared_brand(extract):
    """subject.own-name-over-brand: 'SEGLENTIS is a combination of tramadol, an opioid
    agonist, and celecoxib, ...' names both components by their own names, though the brand
    they share comes first in the sentence."""
    facts = extract("# SEGLENTIS (celecoxib and tramadol hydrochloride) tablets\n\n"
                    "## 1 INDICATIONS AND USAGE\n\nSEGLENTIS is a combination of tramadol, an "
                    "opioid agonist, and celecoxib, a nonsteroidal anti-inflammatory drug, "
                    "indicated for the management of acute pain in adults.\n",
                    title="Tramadol + Celecoxib")
    assert labels(facts, "Tramadol", "indication") == {"acute pain"}
    assert labels(facts, "Celecoxib", "class") == {"nonsteroidal anti-inflammatory drug"}


def test_effect_purpose_used_for_the_treatment_of(extract):
    """effect.purpose-clause: 'is used for the rapid treatment of agitation associated with
    schizophrenia' names what it is for, not an effect; 'can cause' still names one."""
    facts = extract("Loxapine is an antipsychotic. An inhaled powder formulation is used for "
                    "the rapid treatment of agitation associated with schizophrenia. It can "
                    "cause drowsiness.\n", title="Loxapine")
    assert labels(facts, "Loxapine", "adverse-effect") == {"drowsiness"}


def test_effect_population_at_the_start_of_a_sentence(extract):
    """effect.population-qualifier: 'Elderly people with dementia-related psychosis treated
    with antipsychotics are at increased risk of death' - the psychosis is theirs."""
    facts = extract("## Adverse effects\n\nElderly people with dementia-related psychosis "
                    "treated with antipsychotics are at increased risk of death.\n",
                    title="Loxapine")
    assert labels(facts, "Loxapine", "adverse-effect") == {"increased mortality"}


def test_effect_in_association_with_opens_no_symptoms(extract):
    """effect.population-qualifier: 'seen in association with FELBATOL ... are A, B and C'
    names effects, like 'associated with'."""
    facts = extract("## ADVERSE REACTIONS\n\nThe most common adverse reactions seen in "
                    "association with FELBATOL in adults during adjunctive therapy are "
                    "vomiting, insomnia, nausea, dizziness, and headache.\n", title="Felbamate")
    assert labels(facts, "Felbamate", "adverse-effect") == {
        "vomiting", "insomnia", "nausea", "dizziness", "headache"}


def test_mechanism_joint_reuptake_is_one_mechanism(extract):
    """mechanism.joint-reuptake: 'blocks the reuptake of norepinephrine and serotonin' is the
    one joint mechanism, not norepinephrine reuptake inhibition besides it."""
    facts = extract("## How it works\n\nLevomilnacipran blocks the reuptake of norepinephrine "
                    "and serotonin, with a stronger effect on norepinephrine.\n",
                    title="Levomilnacipran")
    assert labels(facts, "Levomilnacipran", "mechanism") == {
        "serotonin-norepinephrine reuptake inhibition"}


def test_severity_non_serious_is_common(write, matcher):
    """severity.sentence: 'non-serious adverse reactions' are common, 'serious' ones not."""
    serious = serious_of(write, matcher, "## ADVERSE REACTIONS\n\nThe most frequently observed "
                         "non-serious adverse reactions include nausea and dizziness. Serious "
                         "adverse reactions include seizures.\n", "Oxycodone")
    assert serious == {"nausea": False, "dizziness": False, "seizures": True}


def test_subject_component_class_named_as_the_reported_cause(extract):
    """subject.component-class: on a combination page, '... has been reported with the use of
    opioids' is about the opioid component."""
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nOxycodone is an opioid agonist.\n\n"
                    "Serious, life-threatening, or fatal respiratory depression has been "
                    "reported with the use of opioids.\n", title="Oxycodone and Acetaminophen")
    assert "respiratory depression" in labels(facts, "Oxycodone", "adverse-effect")
    assert "respiratory depression" not in labels(facts, "Acetaminophen", "adverse-effect")


def test_effect_precipitate_is_a_causal_verb(extract):
    """In Warnings 'X can precipitate serotonin syndrome' states an effect of X."""
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nVIIBRYD can precipitate serotonin "
                    "syndrome.\n", title="Viibryd")
    assert labels(facts, "Viibryd", "adverse-effect") == {"serotonin syndrome"}


def test_effect_reported_with_a_class_above_the_drugs(extract):
    """effect.reported: 'NMS has been reported with antipsychotic drugs' on an atypical
    antipsychotic's page is reported of a class the drug is in; with SSRIs it is not."""
    body = ("## 5 WARNINGS AND PRECAUTIONS\n\nCariprazine is an atypical antipsychotic.\n\n"
            "Neuroleptic malignant syndrome has been reported with antipsychotic drugs.\n\n"
            "Hyponatremia has been reported with SSRIs.\n")
    facts = extract(body, title="Cariprazine")
    assert labels(facts, "Cariprazine", "adverse-effect") == {"neuroleptic malignant syndrome"}


def test_contra_reported_reactions_are_no_contraindications(extract):
    """contra.reported-reactions: under Contraindications, 'Hypersensitivity reactions have
    been reported, including rash and urticaria' reports what an allergy brings; the
    allergy itself is the contraindication."""
    facts = extract("## 4 CONTRAINDICATIONS\n\nVIAGRA is contraindicated in patients with a "
                    "known hypersensitivity to sildenafil. Hypersensitivity reactions have been "
                    "reported, including rash and urticaria. Reactions have included facial "
                    "swelling and anaphylaxis.\n", title="Sildenafil")
    assert labels(facts, "Sildenafil", "contraindication") == {"hypersensitivity to the drug"}


def test_indication_not_a_treatment_for(extract):
    """indication.denied-use: 'It is not a treatment for depression' states no use."""
    facts = extract("**Usage:**\n\nIt is used for anxiety. It is not a treatment for "
                    "depression, and it should not be used on its own in people whose anxiety "
                    "comes from a depressive illness.\n", title="Clotiazepam")
    assert labels(facts, "Clotiazepam", "indication") == {"anxiety disorder"}


def test_class_cousin_of_is_a_comparison(extract):
    """class.comparison: 'a close chemical cousin of the benzodiazepines' is not one."""
    facts = extract("## Usage\n\nClotiazepam is a thienodiazepine, a close chemical cousin of "
                    "the benzodiazepines, prescribed as an anxiolytic.\n", title="Clotiazepam")
    assert labels(facts, "Clotiazepam", "class") == {"thienodiazepine", "anxiolytic"}


def test_subject_own_class_includes_the_classes_above(extract):
    """subject.own-class: 'patients receiving antipsychotic drugs' on an atypical
    antipsychotic's page names its own kind of drug, not a partner."""
    facts = extract("Cariprazine is an atypical antipsychotic.\n\n## Drug interactions\n\n"
                    "Falls have occurred in patients receiving antipsychotic drugs together "
                    "with strong CYP3A4 inhibitors.\n", title="Cariprazine")
    assert labels(facts, "Cariprazine", "interaction") == {"cyp3a4 inhibitor"}


def test_effect_caused_by_a_class_the_drug_is_in(extract):
    """In Warnings a class the drug is in, or one above it, is the drug as subject:
    'Atypical antipsychotic drugs have caused metabolic changes, including hyperglycemia',
    'Antipsychotic drugs can cause orthostatic hypotension'."""
    facts = extract("Brexpiprazole is an atypical antipsychotic.\n\n## 5 WARNINGS AND "
                    "PRECAUTIONS\n\nAtypical antipsychotic drugs have caused metabolic changes, "
                    "including hyperglycemia and dyslipidemia.\n\nAntipsychotic drugs can cause "
                    "orthostatic hypotension.\n", title="Brexpiprazole")
    assert {"hyperglycaemia", "hyperlipidaemia", "orthostatic hypotension"} <= labels(
        facts, "Brexpiprazole", "adverse-effect")


def test_mechanism_nearest_action_per_target(extract):
    """mechanism.nearest-action: each target takes the action word nearest before it; a
    coordinated action stands in where the nearest has no mechanism on the target."""
    facts = extract("## How it works\n\nAripiprazole is a partial agonist at dopamine D2 and "
                    "serotonin 5-HT1A receptors and an antagonist at serotonin 5-HT2A "
                    "receptors.\n", title="Aripiprazole")
    mechanisms = labels(facts, "Aripiprazole", "mechanism")
    assert {"dopamine d2 receptor partial agonism", "5-ht1a receptor partial agonism",
            "5-ht2a receptor antagonism"} <= mechanisms
    assert "5-ht2a receptor partial agonism" not in mechanisms
    facts = extract("## How it works\n\nPitolisant is an antagonist and inverse agonist at "
                    "histamine H3 receptors.\n", title="Pitolisant")
    assert "histamine h3 receptor antagonism" in labels(facts, "Pitolisant", "mechanism")


def test_list_population_entry_names_no_use(extract):
    """list.population-entry: 'in infants and young children' names who is treated; the
    entry 'young children' is no indication, the condition before it is."""
    facts = extract("## Usage\n\nIt is used for:\n\n- Certain forms of epilepsy in infants and "
                    "young children\n", title="Nitrazepam")
    indications = labels(facts, "Nitrazepam", "indication")
    assert "epilepsy" in indications
    assert "young children" not in indications


def test_severity_listed_common_stays_common_under_warnings(write, matcher):
    """severity.listed-common: an effect the side-effects list gives as common stays common
    when a warning mentions it ('may cause dizziness and seizures'), not when a boxed warning
    names it; an effect only the warning names is serious."""
    body = ("## Side Effects\n\n- Nausea\n- Dizziness\n\n## Warnings and Precautions\n\n"
            "* **Driving:** Varenicline may cause dizziness and seizures; do not drive until "
            "you know how it affects you.\n")
    serious = serious_of(write, matcher, body, "Varenicline")
    assert serious["dizziness"] is False
    assert serious["seizures"] is True
    # ... but an effect a boxed warning names is serious, listed as common or not
    body = ("## BOXED WARNING\n\nRemimazolam has been associated with hypoxia and bradycardia."
            "\n\n## 6 ADVERSE REACTIONS\n\nThe most common adverse reactions were hypoxia, "
            "bradycardia and nausea.\n")
    serious = serious_of(write, matcher, body, "Remimazolam")
    assert serious["bradycardia"] is True
    assert serious["nausea"] is False


def test_list_shared_modifier_reaches_a_bare_noun(extract):
    """list.shared-modifier: 'Raised blood pressure and heart rate' names a raised heart rate
    (tachycardia) too, and no bare 'heart rate'."""
    effects = labels(extract("## Side Effects\n\n- Raised blood pressure and heart rate\n- "
                             "Severe headache and dizziness\n", title="Dexmethylphenidate"),
                     "Dexmethylphenidate", "adverse-effect")
    assert {"hypertension", "tachycardia", "dizziness"} <= effects
    assert "heart rate" not in effects


def test_severity_important_event_where_the_page_does_not_say(write, matcher):
    """severity.important-event: in a postmarketing list that says nothing of severity, an
    important medical event (neuroleptic malignant syndrome) is serious and nausea common;
    under a 'Common' band the band decides."""
    body = ("## 6 ADVERSE REACTIONS\n\n### 6.2 Postmarketing Experience\n\nThe following "
            "adverse reactions have been identified during postapproval use:\n\n- Nausea\n"
            "- Neuroleptic malignant syndrome\n")
    serious = serious_of(write, matcher, body, "Ziprasidone")
    assert serious["nausea"] is False
    assert serious["neuroleptic malignant syndrome"] is True
    body = ("## 4. Possible side effects\n\nCommon (may affect up to 1 in 10 people):\n\n"
            "- seizures\n- headache\n")
    serious = serious_of(write, matcher, body, "Ziprasidone")
    assert serious["seizures"] is False
    assert serious["headache"] is False


def test_section_lead_after_a_sibling_lead_returns_to_the_parent(write, matcher):
    """section.bold-lead-scope: after 'Uncommon (...):' and its list, which came after
    'Common (...):' and its list, the next paragraph is back under the section, under no
    band: its 'frequency not known' list is not uncommon, so stroke is serious."""
    body = ("## 4. Possible side effects\n\nCommon side effects (may affect up to 1 in 10 "
            "people):\n\n- headache\n\nUncommon side effects (may affect up to 1 in 100 people)"
            ":\n\n- hiccups\n\nThe following side effects have been reported since marketing "
            "but how often they occur is not known:\n\n- stroke\n- weight gain\n")
    serious = serious_of(write, matcher, body, "Aripiprazole")
    assert serious["headache"] is False
    assert serious["hiccups"] is False
    assert serious["stroke"] is True
    assert serious["weight gain"] is False


def test_effect_reported_wordings_of_labels(extract):
    """effect.reported: 'has also been reported', 'have been associated with <own class>'
    and 'occurred in 0.4% of patients' report effects of the drug in Warnings."""
    facts = extract("Ziprasidone is an atypical antipsychotic.\n\n## 5 WARNINGS AND PRECAUTIONS\n"
                    "\nAgranulocytosis (including fatal cases) has also been reported.\n\n"
                    "During clinical trials, seizures occurred in 0.4% of ziprasidone-treated "
                    "patients.\n\nAtypical antipsychotic drugs have been associated with "
                    "metabolic changes that include dyslipidemia and body weight gain.\n",
                    title="Ziprasidone")
    assert {"agranulocytosis", "seizures", "weight gain"} <= labels(
        facts, "Ziprasidone", "adverse-effect")


def test_contra_forbidding_wording_of_nhs_pages_and_labels(extract):
    """contra.forbidding-wording: 'You cannot take X if ...' and 'Avoid the use of X in
    patients with ...' forbid use; 'Avoid use of X and Y in patients with ...' is about
    taking the two together."""
    facts = extract("## Who can and cannot take guanfacine\n\nYou cannot take guanfacine if "
                    "you've ever had an allergic reaction to guanfacine.\n", title="Guanfacine")
    assert "allergy" in labels(facts, "Guanfacine", "contraindication")
    facts = extract("## 5 WARNINGS AND PRECAUTIONS\n\nAvoid the use of amphetamine in patients "
                    "with known cardiomyopathy.\n\nAvoid use of amphetamine and P-gp inhibitors "
                    "in patients with severe renal impairment.\n", title="Amphetamine")
    contraindications = labels(facts, "Amphetamine", "contraindication")
    assert "cardiomyopathy" in contraindications
    assert not {c for c in contraindications if "renal" in c or "kidney" in c}


def test_list_shared_receptor_head_names_each_subtype(extract):
    """list.shared-receptor-head: 'an antagonist at the D2, 5HT2A, and 5HT1D receptors' names
    the D2 and 5-HT2A receptors, each blocked."""
    facts = extract("## How it works\n\nZiprasidone functions as an antagonist at the D2, "
                    "5HT2A, and 5HT1D receptors.\n", title="Ziprasidone")
    assert {"dopamine d2 receptor antagonism", "5-ht2a receptor antagonism"} <= labels(
        facts, "Ziprasidone", "mechanism")


def test_mechanism_release_of_named_transmitters(extract):
    """mechanism.release: 'causes them to release dopamine and norepinephrine' is monoamine
    release, and a released transmitter is no receptor the drug activates."""
    facts = extract("## How it works\n\nDextroamphetamine enters nerve endings and causes them "
                    "to release dopamine and norepinephrine.\n", title="Dextroamphetamine")
    assert "monoamine release" in labels(facts, "Dextroamphetamine", "mechanism")
    facts = extract("## How it works\n\nBy stimulating these receptors more weakly than "
                    "nicotine, it causes a moderate, steady release of dopamine.\n",
                    title="Varenicline")
    assert "dopamine receptor agonism" not in labels(facts, "Varenicline", "mechanism")
    assert "dopamine" in labels(facts, "Varenicline", "target")


def test_class_comparison_in_a_like_compound(extract):
    """class.comparison: 'this barbiturate-like activity' resembles barbiturates; the drug is
    no barbiturate, and the class stated with a copula stands."""
    facts = extract("Meprobamate is an anxiolytic.\n\n## CLINICAL PHARMACOLOGY\n\nLike the "
                    "barbiturates, meprobamate is believed to enhance GABA-A receptor-mediated "
                    "chloride currents, and at higher concentrations it may open the receptor "
                    "chloride channel directly; this barbiturate-like activity is thought to "
                    "account for its sedative effects.\n", title="Meprobamate")
    classes = labels(facts, "Meprobamate", "class")
    assert "anxiolytic" in classes
    assert "barbiturate" not in classes


def test_class_appositive_renames_the_drug(extract):
    """class.appositive: 'contains a tricyclic antidepressant, amitriptyline, together with
    ...' classes amitriptyline; 'In contrast to the SSRIs, nefazodone is ...' does not make
    nefazodone an SSRI."""
    facts = extract("This tablet contains a tricyclic antidepressant, amitriptyline, together "
                    "with a phenothiazine antipsychotic, perphenazine.\n",
                    title="Amitriptyline and Perphenazine")
    assert "tricyclic antidepressant" in labels(facts, "Amitriptyline", "class")
    facts = extract("In contrast to the SSRIs, nefazodone is associated with little sexual "
                    "dysfunction.\n", title="Nefazodone")
    assert "selective serotonin reuptake inhibitor" not in labels(facts, "Nefazodone", "class")


def test_risk_fetal_harm_may_cause_in_the_newborn(extract):
    """risk.fetal-harm: 'crosses the placenta and may cause jaundice and a low platelet count
    in the newborn' is harm to the newborn."""
    facts = extract("## Precautions\n\n- **Pregnancy and Breastfeeding:** Chlorthalidone crosses "
                    "the placenta and may cause jaundice and a low platelet count in the "
                    "newborn.\n", title="Chlorthalidone")
    assert "teratogenicity" in labels(facts, "Chlorthalidone", "risk")


def test_assert_placebo_rate_denies_the_effect(extract):
    """assert.placebo-rate: 'somnolence occurred at a rate similar to placebo' and 'Dizziness
    was no more common than with placebo' deny the drug made a difference; nausea stands."""
    effects = labels(extract("## Side Effects\n\nSomnolence occurred at a rate similar to "
                             "placebo.\n\nNausea was reported.\n\n- Dizziness was no more common "
                             "than with placebo\n", title="Milnacipran"),
                     "Milnacipran", "adverse-effect")
    assert "nausea" in effects
    assert not {"drowsiness", "dizziness"} & effects


def test_list_entry_opening_with_a_verb_is_no_name(extract):
    """Unlinked list entries: 'and increase its effects' in an interactions item is a verb
    phrase, no partner; cimetidine is."""
    partners = labels(extract("## Interactions\n\n- Cimetidine may slow the breakdown of "
                              "nitrazepam and increase its effects.\n", title="Nitrazepam"),
                      "Nitrazepam", "interaction")
    assert "cimetidine" in partners
    assert "increase its effects" not in partners


def test_indication_setting_and_cause_are_no_uses(extract):
    """list.setting and a condition's cause past a bracket: 'ADHD, as part of a full
    treatment programme that may include ... social measures' treats ADHD only; 'fluid
    build-up (oedema) caused by heart failure' treats the oedema."""
    facts = extract("## Usage\n\n* Attention deficit hyperactivity disorder (ADHD) in adults, as "
                    "part of a full treatment programme that may include psychological, "
                    "educational and social measures\n* Fluid build-up (oedema) caused by heart "
                    "failure\n", title="Chlorthalidone")
    uses = labels(facts, "Chlorthalidone", "indication")
    assert {"attention deficit hyperactivity disorder", "oedema"} <= uses
    assert not {"social measures", "heart failure"} & uses


def test_indication_time_clause_subject_is_no_use(extract):
    """indication.time-clause: 'after alcohol withdrawal has been completed' says when; the
    use is alcohol dependence (alcohol use disorder)."""
    uses = labels(extract("## Usage\n\n* Maintaining abstinence in alcohol dependence.\n* It "
                          "should be started as soon as possible after alcohol withdrawal has "
                          "been completed.\n", title="Acamprosate"), "Acamprosate", "indication")
    assert "alcohol use disorder" in uses
    assert "alcohol withdrawal" not in uses


def test_effect_partner_with_opens_no_symptoms(extract):
    """effect.described-with-term: 'Giving benzodiazepines together with opioid analgesics
    can cause profound sedation, respiratory depression, coma, and death' states the effects
    on a benzodiazepine's page."""
    effects = labels(extract("## 1 INDICATIONS AND USAGE\n\nRemimazolam is a benzodiazepine "
                             "indicated for procedural sedation.\n\n## 5 WARNINGS AND "
                             "PRECAUTIONS\n\nGiving benzodiazepines together with opioid "
                             "analgesics can cause profound sedation, respiratory depression, "
                             "coma, and death.\n", title="Remimazolam"),
                     "Remimazolam", "adverse-effect")
    assert {"respiratory depression", "coma"} <= effects


def test_subject_lead_component_owns_the_list(extract):
    """subject.lead-component: on a combination page the items under 'Other reactions
    reported with pentazocine include:' are pentazocine's, none naloxone's."""
    facts = extract("## ADVERSE REACTIONS\n\nOther reactions reported with pentazocine "
                    "include:\n\n- Cardiovascular: hypotension, tachycardia, syncope.\n",
                    title="Pentazocine and Naloxone")
    assert {"hypotension", "tachycardia"} <= labels(facts, "Pentazocine", "adverse-effect")
    assert not labels(facts, "Naloxone", "adverse-effect")


def test_interaction_safe_together_with_the_drug_named(extract):
    """interaction.safe-together: "It's fine to take dihydrocodeine with paracetamol or
    ibuprofen" names no partner; alcohol, named as a risk, stays one."""
    partners = labels(extract("## Cautions with other medicines\n\nIt's fine to take "
                              "dihydrocodeine with paracetamol or ibuprofen.\n\nDrinking alcohol "
                              "while taking dihydrocodeine can make you very sleepy.\n",
                              title="Dihydrocodeine"), "Dihydrocodeine", "interaction")
    assert "alcohol" in partners or "ethanol" in partners
    assert not {"paracetamol", "ibuprofen"} & partners


def test_assert_minimal_effect_has_little_activity(extract):
    """assert.minimal-effect: 'has little anticholinergic activity' makes no anticholinergic
    class nor muscarinic antagonism; the class stated stands."""
    facts = extract("Mianserin is a tetracyclic antidepressant. Unlike the tricyclics, mianserin "
                    "has little anticholinergic activity.\n", title="Mianserin")
    assert labels(facts, "Mianserin", "class") == {"tetracyclic antidepressant"}
    assert not labels(facts, "Mianserin", "mechanism")


def test_effect_may_occur_in_an_faq_answer(extract):
    """effect.may-occur: an FAQ answer 'Drowsiness can occur, so avoid driving' states the
    effect."""
    effects = labels(extract("## FAQs\n\nQ: Will tianeptine make me drowsy?\n\nA: Drowsiness "
                             "can occur, so avoid driving until you know how it affects you.\n",
                             title="Tianeptine"), "Tianeptine", "adverse-effect")
    assert "drowsiness" in effects


def test_severity_list_scope_of_rarely(write, matcher):
    """severity.list-scope: 'rash, and, rarely, toxic epidermal necrolysis' makes only the
    necrolysis serious."""
    body = ("## ADVERSE REACTIONS\n\nOther reactions reported include:\n\n- Dermatologic: "
            "diaphoresis, pruritus, rash, and, rarely, toxic epidermal necrolysis.\n")
    serious = serious_of(write, matcher, body, "Pentazocine")
    assert serious["rash"] is False
    assert serious["itching"] is False
    assert serious["toxic epidermal necrolysis"] is True


def test_indication_concession_names_no_use(extract):
    """indication.concession: what follows ', although' after a use is no use."""
    uses = labels(extract("## Medical uses\n\nThe nasal spray has been used for the relief of "
                          "migraine headaches, although this use has fallen out of favour "
                          "because of concern about medication-overuse headache.\n",
                          title="Butorphanol"), "Butorphanol", "indication")
    assert "migraine" in uses
    assert "medication overuse headache" not in uses


def test_list_cross_reference_names_no_entry(extract):
    """list.cross-reference: 'see Warnings and Precautions (5.2)' names no partner."""
    partners = labels(extract("## 7 DRUG INTERACTIONS\n\n- Serotonergic drugs: see Warnings and "
                              "Precautions (5.2).\n- Digoxin: postural hypotension has been "
                              "reported.\n", title="Milnacipran"), "Milnacipran", "interaction")
    assert "digoxin" in partners
    assert not {p for p in partners if "precaution" in p or "warning" in p}


def test_effect_withdrawal_syndrome_after_abrupt_discontinuation(extract):
    """effect.withdrawal-symptoms: 'Abrupt discontinuation may produce a withdrawal syndrome of
    dizziness, irritability and abnormal dreams' names symptoms of stopping, not side effects;
    the headache the drug causes stands."""
    effects = labels(extract("## Adverse effects\n\nNefazodone commonly causes headache. Abrupt "
                             "discontinuation may produce a withdrawal syndrome of dizziness, "
                             "irritability and abnormal dreams.\n", title="Nefazodone"),
                     "Nefazodone", "adverse-effect")
    assert "headache" in effects
    assert not {"irritability", "abnormal dreams"} & effects


def test_subject_pronoun_bare_this_before_a_class(extract):
    """subject.pronoun: a leaflet's 'This belongs to a group of medicines called tricyclic
    antidepressants' classes the drug."""
    facts = extract("## 1. What Trimipramine is and what it is used for\n\nTrimipramine tablets "
                    "contain the active substance trimipramine maleate. This belongs to a group "
                    "of medicines called tricyclic antidepressants.\n", title="Trimipramine")
    assert "tricyclic antidepressant" in labels(facts, "Trimipramine", "class")


def test_indication_with_symptoms_are_the_uses_symptoms(extract):
    """indication.with-symptoms: 'Anxiety with physical symptoms such as palpitations' treats
    anxiety, not palpitations; 'relieve symptoms such as pain' treats pain."""
    uses = labels(extract("## Usage\n\n- Anxiety with physical symptoms such as palpitations, "
                          "sweating or stomach upset\n- It is used to relieve symptoms such as "
                          "pain and fever\n", title="Mexazolam"), "Mexazolam", "indication")
    assert {"anxiety disorder", "pain"} <= uses
    assert "palpitations" not in uses


def test_list_parent_entry_with_nested_items(extract):
    """list.parent-entry: '- **Bipolar I disorder**' over a nested item is a use too."""
    uses = labels(extract("## Uses\n\n- **Schizophrenia** in adults\n- **Bipolar I disorder**\n"
                          "  - acute manic or mixed episodes\n", title="Iloperidone"),
                  "Iloperidone", "indication")
    assert {"schizophrenia", "bipolar disorder", "mixed affective episode"} <= uses


def test_effect_with_the_drugs_own_name_opens_no_symptoms(extract):
    """effect.described-with-term: 'adverse reactions with intravenous fosphenytoin were
    nystagmus, dizziness and headache' names the drug after 'with', not symptoms."""
    effects = labels(extract("## 6 ADVERSE REACTIONS\n\nThe most common adverse reactions with "
                             "intravenous fosphenytoin were nystagmus, dizziness and headache.\n",
                             title="Fosphenytoin"), "Fosphenytoin", "adverse-effect")
    assert {"nystagmus", "dizziness", "headache"} <= effects


def test_subject_own_class_named_in_another_clause(extract):
    """subject.own-class: on a barbiturate's page, 'interactions with barbiturates have
    concerned phenobarbital; the same interactions should be expected with amobarbital'
    makes the class no partner, though the drug is named in the next clause."""
    partners = labels(extract("Amobarbital is a barbiturate.\n\n## PRECAUTIONS\n\n### Drug "
                              "Interactions\n\nMost reports of clinically significant "
                              "interactions with barbiturates have concerned phenobarbital; the "
                              "same interactions should be expected with amobarbital.\n\n- "
                              "Doxycycline: its half-life is shortened by barbiturates.\n",
                              title="Amobarbital"), "Amobarbital", "interaction")
    assert "doxycycline" in partners
    assert "barbiturate" not in partners


def test_indication_cause_and_its_examples_are_no_uses(extract):
    """A use's cause and its examples are its setting: 'spasticity resulting from upper motor
    neuron disorders, such as spinal cord injury, stroke, cerebral palsy' treats spasticity."""
    uses = labels(extract("## 1 INDICATIONS AND USAGE\n\nDantrolene is indicated for the control "
                          "of spasticity resulting from upper motor neuron disorders, such as "
                          "spinal cord injury, stroke, cerebral palsy or multiple sclerosis.\n",
                          title="Dantrolene"), "Dantrolene", "indication")
    assert "spasticity" in uses
    assert not {"stroke", "cerebral palsy", "spinal cord injury"} & uses


def test_section_boxed_warning_labels_file_nothing_elsewhere(extract):
    """section.boxed-warning: a boxed warning's '**Risks From Concomitant Use With
    Benzodiazepines:**' paragraph states side effects, as a warning does; and a partner after
    'with' ('use of opioids with benzodiazepines may result in') opens no symptoms
    (effect.described-with-term)."""
    for label in ("**Risks From Concomitant Use With Benzodiazepines Or Other CNS "
                  "Depressants:**", "Risks From Concomitant Use With Benzodiazepines:"):
        facts = extract("Oliceridine is an opioid agonist.\n\n## BOXED WARNING\n\nNeonatal "
                        "Opioid Withdrawal Syndrome: Prolonged use of oliceridine during "
                        "pregnancy can result in neonatal opioid withdrawal syndrome.\n\n"
                        f"{label} "
                        "Concomitant use of opioids with benzodiazepines may result in profound "
                        "sedation, respiratory depression, coma, and death.\n",
                        title="Oliceridine")
        assert {"coma", "respiratory depression"} <= labels(facts, "Oliceridine",
                                                            "adverse-effect"), label


def test_subject_prodrug_speaks_of_its_active_drug(extract):
    """subject.prodrug: on a prodrug's page, what is said of the drug it becomes is said of
    it, and that drug is no partner."""
    facts = extract("## 12.1 Mechanism of Action\n\nFosphenytoin is a prodrug of phenytoin. "
                    "Phenytoin blocks voltage-gated sodium channels.\n\n## 7 DRUG INTERACTIONS"
                    "\n\nPhenytoin levels are raised by cimetidine.\n", title="Fosphenytoin")
    assert "sodium channel blockade" in labels(facts, "Fosphenytoin", "mechanism")
    partners = labels(facts, "Fosphenytoin", "interaction")
    assert "cimetidine" in partners
    assert "phenytoin" not in partners


def test_severity_rare_band_says_how_often_not_how_serious(write, matcher):
    """severity.band: under 'Rare (may affect up to 1 in 1,000 people)' blurred vision and a
    reduced number of platelets are ordinary side effects; agranulocytosis, an important
    medical event, is serious; 'Rare: tinnitus' inline likewise."""
    body = ("## 4. Possible side effects\n\nRare (may affect up to 1 in 1,000 people):\n\n"
            "- blurred vision\n- reduced number of platelets\n- agranulocytosis\n\nThe "
            "following were also reported: Common: headache Rare: tinnitus\n")
    serious = serious_of(write, matcher, body, "Tolperisone")
    assert serious["blurred vision"] is False
    assert serious["thrombocytopenia"] is False
    assert serious["agranulocytosis"] is True
    assert serious["tinnitus"] is False


def test_severity_immediately_after_says_when(write, matcher):
    """severity.sentence: 'During or immediately after treatment the skin may develop
    erythema' is no emergency; 'stop and see a doctor immediately if you get a rash' is."""
    body = ("## 6 ADVERSE REACTIONS\n\nDuring or immediately after treatment the skin may "
            "develop erythema and itching.\n\nSee a doctor immediately if you notice a rash.\n")
    serious = serious_of(write, matcher, body, "Lidocaine")
    assert serious["erythema"] is False
    assert serious["rash"] is True


def test_class_partner_after_with_in_an_faq_answer(extract):
    """class.partner-after-copula: under 'Can I take phenazepam with painkillers?', 'Taking
    it with opioid painkillers can slow breathing' makes opioids a partner, not a class."""
    facts = extract("Phenazepam is a benzodiazepine.\n\n## FAQs\n\n* **Q: Can I take phenazepam "
                    "with painkillers?** A: Taking it with opioid painkillers can slow breathing "
                    "dangerously.\n", title="Phenazepam")
    assert labels(facts, "Phenazepam", "class") == {"benzodiazepine"}


def test_assert_denied_after_not_confirmed(extract):
    """assert.denied-after: 'vivid dreams, but this has not been confirmed to be caused by
    the drug' denies the dreams; nausea stands."""
    effects = labels(extract("## Side Effects\n\nSome patients report vivid dreams, but this has "
                             "not been confirmed to be caused by the drug. Nausea is common.\n",
                             title="Amoxapine"), "Amoxapine", "adverse-effect")
    assert "nausea" in effects
    assert "abnormal dreams" not in effects


def test_effect_study_topic_is_no_fact(extract):
    """effect.study-topic: 'In a human abuse potential study, ...' and 'In the RLS trials,
    ...' name what was studied; the somnolence reported stands."""
    facts = extract("## 9 DRUG ABUSE AND DEPENDENCE\n\nIn a human abuse potential study, "
                    "viloxazine did not produce responses suggestive of abuse potential.\n\n## 6 "
                    "ADVERSE REACTIONS\n\nIn the RLS trials, somnolence was reported in 20% of "
                    "patients.\n", title="Viloxazine")
    assert "dependence" not in labels(facts, "Viloxazine", "risk")
    effects = labels(facts, "Viloxazine", "adverse-effect")
    assert "drowsiness" in effects
    assert "restless legs syndrome" not in effects


def test_effect_withdrawal_as_subject_names_symptoms(extract):
    """effect.withdrawal-symptoms: a sentence whose subject is withdrawal ('Withdrawal after
    prolonged heavy use can include insomnia, anxiety and tremor') lists symptoms of
    stopping, no side effects; the withdrawal risk stands."""
    facts = extract("## Adverse effects\n\nMethaqualone commonly causes dizziness. Withdrawal "
                    "after prolonged heavy use can include insomnia, anxiety and tremor.\n",
                    title="Methaqualone")
    effects = labels(facts, "Methaqualone", "adverse-effect")
    assert "dizziness" in effects
    assert not {"insomnia", "anxiety", "tremor"} & effects
    assert "withdrawal" in labels(facts, "Methaqualone", "risk")


def test_effect_time_clause_subject_is_no_effect(extract):
    """effect.time-clause: 'feeling sleepy after the seizure has stopped' names sleepiness,
    not seizures."""
    effects = labels(extract("## Side effects\n\n- feeling sleepy after the seizure has stopped\n",
                             title="Paraldehyde"), "Paraldehyde", "adverse-effect")
    assert "drowsiness" in effects
    assert "seizures" not in effects


def test_shared_channel_head_and_augmentation(extract):
    """list.shared-receptor-head and mechanism.target-action: 'by blocking sodium and calcium
    channels' blocks both; 'through augmentation of GABA-mediated currents at GABA-A
    receptors' is positive modulation."""
    facts = extract("## How it works\n\nTolperisone relaxes muscles by blocking sodium and "
                    "calcium channels in nerve cells.\n", title="Tolperisone")
    assert {"sodium channel blockade", "calcium channel blockade"} <= labels(
        facts, "Tolperisone", "mechanism")
    facts = extract("## Pharmacology\n\nMethaqualone acts through augmentation of GABA-mediated "
                    "chloride currents at GABA-A receptors.\n", title="Methaqualone")
    assert "gaba-a receptor positive allosteric modulation" in labels(
        facts, "Methaqualone", "mechanism")


def test_contra_age_group_before_puberty_and_in_a_list(extract):
    """contra.age-group: 'should not be given to children before puberty' and a forbidding
    list's item 'if you are under 18 years of age' contraindicate those ages."""
    facts = extract("## Contraindications\n\nIt should not be given to children before "
                    "puberty.\n", title="Amisulpride")
    assert "children before puberty" in labels(facts, "Amisulpride", "contraindication")
    facts = extract("## Do not take Dosulepin\n\n- if you are allergic to dosulepin\n- if you "
                    "are under 18 years of age\n", title="Dosulepin")
    assert "under 18 years of age" in labels(facts, "Dosulepin", "contraindication")


def test_list_shared_head_with_a_drug_as_modifier(extract):
    """list.shared-head: 'a history of alcohol or drug abuse' contraindicates alcohol abuse
    and drug abuse, not alcohol the drug."""
    found = labels(extract("## Contraindications\n\n- a history of alcohol or drug abuse\n",
                           title="Medazepam"), "Medazepam", "contraindication")
    assert {"alcohol use disorder", "substance use disorder"} <= found
    assert "ethanol" not in found


def test_section_caption_states_nothing(extract):
    """section.caption: 'Table 1. Local Reactions Reported ...' names what the table holds;
    its rows are the effects."""
    effects = labels(extract("## 6 ADVERSE REACTIONS\n\nTable 1. Local Reactions Reported in "
                             "Controlled Studies on Intact Skin\n\n| Reaction | % |\n|---|---|\n"
                             "| Paleness (pallor or blanching) | 37 |\n| Itching | 2 |\n",
                             title="Lidocaine"), "Lidocaine", "adverse-effect")
    assert {"pallor", "itching"} <= effects
    assert "administration site reaction" not in effects


def test_class_comparison_during_phrase(extract):
    """class.comparison: 'was first synthesized during research on antimalarial drugs' makes
    no antimalarial."""
    classes = labels(extract("Methaqualone is a sedative-hypnotic drug.\n\n## History\n\n"
                             "Methaqualone was first synthesized in India in 1951 during research "
                             "on antimalarial drugs.\n", title="Methaqualone"),
                     "Methaqualone", "class")
    assert "sedative-hypnotic" in classes
    assert "antimalarial" not in classes


def test_risk_fetal_harm_per_clause_on_a_combination(write, matcher):
    """risk.fetal-harm: each clause's harm goes to its subject, a component named by its
    class included."""
    body = ("Oxazolam is a benzodiazepine. Sulpiride is an antipsychotic.\n\n## Precautions\n\n"
            "- **Pregnancy:** Benzodiazepines taken late in pregnancy can cause floppy infant "
            "syndrome in the newborn; sulpiride can cause movement problems in newborns exposed "
            "in the third trimester.\n")
    risks = {(f.component, f.concept.label) for f in page_facts(write, matcher, body,
                                                                "Oxazolam + Sulpiride")
             if f.predicate == "risk"}
    assert {("Oxazolam", "teratogenicity"), ("Sulpiride", "teratogenicity")} <= risks


def test_vocabulary_keeps_h1_agonism_apart_from_h3_antagonism(extract):
    """Vocabulary hygiene: histamine H1 agonism and H3 antagonism are two mechanisms, not one
    concept under two wordings."""
    mechanisms = labels(extract("## How it works\n\nBetahistine stimulates histamine H1 receptors "
                                "and blocks H3 receptors.\n", title="Betahistine"),
                        "Betahistine", "mechanism")
    assert {"histamine h1 receptor agonism", "histamine h3 receptor antagonism"} <= mechanisms


def test_section_numbered_label_heads_its_table_and_items(write, matcher):
    """section.numbered-label: '4. **Side Effects:**' heads the table after it and
    '5. **Warnings:**' its items."""
    body = ("1. **Uses:**\n   Tiapride is used for agitation.\n\n4. **Side Effects:**\n\n"
            "| Side effect | How often |\n|---|---|\n| Drowsiness (somnolence) | Common |\n"
            "| Tardive dyskinesia | Rare |\n\n5. **Warnings:**\n   - Tiapride can cause falls "
            "in the elderly.\n")
    serious = serious_of(write, matcher, body, "Tiapride")
    assert serious["drowsiness"] is False
    assert serious["tardive dyskinesia"] is True


def test_verbless_prohibition_and_not_enough_information(extract):
    """contra.forbidding-wording: 'Not for people with myasthenia gravis' contraindicates it;
    assert.unknown-is-no-harm: 'not enough information to know whether X can harm your
    unborn baby' states no harm."""
    facts = extract("## Warnings\n\nNot for people with myasthenia gravis.\n\n## Pregnancy\n\n"
                    "There is not enough information to know whether reboxetine can harm your "
                    "unborn baby.\n", title="Reboxetine")
    assert "myasthenia gravis" in labels(facts, "Reboxetine", "contraindication")
    assert "teratogenicity" not in labels(facts, "Reboxetine", "risk")
