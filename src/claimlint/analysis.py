"""Per-document facts the rule kinds share, each computed at most once.

The engine builds one :class:`Analysis` per document; kinds ask it for
sentences, citations, URL spans and document-level features instead of
recomputing them rule by rule.
"""

from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, TypeVar

import regex

from .context.cues import CueBook
from .context.page import PageReader
from .context.reading import ContextReader
from .document import Block, Document
from .text import citations
from .text.lowering import lower_in_pieces
from .text.sentences import Sentences

from .prefilter import watchable

if TYPE_CHECKING:
    from .prefilter import CandidateIndex

T = TypeVar("T")


@functools.cache
def _anchors_of(source: str) -> frozenset[str] | None:
    from .prefilter.literals import anchors

    return anchors(source)


def _first(pattern: regex.Pattern[str], prose: str, windows: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    for start, end in windows:
        found = pattern.search(prose, start, end)
        if found is not None:
            return found.span()
    return None


class Analysis:
    def __init__(self, document: Document, index: CandidateIndex | None = None, cues: CueBook | None = None) -> None:
        self.document = document
        self.prose = document.prose
        self.index = index
        self.cues = cues if cues is not None else CueBook()
        self._context: ContextReader | None = None
        self._pages: PageReader | None = None
        self._sentences: Sentences | None = None
        self._memo: dict[Any, Any] = {}
        self._url_starts: list[int] | None = None
        self._url_ends: list[int] = []
        self._block_starts = [block.start for block in document.blocks]

    @property
    def context(self) -> ContextReader:
        """Which cues govern a claim (see :mod:`claimlint.context`)."""
        if self._context is None:
            self._context = ContextReader(self, self.cues)
        return self._context

    @property
    def pages(self) -> PageReader:
        """What the page is for: offers a treatment, informs, summarises a review."""
        if self._pages is None:
            self._pages = PageReader(self, self.cues)
        return self._pages

    # -- structure -----------------------------------------------------
    @property
    def sentences(self) -> Sentences:
        if self._sentences is None:
            blocks = [(b.start, b.end) for b in self.document.blocks] or [(0, len(self.prose))]
            self._sentences = Sentences(self.prose, blocks)
        return self._sentences

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        sentences = self.sentences
        if not len(sentences):
            return 0, len(self.prose)
        return sentences.bounds(sentences.index_at(offset))

    def sentences_matching(self, *patterns: regex.Pattern[str]) -> list[tuple[int, int]]:
        """Bounds of the sentences in which one of ``patterns`` matches, in
        order: one search per matching sentence and pattern, instead of one
        per sentence. (Several simple patterns search faster than their
        alternation, which defeats the engine's skipping ahead.)"""
        prose, sentences = self.prose, self.sentences
        found: set[tuple[int, int]] = set()
        for pattern in patterns:
            position = 0
            while (match := pattern.search(prose, position)) is not None:
                index = sentences.index_at(match.start())
                start, end = sentences.bounds(index) if len(sentences) else (0, len(prose))
                if start <= match.start() < end:
                    found.add((start, end))
                    position = end
                else:
                    position = match.end() if match.end() > match.start() else match.start() + 1
        return sorted(found)

    def _block_at(self, offset: int) -> Block | None:
        index = bisect.bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset < self.document.blocks[index].end:
            return self.document.blocks[index]
        return None

    def block_bounds(self, offset: int) -> tuple[int, int]:
        """The block (paragraph, list item, cell...) holding ``offset``, or the
        whole prose when it lies outside every block."""
        block = self._block_at(offset)
        return (block.start, block.end) if block is not None else (0, len(self.prose))

    def block_kind(self, offset: int) -> str:
        block = self._block_at(offset)
        return block.kind if block is not None else "paragraph"

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """Compute a document-level fact once, whichever rule asks first."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = compute()
            return value  # type: ignore[no-any-return]

    @property
    def lowered(self) -> str:
        """The prose lower-cased for anchor searches; "ſ" becomes "s" as the
        regex engine's case folding has it."""
        return self.memo("lowered", lambda: lower_in_pieces(self.prose).replace("\u017f", "s"))

    def candidates(self, pattern: regex.Pattern[str]) -> Sequence[int] | None:
        """The sentences in which the watched ``pattern`` may match (see
        :mod:`claimlint.prefilter`), or ``None`` if it is not watched."""
        return self.candidates_of((pattern,))[0]

    def candidates_of(self, patterns: tuple[regex.Pattern[str], ...]) -> list[Sequence[int] | None]:
        """:meth:`candidates` for several patterns at once (the engine asks
        for each rule's branches on every page)."""
        index = self.index
        if index is None:
            return [None] * len(patterns)
        found = self.memo("candidates", self._scan_candidates)
        return [None if position is None else found[position] for position in index.positions_of(patterns)]

    def _scan_candidates(self) -> list[Sequence[int]]:
        index = self.index
        assert index is not None
        lowered = self.lowered if index.needs_lowered else None
        return index.candidates(self.prose, lowered, self.sentences)

    def windows(self, pattern: regex.Pattern[str], scope: str = "block") -> list[tuple[int, int]] | None:
        """The blocks (or sentences) in which the watched ``pattern`` may
        match, in order; ``None`` if it is not watched."""
        candidates = self.candidates(pattern)
        if candidates is None:
            return None
        sentences = self.sentences
        if scope == "sentence":
            return [sentences.bounds(index) for index in candidates]
        return list(dict.fromkeys(self.block_bounds(sentences.starts[index]) for index in candidates))

    def finditer(self, pattern: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
        """The matches of ``pattern`` within blocks, in document order: in the
        candidate blocks only if the pattern is watched, else in the whole
        prose."""
        windows = self.windows(pattern)
        if windows is None:
            yield from pattern.finditer(self.prose)
            return
        for start, end in windows:
            yield from pattern.finditer(self.prose, start, end)

    def matches(self, pattern: regex.Pattern[str]) -> bool:
        """Does ``pattern`` match within one block (paragraph, list item,
        cell...) of the document's prose? (cached)"""
        return self.first_match(pattern) is not None

    def first_match(self, pattern: regex.Pattern[str]) -> tuple[int, int] | None:
        """Where ``pattern`` first matches within one block, if it does (cached).

        A watched pattern is searched only in the blocks its candidate
        sentences lie in; any other is searched over the whole prose first,
        and block by block only if its first match runs across blocks."""
        return self.memo(("matches", pattern.pattern), lambda: self._first_match(pattern))

    def _first_match(self, pattern: regex.Pattern[str]) -> tuple[int, int] | None:
        prose = self.prose
        sentences = self.windows(pattern, "sentence")
        if sentences is not None:
            # A match is most often within one candidate sentence, which is
            # quicker to search than its block; the blocks are searched only
            # when no sentence holds one.
            return _first(pattern, prose, sentences) or _first(pattern, prose, self.windows(pattern) or ())
        required = _anchors_of(pattern.pattern)
        lowered = self.lowered
        if required is not None and len(lowered) == len(prose) and not any(a in lowered for a in required):
            return None
        found = pattern.search(prose)
        if found is None:
            return None
        if self.block_bounds(found.start())[1] >= found.end():
            return found.span()
        blocks = [(b.start, b.end) for b in self.document.blocks] or [(0, len(prose))]
        return _first(pattern, prose, blocks)

    # -- citations and URLs ----------------------------------------------
    @property
    def references_resolve(self) -> bool:
        return self.memo("references", lambda: citations.has_reference_list(self.prose))

    def citation_between(self, start: int, end: int) -> bool:
        return self.citation_span(start, end) is not None

    def citation_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the first citation in ``[start, end)`` stands: a link to
        something other than a shop, a form or a profile, or a DOI, PMID,
        registry number, author-year or resolving reference marker."""
        for link in self.document.links_between(start, end):
            if citations.may_hold_evidence(link.target):
                return max(start, link.start), min(end, link.end)
        # Whether reference markers resolve is a search of the whole page, asked
        # only when a marker ("[3]") turns up.
        match = citations.find_citation(self.prose, start, end, lambda: self.references_resolve)
        return match.span() if match is not None else None

    def in_url(self, start: int, end: int) -> bool:
        """Is this span part of a URL or e-mail address written out in the prose?"""
        if self._url_starts is None:
            self._url_starts, self._url_ends = [], []
            for url_start, url_end in citations.url_spans(self.prose):
                self._url_starts.append(url_start)
                self._url_ends.append(url_end)
        index = bisect.bisect_right(self._url_starts, start) - 1
        return index >= 0 and self._url_ends[index] > start
