"""One pass over a document for the anchors of every rule.

Each trigger pattern is reduced to literal anchors (:mod:`claimlint.kinds.anchors`);
an Aho-Corasick automaton finds every occurrence of every anchor in one scan of
the lower-cased prose, and the engine then runs a rule's full pattern only in
the sentences that hold one of its anchors. On health copy most sentences hold
no anchor of most rules, so most regular-expression searches never start.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

import ahocorasick

from .literals import Anchors
from ..text.sentences import Sentences



class AnchorIndex:
    """Which rules may match in which sentences of a document."""

    def __init__(self, rule_anchors: Sequence[Anchors]) -> None:
        self.rule_count = len(rule_anchors)
        self.unanchored = [index for index, found in enumerate(rule_anchors) if not found]
        owners: dict[str, list[int]] = {}
        for index, found in enumerate(rule_anchors):
            for anchor in found or ():
                owners.setdefault(anchor, []).append(index)
        self._automaton: ahocorasick.Automaton | None = None
        self._longest = max((len(anchor) for anchor in owners), default=0)
        if owners:
            automaton = ahocorasick.Automaton()
            for anchor, rules in owners.items():
                automaton.add_word(anchor, tuple(rules))
            automaton.make_automaton()
            self._automaton = automaton

    def candidates(self, prose: str, lowered: str, sentences: Sentences) -> list[list[int]]:
        """For each rule, the sorted indexes of the sentences it must be
        searched in; ``lowered`` is ``prose`` lower-cased (Analysis.lowered)."""
        count = len(sentences)
        everywhere = list(range(count))
        found: list[set[int]] = [set() for _ in range(self.rule_count)]
        if self._automaton is None or len(lowered) != len(prose):
            # Lower-casing changed the length (a dotted capital I, say), so
            # anchor offsets would not line up: search every sentence instead.
            return [everywhere for _ in range(self.rule_count)]
        sentence_at = _SentenceLookup(sentences)
        for end, rules in _hits(self._automaton, lowered, self._longest):
            sentence = sentence_at(end)
            if sentence >= 0:
                for rule in rules:
                    found[rule].add(sentence)
        result = [sorted(sentence_set) for sentence_set in found]
        for rule in self.unanchored:
            result[rule] = everywhere
        return result


_PIECE = 1 << 20


def _hits(automaton: ahocorasick.Automaton, text: str, longest: int) -> Iterator[tuple[int, Any]]:
    """``automaton.iter(text)`` a megabyte at a time: pyahocorasick copies its
    input to four bytes a character first (100 MB for a 25 MB page). Pieces
    overlap by the longest anchor so that no occurrence is cut in two."""
    if len(text) <= _PIECE:
        yield from automaton.iter(text)
        return
    overlap = max(0, longest - 1)
    start = 0
    while start < len(text):
        stop = min(len(text), start + _PIECE)
        origin = max(0, start - overlap)
        for end, value in automaton.iter(text[origin:stop]):
            # Occurrences that end before ``start`` were found in the previous piece.
            if origin + end >= start:
                yield origin + end, value
        start = stop


class _SentenceLookup:
    """Maps offsets to sentence indexes; anchor hits arrive in increasing
    order, so a moving cursor replaces a binary search per hit."""

    __slots__ = ("starts", "ends", "cursor")

    def __init__(self, sentences: Sentences) -> None:
        self.starts = sentences.starts
        self.ends = sentences.ends
        self.cursor = 0

    def __call__(self, offset: int) -> int:
        starts, ends = self.starts, self.ends
        cursor = self.cursor
        while cursor < len(starts) and ends[cursor] <= offset:
            cursor += 1
        self.cursor = cursor
        if cursor < len(starts) and starts[cursor] <= offset:
            return cursor
        return -1
