"""Deterministic synthetic drug monographs for scale benchmarks (ingest throughput, queries).

    python -m benchmarks.corpus --n 1000 --seed 0 --out DIR [--gold] [--flat] [--broken 0.005]

Run it from the project folder. 100,000 pages take about 40 s on one core (~60 MB of memory).

Pages follow the real corpora (examples/, ../shared/corpus): YAML front matter (or none),
section headings as ``## Usage``, ``**Usage:**`` or ``**1. Usage:**`` under several names,
bullets, nested bullets, tables, FAQ styles, combinations with per-component labels, salt
forms, lower-case titles, a stray " ." after a title, CRLF, a BOM, disclaimers, and traps:
negations, facts about other drugs, hedges. Concept names are the preferred labels and
synonyms of ontology/vocab; about a fifth of the drug names are invented (they exercise the
unlinked-concept path) and a share of files is broken on purpose (empty, binary, not UTF-8).

Page i depends only on (seed, i): a 1,000-page corpus is a prefix of the 10,000-page one.
Files are OUT/00000/000123-slug.md, 1,000 per folder. With --gold, OUT/gold/00000/000123-
slug.yaml lists what each page states (the format of ../shared/corpus/README.md) and
OUT/questions.yaml answers q1; --flat writes OUT/monographs/*.md and OUT/gold/*.yaml instead,
the layout ../shared/eval/score.py reads.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from drugkg.ingest.monograph import SALT_WORDS, split_components
from drugkg.ontology import DKG
from drugkg.ontology.lexicon import Concept, load_lexicon

# The fixed lists of the gold format.
NEUROTRANSMITTERS = ("GABA", "serotonin", "norepinephrine", "dopamine", "glutamate",
                     "acetylcholine", "histamine", "glycine", "opioid receptors", "melatonin")
RISK_IDS = ("dependence", "withdrawal", "serotonin_syndrome", "suicidality",
            "respiratory_depression", "bleeding", "qt_prolongation", "hepatotoxicity",
            "seizures", "falls", "overdose", "teratogenicity", "hypoglycemia", "lactic_acidosis",
            "gi_bleeding", "rhabdomyolysis", "hyperkalemia", "angioedema",
            "neuroleptic_malignant_syndrome", "tardive_dyskinesia", "agranulocytosis",
            "stevens_johnson_syndrome")
GOLD_FIELDS = ("classes", "mechanisms", "neurotransmitters", "indications",
               "adverse_effects_common", "adverse_effects_serious", "contraindications",
               "risks", "interactions")

# Stem suffixes and the class they signal (vocab class slugs): invented names take one, and a
# real drug named like that gets that class, so 'lorazepam' is a benzodiazepine.
SUFFIX_CLASSES = (
    ("azepam", "benzodiazepine"), ("azolam", "benzodiazepine"),
    ("oxetine", "selective-serotonin-reuptake-inhibitor"),
    ("pril", "angiotensin-converting-enzyme-inhibitor"),
    ("sartan", "angiotensin-ii-receptor-blocker"), ("olol", "beta-blocker"),
    ("statin", "statin"), ("prazole", "proton-pump-inhibitor"),
    ("gliptin", "dipeptidyl-peptidase-4-inhibitor"), ("floxacin", "fluoroquinolone"),
    ("cillin", "penicillin"), ("dipine", "dihydropyridine-calcium-channel-blocker"),
    ("triptan", "triptan"), ("setron", "5-ht3-receptor-antagonist"),
    ("triptyline", "tricyclic-antidepressant"), ("apine", "atypical-antipsychotic"),
    ("profen", "propionic-acid-derivative"), ("gliflozin", "sglt2-inhibitor"),
    ("tidine", "h2-receptor-antagonist"), ("lukast", "leukotriene-receptor-antagonist"),
    ("conazole", "azole-antifungal"), ("xaban", "factor-xa-inhibitor"),
    ("barbital", "barbiturate"), ("codone", "opioid-analgesic"), ("pidem", "z-drug"),
)
DEPENDENCE_CLASSES = {"benzodiazepine", "opioid-analgesic", "barbiturate", "z-drug"}
ONSETS = ("b", "br", "d", "f", "g", "k", "l", "m", "n", "p", "qu", "r", "s", "t", "v", "z")
VOWELS = ("a", "e", "i", "o", "u")
CODAS = ("l", "m", "n", "r", "x", "v")
INVENTED_SALTS = ("hydrochloride", "sodium", "maleate", "besylate", "mesylate")

# Share of pages (or components) of each kind.
INVENTED, COMBINATION, TRIPLE = 0.20, 0.15, 0.2
PER_FOLDER = 1000  # files per subfolder: listings of big corpora stay quick

SECTION_NAMES = {
    "usage": ("Usage", "Uses", "Indications"),
    "dosage": ("Dosage", "Dosage and Administration", "How to Take It"),
    "side": ("Side Effects", "Adverse Effects", "Possible Side Effects"),
    "mechanism": ("How it Works", "How Does It Work?", "Mechanism of Action"),
    "precautions": ("Precautions", "Warnings and Precautions"),
    "faq": ("FAQs", "Frequently Asked Questions"),
}
OVERVIEW_LINES = (
    "It is a prescription medicine, taken by mouth as tablets or capsules.",
    "It is also available as an oral liquid for people who find tablets hard to swallow.",
    "It has been in use for many years and is available under several brand names.",
    "This page summarises how it is used, how it works and what to look out for.",
    "Read the patient leaflet that comes with the medicine before you start taking it.",
)
USAGE_LINES = (
    "It can be used on its own or together with other treatments.",
    "Your doctor will explain why it has been prescribed for you and how long to take it.",
    "It treats the symptoms; the underlying condition may need other care as well.",
    "It is available on prescription only, after a doctor has assessed your health.",
    "Treatment is reviewed regularly to check that it is still needed and still helping.",
)
DOSAGE_LINES = (
    "The usual adult dose is {mg} mg {freq}.",
    "Your doctor may start with a lower dose and increase it gradually over a few weeks.",
    "Take the tablets with a glass of water, with or without food.",
    "Swallow the tablets whole; do not crush or chew them.",
    "Try to take your doses at the same time each day so that you remember them.",
    "Older adults and people who weigh less may be started on a smaller dose.",
    "The dose is adjusted to the response and to how well the medicine is tolerated.",
    "If you take too much by accident, contact a doctor or a poisons centre straight away.",
    "Keep taking it for as long as your doctor recommends, even if you feel well.",
    "Modified-release tablets release the medicine slowly over the day and must not be split.",
    "The oral liquid should be measured with the syringe or spoon supplied with the bottle.",
    "If you are unsure how much to take, ask your pharmacist to explain the label again.",
    "The maximum dose is usually reached only after several weeks of treatment.",
    "Do not change the dose or stop the medicine on your own; follow the plan agreed with "
    "your doctor.",
)
FREQUENCIES = ("once a day", "twice a day", "three times a day", "once daily at bedtime",
               "every 12 hours")
PRECAUTION_FILLER = (
    "**Older adults:** may be more sensitive to the effects of this medicine, so a lower dose "
    "is often used and increased more slowly.",
    "**Children:** use and dose are decided by a specialist, who will follow growth and "
    "development during treatment.",
    "**Driving:** see how the medicine affects you before you drive, cycle or operate "
    "machinery, especially in the first days of treatment.",
    "**Tests:** your doctor may ask for regular check-ups and blood tests while you take it, "
    "to make sure the dose is still right for you.",
    "**Surgery:** tell the surgeon or dentist that you are taking this medicine before any "
    "operation or dental treatment.",
    "**Other medicines:** tell your doctor or pharmacist about every medicine you take, "
    "including those bought without a prescription, vitamins and herbal remedies.",
    "**Travel:** take enough medicine with you and keep it in your hand luggage.",
)
GENERIC_FAQ = (
    ("How should I store {name}?", "Store it at room temperature, away from heat, light and "
     "moisture, and keep it out of the reach of children. Do not use it after the expiry date "
     "printed on the pack."),
    ("What should I do if I miss a dose?", "Take it as soon as you remember, unless it is "
     "nearly time for the next dose. Never take two doses at once to make up for a missed one."),
    ("How long does it take for {name} to work?", "Some people notice an effect within days, "
     "but it can take several weeks to feel the full benefit. Keep taking it as prescribed, "
     "even if you do not feel better at first."),
    ("Can I stop taking {name} when I feel better?", "Talk to your doctor first. Your doctor "
     "will tell you how long to keep taking it and how to stop safely."),
    ("Can I take {name} with food?", "Yes. It can be taken with or without food, but taking it "
     "the same way each day keeps the effect steady."),
    ("Is there a generic version of {name}?", "Yes, generic versions are widely available. "
     "They contain the same active ingredient in the same amount and work in the same way."),
    ("Where can I find more information?", "Your pharmacist can answer most questions, and "
     "the patient leaflet in the pack describes the medicine in detail."),
)
DISCLAIMERS = (
    "**Disclaimer:** This information is for educational purposes only and should not be "
    "considered medical advice. Always consult a qualified healthcare professional for any "
    "health concerns or before making any decisions related to your health or treatment.",
    "**Note:** This information is AI-generated or crowd-sourced and may not be accurate. "
    "Please consult a medical professional for verified advice.",
    "**Disclaimer:** This page is a summary and does not replace the patient leaflet that "
    "comes with your medicine.",
)
# Would split a list, break the Markdown, or read as a cue word (negation, example,
# symptom-of) in a list of conditions or effects: such labels and synonyms are not used.
_UNSAFE = re.compile(r"[,;:()|*_`\[\]#\"]|\b(?:and|or|not|no|with|without|such as|including|"
                     r"like|unlike|than|which|that|causing|due to|especially)\b")
# A risk synonym that is a verb phrase reads wrongly after 'carries a risk of'.
_VERBISH = re.compile(r"^(?:can|may|becom|risk|potential|increased|addict|harm|prolong|more "
                      r"likely|likely|tolerance|ototoxic|sunburn)", re.I)


@dataclass(frozen=True)
class Term:
    """A vocabulary concept as pages use it: preferred label first, then usable synonyms."""

    iri: str
    label: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """The label lists the generator draws from, extracted once from ontology/vocab."""

    drugs: list[Term]
    salts: dict[str, list[str]]  # drug iri -> salt words its synonyms use ('hydrochloride')
    ids: dict[str, dict[str, str]]  # drug iri -> {drugbank, chebi}
    substances: list[Term]
    classes: list[Term]
    suffix_classes: list[tuple[str, Term]]
    members: dict[str, list[Term]]  # class iri -> real drugs named with its suffix
    parent: dict[str, Term]
    class_mechanisms: dict[str, list[Term]]
    mechanisms: list[Term]
    nts: dict[str, tuple[str, ...]]  # mechanism iri -> neurotransmitters it acts on
    nt_terms: dict[str, Term]
    conditions: list[Term]
    adverse_effects: list[Term]
    ae_risks: dict[str, tuple[str, ...]]  # adverse effect iri -> risk ids it signals
    risks: dict[str, Term]  # risk id -> term
    risk_of_form: dict[str, str]  # lower-case risk label -> risk id
    alcohol: Term
    taken: frozenset[str]  # every label: invented names must not be one


def _ids(c: Concept) -> dict[str, str]:
    ids = {}
    for iri in c.exact:
        if iri.startswith("https://go.drugbank.com/drugs/"):
            ids["drugbank"] = iri.rsplit("/", 1)[1]
        elif iri.startswith("http://purl.obolibrary.org/obo/CHEBI_"):
            ids["chebi"] = "CHEBI:" + iri.rsplit("_", 1)[1]
    return ids


def _term(c: Concept, *, keep=lambda form: True) -> Term:
    alts = tuple(s for s in dict.fromkeys(c.synonyms)
                 if not _UNSAFE.search(s) and len(s) <= 60 and keep(s))
    return Term(c.iri, c.label, (c.label, *alts))


def title_case(name: str) -> str:
    """'insulin glargine' -> 'Insulin Glargine' (acronyms and inner capitals kept)."""
    return " ".join(w[:1].upper() + w[1:] for w in name.split(" "))


@cache
def vocabulary() -> Vocabulary:
    """Read the vocabularies once per process (pyoxigraph, via the project's lexicon)."""
    lex = load_lexicon()
    kinds: dict[str, list[Concept]] = {}
    for c in sorted(lex.concepts.values(), key=lambda c: c.iri):
        kinds.setdefault(c.kind, []).append(c)
    listed = {k: [c for c in kinds[k] if not _UNSAFE.search(c.label)]  # items of a list
              for k in ("condition", "adverse-effect", "drug")}
    slug = {c.iri: c.iri.rsplit("/", 1)[-1] for c in lex.concepts.values()}

    def closure(iri: str, seen: set[str]) -> set[str]:
        if iri in seen or lex.get(iri) is None:
            return set()
        seen.add(iri)
        return {iri}.union(*(closure(b, seen) for b in lex.get(iri).linked("broader")))

    def nts_of(mech: Concept) -> tuple[str, ...]:
        found = {lex.get(t).label for a in mech.linked("actsOn") for t in closure(a, set())}
        return tuple(nt for nt in NEUROTRANSMITTERS if nt in found)

    risk_id = {c.iri: slug[c.iri].replace("-", "_") for c in kinds["risk"]
               if slug[c.iri].replace("-", "_") in RISK_IDS}
    drugs = [c for c in listed["drug"] if DKG + "Drug" in c.types
             and split_components(title_case(c.label)) == (title_case(c.label),)]
    classes = {c.iri: _term(c) for c in kinds["class"]}
    by_slug = {slug[iri]: t for iri, t in classes.items()}
    terms = {c.iri: _term(c) for c in kinds["mechanism"] + kinds["target"]}
    suffix_classes = [(suffix, by_slug[name]) for suffix, name in SUFFIX_CLASSES]
    drug_terms = [Term(c.iri, c.label, (c.label,)) for c in drugs]
    return Vocabulary(
        drugs=drug_terms,
        salts={c.iri: [s.split(" ")[-1] for s in c.synonyms if s.lower().startswith(
            c.label.lower() + " ") and s.split(" ")[-1].lower() in SALT_WORDS] for c in drugs},
        ids={c.iri: _ids(c) for c in drugs},
        substances=[_term(c) for c in kinds["drug"] if DKG + "Substance" in c.types],
        classes=list(classes.values()),
        suffix_classes=suffix_classes,
        members={cls.iri: [d for d in drug_terms for s, c in suffix_classes
                           if c == cls and d.label.endswith(s)] for _, cls in suffix_classes},
        parent={iri: classes[b] for iri in classes for b in lex.get(iri).linked("broader")[:1]
                if b in classes},
        class_mechanisms={iri: [terms[m] for m in lex.get(iri).linked("hasMechanism")
                                if m in terms] for iri in classes},
        mechanisms=[terms[c.iri] for c in kinds["mechanism"]],
        nts={c.iri: nts_of(c) for c in kinds["mechanism"]},
        nt_terms={c.label: _term(c, keep=lambda f: "system" not in f) for c in kinds["target"]
                  if c.label in NEUROTRANSMITTERS},
        conditions=[_term(c) for c in listed["condition"]],
        adverse_effects=[_term(c) for c in listed["adverse-effect"]],
        ae_risks={c.iri: tuple(risk_id[r] for r in c.linked("signalsRisk") if r in risk_id)
                  for c in kinds["adverse-effect"]},
        risks={risk_id[c.iri]: _term(c, keep=lambda f: not _VERBISH.match(f))
               for c in kinds["risk"] if c.iri in risk_id},
        risk_of_form={label.lower(): risk_id[c.iri] for c in kinds["risk"] if c.iri in risk_id
                      for label in c.labels},
        alcohol=next(_term(c) for c in kinds["drug"] if "alcohol" in c.synonyms),
        taken=frozenset(label.lower() for c in lex.concepts.values() for label in c.labels),
    )


@dataclass(frozen=True)
class Partner:
    """An interaction partner: a drug, class or substance, maybe with an example drug."""

    head: Term
    example: Term | None = None


@dataclass(frozen=True)
class Profile:
    """What the pages of one drug say about it: the same drug reads alike on every page."""

    classes: tuple[Term, ...]
    mechanisms: tuple[Term, ...]
    nts: tuple[str, ...]
    indications: tuple[Term, ...]
    common: tuple[Term, ...]
    serious: tuple[Term, ...]
    contraindications: tuple[Term, ...]
    interactions: tuple[Partner, ...]
    risks: tuple[str, ...]  # stated in Precautions, beyond those its adverse effects signal


@lru_cache(maxsize=8192)  # bounded: invented names are many, real drugs repeat
def profile(seed: int, name: str) -> Profile:
    """The facts of drug ``name``, drawn from an rng of its own (seed, name)."""
    v = vocabulary()
    rng = random.Random(f"{seed}:drug:{name.lower()}")
    cls = next((c for s, c in v.suffix_classes if name.lower().endswith(s)), None)
    cls = cls or rng.choice(v.classes)
    classes = (cls, v.parent[cls.iri]) if cls.iri in v.parent and rng.random() < 0.5 else (cls,)
    mechanisms = tuple(v.class_mechanisms[cls.iri][:2]) or (rng.choice(v.mechanisms),)
    nts = {nt for m in mechanisms for nt in v.nts[m.iri]}
    nts |= {nt for c in classes for m in v.class_mechanisms[c.iri] for nt in v.nts[m.iri]}
    conditions = rng.sample(v.conditions, 7)
    effects = rng.sample(v.adverse_effects, 11)
    partners = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.random()
        if kind < 0.4:
            head = rng.choice([c for _, c in v.suffix_classes])
            partners.append(Partner(head, rng.choice(v.members[head.iri] or [None])))
        elif kind < 0.8:
            partners.append(Partner(rng.choice(v.drugs)))
        else:
            partners.append(Partner(rng.choice(v.substances)))
    risks = []
    if cls.iri.rsplit("/", 1)[-1] in DEPENDENCE_CLASSES or rng.random() < 0.15:
        risks.append("dependence")
    if (risks and rng.random() < 0.7) or rng.random() < 0.1:
        risks.append("withdrawal")
    if rng.random() < 0.3:
        risks.append("teratogenicity")
    others = sorted(set(v.risks) - {"dependence", "withdrawal", "teratogenicity"})
    risks += rng.sample(others, rng.choice((0, 0, 1, 1, 2)))
    return Profile(
        classes=classes, mechanisms=mechanisms,
        nts=tuple(nt for nt in NEUROTRANSMITTERS if nt in nts),
        indications=tuple(conditions[: rng.randint(2, 5)]),
        common=tuple(effects[: rng.randint(3, 7)]), serious=tuple(effects[7 : rng.randint(8, 11)]),
        contraindications=tuple(conditions[5 : rng.randint(6, 7)]),
        interactions=tuple(dict.fromkeys(partners)), risks=tuple(risks),
    )


@dataclass
class Component:
    """One active ingredient of a page, and the facts the page has stated about it so far."""

    name: str
    iri: str | None  # None for invented names
    ids: dict[str, str]
    salts: list[str]
    profile: Profile
    gold: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    risks: set[str] = field(default_factory=set)

    @property
    def low(self) -> str:
        return self.name.lower()

    @property
    def kinship(self) -> set[Term]:
        """Its classes and their parents: 'X is not a Y' must not deny one of these."""
        parent = vocabulary().parent
        return {*self.profile.classes, *(parent[t.iri] for t in self.profile.classes
                                         if t.iri in parent)}


def _article(word: str) -> str:
    if re.match(r"[A-Z0-9]{2,}", word):  # acronyms are spelled out: 'an SSRI', 'a GABA ...'
        return "an" if word[0] in "AEFHILMNORSX8" else "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:2].islower() else text


def _join(items: list[str], rng: random.Random, word: str = "and") -> str:
    if len(items) < 2:
        return "".join(items)
    comma = "," if rng.random() < 0.3 and len(items) > 2 else ""
    return f"{', '.join(items[:-1])}{comma} {word} {items[-1]}"


def invented_name(rng: random.Random, taken: frozenset[str]) -> str:
    """A pronounceable drug-like name no vocabulary knows: stem + class-flavoured suffix."""
    while True:
        stem = rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
        suffix = rng.choice(SUFFIX_CLASSES)[0]
        name = stem + ("" if suffix[0] in "aeiou" else rng.choice(VOWELS)) + suffix
        if name not in taken:
            return name.capitalize()


class Page:
    """One monograph being written: its lines, its style, and the gold of each component."""

    def __init__(self, rng: random.Random, comps: list[Component]) -> None:
        self.rng, self.comps, self.lines, self.traps = rng, comps, [], []
        self.style = rng.choice(("h2", "h2", "bold", "numbered"))
        self.bullet = rng.choice("*-")
        self.section_no = 0

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def form(self, term: Term) -> str:
        return term.forms[0] if self.rng.random() < 0.6 else self.rng.choice(term.forms)

    def say(self, comp: Component, kind: str, term: Term, text: str | None = None) -> str:
        """A surface form of ``term`` for the page, recorded as a fact of ``comp``."""
        text = text or self.form(term)
        forms = comp.gold.setdefault(kind, {}).setdefault(term.label, [term.label])
        if text not in forms:
            forms.append(text)
        if kind.startswith("adverse_effects"):  # 'serotonin syndrome' is a risk as well
            v = vocabulary()
            comp.risks.update(v.ae_risks[term.iri])
            if text.lower() in v.risk_of_form:
                comp.risks.add(v.risk_of_form[text.lower()])
        return text

    def items(self, texts: list[str]) -> None:
        self.add(*(f"{self.bullet} {_cap(t)}" for t in texts), "")

    def heading(self, key: str) -> None:
        name = self.rng.choice(SECTION_NAMES[key])
        self.section_no += 1
        colon = "" if name.endswith("?") else ":"
        if self.style == "h2":
            self.add(f"## {name}", "")
        elif self.style == "bold":
            self.add(f"**{name}{colon}**", "")
        else:
            self.add(f"**{self.section_no}. {name}{colon}**", "")

    def sub(self, name: str) -> None:
        self.add(f"### {name}" if self.style == "h2" else f"**{name}:**", "")

    # ------------------------------------------------------------------ sections

    def usage(self) -> None:
        self.heading("usage")
        rng = self.rng
        for c in self.comps:
            cls = self.say(c, "classes", c.profile.classes[0])
            kind = f"{_article(cls)} {cls}"
            if len(c.profile.classes) > 1:
                parent = self.say(c, "classes", c.profile.classes[1])
                kind += f", a type of {parent}"
            uses = [self.say(c, "indications", t) for t in c.profile.indications]
            if len(self.comps) > 1:
                self.add(f"{self.bullet} **{c.name}:** {c.name} is {kind}. It is used to treat "
                         f"{_join(uses, rng)}.", "")
            elif rng.random() < 0.5:
                self.add(f"{c.name} is {kind}. It is used for:", "")
                self.items(uses)
            else:
                self.add(f"{c.name} is {kind}. It is used to treat {_join(uses, rng)}.", "")
            if rng.random() < 0.25:
                other = rng.choice(vocabulary().conditions)
                if other not in c.profile.indications:
                    self.add(f"{c.name} has been studied for {self.form(other)}, but this is "
                             f"not an approved use.", "")
                    self.traps.append(f"hedge: {other.label!r} is named as studied, not an "
                                      f"approved use -> not an indication of {c.name}")
        self.add(" ".join(rng.sample(USAGE_LINES, rng.randint(1, 3))), "")

    def dosage(self) -> None:
        self.heading("dosage")
        rng = self.rng
        lines = rng.sample(DOSAGE_LINES, rng.randint(4, 9))
        mg, freq = rng.choice((1, 2.5, 5, 10, 20, 25, 50, 100, 250, 500)), rng.choice(FREQUENCIES)
        self.add(" ".join(lines).format(mg=mg, freq=freq), "")
        if rng.random() < 0.3:
            self.add("| Strength | When it is typically used |", "|---|---|",
                     f"| {mg} mg | Starting dose for many adults |",
                     f"| {mg * 2:g} mg | When a stronger effect is needed |",
                     f"| {mg * 4:g} mg | Maximum dose |", "")
        elif len(self.comps) == 1:
            c = self.comps[0]
            self.items([f"**{_cap(t.label)}:** {mg * rng.randint(1, 4):g} mg "
                        f"{rng.choice(FREQUENCIES)}" for t in c.profile.indications[:2]])

    def side_effects(self) -> None:
        self.heading("side")
        rng, comps = self.rng, self.comps
        self.add("Like all medicines, this one can cause side effects, although not everybody "
                 "gets them. Many of them ease within the first weeks of treatment.", "")
        if len(comps) > 1:
            for c in comps:
                common = [self.say(c, "adverse_effects_common", t) for t in c.profile.common]
                serious = [self.say(c, "adverse_effects_serious", t) for t in c.profile.serious]
                self.add(f"**{c.name} common side effects:** {_cap(_join(common, rng))}.", "",
                         f"**{c.name} serious (less common) side effects:** "
                         f"{_cap(_join(serious, rng))}.", "")
        else:
            c = comps[0]
            common = [self.say(c, "adverse_effects_common", t) for t in c.profile.common]
            serious = [self.say(c, "adverse_effects_serious", t) for t in c.profile.serious]
            shape = rng.choice(("lists", "labels", "table", "prose"))
            if shape == "lists":
                self.sub("Common Side Effects")
                self.items(common)
                self.sub(rng.choice(("Serious Side Effects", "Serious (get medical help "
                                     "immediately)")))
                self.items(serious)
            elif shape == "labels":
                self.add(f"**Common:** {_join(common, rng)}.", "",
                         f"**{rng.choice(('Serious', 'Serious (rare)'))}:** "
                         f"{_join(serious, rng)}.", "")
            elif shape == "table":
                self.add("| Side effect | How common |", "|---|---|",
                         *(f"| {_cap(t)} | Common |" for t in common),
                         *(f"| {_cap(t)} | Rare but serious |" for t in serious), "")
            else:
                self.add(f"Common side effects include {_join(common, rng)}. Serious side effects "
                         f"are less common and include {_join(serious, rng)}; seek medical help "
                         f"immediately if they happen.", "")
            if rng.random() < 0.3:
                other = rng.choice(vocabulary().drugs)
                effect = rng.choice(vocabulary().adverse_effects)
                if effect not in c.profile.common + c.profile.serious and other.iri != c.iri:
                    self.add(f"{title_case(other.label)} can cause {self.form(effect)}; this is "
                             f"not a known side effect of {c.low}.", "")
                    self.traps.append(f"other drug: {effect.label!r} is said of {other.label}, "
                                      f"not of {c.name}")
        self.add("Tell your doctor if any side effect bothers you or does not go away. You can "
                 "also report side effects to your national medicines agency; reports help to "
                 "improve what is known about the safety of medicines.", "")

    def mechanism(self) -> None:
        self.heading("mechanism")
        rng, many = self.rng, len(self.comps) > 1
        for c in self.comps:
            said = []
            for m in c.profile.mechanisms:
                text = self.say(c, "mechanisms", m)
                first = text.split(" ")[0]
                if first.endswith("ing"):
                    said.append(f"{c.name} works by {text}.")
                elif first.endswith("s") and not first.endswith(("ss", "is", "us")):
                    said.append(f"{c.name} {text}.")
                else:
                    said.append(f"{c.name} works through {text}.")
            for nt in c.profile.nts:
                c.gold.setdefault("neurotransmitters", {})[nt] = [nt]
                said.append(f"It acts on {self.form(vocabulary().nt_terms[nt])} in the brain.")
            if rng.random() < 0.3:
                nt = rng.choice([nt for nt in NEUROTRANSMITTERS if nt not in c.profile.nts])
                receptors = nt if nt.endswith("receptors") else f"{nt} receptors"
                said.append(f"{c.name} does not act on {receptors}.")
                self.traps.append(f"negation: {c.name} 'does not act on {receptors}'")
            if rng.random() < 0.2:
                other = rng.choice(vocabulary().classes)
                if other not in c.kinship:
                    said.append(f"{c.name} is not {_article(other.label)} {other.label}.")
                    self.traps.append(f"negation: {c.name} is not {other.label}")
            self.add(f"{self.bullet} **{c.name}:** {' '.join(said)}" if many else " ".join(said),
                     "")
        self.add("The full effect may take some time to develop, and it wears off gradually "
                 "once the medicine is stopped. How quickly this happens differs from person to "
                 "person, which is one reason why the dose is adjusted step by step.", "")

    def precautions(self) -> None:
        self.heading("precautions")
        rng, many, b = self.rng, len(self.comps) > 1, self.bullet
        nested = self.style != "h2"
        # contraindications
        per = {c.name: [self.say(c, "contraindications", t) for t in c.profile.contraindications]
               for c in self.comps}
        if many:
            self.add(f"{b} **Contraindications:**", *(
                f"  {b} **{name}:** Should not be used by people with {_join(v, rng, 'or')}."
                for name, v in per.items()), "")
        elif nested:
            c = self.comps[0]
            self.add(f"{b} **Contraindications:** {c.name} should not be used by people with "
                     f"{_join(per[c.name], rng, 'or')}.", "")
        else:
            self.sub(rng.choice(("Contraindications", "Who Should Not Take It")))
            self.add(f"Do not take {self.comps[0].low} if you have:", "")
            self.items(per[self.comps[0].name])
        # interactions
        sentences = []
        for c in self.comps:
            for p in c.profile.interactions:
                if any(p.head.iri == o.iri or (p.example and p.example.iri == o.iri)
                       for o in self.comps):
                    continue
                sentences.append(self.interaction(c, p))
        if sentences:
            lead = rng.choice(("", "", "Other medicines can interact with this one:",
                               "Some medicines change how this one works, and it can change how "
                               "others work, so keep a list of everything you take:"))
            if nested:
                self.add(f"{b} **Drug Interactions:** {lead}".rstrip(),
                         *(f"  {b} {s}" for s in sentences), "")
            else:
                self.sub("Drug Interactions")
                self.add(*([lead, ""] if lead else []))
                self.items(sentences)
        # pregnancy, dependence, other risks
        texts = {"Pregnancy and Breastfeeding": [], "Dependence and Withdrawal": [],
                 "Other Warnings": []}
        for c in self.comps:
            for risk in c.profile.risks:
                c.risks.add(risk)
                if risk == "teratogenicity":
                    texts["Pregnancy and Breastfeeding"].append(rng.choice((
                        f"Taking {c.low} during pregnancy can harm the unborn baby.",
                        f"{c.name} can cause birth defects if it is taken during pregnancy.")))
                elif risk == "dependence":
                    texts["Dependence and Withdrawal"].append(rng.choice((
                        f"{c.name} can be habit-forming, especially with long-term use.",
                        f"There is a risk of dependence with {c.low}.")))
                elif risk == "withdrawal":
                    texts["Dependence and Withdrawal"].append(
                        f"Stopping {c.low} suddenly can cause withdrawal symptoms, so the dose "
                        f"is reduced gradually.")
                else:
                    form = self.form(vocabulary().risks[risk])
                    texts["Other Warnings"].append(f"{c.name} carries a risk of {form}.")
            if "teratogenicity" not in c.profile.risks:
                texts["Pregnancy and Breastfeeding"].append(
                    f"If you are pregnant, planning a pregnancy or breastfeeding, talk to your "
                    f"doctor before taking {c.low}.")
            if "dependence" not in c.risks and rng.random() < 0.3:
                texts["Other Warnings"].append(f"{c.name} is not habit-forming.")
                self.traps.append(f"negation: {c.name} 'is not habit-forming' -> no dependence")
        for name, said in texts.items():
            if not said:
                continue
            if nested:
                self.add(f"{b} **{name}:** {' '.join(said)}", "")
            else:
                self.sub(name)
                self.add(" ".join(said), "")
        filler = rng.sample(PRECAUTION_FILLER, rng.randint(2, 5))
        if nested:
            self.add(*(f"{b} {f}" for f in filler), "")
        else:
            self.sub("Other Precautions")
            self.items(filler)

    def interaction(self, c: Component, p: Partner) -> str:
        head = self.form(p.head)
        forms = [p.head.label, head] + ([p.example.label] if p.example else [])
        c.gold.setdefault("interactions", {})[p.head.label] = list(dict.fromkeys(forms))
        if p.example:
            self.traps.append(f"other drug: {p.example.label} is named only as an example of "
                              f"the interaction partner {p.head.label}")
            article = "" if head.endswith("s") else _article(head) + " "
            return f"Do not take {c.low} with {article}{head} such as {p.example.label}."
        return self.rng.choice((
            f"{_cap(head)} can increase the effects of {c.low}.",
            f"Taking {c.low} together with {head} should be avoided.",
            f"Tell your doctor if you take {head}, because it can change how {c.low} works.",
        ))

    def faq(self) -> None:
        self.heading("faq")
        rng, c = self.rng, self.comps[0]
        name = c.low if len(self.comps) == 1 else "these medicines"
        pairs = [(q.format(name=name), a) for q, a in rng.sample(GENERIC_FAQ, rng.randint(2, 5))]
        if len(self.comps) == 1 and rng.random() < 0.5:
            if "dependence" in c.risks:
                pairs.append((f"Is {name} habit-forming?", f"Yes. {c.name} can be "
                              f"habit-forming, so it is usually prescribed for short periods."))
            else:
                cls = rng.choice([t for s, t in vocabulary().suffix_classes
                                  if s in ("azepam", "codone") and t not in c.kinship])
                example = rng.choice(vocabulary().members[cls.iri])
                pairs.append((f"Is {name} habit-forming?", f"No. Unlike {cls.label}s such as "
                              f"{example.label}, {c.low} is not habit-forming."))
                self.traps.append(f"comparison: 'unlike {cls.label}s such as {example.label}' "
                                  f"-> neither a class nor a dependence risk of {c.name}")
        if rng.random() < 0.4:
            pairs.append((f"Can I drink alcohol while taking {name}?", "It is best to avoid "
                          "alcohol, because it can make side effects worse."))
            for comp in self.comps:
                self.say(comp, "interactions", vocabulary().alcohol, "alcohol")
        shape = rng.choice(("bullets", "lines", "bold") + (("h3",) if self.style == "h2" else ()))
        for q, a in pairs:
            if shape == "bullets":
                self.add(f"{self.bullet} **Q: {q}** A: {a}", "")
            elif shape == "lines":
                self.add(f"**Q: {q}**", f"A: {a}", "")
            elif shape == "bold":
                self.add(f"**{q}**", "", a, "")
            else:
                self.add(f"### {q}", "", a, "")


def _components(rng: random.Random, seed: int) -> list[Component]:
    v = vocabulary()
    count = 1 if rng.random() >= COMBINATION else (3 if rng.random() < TRIPLE else 2)
    comps: list[Component] = []
    while len(comps) < count:
        if rng.random() < INVENTED:
            name, iri, ids, salts = invented_name(rng, v.taken), None, {}, list(INVENTED_SALTS)
        else:
            drug = rng.choice(v.drugs)
            name, iri, ids, salts = title_case(drug.label), drug.iri, v.ids[drug.iri], \
                v.salts[drug.iri]
        if all(name != c.name for c in comps):
            comps.append(Component(name, iri, ids, salts, profile(seed, name)))
    return comps


class Rendered(NamedTuple):
    """One page: file stem, bytes, gold YAML (None for a broken page), and its q1 answers."""

    stem: str
    data: bytes
    gold: str | None
    gaba_dependence: list[str]


def render(seed: int, index: int, broken: float = 0.005, gold: bool = True) -> Rendered:
    """Page ``index`` of corpus ``seed`` (its gold YAML only if ``gold``: it costs a fifth)."""
    rng = random.Random(f"{seed}:{index}")
    is_broken = rng.random() < broken  # drawn first, always, so ``broken`` changes only these
    comps = _components(rng, seed)
    page = Page(rng, comps)
    names = [c.name for c in comps]
    title = rng.choice((" + ", " + ", " and ", ", ")).join(names) if len(names) > 1 else names[0]
    generic = " + ".join(names)
    salt = ""
    if len(comps) == 1 and comps[0].salts and rng.random() < 0.15:
        salt = " " + title_case(rng.choice(comps[0].salts))
        title += salt
        page.traps.append(f"salt form in the title: {title!r} -> component {names[0]}")
    slug = re.sub(r"[^a-z0-9]+", "-", f"{' '.join(names)}{salt}".lower()).strip("-")
    stem = f"{index:06d}-{slug}"
    shown = title
    if rng.random() < 0.05:
        shown = title.lower()
        page.traps.append("lower-case title")
    if rng.random() < 0.05:
        shown += " ."
        page.traps.append("stray trailing ' .' in the title")
    if rng.random() < 0.95:
        page.add("---", "layout: minimal-medicine", f"title: {shown}",
                 *(["nav_exclude: true"] if rng.random() < 0.1 else []), "---", "")
    else:
        page.traps.append("no front matter: the title is the H1")
    page.add(f"# {shown}", "")
    if page.style == "h2" and rng.random() < 0.5:
        page.add("## Generic Name", "", generic, "")
    else:
        page.add(rng.choice((f"**Generic Name:** {generic}", f"**Generic Name: {generic}**")), "")
    if len(comps) > 1:
        page.add(f"This fixed-dose combination contains {_join([c.low for c in comps], rng)} "
                 f"in a single tablet, so that fewer tablets need to be taken each day.", "")
    elif rng.random() < 0.7:
        page.add(" ".join(rng.sample(OVERVIEW_LINES, rng.randint(2, 4))), "")
    page.usage()
    page.dosage()
    for section in rng.sample((page.side_effects, page.mechanism), 2):
        section()
    page.precautions()
    if rng.random() < 0.85:
        page.faq()
    if rng.random() < 0.7:
        page.add(rng.choice(DISCLAIMERS), "")
    text = "\n".join(page.lines)
    if rng.random() < 0.06:
        text = text.replace("\n", "\r\n")
        page.traps.append("CRLF line endings")
    data = ("\ufeff" if rng.random() < 0.04 else "") + text
    if is_broken or not gold:
        return Rendered(stem, _break(rng, data) if is_broken else data.encode("utf-8"), None, [])
    q1 = [c.name for c in comps if "GABA" in c.gold.get("neurotransmitters", {})
          and "dependence" in c.risks]
    return Rendered(stem, data.encode("utf-8"), _gold_yaml(f"{stem}.md", title, comps,
                                                           page.traps), q1)


def _break(rng: random.Random, text: str) -> bytes:
    """The bytes of a deliberately unreadable page: empty, binary, or not UTF-8."""
    kind = rng.choice(("empty", "binary", "latin-1"))
    if kind == "empty":
        return rng.choice((b"", b"\n", b"  \n\n"))
    if kind == "binary":
        return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(256)
    data = text.encode("utf-8")
    return data[: len(data) // 2] + "caf\xe9 ".encode("latin-1") + data[len(data) // 2 :]


def _gold_yaml(file: str, title: str, comps: list[Component], traps: list[str]) -> str:
    # JSON values are YAML flow nodes: exact quoting at a fraction of yaml.dump's cost
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = [f"file: {dump(file)}", f"title: {dump(title_case(title))}",
             f"combination: {'true' if len(comps) > 1 else 'false'}", "components:"]
    for c in comps:
        lines += [f"  - name: {dump(c.name)}", f"    ids: {dump(c.ids)}"]
        for name in GOLD_FIELDS:
            if name == "risks":
                value = [r for r in RISK_IDS if r in c.risks]
            elif name == "neurotransmitters":
                value = list(c.gold.get(name, {}))
            else:
                value = list(c.gold.get(name, {}).values())
            lines.append(f"    {name}: {dump(value)}")
    lines.append(f"traps: {dump(traps)}")
    return "\n".join(lines) + "\n"


def generate(out_dir: Path, n: int, *, seed: int = 0, gold: bool = False,
             broken: float = 0.005, flat: bool = False) -> int:
    """Write pages 0..n-1 of corpus ``seed`` under ``out_dir``; returns how many were written."""
    out_dir = Path(out_dir)
    q1: set[str] = set()
    made: set[Path] = set()
    for index in range(n):
        folder = "monographs" if flat else f"{index // PER_FOLDER:05d}"
        page = render(seed, index, broken, gold)
        targets = [(out_dir / folder / f"{page.stem}.md", page.data)]
        if page.gold is not None:
            gold_dir = out_dir / "gold" / ("" if flat else folder)
            targets.append((gold_dir / f"{page.stem}.yaml", page.gold.encode("utf-8")))
            q1.update(page.gaba_dependence)
        for path, content in targets:
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(content)
    if gold:
        (out_dir / "questions.yaml").write_text(
            "# Only q1 is derived: what score.py's named-query check reads.\n"
            f"q1_gaba_dependence: {json.dumps(sorted(q1), ensure_ascii=False)}\n",
            encoding="utf-8")
    return n


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="how many pages")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--gold", action="store_true", help="also write gold YAML per page")
    parser.add_argument("--broken", type=float, default=0.005,
                        help="share of deliberately unreadable files")
    parser.add_argument("--flat", action="store_true",
                        help="OUT/monographs + OUT/gold, no subfolders (for score.py)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    written = generate(args.out, args.n, seed=args.seed, gold=args.gold, broken=args.broken,
                       flat=args.flat)
    elapsed = time.perf_counter() - start
    print(f"{written} pages written to {args.out} in {elapsed:.1f} s "
          f"({written / elapsed:.0f} pages/s)")


if __name__ == "__main__":
    main()
