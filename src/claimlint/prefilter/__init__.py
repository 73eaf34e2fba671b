"""Where may each pattern match? One cheap pass per document, before any regex.

The engine registers every pattern it will search a whole document for (rule
triggers, page-level conditions); per document, :class:`CandidateIndex` names
the sentences in which each of them may match, and the full patterns run there
only. Two passes answer that question:

- literal anchors (:mod:`.literals`) found with Aho-Corasick: always
  available, nothing to compile, but loose ("at" is in every other sentence);
- Hyperscan (:mod:`.hyperscan_index`): every rewritten pattern in one pass,
  about thirty times fewer candidates, but a database that takes a second or
  two to compile, so it is used for large runs or when a cached one exists.

Either answer is a superset of the sentences where a pattern matches, so the
findings do not depend on which one ran; the tests hold them to that.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import regex

from .. import cachefiles
from ..text.sentences import Sentences
from . import hyperscan_index

if TYPE_CHECKING:
    from .anchor_index import AnchorIndex

# Flags the rewriting does not follow: white space as syntax, "." across line
# breaks, full case folding ("ss" for "ß"), version 1 set syntax.
_UNWATCHABLE = int(regex.VERBOSE | regex.DOTALL | regex.FULLCASE | regex.VERSION1)


def watchable(pattern: regex.Pattern[str]) -> bool:
    """Can a prefilter answer for this compiled pattern? Candidates are kept by
    pattern text, so a pattern compiled with other flags never borrows them."""
    return not int(pattern.flags) & _UNWATCHABLE


# Below this much text a run is over before compiling the Hyperscan database
# would pay off within the run (measured: compiling takes 1.8 s; anchors cost
# about 0.8 s per MB more); a smaller run compiles it only to store it.
FAST_MIN_BYTES = 1_500_000


class CandidateIndex:
    def __init__(self, sources: Sequence[str], fast: hyperscan_index.HyperscanIndex | None = None,
                 needed: Sequence[str] | None = None) -> None:
        """``sources``: the patterns the Hyperscan database holds (those of every
        rule a selection could pick, so that selections share it); ``needed``:
        those this run asks about (all of them by default). Literal anchors,
        which cost start-up time per pattern, are read for needed ones only."""
        self.sources = list(dict.fromkeys(sources))
        self._position = {source: index for index, source in enumerate(self.sources)}
        self.fast = fast
        self._needed = None if needed is None else frozenset(needed)
        covered = fast.covered if fast is not None else [False] * len(self.sources)
        unanswered = [index for index, done in enumerate(covered) if not done]
        self._by_anchor = [index for index in unanswered if self._needed is None or self.sources[index] in self._needed]
        # A pattern neither pass answers for is not watched: searched everywhere if asked.
        for index in set(unanswered) - set(self._by_anchor):
            del self._position[self.sources[index]]
        # Reading anchors out of every pattern takes a good part of a small
        # run's start-up, and is not needed when Hyperscan covers them all.
        self._anchors: AnchorIndex | None = None
        self._positions_of: dict[tuple[regex.Pattern[str], ...], tuple[int | None, ...]] = {}

    def position(self, source: str) -> int | None:
        """The pattern's number in the index, if it is watched."""
        return self._position.get(source)

    def positions_of(self, patterns: tuple[regex.Pattern[str], ...]) -> tuple[int | None, ...]:
        """Each pattern's number in the index (``None`` if it is not watched),
        worked out once per set of patterns: a run asks for the same rules'
        patterns on every page."""
        positions = self._positions_of.get(patterns)
        if positions is None:
            positions = self._positions_of[patterns] = tuple(
                self._position.get(pattern.pattern) if watchable(pattern) else None for pattern in patterns)
        return positions

    def candidates(self, prose: str, lowered: str | None, sentences: Sentences) -> list[Sequence[int]]:
        """For each watched pattern, the sorted indexes of the sentences it
        may match in (a match within one block lies in, or ends in, one of
        them). ``lowered`` is needed only when some pattern uses anchors."""
        result: list[Sequence[int]] = [() for _ in self.sources]
        if self.fast is not None:
            result = self.fast.candidates(prose, sentences.starts)
        if self._by_anchor:
            assert lowered is not None
            if self._anchors is None:
                from .anchor_index import AnchorIndex
                from .literals import anchors

                self._anchors = AnchorIndex([anchors(self.sources[index]) for index in self._by_anchor])
            for index, found in zip(self._by_anchor, self._anchors.candidates(prose, lowered, sentences), strict=True):
                result[index] = found
        return result

    @property
    def needs_lowered(self) -> bool:
        return bool(self._by_anchor)

    def with_fast(self, fast: hyperscan_index.HyperscanIndex | None) -> CandidateIndex:
        return CandidateIndex(self.sources, fast, self._needed) if fast is not None else self

    def fast_for(self, total_bytes: int, cache: Path | None) -> hyperscan_index.HyperscanIndex | None:
        """The Hyperscan pass for a run over ``total_bytes`` of text, when it
        pays: a cached database always does (loading it takes milliseconds);
        compiling one (about two seconds) does when it can be kept for the
        runs that follow, or when this run is large enough to repay it alone.
        A pre-commit hook is run on every commit: once the first run has
        stored the database, each later one saves about 0.1 s."""
        if self.fast is not None:
            return self.fast
        if not hyperscan_index.available() or not self.sources:
            return None
        cached = hyperscan_index.HyperscanIndex.load(self.sources, cache)
        if cached is not None:
            return cached
        if total_bytes < FAST_MIN_BYTES and (total_bytes == 0 or not cachefiles.writable(cache)):
            return None
        return hyperscan_index.HyperscanIndex.build(self.sources, cache)
