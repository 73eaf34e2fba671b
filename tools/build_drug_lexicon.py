#!/usr/bin/env python3
"""Build rules/drugs.yaml, the drug lexicon, from MedQuAD's drug foci.

    python tools/build_drug_lexicon.py [--source ../shared/lexicons/medquad-foci.tsv] [--output rules/drugs.yaml]

MedQuAD (Ben Abacha and Demner-Fushman, 2019; CC BY 4.0, see NOTICE) answers
questions from MedlinePlus drug pages, one focus per page ("Acyclovir
Topical", "Acetaminophen and Codeine"). The disease-claim rules use the names
in two ways: a product offered *instead of* a named drug is a substitute for a
therapy (21 CFR 101.93(g)(2)(v)), and a sentence whose subject is a named drug
("metformin lowers blood sugar") describes standard care, not the product.

Each focus of the drug collection gives its generic names (and brands that MedQuAD
names in brackets after a generic, plus a short list of well-known brands): the dosage form and
route are cut off ("Injection", "Oral Inhalation", "Topical"), combinations
are split at "and" and commas, and parenthesised parts are dropped. A name is
kept when it is one or two words of letters, at least four characters long,
and, when it is one word, not common English (wordfreq Zipf frequency below
3.5, so that "gold", "iron" or "lithium" alone do not read as drugs), unless
it is on the short allow-list of household drug names below. Requirements:
PyYAML and, at build time only, wordfreq.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "lexicons" / "medquad-foci.tsv"
DEFAULT_OUTPUT = REPO / "rules" / "drugs.yaml"
DRUG_COLLECTION = "11_MPlusDrugs_QA"
# Vitamins, minerals and herbs are sold as supplements too ("ascorbic acid",
# "calcium carbonate", "senna"): a name any of whose words names a focus of the
# supplements collection is no drug here, or a supplement's own claim would
# read as a description of standard care.
SUPPLEMENT_COLLECTION = "12_MPlusHerbsSupplements_QA"
# Minerals and vitamins whose drug titles name a salt ("calcium carbonate").
NUTRIENT_WORDS = frozenset({"calcium", "magnesium", "potassium", "sodium", "zinc", "iron", "ferrous", "folic",
                            "vitamin", "fish", "omega-3", "niacin", "biotin", "melatonin", "fluoride"})
# Dosage forms and routes that follow a generic name in MedlinePlus titles.
FORM_WORDS = re.compile(
    r"\s+(?:oral|injection|inhalation|topical|ophthalmic|otic|nasal|spray|transdermal|patch|rectal|vaginal|"
    r"extended-release|delayed-release|sublingual|buccal|intrathecal|implant|powder|solution|suspension|"
    r"tablets?|capsules?|lotion|cream|gel|ointment|shampoo|film|insert|intravenous|intramuscular|"
    r"subcutaneous|intradermal|dental|urethral|emulsion|foam|kit|lozenge|granules|liquid|and|with)\b.*$",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_SHAPE = re.compile(r"^[a-z][a-z-]{3,}(?: [a-z][a-z-]{2,})?$")
COMMON_ZIPF = 3.5
# Household names that are common words too, and are drugs in health copy.
ALLOW = frozenset({"aspirin", "insulin", "ibuprofen", "paracetamol", "penicillin", "morphine", "codeine",
                   "warfarin", "metformin", "heparin", "cortisone", "prednisone", "valium", "prozac", "xanax",
                   "viagra", "ritalin", "adderall", "tylenol", "advil", "lithium", "methadone", "statin"})
# Brand names that supplement and clinic copy sets itself against ("a natural
# Ozempic", "an alternative to Xanax"): the best-known brand of each drug class
# such copy targets (GLP-1 agonists, antidepressants, sleep aids, acid reducers,
# statins, painkillers, ADHD and erectile-dysfunction drugs, flu antivirals).
# MedQuAD names a few brands in parentheses after a generic; those are added too.
BRANDS = frozenset({"ozempic", "wegovy", "mounjaro", "zepbound", "saxenda", "victoza", "trulicity", "rybelsus",
                    "zoloft", "lexapro", "paxil", "celexa", "wellbutrin", "cymbalta", "effexor", "ambien", "lunesta",
                    "nexium", "prilosec", "zantac", "pepcid", "lipitor", "crestor", "zocor", "synthroid", "humira",
                    "enbrel", "celebrex", "motrin", "aleve", "vicodin", "oxycontin", "percocet", "vyvanse",
                    "concerta", "cialis", "levitra", "tamiflu", "relenza", "glucophage", "jardiance", "januvia",
                    "singulair", "claritin", "zyrtec", "benadryl", "flonase", "klonopin", "ativan", "adipex"})
# "Oseltamivir (Tamiflu)": a capitalised name in brackets right after a generic.
_BRAND_AFTER_GENERIC = re.compile(r"([A-Za-z][A-Za-z-]+(?: [a-z-]+)?) \(([A-Z][a-z]+[A-Za-z-]*)\)")


def names(focus: str) -> list[str]:
    """The generic names a MedlinePlus drug title holds."""
    text = _PARENTHESIS.sub("", focus)
    found = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", text):
        name = FORM_WORDS.sub("", part.strip()).strip().lower()
        if _SHAPE.match(name):
            found.append(name)
    return found


def too_common(name: str) -> bool:
    from wordfreq import zipf_frequency  # build time only

    return " " not in name and name not in ALLOW and zipf_frequency(name, "en") >= COMMON_ZIPF


def build(source: Path) -> list[str]:
    terms: set[str] = set()
    supplement_words: set[str] = set()
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        if SUPPLEMENT_COLLECTION in (row.get("medquad_collections") or ""):
            supplement_words.update(re.findall(r"[a-z][a-z-]{3,}", _PARENTHESIS.sub("", row["focus"]).lower()))
    for row in rows:
        if row.get("category") != "Drug" or DRUG_COLLECTION not in (row.get("medquad_collections") or ""):
            continue
        for name in names(row["focus"]):
            if FORM_WORDS.match(" " + name) or (supplement_words | NUTRIENT_WORDS) & set(name.split()) or too_common(name):
                continue
            terms.add(name)
    brands = {brand.lower() for row in rows for field in [row["focus"], row.get("synonyms") or ""]
              for generic, brand in _BRAND_AFTER_GENERIC.findall(field)
              if generic.lower() in terms and len(brand) > 4 and not too_common(brand.lower())}
    return sorted(terms | ALLOW | BRANDS | brands)


def render(terms: list[str]) -> str:
    from importlib.metadata import version

    header = ("# Generated by tools/build_drug_lexicon.py from MedQuAD (CC BY 4.0); do not edit by hand.\n")
    document = {
        "pack": "drugs",
        "description": (
            "Generic names of medicines, from the MedlinePlus drug pages that MedQuAD answers questions from: "
            "Asma Ben Abacha and Dina Demner-Fushman, \"A Question-Entailment Approach to Question Answering\", "
            "BMC Bioinformatics 20:511 (2019), dataset MedQuAD (https://github.com/abachaa/MedQuAD), CC BY 4.0 "
            "(see NOTICE), with the brands MedQuAD names beside them and a short list of the best-known brands. "
            "Dosage forms and routes are cut off, combinations split; single words that are common "
            f"English (wordfreq {version('wordfreq')} Zipf frequency {COMMON_ZIPF} or more) are left out except "
            "a short allow-list of household drug names. Matched case-insensitively at word edges."
        ),
        "define": {"drug_name": {"terms": terms}},
    }
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source}: not found (the MedQuAD foci file from ../shared/lexicons)", file=sys.stderr)
        return 2
    terms = build(args.source)
    args.output.write_text(render(terms), encoding="utf-8")
    print(f"{args.output}: {len(terms)} drug names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
