"""Sentences a page states twice with one number changed.

Copy is edited in one place and not in another: "In a study of 500 adults,
nine out of ten said the ringing was quieter" near the top and the same
sentence with "300 adults" further down; "results in 85% of our patients" in a
banner and "results in 65% of our patients" in the FAQ. Whatever the number
measures, a reader cannot believe both. The comparison needs no knowledge of
what the number is: two sentences whose words are the same once their numbers
are set aside, and which differ in exactly one number, restate one fact with
two values. Sentences that differ in two numbers or more are a series (sales in
2023 and in 2024, one bottle for $39 and three for $99), not a restatement.
Only sentences with a digit in them are compared (see ``HINT``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import regex

from ..lazyregex import lazy

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_SPELLED = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
# A number as copy writes it: digits (with thousands separators and decimals),
# or words ("five hundred", "twenty-one").
_NUMBER = lazy(rf"(?i)\d[\d,]*(?:\.\d+)?|(?:\b(?:{_SPELLED})\b(?:[\s-]+(?:and\s+)?(?=(?:{_SPELLED})\b))?)+")
# "%" and "per cent" after a number belong to its value: 85% is not 85 patients.
_PERCENT = lazy(r"(?i)\s?(?:%|per\s?cent\b|percent\b)")
_SPACE = lazy(r"\s+")
_WORD = lazy(r"\p{L}+")
# Sentences worth comparing hold a digit. Spelled numbers are compared in them
# too, but a sentence with spelled numbers only ("a study of five hundred
# adults") is not read: searching every sentence of a page for thirty number
# words cost a twentieth of a run (bench/stages.py), a digit a two-hundredth.
HINT = lazy(r"\d")
# Fewer words than this are labels, not statements: "Pack of 60 capsules".
MIN_WORDS = 7
# Blocks whose rows differ by design: a price table, a dosing schedule.
_SERIES_BLOCKS = frozenset({"table-cell"})


def _value(text: str) -> str:
    """A number's value as a comparable string: "five hundred" -> "500", "1,200" -> "1200"."""
    text = text.lower()
    if text[0].isdigit():
        return text.replace(",", "")
    total = current = 0
    for word in regex.findall(r"[a-z]+", text):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] > 100:
                total, current = total + current, 0
    return str(total + current)


def shape(sentence: str) -> str:
    """The sentence in lower case with every number set to "#" and white space
    collapsed: two sentences of one shape say the same thing but for numbers."""
    return _SPACE.sub(" ", _NUMBER.sub("#", sentence.lower()))


def numbers(prose: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Each number in ``prose[start:end]``: its value and its span."""
    found = []
    for match in _NUMBER.finditer(prose, start, end):
        percent = _PERCENT.match(prose, match.end(), end)
        stop = percent.end() if percent else match.end()
        found.append((_value(match.group()) + ("%" if percent else ""), (match.start(), stop)))
    return found


@dataclass(frozen=True)
class Restatement:
    """A later sentence that restates an earlier one with one number changed."""

    later: tuple[int, int]
    earlier: tuple[int, int]
    value: str
    other: str


def restatements(prose: str, sentences: list[tuple[int, int]], block_kind: Callable[[int], str]) -> Iterator[Restatement]:
    """Each sentence that repeats an earlier one's words with exactly one number
    changed, once per changed value. ``block_kind(offset)`` names the block a
    sentence is in; table cells are rows of a series and are passed over."""
    # Keyed by the shape's hash: a page of megabytes keeps two integers per
    # distinct sentence, and numbers are read only from sentences that repeat.
    first: dict[int, tuple[int, int]] = {}
    reported: set[tuple[int, tuple[str, ...]]] = set()
    for start, end in sentences:
        if block_kind(start) in _SERIES_BLOCKS:
            continue
        sentence_shape = shape(prose[start:end])
        key = hash(sentence_shape)
        earlier = first.setdefault(key, (start, end))
        if earlier[0] == start or len(_WORD.findall(sentence_shape)) < MIN_WORDS:
            continue
        now, then = numbers(prose, start, end), numbers(prose, *earlier)
        values = tuple(value for value, _ in now)
        differing = [i for i, ((old, _), (new, _)) in enumerate(zip(then, now)) if old != new]
        if len(now) != len(then) or len(differing) != 1 or (key, values) in reported:
            continue
        reported.add((key, values))
        [index] = differing
        yield Restatement(now[index][1], then[index][1], now[index][0], then[index][0])
