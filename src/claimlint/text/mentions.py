"""Facts a document states about its evidence, extracted so that statements
about the same thing can be compared: the year of a study or of results, a
percentage of participants, a trial phase, the number of people enrolled.

Each mention carries a *subject*: the institution or named trial the sentence
is about, when it names one. Two mentions with different subjects are about
different things and never contradict each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from .citations import CITATION

_INSTITUTION = regex.compile(
    r"(?:\b(?:University|Univ\.)\s+of\s+(?:\p{Lu}[\p{L}'’.-]+(?:\s+|$)){1,4}"
    r"|(?:\b\p{Lu}[\p{L}'’.&-]+\s+){1,4}(?:University|Clinic|Hospital|Institute|Center|Centre|College|School\s+of\s+Medicine|Foundation|Research\s+Center))"
)
_TRIAL_NAME = regex.compile(r"\b(?!(?:I{1,3}|IV|VI{0,3})\s)([A-Z][A-Z0-9-]{2,})\s+(?:trial|study)\b")
_EVIDENCE_NOUN = regex.compile(
    r"(?i)\b(?:trials?|stud(?:y|ies)|results?|research|findings?|data|outcomes?|advances?|advancements?|strides|progress|breakthroughs?|evidence|experiments?)\b"
)
_YEAR = regex.compile(r"(?<![\d/.-])(?:19[5-9]\d|20[0-4]\d)(?![\d/-]|\s*[-–]\s*(?:19|20)\d\d)")
_YEAR_SPAN = regex.compile(r"(?i)\b(?:since|from|between|until|by|before|after|through|as\s+of)\s+(?:19|20)\d\d|(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d")
_PERCENT = regex.compile(
    r"(?i)\b(\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent)\s+of\s+(?:the\s+|all\s+|our\s+)?(patients|participants|subjects|people|users|customers|clients|volunteers|children|adults|women|men)\s+((?:[\p{L}'-]+\s+){0,3}[\p{L}'-]+)"
)
_ENROLLED = regex.compile(
    r"(?i)\b(?:enroll?ed|includ(?:ed|ing)|recruited|involv(?:ed|ing)|with|of|treated|among)\s+(\d{1,5})\s+(?:\w+\s+)?(patients|participants|subjects|people|volunteers|children|adults)\b"
    r"|\b(\d{1,5})\s+(?:\w+\s+)?(patients|participants|subjects|volunteers)\s+(?:were\s+(?:enroll?ed|recruited|included|treated|randomi[sz]ed)|took\s+part|participated)"
)
_PHASE = regex.compile(r"(?i)\bphase\s+(I{1,3}V?|IV|[1-4])(?:\s*/\s*(?:I{1,3}|[1-4]))?(?![\w/])")
# A capitalised word before a year makes the year part of a name ("the
# National Guideline 2017", "Vision 2030"), unless the word is a month or a
# sentence-initial preposition ("In 2023, ...").
_WORD_BEFORE_YEAR = regex.compile(r"(\S+)\s+$")
_DATING_WORDS = frozenset(
    """in by since from during until before after as of at on early late mid spring summer autumn fall winter
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_STOPWORDS = frozenset("the a an their its this that these those our".split())


@dataclass(frozen=True)
class Mention:
    facet: str
    value: str
    subject: str | None
    key: str
    start: int
    end: int


def subject_of(prose: str, start: int, end: int) -> str | None:
    """The institution or named trial a sentence is about, normalised."""
    match = _TRIAL_NAME.search(prose, start, end)
    if match:
        return match.group(1).lower()
    match = _INSTITUTION.search(prose, start, end)
    if match:
        words = [w for w in regex.findall(r"[\p{L}'’&-]+", match.group().lower()) if w not in _STOPWORDS]
        return " ".join(words)
    return None


def _masked_citations(sentence: str) -> str:
    """Years inside "(Smith et al., 2021)" date a paper, not the results."""
    return CITATION.sub(lambda m: " " * len(m.group()), sentence)


def mentions(prose: str, start: int, end: int) -> Iterator[Mention]:
    sentence = _masked_citations(prose[start:end])
    subject = subject_of(prose, start, end)
    if _EVIDENCE_NOUN.search(sentence) and not _YEAR_SPAN.search(sentence):
        years = {m.group() for m in _YEAR.finditer(sentence) if not _names_something(sentence, m.start())}
        if len(years) == 1:
            match = next(m for m in _YEAR.finditer(sentence) if not _names_something(sentence, m.start()))
            yield Mention("year", match.group(), subject, subject or "", start + match.start(), start + match.end())
    for match in _PERCENT.finditer(sentence):
        # "improved their walking" and "improving their walking" are one outcome.
        predicate = " ".join(word[:5] for word in match.group(3).lower().split()[:2])
        key = f"{subject or ''}|{match.group(2).lower()}|{predicate}"
        yield Mention("figure", match.group(1), subject, key, start + match.start(1), start + match.end(0))
    for match in _PHASE.finditer(sentence):
        if subject:
            yield Mention("phase", str(_ROMAN[match.group(1).lower()]), subject, subject, start + match.start(), start + match.end())
    for match in _ENROLLED.finditer(sentence):
        if subject:
            number = match.group(1) or match.group(3)
            group = 1 if match.group(1) else 3
            yield Mention("count", number, subject, subject, start + match.start(group), start + match.end(group))


def _names_something(sentence: str, year_start: int) -> bool:
    match = _WORD_BEFORE_YEAR.search(sentence, max(0, year_start - 40), year_start)
    if match is None:
        return False
    word = match.group(1)
    if word.endswith(")"):
        return True
    bare = word.strip("\"'“”‘’,.(").lower()
    return word[:1].isupper() and bare not in _DATING_WORDS
