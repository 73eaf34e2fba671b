#!/usr/bin/env python3
"""Build ``rules/conditions.yaml``, claimlint's lexicon of diseases, disorders and
symptoms, from NIH MedQuAD question foci and the hand-written lay list.

Usage (from anywhere)::

    python tools/build_condition_lexicon.py [MEDQUAD_FOCI_TSV] [-o OUTPUT] [--lay LAY_YAML] [--report]

``MEDQUAD_FOCI_TSV`` defaults to ``../shared/lexicons/medquad-foci.tsv`` relative to
the repository root, ``OUTPUT`` to ``rules/conditions.yaml`` and ``LAY_YAML`` to
``tools/lay_conditions.yaml``. ``--report`` prints, to stderr, what each filter
dropped, for review.

Requirements: PyYAML (a claimlint dependency) and **wordfreq** (``pip install
wordfreq``). wordfreq is a build-time dependency of this script only; claimlint
itself never imports it, and the generated YAML is committed. The output depends
on wordfreq's word lists, so its version is recorded in the generated description;
rebuild with the same version to reproduce the file byte for byte.

Source: Asma Ben Abacha and Dina Demner-Fushman, "A Question-Entailment Approach to
Question Answering", BMC Bioinformatics 20:511 (2019), dataset MedQuAD
(https://github.com/abachaa/MedQuAD), CC BY 4.0; see NOTICE.

How a term gets in, and why each filter exists
----------------------------------------------

1. **Semantic types.** A focus is read only if one of its UMLS semantic types is a
   condition type (``CONDITION_TYPES``: T047 Disease or Syndrome, T191 Neoplastic
   Process, T048 Mental or Behavioral Dysfunction, T037 Injury or Poisoning, T046
   Pathologic Function, T019/T020 congenital/acquired abnormality, T190 Anatomical
   Abnormality, T049 Cell or Molecular Dysfunction, T184 Sign or Symptom). Foci with
   no type are drugs, supplements, tests, procedures and life-style pages. Foci typed
   only T033 Finding (or T005/T007 virus/bacterium) mix conditions with tests and
   advice pages ("A1C test", "Divorce", "Thrombocytopenia"), so from those only
   names that look medical by their ending (``MEDICAL_ENDING``: -itis, -osis,
   -emia, -penia, -megaly ...) are taken. T028 and T034 alone (one row each) do
   not qualify.
   The focus and its synonyms (lay names, older names) are all candidates.
2. **Catalogue order and page qualifiers.** MedQuAD names are catalogue titles:
   "Renal tubular acidosis, distal, type 3", "Meningitis - pneumococcal", "Rib
   fracture - aftercare", "Cancer--Living with Cancer". The part before the first
   comma, " - ", "--", ":" or ";" is the condition; the rest qualifies the page
   (audience, page type, subtype). Parenthesised text is removed. Questions ("Could
   you have low testosterone?") are dropped.
3. **Shape.** Names holding an abbreviation (two capitals in a row: "AATD", "CMV
   mononucleosis", "hyperKPP"; lower-cased they would read as words), digits
   (chromosome deletions, "type 2"), characters other than letters, space, hyphen,
   apostrophe and period, more than ``MAX_WORDS`` words, or fewer than 4 characters
   are dropped: the engine reads terms as literals, and short, numbered or
   abbreviated catalogue names do not occur in marketing copy as such.
4. **Connectives.** A name holding a connective (``CONNECTIVES``: and, or, with,
   without, in, due, type, ...) is a compound catalogue title ("Nausea and
   acupressure", "Breast cancer in men", "X with mental retardation"); its parts
   occur as names of their own.
5. **Page words.** A name holding a word of ``PAGE_WORDS`` (also as part of a
   hyphenated word) is a page about a test, procedure, drug, diet, care, audience,
   overdose, bite or sting ("Knee replacement", "Bunion removal", "Chiropractic
   care for back pain", "Hyperactivity and children", "Aspirin overdose"), not a
   condition. A word with a procedure ending (``PROCEDURE_ENDING``: -ectomy,
   -plasty, -scopy, -tripsy ...) makes the name an operation.
6. **Reviewed stop list.** ``STOP_TERMS`` holds names that pass the rules above but
   are not conditions, or are ambiguous in marketing copy: drugs and substances
   among synonyms ("oseltamivir", "arginine"), organisms, procedures, anatomy and
   normal function ("menses", "swallowing"), cosmetic matters ("stretch marks"),
   words with another dominant sense ("calculus", "sterility", "hyperthermia",
   which clinics offer as a treatment), catalogue fragments and typos, and bare
   eponyms. Each group is commented.
7. **Common English words.** A single word whose wordfreq Zipf frequency is
   ``COMMON_ZIPF`` or more ("type", "normal", "balance", "discharge", "sleep") is
   a common word in another sense and is dropped unless it is in the reviewed
   ``COMMON_CONDITION_WORDS`` allow-list (genuine condition words such as
   "stroke", "asthma", "nausea"). A multi-word name all of whose words are that
   common, none of them a condition word (the allow-list, ``PHRASE_CONDITION_WORDS``
   such as "fever" and "sickness", heads, symptom endings), is dropped the same way
   ("foreign bodies", "open bite", "sound distortion"); the common lay names that
   this removes ("flat feet", "bad breath") are in the lay list where wanted.
8. **Rare genetic syndromes.** Names found only in GARD or Genetics Home Reference
   (rare and genetic diseases) are kept only as single words with a medical ending
   ("achondroplasia", "homocystinuria"): their multi-word names are eponyms and
   gene names that nobody markets against, and their other single words are
   mostly abbreviations and anatomy.
9. **Size (one regular expression).** ``disease_name`` becomes one character trie,
   and the engine allows modifier words before a name and matches a head noun
   after a modifier. So a multi-word name is dropped when its last word is a
   ``disease_head`` ("crohn's disease", "breast cancer") or when a run of its
   words is another name ("rheumatoid arthritis", "hepatitis c", "congestive heart
   failure"): every text that holds it is matched anyway. A symptom phrase holding
   a disease name ("arthritis pain") is dropped for the same reason; symptom
   phrases built on symptoms ("joint pain", "back pain") are kept whole.
10. **Symptom or disease.** A focus typed only Sign or Symptom / Finding (T184,
    T033) gives symptoms; any disease type makes it a disease name; a name found
    both ways is a disease name. A name ending in a symptom word
    (``SYMPTOM_ENDINGS``: pain, ache, swelling, ...) is a symptom, one ending in a
    head noun a disease name. The lay list decides for the terms it names. A term
    is never in both entries.
11. **Abbreviations.** Only the reviewed, hand-written abbreviations of
    ``tools/lay_conditions.yaml`` are used: MedQuAD's (CDH, LDS, PPD, MAS, AAA,
    ...) mostly collide with other words and organisations even when matched
    case-sensitively.
12. **Lay list.** ``tools/lay_conditions.yaml`` (hand-written, general knowledge)
    supplies lay names, common condition words dropped by step 7, plurals and
    British spellings. It is merged without the frequency filter and the stop
    list, but a lay term that is in ``NEVER_TERMS`` (words that must never be
    conditions) stops the build.
13. **Spelling variants.** The engine reads a hyphen in a term as hyphen, space
    or nothing and an apostrophe as optional, so a term another term already
    matches ("afib" beside "a-fib", "tetraamelia" beside "tetra-amelia") is
    dropped.

The output is sorted and written with a fixed layout, so the same inputs and
wordfreq version give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
import unicodedata
from typing import Any
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "lexicons" / "medquad-foci.tsv"
DEFAULT_LAY = REPO / "tools" / "lay_conditions.yaml"
DEFAULT_OUTPUT = REPO / "rules" / "conditions.yaml"

# ---------------------------------------------------------------------------
# Step 1: semantic types.
# ---------------------------------------------------------------------------

#: Condition types: a focus with one of them is read.
DISEASE_TYPES = frozenset({"T047", "T191", "T048", "T037", "T046", "T019", "T020", "T190", "T049"})
SYMPTOM_TYPES = frozenset({"T184"})
CONDITION_TYPES = DISEASE_TYPES | SYMPTOM_TYPES
#: Types whose foci are taken only when the name looks medical by its ending.
WEAK_TYPES = frozenset({"T033", "T005", "T007"})

#: Greco-Latin endings of condition names (used for the weak types of step 1).
MEDICAL_ENDING = re.compile(
    r"(?:itis|osis|oses|iasis|emia|aemia|penia|megaly|pathy|algia|plegia|trophy|oma|omas|uria|rrhea|rrhoea"
    r"|rrhagia|cele|ectasia|plasia|spasm|ism|phobia|mania|lepsy|somnia|kinesia|tonia|phagia|pnea|pnoea"
    r"|cardia|rhythmia|opia|ptosis|lithiasis|genesis|ia)$"
)

# ---------------------------------------------------------------------------
# Steps 3-5: shape, connectives, page words.
# ---------------------------------------------------------------------------

MAX_WORDS = 4
MIN_CHARS = 4
_PARENTHESIS = re.compile(r"\s*[(\[]([^)\]]*)[)\]]")
_QUALIFIER = re.compile(r"\s+[-\u2013\u2014]+\s+|--|[:;,]")
#: Two upper-case letters in a row ("AATD", "CMV mononucleosis", "hyperKPP"): an
#: abbreviation, which lower-cased would read as an ordinary word; abbreviations
#: come from the reviewed list only (step 11).
_ACRONYM = re.compile(r"[A-Z]{2}")
_SHAPE = re.compile(r"^[a-z\u00e0-\u00ff]+(?:[ '.-][a-z\u00e0-\u00ff]+)*'?s?$")

CONNECTIVES = frozenset(
    """
    a an and or nor with without within in on at for to from by due after before during like versus vs
    type types form forms variant related associated susceptibility plus than into onto via per
    """.split()
)

PAGE_WORDS = frozenset(
    """
    test tests testing screening screen scan scans biopsy exam examination assay panel level levels count
    measurement monitoring culture stain smear serology sample specimen collection staging score study
    surgery surgical operation repair removal replacement transplant transplantation implant implants
    reconstruction resection procedure procedures bypass catheter tube dialysis amputation ablation
    injection injections insertion excision release sling tape harness buckling suspension transfer
    advancement stripping device devices spray sprays gloves technique adhesive adhesives solution
    discharge aftercare self-care care caring caregiver caregivers home hospital hospice emergencies
    vaccine vaccines vaccination immunization shot shots
    diet diets dietary eating nutrition food foods exercise exercises fitness snacking healthy health
    medicine medicines medication medications drug drugs pill pills antibiotics steroids blockers
    thinners agents inhibitor targeted acid acids oil chloride sulfate oxide tar flakes balls
    treatment treatments therapy therapies therapeutic rehabilitation management relief
    preparation resources overview facts information guide statistics research trials genetics
    questions question ask doctor doctors provider providers nurse causes risks effects
    tips living coping managing preventing prevention prevent understanding know need needs taking
    talking choosing help helping recognizing surviving making overcoming
    about your you what how when why who is are can do does
    child children childhood adult adults teen teens teenager teenagers baby babies infant infants newborn
    newborns kids women men male female elderly older seniors patient patients
    pregnancy pregnant recurrence overdose abuse violence assault rape bite bites sting stings
    bacteria hydrochloride fundoplication colposuspension first aid
    """.split()
)

#: Single words with these endings are operations or investigations.
PROCEDURE_ENDING = re.compile(r"(?:ectomy|ostomy|otomy|plasty|pexy|scopy|graphy|gram|desis|centesis|therapy|metry|tripsy)$")

# ---------------------------------------------------------------------------
# Step 6: the reviewed stop list.
# ---------------------------------------------------------------------------

def _lines(text: str) -> frozenset[str]:
    """The terms of a block, one a line; ``#`` starts a comment."""
    terms = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(term for term in terms if term)


STOP_TERMS = _lines(
    """
    # Drugs, brands and substances found among synonyms and overdose pages.
    alendronate
    alupent
    analgesics
    antivirals
    bronchodilators
    denosumab
    dextropropoxyphene
    dilaudid
    diphenylhydantoin
    fortal
    fortulgesic
    hashish
    hydrochloride
    hydrocodone
    ibandronate
    indocin
    litcon
    meperidine
    methadone
    myristicin
    opioids
    oseltamivir
    oxycodone
    oxycontin
    painkillers
    pentafen
    percocet
    raloxifene
    risedronate
    talwin
    teriparatide
    zanamivir
    clorox
    phosphate
    arginine
    l-arginine
    lecithin
    alpha-lecithin
    amyloid
    camphor tar
    cobalt chloride
    cobalt oxide
    cobalt sulfate
    fluorhydric acid
    nutmeg oil
    moth flakes
    zoledronic acid
    ursodeoxycholic acid
    short-acting beta-agonists
    molecularly targeted anticancer agents
    detox
    detoxification
    sumac
    # Organisms, not the infections they cause (those are named elsewhere).
    actinomycetes
    actinomyces israeli
    ancylostoma braziliensis
    ancylostoma caninum
    bunostomum phlebotomum
    e vermicularis
    enterobius vermicularis
    echinococcus
    enterococcus
    escherichia coli
    plasmodium
    pneumocystis carinii
    sarcoptes scabiei
    siphonaptera
    staphylococcus aureus
    streptococcus viridans
    taenia saginata
    taenia solium
    uncinaria stenocephala
    klebsiella
    blood fluke
    harvest mite
    red mite
    chiggers
    crabs
    fleas
    bedbugs
    seatworm
    campy
    trich
    ncov
    # Procedures, investigations and devices that pass the page words.
    anastomosis
    coiling
    fundoplication
    photocoagulation
    hernioraphy
    urinalysis
    escharotic
    chemotherapy-targeted
    tki-targeted
    vegf-targeted
    vegfr-targeted
    balloon valvuloplasty
    bili lights
    burch colposuspension
    collagenase injection
    combined androgen blockade
    euglobulin clot lysis
    euglobulin lysis time
    frontal-orbital advancement
    gastric banding
    g-tube insertion
    gleason score
    immunoreactive trypsinogen
    inguinal orchidopexy
    matrix excision
    nail avulsion
    pavlik harness
    scleral buckling
    sustained virologic response
    transilluminated power phlebotomy
    postoperative pain relief
    steroid injection
    cartilage regeneration
    skin lesion aspiration
    anesthesia
    tdap
    # Anatomy, normal function and body products.
    anus
    eardrum
    eyelashes
    fingernails
    genitals
    gums
    larynx
    nostrils
    pancreas
    pupil
    scrotum
    submandibular
    tibia
    truncus
    raphe
    ovarian
    proximal
    laterality
    non-syndromic
    menses
    menstruation
    menstrual period
    lactation
    let-down reflex
    milk secretions
    salivation
    swallowing
    urination
    stools
    flatus
    spotting
    carotid artery
    femoral epiphysis
    lower esophageal sphincter
    lymph gland
    pleural fluid
    processus vaginalis
    intestinal opening
    intracranial pressure
    von willebrand factor
    clinical hemoglobin c
    central venous device
    eye movements
    vasoconstriction
    fibrinolysis
    palmar crease
    simian crease
    epstein pearls
    ovarian epithelial
    numeric sex chromosome variations
    translocation
    mosaicism
    # Normal states, behaviour, cosmetic matters and social problems.
    abortion
    breastfeeding
    transgender
    transsexualism
    intersex
    hermaphrodite
    hermaphroditism
    overeating
    natural short sleeper
    paroxysmal sleep
    temper tantrums
    disruptive behavior
    childbirth problems
    gambling
    bullying
    narcissism
    melancholy
    gloom
    inconsolability
    irritability
    restlessness
    weariness
    rigors
    paleness
    belch
    burp
    striae
    stretch marks
    birthmarks
    brittle hair
    hair breakage
    oily hair
    fragile hair
    age spots
    liver spots
    spider veins
    skin discoloration
    skin growths
    bulbous nose
    arched back
    crossbite
    overbite
    underbite
    misaligned teeth
    crowded teeth
    pelvic relaxation
    gunshot wounds
    puncture wound
    open injury bleeding
    open wound
    stool soiling
    striae atrophica
    striae distensae
    lentigines
    pituitary giant
    # Ambiguous words: another sense dominates in general copy, or (hyperthermia)
    # the word names a treatment that clinics offer as often as the condition.
    hyperthermia
    sterility
    hydrophobia
    drowsiness
    syrinx
    dog fleas
    nontyphoidal salmonella
    adhesion
    adhesions
    aspiration
    incarceration
    strangulation
    rupture
    occlusion
    caput
    calculus
    moles
    hairball
    soiling
    squint
    walleye
    hunchback
    roundback
    swayback
    cluttering
    endo
    noma
    sodoku
    loxia
    epididymo
    vesicles
    dusky spell
    blue spell
    spell
    the trots
    witch's milk
    cold nodule
    hot nodule
    keyhole pupil
    lop ear
    # Catalogue fragments, typos and broken encodings.
    a-thalassemia
    abnormal uterine bleeding-hormonal
    adenocarcinoma-recurrence
    broken foot-metatarsal
    bulge-knee
    cervicalgia-self-care
    coronary artery disease-heart attack
    eyelid drooping-amblyopia
    eyelid drooping-children
    glanzmann's diasease
    hives-hae
    homogentisic acidura
    kugelberg welander
    landry-guillain-barrsyndrome
    mbius sequence
    monosomy x
    neck stiffness-self-care
    noninflammatory corneal thining
    osteoarthritis-hip
    squamous cell-recurrence
    tonsillitis-strep
    tri atresia
    trisomy e
    trisomy g
    v tach
    whiplash-self-care
    abdominal cramps inchildren
    d-tga
    chromosome x monosomy x
    end-of-life-heart failure
    hypokalemia-hypomagnesemia
    substernalthyroid
    # Eponyms alone, without the disease they name.
    arkless-graham
    jansky-bielschowsky
    maroteaux-malamut
    parry-romberg
    pereyra
    spielmeyer-vogt
    yato-byo
    """
)


# ---------------------------------------------------------------------------
# Step 7: common English words.
# ---------------------------------------------------------------------------

COMMON_ZIPF = 3.5

#: Genuine condition words that are also frequent English words (reviewed).
COMMON_CONDITION_WORDS = _lines(
    """
    # Frequent words that name a condition or symptom and little else (reviewed
    # from the words step 7 drops). Left out: abortion, bleeding, boil, burns,
    # cold, confusion, mono, obese, overweight, piles, plague, scar(s), shock,
    # strains, trauma, weakness, wound: conditions too, but mostly another sense.
    acne
    addiction
    allergies
    allergy
    anxiety
    arthritis
    asthma
    autism
    cancer
    coma
    concussion
    cough
    dementia
    depression
    diabetes
    diarrhea
    ebola
    fatigue
    headache
    headaches
    hepatitis
    infection
    inflammation
    influenza
    malaria
    nausea
    obesity
    pain
    pneumonia
    rash
    schizophrenia
    seizure
    seizures
    stroke
    swelling
    tuberculosis
    tumor
    vomiting
    """
)

#: Frequent words that make a phrase of frequent words a condition ("scarlet
#: fever", "motion sickness", "heart attack" when it comes from MedQuAD).
PHRASE_CONDITION_WORDS = _lines(
    """
    fever
    sickness
    attack
    failure
    arrest
    disease
    disorder
    syndrome
    """
)


# ---------------------------------------------------------------------------
# Steps 9-10: heads and symptom endings.
# ---------------------------------------------------------------------------

#: Head nouns that end multi-word condition names ("vitamin d deficiency",
#: "sleep disorder"). The ones that are conditions on their own ("cancer",
#: "infection", "tumor") are disease names too.
DISEASE_HEADS = (
    "syndrome", "syndromes", "disease", "diseases", "disorder", "disorders", "deficiency", "deficiencies",
    "cancer", "cancers", "infection", "infections", "tumor", "tumors", "tumour", "tumours",
    "defect", "defects", "malformation", "malformations", "anomaly", "anomalies",
    "dysfunction", "insufficiency", "illness", "illnesses", "injury", "injuries",
    "fracture", "fractures", "poisoning", "toxicity",
)

SYMPTOM_ENDINGS = frozenset(
    """
    pain pains ache aches aching cramp cramps cramping swelling bleeding itching itch itchiness
    discomfort stiffness weakness numbness tingling soreness tenderness burning spasms twitching
    """.split()
)

#: Words that must never be condition terms; the lay list is checked against it
#: and the tests check the output.
NEVER_TERMS = frozenset(
    """
    type test care children child doctor normal health support balance energy sleep weight discharge
    a ii overdose aging ageing stress wrinkles healthy wellness immune immunity
    """.split()
)


@dataclass
class Candidate:
    """A name read from MedQuAD, with where it came from."""

    kinds: set[str] = field(default_factory=set)        # "disease" / "symptom"
    collections: set[str] = field(default_factory=set)  # MedQuAD collections naming it
    sources: set[str] = field(default_factory=set)      # foci that gave it


@dataclass
class Report:
    """What each filter dropped (for --report)."""

    dropped: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def drop(self, reason: str, term: str) -> None:
        self.dropped[reason][term] += 1


def _normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


def parse_name(raw: str, report: Report) -> str | None:
    """The condition name in a MedQuAD focus or synonym, lower-case, or None.

    Steps 2 and 3: catalogue qualifiers and parentheses removed, shape checked."""
    text = _normalise(raw)
    if "?" in text:
        report.drop("question", text.lower())
        return None
    text = _PARENTHESIS.sub("", text)
    text = _QUALIFIER.split(text)[0].strip().rstrip(".").strip()
    if not text:
        return None
    if _ACRONYM.search(text):
        report.drop("acronym", text)
        return None
    text = text.lower()
    if any(ch.isdigit() for ch in text):
        report.drop("digits", text)
        return None
    if not _SHAPE.match(text):
        report.drop("characters", text)
        return None
    if len(text.split()) > MAX_WORDS:
        report.drop("too many words", text)
        return None
    if len(text) < MIN_CHARS:
        report.drop("short", text)
        return None
    return text


def rejects(name: str, report: Report) -> bool:
    """Steps 4-6: connectives, page words, procedure endings, stop list."""
    words = name.split()
    if len(words) > 1 and any(w in CONNECTIVES for w in words):
        report.drop("connective", name)
        return True
    if any(p in PAGE_WORDS or p.rstrip("s") in PAGE_WORDS for w in words for p in w.split("-")):
        report.drop("page word", name)
        return True
    if any(PROCEDURE_ENDING.search(w) for w in words):
        report.drop("procedure ending", name)
        return True
    if name in STOP_TERMS:
        report.drop("stop list", name)
        return True
    return False


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # build-time only

    return float(zipf_frequency(word, "en"))


def too_common(name: str, report: Report) -> bool:
    """Step 7: a common English word, or a name made only of common words none
    of which names a condition ("foreign body", "open bite", "side effects";
    but "scarlet fever", "motion sickness" stay)."""
    words = name.split()
    if len(words) == 1:
        if name in COMMON_CONDITION_WORDS:
            return False
        if _zipf(name) >= COMMON_ZIPF:
            report.drop("common word", name)
            return True
        return False
    medical = COMMON_CONDITION_WORDS | PHRASE_CONDITION_WORDS | set(DISEASE_HEADS) | SYMPTOM_ENDINGS
    if all(w not in medical and _zipf(w) >= COMMON_ZIPF for w in words):
        report.drop("common words only", name)
        return True
    return False


def _kind_of(types: set[str]) -> str:
    return "disease" if types & DISEASE_TYPES else "symptom"


RARE_COLLECTIONS = frozenset({"2_GARD_QA", "3_GHR_QA"})


def read_medquad(path: Path, report: Report) -> dict[str, Candidate]:
    """Every condition name of the MedQuAD foci file, before frequency filtering."""
    found: dict[str, Candidate] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            types = {t for t in (row.get("semantic_types") or "").split(",") if t}
            strong = bool(types & CONDITION_TYPES)
            if not strong and not types & WEAK_TYPES:
                continue
            kind = _kind_of(types) if strong else "symptom" if "T033" in types else "disease"
            collections = {c for c in (row.get("medquad_collections") or "").split(",") if c}
            focus = row["focus"]
            raws = [focus] + [s for s in (row.get("synonyms") or "").split(" | ") if s.strip()]
            for raw in raws:
                name = parse_name(raw, report)
                if name is None or rejects(name, report):
                    continue
                if not strong and not MEDICAL_ENDING.search(name.split()[-1]):
                    report.drop("weak type, not medical-looking", name)
                    continue
                entry = found.setdefault(name, Candidate())
                entry.kinds.add("symptom" if name.split()[-1] in SYMPTOM_ENDINGS else kind)
                entry.collections |= collections
                entry.sources.add(focus)
    return found


# ---------------------------------------------------------------------------
# The lay list (step 12).
# ---------------------------------------------------------------------------

LAY_KEYS = ("disease_name", "symptom", "disease_abbreviation")
_LAY_TERM = re.compile(r"^[a-z0-9\u00e0-\u00ff]+(?:[ '.-]{1,2}[a-z0-9\u00e0-\u00ff]+)*'?$")
_ABBREVIATION = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")


def read_lay(path: Path) -> dict[str, list[str]]:
    """The hand-written lay list, checked: known keys, literal lower-case terms,
    upper-case abbreviations, nothing from ``NEVER_TERMS``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(data) - set(LAY_KEYS)
    if unknown:
        raise SystemExit(f"{path}: unknown keys {sorted(unknown)} (allowed: {', '.join(LAY_KEYS)})")
    lay: dict[str, list[str]] = {}
    for key in LAY_KEYS:
        terms = data.get(key) or []
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise SystemExit(f"{path}: '{key}' must be a list of strings")
        for term in terms:
            if term != term.strip() or "  " in term:
                raise SystemExit(f"{path}: stray spaces in {term!r}")
            if key == "disease_abbreviation":
                if not _ABBREVIATION.match(term) or sum(ch.isupper() for ch in term) < 2:
                    raise SystemExit(f"{path}: {term!r} is not an upper-case abbreviation")
            elif not _LAY_TERM.match(term):
                raise SystemExit(f"{path}: {term!r} is not a lower-case literal term")
            elif term in NEVER_TERMS:
                raise SystemExit(f"{path}: {term!r} is in NEVER_TERMS")
        duplicates = sorted(t for t, n in Counter(terms).items() if n > 1)
        if duplicates:
            raise SystemExit(f"{path}: duplicate terms in '{key}': {duplicates}")
        lay[key] = list(terms)
    return lay


# ---------------------------------------------------------------------------
# Assembly (steps 7, 9, 10).
# ---------------------------------------------------------------------------


@dataclass
class Lexicon:
    disease_name: list[str]
    disease_head: list[str]
    symptom: list[str]
    disease_abbreviation: list[str]
    wordfreq_version: str


def _spans(pieces: list[str], joiner: str) -> Iterator[str]:
    """Every run of ``pieces`` shorter than all of them, joined."""
    for start in range(len(pieces)):
        for end in range(start + 1, len(pieces) + 1):
            if end - start < len(pieces):
                yield joiner.join(pieces[start:end])


def caught_by_other(term: str, names: set[str]) -> bool:
    """Is ``term`` matched anyway (step 9)? Its last word is a head, or a run of
    its words is another name: the engine matches names at word edges and
    allows modifiers before them. In a single word, parts of a hyphenated word
    and the stem of a possessive do not count: the engine reads a hyphen or
    apostrophe in a term as optional, so "covid-19" also matches "covid19" and
    "alzheimer's" "alzheimers", which "covid" and "alzheimer" would not."""
    words = term.split()
    if len(words) == 1:
        return False
    if words[-1] in DISEASE_HEADS or any(span in names for span in _spans(words, " ")):
        return True
    # A multi-word catalogue title glued to a qualifier by a hyphen ("lung
    # cancer-photodynamic", "uterine cancer-sarcoma"): a name among the parts.
    return any(part in names for word in words if "-" in word for part in word.split("-"))


def _variant_pattern(term: str) -> Any:
    """``term`` as the engine reads it (a space matches white space or a
    hyphen, a hyphen a hyphen, white space or nothing, an apostrophe either
    apostrophe or none): compiled by the engine's own claimlint.lexicon."""
    import regex

    from claimlint.lexicon import trie_pattern

    return regex.compile(trie_pattern([term]), regex.IGNORECASE)


def drop_variants(terms: set[str], report: Report) -> set[str]:
    """``terms`` without those another term already matches ("afib" beside
    "a-fib", "crohns" beside "crohn's", "cat scratch fever" beside
    "cat-scratch fever"). Of two terms that match each other the one with
    hyphen or apostrophe is kept."""
    groups: dict[str, list[str]] = defaultdict(list)
    for term in terms:
        groups[re.sub(r"[\s'\u2019-]", "", term)].append(term)
    redundant: set[str] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        ordered = sorted(group, key=lambda t: (-sum(ch in "-'" for ch in t), t))
        for index, term in enumerate(ordered):
            if any(other not in redundant and _variant_pattern(other).fullmatch(term)
                   for other in ordered[:index]):
                redundant.add(term)
                report.drop("spelling variant the engine matches anyway", term)
    return terms - redundant


def build(source: Path, lay_path: Path, report: Report) -> Lexicon:
    """Read MedQuAD and the lay list; return the filtered, reduced lexicon."""
    lay = read_lay(lay_path)
    found = read_medquad(source, report)

    diseases: set[str] = set()
    symptoms: set[str] = set()
    for name in sorted(found):
        candidate = found[name]
        words = name.split()
        if candidate.collections <= RARE_COLLECTIONS and (
            len(words) > 1 or not MEDICAL_ENDING.search(name)
        ):
            report.drop("rare: only GARD/GHR, not a medical-looking single word", name)
            continue
        if too_common(name, report):
            continue
        if name in NEVER_TERMS:
            report.drop("never", name)
            continue
        if words[-1] in DISEASE_HEADS:
            kind = "disease"
        elif candidate.kinds == {"symptom"} or words[-1] in SYMPTOM_ENDINGS:
            kind = "symptom"
        else:
            kind = "disease"
        (symptoms if kind == "symptom" else diseases).add(name)

    # The lay list decides the entry of the terms it names.
    lay_diseases = set(lay["disease_name"])
    lay_symptoms = set(lay["symptom"])
    clash = lay_diseases & lay_symptoms
    if clash:
        raise SystemExit(f"{lay_path}: both a disease name and a symptom: {sorted(clash)}")
    diseases = (diseases - lay_symptoms) | lay_diseases
    symptoms = (symptoms - lay_diseases) | lay_symptoms
    symptoms -= diseases

    # Step 9: multi-word names caught by a word they hold.
    kept: set[str] = set()
    for name in sorted(diseases):
        if caught_by_other(name, diseases):
            report.drop("caught by a shorter name or a head", name)
        else:
            kept.add(name)

    # Step 13: spelling variants the engine matches anyway.
    kept = drop_variants(kept, report)
    symptoms = drop_variants(symptoms, report)

    # Symptoms holding a disease name ("arthritis pain", "emphysema exacerbation")
    # are caught by it; symptom phrases built on symptoms ("joint pain") stay.
    for name in sorted(symptoms):
        if " " in name:
            if any(span in kept for span in _spans(name.split(), " ")):
                report.drop("symptom caught by a disease name", name)
                symptoms.discard(name)

    return Lexicon(
        disease_name=sorted(kept),
        disease_head=sorted(set(DISEASE_HEADS)),
        symptom=sorted(symptoms),
        disease_abbreviation=sorted(set(lay["disease_abbreviation"])),
        wordfreq_version=_dist_version("wordfreq"),
    )


def _dist_version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


# ---------------------------------------------------------------------------
# Output.
# ---------------------------------------------------------------------------

HEADER = (
    "# Generated by tools/build_condition_lexicon.py from MedQuAD (CC BY 4.0) and"
    " tools/lay_conditions.yaml; do not edit by hand.\n"
)


def _description(lexicon: Lexicon) -> str:
    return (
        "Names of diseases, disorders and symptoms, scientific and lay, for rules that"
        " recognise a condition. Derived from the question foci of MedQuAD: Asma Ben Abacha"
        " and Dina Demner-Fushman, \"A Question-Entailment Approach to Question Answering\","
        " BMC Bioinformatics 20:511 (2019), dataset MedQuAD (https://github.com/abachaa/MedQuAD),"
        " CC BY 4.0 (see NOTICE); merged with claimlint's hand-written lay list"
        " (tools/lay_conditions.yaml). Kept: foci with a UMLS condition type (disease or"
        " syndrome, neoplastic process, mental or behavioral dysfunction, injury or"
        " poisoning, pathologic function, congenital, acquired and anatomical abnormality,"
        " cell or molecular dysfunction, sign or symptom; findings only with a medical-looking"
        " name). Filtered out: tests, procedures,"
        " drugs, diets and care pages; catalogue qualifiers, numbered and parenthesised"
        " names, compound titles and abbreviations; multi-word names of rare genetic"
        " syndromes; a reviewed stop list; common English words (wordfreq"
        f" {lexicon.wordfreq_version} Zipf frequency {COMMON_ZIPF} or more, with a reviewed"
        " allow-list); and multi-word names already caught by a shorter name or by a head"
        " noun. Terms are literal and matched case-insensitively at word edges, except the"
        " abbreviations, which are matched case-sensitively."
    )


def _terms(values: Iterable[str]) -> Iterator[str]:
    for value in values:
        yield f"      - {json.dumps(value, ensure_ascii=False)}\n"


def render(lexicon: Lexicon) -> str:
    """The YAML text of ``lexicon``: fixed layout, sorted terms, JSON-quoted."""
    out = [HEADER, "pack: conditions\n", "description: >\n"]
    words = _description(lexicon).split()
    line = " "
    for word in words:
        if len(line) + 1 + len(word) > 100 and line.strip():
            out.append(line + "\n")
            line = " "
        line += " " + word
    out.append(line + "\n")
    out.append("define:\n")
    entries: Mapping[str, tuple[list[str], str]] = {
        "disease_name": (lexicon.disease_name, "names of diseases and disorders"),
        "disease_head": (lexicon.disease_head, "head nouns that end multi-word condition names"),
        "symptom": (lexicon.symptom, "signs and symptoms, scientific and lay"),
        "disease_abbreviation": (lexicon.disease_abbreviation, "upper-case abbreviations, matched case-sensitively"),
    }
    for key, (terms, comment) in entries.items():
        out.append(f"  # {comment} ({len(terms)} terms)\n")
        out.append(f"  {key}:\n")
        if key == "disease_abbreviation":
            out.append("    case_sensitive: true\n")
        out.append("    terms:\n")
        out.extend(_terms(terms))
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="MedQuAD foci TSV")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="YAML to write")
    parser.add_argument("--lay", type=Path, default=DEFAULT_LAY, help="hand-written lay list")
    parser.add_argument("--report", action="store_true", help="print what each filter dropped to stderr")
    args = parser.parse_args(argv)
    if importlib.util.find_spec("wordfreq") is None:
        parser.error("needs wordfreq at build time: pip install wordfreq")
    if not args.source.is_file():
        parser.error(f"no MedQuAD foci file at {args.source}")
    report = Report()
    lexicon = build(args.source, args.lay, report)
    text = render(lexicon)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    if args.report:
        for reason in sorted(report.dropped):
            terms = report.dropped[reason]
            print(f"== {reason}: {len(terms)}", file=sys.stderr)
            print("   " + " | ".join(sorted(terms)), file=sys.stderr)
    counts = ", ".join(
        f"{key} {len(getattr(lexicon, key))}" for key in ("disease_name", "disease_head", "symptom", "disease_abbreviation")
    )
    print(f"wrote {args.output}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
