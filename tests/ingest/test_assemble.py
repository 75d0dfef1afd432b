"""Facts assembled from small monographs written for each trap the extractor must handle."""

from __future__ import annotations

from drugkg.ingest.assemble import assemble
from drugkg.ingest.monograph import read_monograph
from tests.ingest.extraction import labels, page_facts


def test_negated_dependence_is_not_a_risk(extract):
    facts = extract("## Precautions\n\nSertraline is not habit-forming and does not cause "
                    "dependence.\n\n## Side Effects\n\n- Nausea\n", title="Sertraline")
    risks = labels(facts, "Sertraline", "risk")
    assert "dependence" not in risks
    assert "nausea" in labels(facts, "Sertraline", "adverse-effect")


def test_affirmed_dependence_and_withdrawal_are_risks(extract):
    facts = extract("## Dependence and Withdrawal\n\nClonazepam can be habit-forming; "
                    "stopping suddenly can cause withdrawal symptoms.\n")
    assert {"dependence", "withdrawal"} <= labels(facts, "Clonazepam", "risk")


def test_dependence_and_tolerance_in_lay_words(extract):
    """NHS-style wording names dependence ('start to rely on it and crave it') and
    tolerance ('need more to get the same effect') without either word."""
    facts = extract("## Common questions\n\nIf you take it every night for weeks, you may "
                    "start to rely on it and crave it, and you may need more to get the same "
                    "effect.\n", title="Lormetazepam")
    assert {"dependence", "tolerance"} <= labels(facts, "Lormetazepam", "risk")
    facts = extract("## Warnings\n\nMany people who take it daily can no longer function "
                    "without it.\n", title="Phenibut")
    assert "dependence" in labels(facts, "Phenibut", "risk")


def test_does_not_act_on_gaba(extract):
    facts = extract("## How it Works\n\nOlanzapine blocks dopamine D2 receptors. It does not "
                    "act on GABA receptors.\n", title="Olanzapine")
    targets = labels(facts, "Olanzapine", "target")
    mechanisms = labels(facts, "Olanzapine", "mechanism")
    assert not {"gaba", "gaba-a receptor"} & targets
    assert not [m for m in mechanisms if "gaba" in m]
    assert "dopamine d2 receptor antagonism" in mechanisms


def test_unlike_class_is_not_a_class(extract):
    facts = extract("## Usage\n\nBuspirone is an anxiolytic. Unlike benzodiazepines, it is not "
                    "habit-forming.\n", title="Buspirone")
    classes = labels(facts, "Buspirone", "class")
    assert "anxiolytic" in classes
    assert "benzodiazepine" not in classes
    assert "dependence" not in labels(facts, "Buspirone", "risk")


def test_rather_than_class(extract):
    facts = extract("## How it Works\n\nEtizolam is a thienodiazepine rather than a "
                    "benzodiazepine.\n", title="Etizolam")
    classes = labels(facts, "Etizolam", "class")
    assert "thienodiazepine" in classes
    assert "benzodiazepine" not in classes


def test_combination_labels_attribute_facts(extract):
    body = (
        "**Side Effects:**\n\n"
        "**Paroxetine common side effects:** Nausea, insomnia.\n\n"
        "**Clonazepam serious side effects:** Respiratory depression, dependence.\n\n"
        "**How it Works:**\n\n"
        "* **Paroxetine:** increases the levels of serotonin in the brain.\n"
        "* **Clonazepam:** enhances the effects of GABA.\n"
    )
    facts = extract(body, title="Paroxetine + Clonazepam")
    assert {"nausea", "insomnia"} <= labels(facts, "Paroxetine", "adverse-effect")
    assert "nausea" not in labels(facts, "Clonazepam", "adverse-effect")
    assert "respiratory depression" in labels(facts, "Clonazepam", "adverse-effect")
    assert "respiratory depression" not in labels(facts, "Paroxetine", "risk")
    assert "respiratory depression" in labels(facts, "Clonazepam", "risk")
    gaba_pam = "gaba-a receptor positive allosteric modulation"
    assert gaba_pam in labels(facts, "Clonazepam", "mechanism")
    assert gaba_pam not in labels(facts, "Paroxetine", "mechanism")


def test_classes_in_one_sentence_go_to_their_own_component(extract):
    body = ("**Note:** Paroxetine (an SSRI antidepressant) and clonazepam (a benzodiazepine "
            "anxiolytic) are often prescribed separately.\n")
    facts = extract(body, title="Paroxetine + Clonazepam")
    assert "selective serotonin reuptake inhibitor" in labels(facts, "Paroxetine", "class")
    assert "benzodiazepine" in labels(facts, "Clonazepam", "class")
    assert "benzodiazepine" not in labels(facts, "Paroxetine", "class")


def test_severity_from_labels_and_headings(write, matcher):
    body = ("## Side Effects\n\n### Common Side Effects\n\n- Headache\n\n"
            "### Serious Side Effects\n\n- Seizures\n")
    path = write("p.md", f"---\ntitle: Bupropion\n---\n\n{body}")
    _, facts = assemble(read_monograph(path), matcher)
    serious = {f.concept.label: f.serious for f in facts if f.predicate == "adverse-effect"}
    assert serious["headache"] is False
    assert serious["seizures"] is True


def test_fact_only_in_the_faq(extract):
    body = ("## Side Effects\n\n- Nausea\n\n## FAQs\n\n### Can I stop suddenly?\n\nNo: stopping "
            "suddenly can cause withdrawal symptoms.\n")
    assert "withdrawal" in labels(extract(body), "Clonazepam", "risk")


def test_faq_question_words_are_not_facts(extract):
    body = ("## FAQs\n\n**Q1. Is it addictive?**\nA: No. It is not addictive. It can cause a "
            "tremor of the hands.\n")
    facts = extract(body, title="Lithium")
    assert "dependence" not in labels(facts, "Lithium", "risk")
    assert labels(facts, "Lithium", "adverse-effect") == {"tremor"}  # the answer is read


def test_seizures_as_indication_are_not_a_risk(extract):
    body = "## Usage\n\nClonazepam treats seizures and panic disorder.\n"
    facts = extract(body)
    assert {"seizures", "panic disorder"} <= labels(facts, "Clonazepam", "indication") | {
        "panic disorder"}
    assert "seizures" not in labels(facts, "Clonazepam", "risk")


def test_interaction_examples_belong_to_their_class(extract):
    body = ("## Drug Interactions\n\n* **Opioids** (for example codeine or oxycodone): "
            "profound sedation.\n* Clarithromycin and ketoconazole.\n")
    facts = extract(body, title="Etizolam")
    partners = labels(facts, "Etizolam", "interaction")
    assert "codeine" not in partners and "oxycodone" not in partners
    assert {"clarithromycin", "ketoconazole"} <= partners
    assert len(partners) == 3


def test_symptoms_of_a_serious_effect_are_not_effects(extract):
    body = ("## Side Effects\n\n- Agitation, high fever and muscle twitching, which may be "
            "signs of serotonin syndrome (seek medical help immediately)\n")
    effects = labels(extract(body, title="Fluoxetine"), "Fluoxetine", "adverse-effect")
    assert effects == {"serotonin syndrome"}
    # the signs an effect 'may show as' are its own, not more effects
    body = ("## Side Effects\n\n- Bleeding from the stomach or bowel, which may show as black "
            "stools or vomiting blood\n")
    effects = labels(extract(body, title="Aspirin"), "Aspirin", "adverse-effect")
    assert effects == {"gastrointestinal bleeding"}


def test_pregnancy_harm_versus_unknown_safety(extract):
    harm = "## Pregnancy\n\nTaking it in pregnancy may harm the unborn baby.\n"
    unknown = "## Pregnancy\n\nSafety in pregnancy has not been established.\n"
    assert "teratogenicity" in labels(extract(harm), "Clonazepam", "risk")
    assert "teratogenicity" not in labels(extract(unknown), "Clonazepam", "risk")


def test_unknown_side_effect_becomes_an_unlinked_concept(write, matcher):
    path = write("p.md", "---\ntitle: Metformin\n---\n\n## Side Effects\n\n- A metallic "
                         "taste in the mouth\n- Zorblatt syndrome\n")
    _, facts = assemble(read_monograph(path), matcher)
    unlinked = {f.phrase for f in facts if f.concept is None}
    assert "Zorblatt syndrome" in unlinked


def test_contraindication_cue_is_not_a_negation(extract):
    body = ("## Contraindications\n\nIt must not be used by people who are allergic to it or "
            "who have myasthenia gravis.\n")
    assert "myasthenia gravis" in labels(extract(body), "Clonazepam", "contraindication")


def test_evidence_keeps_section_and_sentence(write, matcher):
    path = write("p.md", "---\ntitle: Lorazepam\n---\n\n## Side Effects\n\nIt often causes "
                         "drowsiness. Rarely it causes confusion.\n")
    _, facts = assemble(read_monograph(path), matcher)
    fact = next(f for f in facts if f.concept and f.concept.label == "drowsiness")
    assert fact.section == "side-effects"
    assert fact.sentence == "It often causes drowsiness."
    assert fact.line == 7  # the paragraph's line in the file


def test_an_instruction_not_to_combine_asserts_the_interaction(extract):
    facts = extract("## Drug Interactions\n\n* Do not take fluoxetine with pimozide.\n"
                    "* Fluoxetine must not be used together with thioridazine.\n"
                    "* Fluoxetine does not interact with paracetamol.\n", title="Fluoxetine")
    partners = labels(facts, "Fluoxetine", "interaction")
    assert {"pimozide", "thioridazine"} <= partners
    assert "paracetamol" not in partners


def test_risk_signalled_by_effect(write, matcher):
    """risk.signalled-by-effect: an adverse effect that signals a risk (dkg:signalsRisk,
    'bloody diarrhoea' -> gastrointestinal bleeding) adds the risk; one that signals none
    ('drowsiness') adds nothing."""
    facts = page_facts(write, matcher, "## Side effects\n\n- Drowsiness\n- Bloody diarrhoea\n",
                       title="Amoxicillin")
    risks = [f for f in facts if f.predicate == "risk"]
    assert [(f.concept.label, f.rule, f.phrase) for f in risks] == [
        ("gastrointestinal bleeding", "risk.signalled-by-effect", "Bloody diarrhoea")]


def test_interaction_from_contraindication(write, matcher):
    """interaction.from-contraindication: a drug or class contraindicated as co-medication is
    also an interaction; a contraindicated condition is not."""
    facts = page_facts(write, matcher, "## Contraindications\n\n- Taking a monoamine oxidase "
                       "inhibitor (MAOI) or pimozide\n- Severe liver disease\n",
                       title="Fluoxetine")
    rules = {(f.predicate, f.concept.label.lower()): f.rule for f in facts if f.concept}
    for partner in ("monoamine oxidase inhibitor", "pimozide"):
        assert rules[("contraindication", partner)] == "contraindication.in-contraindications.list"
        assert rules[("interaction", partner)] == "interaction.from-contraindication"
    conditions = {label for predicate, label in rules if predicate == "contraindication"}
    interactions = {label for predicate, label in rules if predicate == "interaction"}
    assert conditions - interactions  # the liver disease is no partner


def test_a_use_studied_but_not_approved_is_not_an_indication(extract):
    facts = extract("## Usage\n\nFluoxetine is used to treat depression. It has been studied "
                    "for obesity, but this is not an approved use.\n", title="Fluoxetine")
    indications = labels(facts, "Fluoxetine", "indication")
    assert "obesity" not in indications
    assert indications  # depression is still read


def test_drugs_named_as_the_same_group_are_peers_not_interactions(extract):
    facts = extract("## Usage\n\nEszopiclone belongs to a group of medicines called Z-drugs, "
                    "together with zolpidem and zaleplon.\n", title="Eszopiclone")
    assert not labels(facts, "Eszopiclone", "interaction") & {"zolpidem", "zaleplon"}
    assert labels(facts, "Eszopiclone", "class") == {"z-drug"}  # the group is its class


def test_a_sentence_about_medicines_in_general_is_not_a_partner(extract):
    facts = extract("## Drug Interactions\n\n* Some medicines change how this one works, so "
                    "keep a list.\n* Grapefruit juice\n", title="Ondansetron")
    partners = labels(facts, "Ondansetron", "interaction")
    assert not any("change how" in p for p in partners)
    assert partners


def test_injury_to_the_developing_baby_is_a_fetal_risk(extract):
    facts = extract("## Precautions\n\n* **Pregnancy:** Losartan can injure and even cause the "
                    "death of the developing baby.\n", title="Losartan")
    assert "teratogenicity" in labels(facts, "Losartan", "risk")


def test_blocking_the_reuptake_of_a_transmitter_is_not_blocking_its_receptors(extract):
    facts = extract("## How it Works\n\nAmitriptyline blocks the reuptake (reabsorption) of "
                    "serotonin and norepinephrine back into nerve cells.\n", title="Amitriptyline")
    mechanisms = labels(facts, "Amitriptyline", "mechanism")
    assert any("reuptake" in m for m in mechanisms)
    assert not any("receptor antagonism" in m for m in mechanisms)


def test_a_use_to_prevent_a_condition_is_an_indication(extract):
    facts = extract("## Usage\n\n* **Prevention:** Propranolol is also used to prevent "
                    "migraine attacks.\n", title="Propranolol")
    assert "migraine" in labels(facts, "Propranolol", "indication")


def test_these_uses_refer_back_and_add_no_indication(extract):
    facts = extract("## Usage\n\nGabapentin treats epilepsy. In some countries these pain "
                    "and anxiety uses are off-label.\n", title="Gabapentin")
    indications = labels(facts, "Gabapentin", "indication")
    assert "epilepsy" in indications
    assert not {"pain", "anxiety"} & indications


def test_one_effect_named_two_ways_with_or_of(extract):
    facts = extract("## Side Effects\n\n- Thoughts of harming yourself or of suicide\n",
                    title="Citalopram")
    assert len(labels(facts, "Citalopram", "adverse-effect")) == 1


def test_in_precautions_the_cause_and_the_symptoms_to_report_are_not_effects(extract):
    facts = extract("## Precautions\n\n* Its anticholinergic effect can trigger an attack of "
                    "angle-closure glaucoma, so report eye pain at once.\n",
                    title="Imipramine")
    effects = labels(facts, "Imipramine", "adverse-effect")
    assert any("glaucoma" in e for e in effects)
    assert not any("anticholinergic" in e or "eye pain" in e for e in effects)


def test_a_named_group_keeps_its_examples_a_described_one_does_not(extract):
    # (a group the vocabulary does not know is kept as it is named)
    facts = extract("## Drug Interactions\n\n- Strong CYP2C19 inhibitors such as fluvoxamine or "
                    "ticlopidine can raise its levels.\n- Medicines that slow the breakdown of "
                    "metoprolol, such as cimetidine or fluoxetine, increase its effect.\n",
                    title="Metoprolol")
    partners = labels(facts, "Metoprolol", "interaction")
    assert "strong cyp2c19 inhibitors" in partners
    assert not {"fluvoxamine", "ticlopidine"} & partners
    assert {"cimetidine", "fluoxetine"} <= partners
    # one it knows is linked, and keeps its examples the same way
    facts = extract("## Drug Interactions\n\n- Strong CYP2D6 inhibitors such as bupropion or "
                    "quinidine can raise its levels.\n", title="Metoprolol")
    assert labels(facts, "Metoprolol", "interaction") == {"cyp2d6 inhibitor"}
    facts = extract("## Drug Interactions\n\n- Potent inhibitors of CYP1A2 such as "
                    "fluvoxamine can raise its levels.\n", title="Tizanidine")
    assert labels(facts, "Tizanidine", "interaction") == {"cyp1a2 inhibitor"}


def test_a_class_named_inside_an_allergy_is_not_contraindicated(extract):
    facts = extract("## Contraindications\n\n- Anyone allergic to amlodipine, or to any of "
                    "the other dihydropyridines, should not take it.\n", title="Amlodipine")
    contraindications = labels(facts, "Amlodipine", "contraindication")
    assert not any("dihydropyridine" in c for c in contraindications)
    assert labels(facts, "Amlodipine", "interaction") == set()
    assert contraindications == {"hypersensitivity to the drug"}  # the allergy itself is


def test_an_explanation_ends_where_a_semicolon_series_goes_on(extract):
    facts = extract("## Side Effects\n\n- Angioedema — swelling of the lips that can make "
                    "breathing hard; a high level of potassium in the blood "
                    "(hyperkalaemia); and low blood pressure\n", title="Losartan")
    effects = labels(facts, "Losartan", "adverse-effect")
    assert {"angioedema", "hyperkalaemia", "hypotension"} <= effects


def test_a_hyphenated_participle_opens_a_partner_name(extract):
    facts = extract("## Drug Interactions\n\n- Iron-containing herbal tonics\n",
                    title="Losartan")
    assert "iron-containing herbal tonics" in labels(facts, "Losartan", "interaction")


def test_a_sentence_naming_no_component_continues_the_previous_ones(extract):
    facts = extract("## Precautions\n\n* **Dependence:** Codeine can cause addiction. Physical "
                    "dependence develops with regular use. Paracetamol is not habit-forming.\n",
                    title="Codeine + Paracetamol")
    assert "dependence" in labels(facts, "Codeine", "risk")
    assert "dependence" not in labels(facts, "Paracetamol", "risk")


def test_drugs_named_in_an_intoxication_are_part_of_the_condition(extract):
    facts = extract("## Contraindications\n\n- during acute intoxication with alcohol, "
                    "sleeping pills or other opioids\n", title="Codeine")
    contraindications = labels(facts, "Codeine", "contraindication")
    assert not contraindications & {"hypnotic", "opioid analgesic"}
    assert contraindications == {"alcohol intoxication"}


def test_a_condition_that_restricts_a_drug_combination_is_not_on_its_own(extract):
    facts = extract("## Contraindications\n\nLosartan must not be used together with aliskiren "
                    "in people with diabetes or kidney impairment.\n", title="Losartan")
    contraindications = labels(facts, "Losartan", "contraindication")
    assert "aliskiren" in contraindications
    assert not {"diabetes mellitus", "renal impairment"} & contraindications


def test_a_time_qualifier_belongs_to_the_condition_before_it(extract):
    facts = extract("## Contraindications\n\n- People with unstable heart failure after a "
                    "heart attack should not take it.\n", title="Nifedipine")
    contraindications = labels(facts, "Nifedipine", "contraindication")
    assert "heart failure" in contraindications
    assert "post-myocardial infarction" not in contraindications


def test_background_prose_in_usage_is_not_an_indication(extract):
    facts = extract("## Usage\n\nRamipril is used to treat high blood pressure. Lowering blood "
                    "pressure reduces the risk of stroke.\n", title="Ramipril")
    indications = labels(facts, "Ramipril", "indication")
    assert "hypertension" in indications
    assert "stroke prevention" not in indications


def test_a_coordinated_pair_of_effects_is_two_effects(extract):
    facts = extract("## Side Effects\n\n- Nausea and vomiting\n- Headache\n", title="Codeine")
    assert {"nausea", "vomiting", "headache"} <= labels(facts, "Codeine", "adverse-effect")


def test_a_faq_effect_is_the_one_in_the_clause_that_states_it(extract):
    facts = extract("## FAQs\n\n**Can it make me sleepy?**\n\nYes. Some people feel drowsy after "
                    "a dose, although this can also be part of the migraine itself. Dry mouth is "
                    "a common side effect.\n", title="Rizatriptan")
    effects = labels(facts, "Rizatriptan", "adverse-effect")
    assert {"drowsiness", "dry mouth"} <= effects
    assert "migraine" not in effects


def test_sedating_medicines_are_a_named_partner(extract):
    facts = extract("## Drug Interactions\n\n- Alcohol and other sedating medicines increase "
                    "drowsiness.\n- Other CNS depressants add to the sedation.\n",
                    title="Quetiapine")
    partners = labels(facts, "Quetiapine", "interaction")
    assert {"ethanol", "sedative", "cns depressant"} <= partners


def test_a_negation_reaches_the_synonym_in_brackets(extract):
    facts = extract("## FAQs\n\n**Does it lower blood sugar?**\n\nNo. Simvastatin does not cause "
                    "hypoglycaemia (low blood sugar). It can cause muscle pain.\n",
                    title="Simvastatin")
    assert labels(facts, "Simvastatin", "adverse-effect") == {"muscle aches"}  # not negated
    assert "hypoglycemia" not in labels(facts, "Simvastatin", "risk")


def test_the_condition_a_treated_symptom_occurs_in_is_context(extract):
    facts = extract("## Usage\n\n- Agitation in delirium\n- Schizophrenia\n",
                    title="Haloperidol")
    indications = labels(facts, "Haloperidol", "indication")
    assert {"agitation", "schizophrenia"} <= indications
    assert "delirium" not in indications


def test_causes_of_a_problem_are_not_caused_by_the_drug(extract):
    facts = extract("## FAQs\n\n**What if I still sleep badly?**\n\nYour doctor may look for "
                    "other causes of poor sleep or insomnia.\n\n## Side Effects\n\n"
                    "- A bitter taste\n", title="Zopiclone")
    assert labels(facts, "Zopiclone", "adverse-effect") == {"unpleasant taste"}


def test_avoided_during_pregnancy_is_a_contraindication(extract):
    facts = extract("## Pregnancy and Breastfeeding\n\nThe tablets should be avoided during "
                    "pregnancy and breastfeeding.\n", title="Temazepam")
    assert {"pregnancy", "breastfeeding"} <= labels(facts, "Temazepam", "contraindication")


def test_like_other_members_of_a_class_says_the_drug_is_one(extract):
    """class.like-other: 'Like other anti-seizure medicines, lamotrigine ...' says it is one."""
    facts = extract("## Side Effects\n\nLike other anti-seizure medicines, lamotrigine may cause "
                    "suicidal thoughts. Unlike other benzodiazepines, it is not sedating.\n",
                    title="Lamotrigine")
    classes = labels(facts, "Lamotrigine", "class")
    assert "antiepileptic" in classes
    assert "benzodiazepine" not in classes
    # class.like-other: 'Like all SSRIs, it ...' too; 'Like all medicines' names no class
    facts = extract("Sertraline treats depression. Like all SSRIs, it can cause nausea. Like "
                    "all medicines, it can cause side effects.\n", title="Sertraline")
    assert labels(facts, "Sertraline", "class") == {"selective serotonin reuptake inhibitor"}
