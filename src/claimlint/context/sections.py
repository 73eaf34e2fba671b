"""Warnings that reach beyond their own sentence, read from the page's
structure: a heading that cautions ("Red flags", "Be cautious") covers its
section, and a lead-in that cautions ("be wary of clinics that promise:") or
reports ("One clinic's page read:") covers the list or block quotation that
follows it. Claims inside such a scope are the page
warning about someone else's claims, not making its own."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Pattern

from ..document import Block
from ..lazyregex import lazy

# A list entry in plain text: the sentence splitter starts a sentence at each.
_BULLET = lazy(r"[ \t]*(?:[-*+•·▪–]|\d{1,2}[.)])\s")


class WarningScopes:
    """Sorted, non-overlapping prose ranges that a caution governs."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def covers(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]


def warning_scopes(prose: str, blocks: Sequence[Block], sentence_starts: Sequence[int], sentence_ends: Sequence[int],
                   warning: Pattern[str], lead_in: Pattern[str] | None) -> WarningScopes:
    """The sections and lists that ``warning`` words in their heading or
    lead-in govern; ``lead_in`` marks lead-ins that introduce someone else's
    words ("One clinic's page read:")."""
    cautions = _Cautions(warning, lead_in)
    ranges: list[tuple[int, int]] = []
    ranges.extend(_cautioning_sections(prose, blocks, warning))
    ranges.extend(_cautioning_lists(prose, blocks, cautions))
    ranges.extend(_cautioning_bullets(prose, sentence_starts, sentence_ends, cautions))
    return WarningScopes(ranges)


class _Cautions:
    def __init__(self, warning: Pattern[str], lead_in: Pattern[str] | None) -> None:
        self.warning = warning
        self.lead_in = lead_in

    def lead_in_cautions(self, prose: str, start: int, end: int) -> bool:
        """The lead-in's last sentence introduces the list ("... include:") and cautions."""
        text = prose[start:end].rstrip()
        if not text.endswith(":"):
            return False
        if self.lead_in is not None and self.lead_in.search(text):
            return True
        last_stop = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
        return self.warning.search(text, last_stop + 1) is not None


def _cautioning_sections(prose: str, blocks: Sequence[Block], warning: Pattern[str]) -> list[tuple[int, int]]:
    ranges = []
    for index, block in enumerate(blocks):
        if block.kind == "heading" and warning.search(prose, block.start, block.end):
            end = next((later.start for later in blocks[index + 1 :] if later.kind == "heading"), len(prose))
            ranges.append((block.start, end))
    return ranges


def _cautioning_lists(prose: str, blocks: Sequence[Block], cautions: _Cautions) -> list[tuple[int, int]]:
    """Lists and block quotations introduced by a cautioning or reporting lead-in."""
    ranges = []
    index = 1
    while index < len(blocks):
        kind = blocks[index].kind
        if kind in ("list-item", "quote") and blocks[index - 1].kind != kind:
            last = index
            while last + 1 < len(blocks) and blocks[last + 1].kind == kind:
                last += 1
            lead = blocks[index - 1]
            if cautions.lead_in_cautions(prose, lead.start, lead.end):
                ranges.append((blocks[index].start, blocks[last].end))
            index = last
        index += 1
    return ranges


def _cautioning_bullets(prose: str, starts: Sequence[int], ends: Sequence[int], cautions: _Cautions) -> list[tuple[int, int]]:
    """Plain-text lists: bullet sentences after a cautioning lead-in sentence."""
    ranges = []
    index = 1
    while index < len(starts):
        if _is_bullet(prose, starts[index]) and not _is_bullet(prose, starts[index - 1]):
            last = index
            while last + 1 < len(starts) and _is_bullet(prose, starts[last + 1]):
                last += 1
            if cautions.lead_in_cautions(prose, starts[index - 1], ends[index - 1]):
                ranges.append((starts[index], ends[last]))
            index = last
        index += 1
    return ranges


# Every list entry starts with one of these; checking the first character spares
# a regular-expression match at each of the page's sentences.
_BULLET_FIRST = frozenset(" \t-*+•·▪–0123456789")


def _is_bullet(prose: str, start: int) -> bool:
    return start < len(prose) and prose[start] in _BULLET_FIRST and _BULLET.match(prose, start) is not None
