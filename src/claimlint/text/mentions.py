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

from ..lazyregex import lazy

from .citations import CITATION

_INSTITUTION = lazy(
    r"(?:\b(?:University|Univ\.)\s+of\s+(?:\p{Lu}[\p{L}'’.-]+(?:\s+|$|(?=[,;:)]))){1,4}"
    r"|(?:\b\p{Lu}[\p{L}'’.&-]+\s+){1,4}(?:University|Clinic|Hospital|Institute|Center|Centre|College|School\s+of\s+Medicine|Foundation|Research\s+Center))"
)
_TRIAL_NAME = lazy(r"\b(?!(?:I{1,3}|IV|VI{0,3})\s)([A-Z][A-Z0-9-]{2,})\s+(?:trial|study)\b")
# A hyphenated trial acronym anywhere in a sentence about a trial ("SPARK-PD, its
# Phase II trial"); letters and three or more digits name drugs ("NVX-114"),
# not trials ("ACME-2").
_TRIAL_ACRONYM = lazy(r"\b(?![A-Z]{2,5}-\d{3,}\b)([A-Z][A-Z0-9]+-[A-Z0-9]+)\b")
# "The trial enrolled 40 patients": the trial the page last named.
_STUDY_ANAPHORA = lazy(r"(?i)\b(?:the|this|that)\s+(?:trial|study)\b")
_ABOUT_A_TRIAL = lazy(r"(?i)\b(?:trials?|stud(?:y|ies)|enroll?ed|participants|randomi[sz]ed)\b")
# "the Guadalajara trial", "the Bay Area study": a study referred to by name.
_NAMED_STUDY = lazy(r"\bthe\s+((?:\p{Lu}[\p{L}'’-]+\s+){1,3})(?:trial|study|research|paper|report)\b")
_GENERIC_CAPITALS = frozenset("phase pilot clinical randomized randomised first second third new latest i ii iii iv".split())
_CAPITALISED = lazy(r"(?<=\s)\p{Lu}[\p{L}'’-]+")
# The page's own programme dated by its launch: "Our protocol was developed in 2020".
_LAUNCH = lazy(
    r"(?i)\b(?:our|the|this)\s+(?:[\p{L}-]+\s+)?(protocol|program(?:me)?|clinic|therapy|method|formula|cent(?:re|er)|company|practice)\s+(?:was|were|has\s+been)\s+(?:first\s+)?"
    r"(?:developed|launched|created|founded|introduced|established|opened)\b"
    r"|\b(?:developed|launch(?:ed|ing)|created|founded|introduced|established|opened)\s+(?:our|the|this)\s+(protocol|program(?:me)?|clinic|therapy|method|formula|cent(?:re|er)|company|practice)\b"
)
# The provider's own founding, however it is told: "since opening in 2014", "when we
# opened our doors in 2016", "Founded in 2018 by", "serving Portland since 2012",
# "Dr. Iverson opened Willowbrook in 2015", "family-owned since 2014", "trusted since
# 2011", "est. 2009".
_FOUNDED = lazy(
    r"(?i)\b(?:(?:since|after|when|before)\s+(?:we\s+)?(?:first\s+)?open(?:ed|ing)"
    r"|(?:we|(?-i:\p{Lu})[\p{L}.'’-]+)\s+(?:first\s+)?(?:opened|founded|established)"
    r"|founded|opened\s+(?:our|its|the|their)\s+(?:first\s+)?(?:doors|clinic|practice|cent(?:re|er)|office|lab|laboratory|facility|studio|spa|pharmacy|business|company)"
    r"|serv(?:ed|ing)\s+(?:[\p{L}'’-]+\s+){0,5}?since|(?:family|locally|independently)[\s-]owned\s+since"
    r"|(?:trusted|in\s+business|in\s+practice|operating)\s+since|est(?:ablished|\.)\s+(?:in\s+)?(?=(?:19|20)\d\d)"
    # "Since 2014, more than 3,000 families have trusted Vantage": the people who chose
    # the provider, counted from its start (not "since 2019 we have offered PRP").
    r"|since\s+(?:19|20)\d\d,?\s+(?:[\p{L}\d,.'’-]+\s+){0,10}?(?:have|has)\s+(?:[\p{L}'’-]+\s+)?(?:trusted|chosen|relied\s+on|come\s+to)"
    r"|since\s+(?:19|20)\d\d,?\s+(?:we|our\s+(?:team|clinic|practice|doctors?|staff))\s+(?:have|has)\s+been\s+(?:serving|helping|caring\s+for|looking\s+after))\b"
)
_PROVIDER = frozenset({"clinic", "centre", "center", "company", "practice"})
# Patients a provider says it has treated: "treated more than 400 patients with Parkinson's",
# "2,400 members have been through the programme".
_TREATED = lazy(
    r"(?i)\b(?:treated|helped|seen|cared\s+for)\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+|some\s+)?(\d[\d,]*)\+?\s+((?:[\p{L}'’-]+\s+){0,2}?)(?:patients|people|clients|members|customers)\b(?:\s+with\s+([\p{L}'’-]+))?"
    r"|\b(?:more\s+than\s+|over\s+|nearly\s+)?(\d[\d,]*)\+?\s+((?:[\p{L}'’-]+\s+){0,2}?)(?:patients|people|clients|members|customers)\s+"
    r"(?:(?:have\s+been\s+|were\s+)?(?:treated|helped)|(?:have|has)\s+(?:now\s+|already\s+)?(?:been\s+through|used|completed|followed))"
)
# "a 12-year Russian study", "the 15-year Russian study": how long a named study ran.
_DURATION = lazy(
    r"(?i)\b(\d{1,3})[\s-](year|month|week)(?:s)?[\s-](?:long\s+)?((?:(?-i:\p{Lu})[\p{L}'’-]+\s+){1,2})(?:study|trial)\b"
)
# How long the page says its full course or protocol is: "a full course is 36
# sessions", "the recommended 20-dive protocol". Two different lengths for the
# full course in the same units contradict each other.
_COURSE_UNITS = r"session|treatment|dive|infusion|injection|visit|week|day|month|appointment|round|drip|dose"
_COURSE_WORDS = r"full|complete|whole|standard|recommended|typical|usual|entire"
_COURSE_NOUNS = r"course|protocol|program(?:me)?|series|plan|cycle"
_COURSE = lazy(
    rf"(?i)\b(?:{_COURSE_WORDS})\s+(?:treatment\s+)?(?:{_COURSE_NOUNS})(?:\s+(?:of|at|with|for)\s+(?:[\p{{L}}'’&-]+\s+){{0,4}}?[\p{{L}}'’&-]+)?\s+(?:is|of|consists\s+of|includes|involves|runs(?:\s+for)?|takes|lasts|requires|calls\s+for)"
    rf"\s+(?:about\s+|around\s+|roughly\s+)?(\d{{1,3}})\s+({_COURSE_UNITS})s?\b"
    rf"|\b(?:{_COURSE_WORDS}|our)\s+(\d{{1,3}})[\s-]({_COURSE_UNITS})s?\s+(?:treatment\s+)?(?:{_COURSE_NOUNS})\b"
)
# The groups a share or a percentage is told of (one list, so the patterns cannot drift apart).
_GROUPS = r"(patients|participants|subjects|people|users|customers|clients|members|parents|volunteers|children|adults|women|men)"
_FIGURE = lazy(
    r"(?i)\b(\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent)\)?\s+(?:of\s+(?:the\s+|all\s+|our\s+|these\s+|those\s+)?(?:(?:trial|study|treated|enrolled|surveyed)\s+)?" + _GROUPS + r"\s+)?((?:[\p{L}'-]+\s+){0,4}[\p{L}'-]+)"
)
# A share told as a ratio or a fraction: "8 in 10 users", "six out of ten women", "half
# of the participants". Read as the percentage it states, so that "7 in 10 users slept
# better" and "half of users slept better" are compared as 70 and 50.
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_FRACTIONS = {"half": 50, "a third": 33, "one third": 33, "two thirds": 67, "a quarter": 25, "one quarter": 25, "three quarters": 75}
_SHARE = lazy(
    r"(?i)\b(?:(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of|of\s+every)\s+(10|ten|\d{2,3})"
    r"|(half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|one[\s-]quarter|three[\s-]quarters)\s+of)"
    r"\s+(?:(?:the|all|our|these|those)\s+)?(?:(?:trial|study|treated|enrolled|surveyed)\s+|(?-i:\p{Lu})[\p{L}'’-]+\s+)?"
    + _GROUPS + r"\s+((?:[\p{L}'-]+\s+){0,4}[\p{L}'-]+)"
)
# An effect told as a percentage change of one quantity: "spikes dopamine by 250%",
# "cuts joint pain by 40%". Two different sizes for the same change of the same
# quantity contradict each other, unless a time or "up to" tells them apart (that
# qualifier is part of the key).
_RISE = r"boost|increas|rais|spik|lift|elevat|improv|enhanc|accelerat|amplif|doubl"
_FALL = r"reduc|cut|lower|drop|decreas|slash|shrink|eas|reliev|lessen|diminish|curb"
_EFFECT = lazy(
    rf"(?i)\b((?:{_RISE})|(?:{_FALL}))[\p{{L}}]*\s+(?:your\s+|the\s+|their\s+|our\s+)?((?:[\p{{L}}'’-]+\s+){{0,2}}?[\p{{L}}'’-]+)\s+"
    r"(?:levels?\s+|production\s+|output\s+)?by\s+(?:(up\s+to|on\s+average|an?\s+average\s+of)\s+|about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|an?\s+(?:massive|huge|whopping|incredible|amazing|staggering|remarkable|impressive)\s+)?"
    r"(\d{1,4}(?:\.\d+)?)\s?(?:%|per\s?cent)"
)
# A past result ("reduced the risk by 20%") is how research reports each subgroup
# and dose; a product's promise is told in the present ("boosts dopamine by 250%").
_REPORTED_EFFECT = lazy(r"(?i)[\p{L}]+(?:ed|ing)\b")
_WHEN = lazy(r"(?i)\b(?:after|within|in|over|for)\s+(?:just\s+|only\s+)?(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(minute|hour|day|week|month|year|session|treatment)s?\b")
_GROUP = lazy(r"(?i)\b" + _GROUPS + r"\b")
_FUNCTION_WORDS = frozenset("in of the a an their his her its with at on to were was are is had has have been who".split())
# Verbs that only report an outcome ("saw fewer migraines", "had fewer migraines",
# "reported fewer migraines" are one outcome), left out of an outcome's key.
_REPORTING_VERBS = frozenset("saw see seen reported report experienced experience showed show shown got noticed "
                             "felt became achieved enjoyed said observed also told tell tells us me".split())
_EVIDENCE_NOUN = lazy(
    r"(?i)\b(?:trials?|stud(?:y|ies)|results?|research|findings?|data|outcomes?|advances?|advancements?|strides|progress|breakthroughs?|evidence|experiments?)\b"
)
_YEAR = lazy(r"(?<![\d/.-])(?:19[5-9]\d|20[0-4]\d)(?![\d/-]|\s*[-–]\s*(?:19|20)\d\d)")
_YEAR_SPAN = lazy(r"(?i)\b(?:since|from|between|until|by|before|after|through|as\s+of)\s+(?:19|20)\d\d|(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d")
_ENROLLED = lazy(
    r"(?i)\b(?:enroll?ed|includ(?:ed|ing)|recruited|involv(?:ed|ing)|with|of|treated|among)\s+(\d{1,5})\s+(?:\w+\s+)?(patients|participants|subjects|people|volunteers|children|adults)\b"
    r"|\b(\d{1,5})\s+(?:\w+\s+)?(patients|participants|subjects|volunteers)\s+(?:(?:were\s+)?(?:enroll?ed|recruited|included|randomi[sz]ed)|were\s+treated|took\s+part|participated)"
)
_PHASE = lazy(r"(?i)\bphase\s+(I{1,3}V?|IV|[1-4])(?:\s*/\s*(?:I{1,3}|[1-4]))?(?![\w/])")
# A capitalised word before a year makes the year part of a name ("the
# National Guideline 2017", "Vision 2030"), unless the word is a month or a
# sentence-initial preposition ("In 2023, ...").
_WORD_BEFORE_YEAR = lazy(r"(\S+)\s+$")
_DATING_WORDS = frozenset(
    """in by since from during until before after as of at on early late mid spring summer autumn fall winter
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec founded established est est. opened launched""".split()
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
    names: frozenset[str] = frozenset()
    """Capitalised words of the sentence, lower-cased: a later "the <Name>
    trial" refers back to the mention whose sentence names <Name>."""
    refers_back: bool = False
    """The subject comes from a reference by name ("the Guadalajara trial")."""


def subject_of(prose: str, start: int, end: int) -> str | None:
    """The institution or named trial a sentence is about, normalised."""
    match = _TRIAL_NAME.search(prose, start, end)
    if match:
        return match.group(1).lower()
    if _ABOUT_A_TRIAL.search(prose, start, end):
        match = _TRIAL_ACRONYM.search(prose, start, end)
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


def _named_reference(sentence: str) -> str | None:
    match = _NAMED_STUDY.search(sentence)
    if match is None:
        return None
    words = [w.lower().strip("'’") for w in match.group(1).split()]
    words = [w for w in words if w not in _GENERIC_CAPITALS]
    return " ".join(words) or None


_UNKNOWN = ""
# Every mention needs one of these: a year, a percentage, a phase, a number of
# people, or a length of time. Sentences without any (most sentences with a
# digit) are passed over before the dozen patterns below run.
_POSSIBLE_MENTION = lazy(
    r"(?i)(?:19[5-9]\d|20[0-4]\d|%|per\s?cent|\bphase\b|\d\s*[-\s](?:year|month|week)|\s(?:in|out\s+of)\s+(?:10|ten)\b|\b(?:half|thirds?|quarters?)\s+of\b"
    r"|\d[\s-](?:sessions?|treatments?|dives?|infusions?|injections?|visits?|weeks?|days?|months?|appointments?|rounds?|drips?|doses?)\b"
    r"|\d[\d,]*\+?\s+(?:\S+\s+){0,2}?(?:patients|participants|subjects|people|volunteers|children|adults|clients|members|customers))"
)


def mentions(prose: str, start: int, end: int, previous_subject: str | None = None,
             subject: str | None = _UNKNOWN) -> Iterator[Mention]:
    """What the sentence ``prose[start:end]`` states about evidence.
    ``previous_subject`` is the trial an earlier sentence named, which "the
    trial" refers to; ``subject`` is :func:`subject_of` the sentence, if the
    caller has it already."""
    if _POSSIBLE_MENTION.search(prose, start, end) is None:
        return
    sentence = _masked_citations(prose[start:end])
    if subject == _UNKNOWN:
        subject = subject_of(prose, start, end)
    if subject is None and previous_subject and _STUDY_ANAPHORA.search(sentence):
        subject = previous_subject
    names = frozenset(w.lower().strip("'’") for w in _CAPITALISED.findall(" " + sentence))
    years = [m for m in _YEAR.finditer(sentence)
             if not _names_something(sentence, m.start()) and not _is_dateline(sentence, m.start(), m.end())]
    launch = _LAUNCH.search(sentence)
    what = (launch.group(1) or launch.group(2)).lower() if launch else None
    # The provider itself opening, told of its clinic, practice or company or any
    # other way, is one fact ("founding"); a protocol's or formula's launch is another.
    if what in _PROVIDER or what is None and _FOUNDED.search(sentence):
        what = "founding"
    if what and len({m.group() for m in years}) == 1:
        subject = "the provider's founding" if what == "founding" else f"the {what}'s launch"
        yield Mention("year", years[0].group(), subject, f"launch|{what}", start + years[0].start(), start + years[0].end(), names)
    elif _EVIDENCE_NOUN.search(sentence) and not _YEAR_SPAN.search(sentence) and len({m.group() for m in years}) == 1:
        reference = None if subject else _named_reference(sentence)
        yield Mention(
            "year", years[0].group(), subject or reference, subject or reference or "", start + years[0].start(), start + years[0].end(), names, reference is not None
        )
    yield from _figures(sentence, start, subject)
    for match in _PHASE.finditer(sentence):
        if subject:
            yield Mention("phase", str(_ROMAN[match.group(1).lower()]), subject, subject, start + match.start(), start + match.end())
    for match in _ENROLLED.finditer(sentence):
        if subject:
            number = match.group(1) or match.group(3)
            group = 1 if match.group(1) else 3
            yield Mention("count", number, subject, subject, start + match.start(group), start + match.end(group))
    for match in _DURATION.finditer(sentence):
        name = " ".join(w.lower() for w in match.group(3).split())
        yield Mention("duration", match.group(1), f"the {match.group(3).strip()} study", f"duration|{name}|{match.group(2).lower()}", start + match.start(1), start + match.end(2))
    for match in _COURSE.finditer(sentence):
        group = 1 if match.group(1) else 3
        unit = match.group(group + 1).lower()
        yield Mention("course", f"{match.group(group)} {unit}s", "the full course", f"course|{unit}", start + match.start(group), start + match.end(group + 1))
    for match in _TREATED.finditer(sentence):
        group = 1 if match.group(1) else 4
        described = " ".join(filter(None, (match.group(group + 1), match.group(3) if group == 1 else None)))
        condition = next((w.lower().strip("'’s") for w in regex.findall(r"\p{Lu}[\p{L}'’-]+", described)), "")
        number = match.group(group).replace(",", "")
        yield Mention("count", number, "the patients treated", f"treated|{condition[:6]}", start + match.start(group), start + match.end(group))


def _figures(sentence: str, start: int, subject: str | None) -> Iterator[Mention]:
    """A percentage of a group with an outcome. The group may come earlier in
    the sentence ("Of the children treated ..., 80% improved"); the outcome is
    keyed by the stems of its first content words, so "improved their walking"
    and "improving their walking" are one outcome."""
    for match in _FIGURE.finditer(sentence):
        group = match.group(2)
        if group is None:
            earlier = _GROUP.search(sentence, 0, match.start())
            if earlier is None:
                continue
            group = earlier.group(1)
        yield Mention("figure", match.group(1), subject, _figure_key(subject, group, match.group(3)), start + match.start(1), start + match.end(0))
    yield from _effects(sentence, start, subject)
    for match in _SHARE.finditer(sentence):
        percent = _share_percent(match)
        if percent is None:
            continue
        yield Mention("figure", str(percent), subject, _figure_key(subject, match.group(4), match.group(5)), start + match.start(), start + match.end(0))


def _effects(sentence: str, start: int, subject: str | None) -> Iterator[Mention]:
    when = _WHEN.search(sentence)
    timing = f"{when.group(1).lower()} {when.group(2).lower()}" if when else ""
    for match in _EFFECT.finditer(sentence):
        if _REPORTED_EFFECT.match(match.group()):
            continue
        direction = "up" if regex.match(_RISE, match.group(1), regex.IGNORECASE) else "down"
        content = [w for w in match.group(2).lower().split() if w not in _FUNCTION_WORDS]
        if not content:
            continue
        qualifier = "up to" if match.group(3) and match.group(3).lower().startswith("up") else ("average" if match.group(3) else "")
        key = f"{subject or ''}|effect|{direction}|{' '.join(w[:5] for w in content)}|{qualifier}|{timing}"
        yield Mention("figure", match.group(4), subject, key, start + match.start(4), start + match.end())


def _share_percent(match: regex.Match[str]) -> int | None:
    if match.group(3):
        return _FRACTIONS.get(regex.sub(r"[\s-]+", " ", match.group(3).lower()))
    part, whole = (_number(word) for word in (match.group(1), match.group(2)))
    return round(100 * part / whole) if 0 < part <= whole else None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _SMALL_NUMBERS[word.lower()]


def _figure_key(subject: str | None, group: str, outcome: str) -> str:
    content = [w for w in outcome.lower().split() if w not in _FUNCTION_WORDS and w not in _REPORTING_VERBS]
    predicate = " ".join(word[:5] for word in content[:2])
    return f"{subject or ''}|{group.lower()}|{predicate}"


# A press release's dateline dates the release, not the results: "COLLEGE PARK,
# Md., Dec. 22, 2015 /PRNewswire/ --", "LONDON, 3 March 2021 --".
_DATELINE_BEFORE = lazy(r"(?i)(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)\s+$")
_DATELINE_AFTER = lazy(r"\s*(?:/|--|—|–|-\s)")


def _is_dateline(sentence: str, year_start: int, year_end: int) -> bool:
    return (_DATELINE_AFTER.match(sentence, year_end) is not None
            and _DATELINE_BEFORE.search(sentence, max(0, year_start - 16), year_start) is not None)


def _names_something(sentence: str, year_start: int) -> bool:
    match = _WORD_BEFORE_YEAR.search(sentence, max(0, year_start - 40), year_start)
    if match is None:
        return False
    word = match.group(1)
    if word.endswith(")"):
        return True
    bare = word.strip("\"'“”‘’,.(").lower()
    return word[:1].isupper() and bare not in _DATING_WORDS
