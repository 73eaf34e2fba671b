"""The one document model every reader produces.

A reader turns a file into *prose*: the text a reader of the published page
sees, with markup, code, URLs and comments removed. Prose is built from pieces
of the original file; :class:`OffsetMap` remembers where each piece came from so
that any prose offset maps back to an exact offset (and line and column) in the
original file. Rules only ever see prose and never know the file format.

Blocks (paragraphs, headings, list items, table cells, front-matter values) are
separated in the prose by a blank line, so no sentence ever crosses a block.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from .model import Span
from .text.elisions import blank_elisions

# Typographic hyphens read as the ASCII one, one character for one so that offsets
# stay exact: "risk‑free" with a non-breaking hyphen (U+2011, "&#8209;") is "risk-free".
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})

BLOCK_SEPARATOR = "\n\n"


class LineIndex:
    """Offset <-> (line, column) for the original text. Lines end after ``\\n``;
    a ``\\r`` before it belongs to the line it ends, so CRLF files count lines
    exactly as editors do."""

    __slots__ = ("_starts", "_length")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)


# Pieces and blocks are made by the ten thousand per megabyte of prose: named
# tuples, which are several times quicker to create than frozen dataclasses.
class Piece(NamedTuple):
    """``prose[prose_start:prose_start+prose_len]`` came from
    ``source[source_start:source_end]``. When the two lengths are equal the
    mapping is character for character; otherwise (an entity such as ``&amp;``,
    or a line break folded into a space) the piece is atomic."""

    prose_start: int
    prose_len: int
    source_start: int
    source_end: int

    @property
    def linear(self) -> bool:
        return self.prose_len == self.source_end - self.source_start


class OffsetMap:
    __slots__ = ("_pieces", "_keys", "_by_source")

    def __init__(self, pieces: list[Piece]) -> None:
        self._pieces = pieces
        self._keys = [p.prose_start for p in pieces]
        self._by_source: tuple[list[int], list[Piece]] | None = None

    def to_source(self, prose_offset: int, *, end: bool = False) -> int:
        """Source offset of a prose offset. ``end=True`` maps an exclusive end
        offset, so a span ending just after a piece ends just after its source."""
        if not self._pieces:
            return 0
        lookup = prose_offset - 1 if end and prose_offset > 0 else prose_offset
        index = max(0, bisect.bisect_right(self._keys, lookup) - 1)
        piece = self._pieces[index]
        delta = prose_offset - piece.prose_start
        if piece.linear:
            delta = max(0, min(delta, piece.prose_len))
            return piece.source_start + delta
        if end and delta > 0:
            return piece.source_end
        if delta >= piece.prose_len:
            return piece.source_end
        return piece.source_start

    def to_prose(self, source_offset: int, *, end: bool = False) -> int:
        """The prose offset of a source offset (the inverse of :meth:`to_source`,
        for showing a finding in the prose it was found in). An offset inside
        markup the reader left out maps to the end of the prose before it."""
        if self._by_source is None:
            # Readers add pieces in source order, so the sort is almost free;
            # pieces of no width (separators, synthetic spaces) are left out.
            ordered = sorted((p for p in self._pieces if p.source_end > p.source_start),
                             key=lambda p: (p.source_start, p.prose_start))
            self._by_source = ([p.source_start for p in ordered], ordered)
        starts, pieces = self._by_source
        index = bisect.bisect_right(starts, source_offset - (1 if end else 0)) - 1
        if index < 0:
            return 0
        piece = pieces[index]
        if source_offset >= piece.source_end:
            return piece.prose_start + piece.prose_len
        if piece.linear:
            return piece.prose_start + source_offset - piece.source_start
        return piece.prose_start + (piece.prose_len if end else 0)


class ProseBuilder:
    """Collects prose pieces in source order; readers call it as they walk a file."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self._block_start: int | None = None
        self._block_kind = "paragraph"

    @property
    def length(self) -> int:
        return self._length

    @property
    def in_block(self) -> bool:
        return self._block_start is not None

    def add(self, text: str, source_start: int, source_end: int | None = None) -> None:
        """Add ``text`` that stands at ``source_start`` (and ends at ``source_end``
        when it is not a verbatim copy of the source, as for an entity)."""
        if not text:
            return
        if source_end is None:
            source_end = source_start + len(text)
        self._pieces.append(Piece(self._length, len(text), source_start, source_end))
        self._parts.append(text)
        self._length += len(text)

    def add_synthetic(self, text: str, at_source: int) -> None:
        """Text a reader sees that has no source of its own (a space standing
        for a tag boundary, for instance); it maps to a zero-width point."""
        if text:
            self._pieces.append(Piece(self._length, len(text), at_source, at_source))
            self._parts.append(text)
            self._length += len(text)

    def open_block(self, kind: str) -> None:
        self.close_block()
        self._block_start = self._length
        self._block_kind = kind

    def close_block(self) -> None:
        if self._block_start is None:
            return
        start, self._block_start = self._block_start, None
        if self._length > start:
            self.blocks.append(Block(start, self._length, self._block_kind))
            self._parts.append(BLOCK_SEPARATOR)
            # The separator maps to the end of the block's last piece.
            last = self._pieces[-1]
            self._pieces.append(Piece(self._length, len(BLOCK_SEPARATOR), last.source_end, last.source_end))
            self._length += len(BLOCK_SEPARATOR)

    def add_link(self, prose_start: int, prose_end: int, target: str) -> None:
        if prose_end > prose_start:
            self.links.append(Link(prose_start, prose_end, target))

    def build(self, path: str, source: str, **extra: object) -> Document:
        self.close_block()
        return Document(
            path=path,
            source=source,
            prose=blank_elisions("".join(self._parts)).translate(_HYPHENS),
            offsets=OffsetMap(self._pieces),
            blocks=tuple(self.blocks),
            links=tuple(self.links),
            **extra,  # type: ignore[arg-type]
        )


class Block(NamedTuple):
    start: int
    end: int
    kind: str
    """paragraph, heading, list-item, table-cell, quote, front-matter, alt, title, meta, line."""


@dataclass(frozen=True)
class Link:
    """Prose range that is the visible text of a hyperlink; the rules treat a
    link on evidence as a citation."""

    start: int
    end: int
    target: str


@dataclass(frozen=True)
class Directive:
    """A claimlint comment found in the file (``claimlint-disable-next-line`` and
    friends). ``line`` is the physical line it stands on."""

    action: str
    codes: tuple[str, ...]
    line: int
    end_line: int
    own_line: bool
    reason: str = ""


@dataclass
class Document:
    path: str
    source: str
    prose: str
    offsets: OffsetMap
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    directives: tuple[Directive, ...] = ()
    format: str = "text"
    _lines: LineIndex | None = field(default=None, repr=False)
    _link_index: _LinkIndex | None = field(default=None, repr=False)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def span(self, prose_start: int, prose_end: int) -> Span:
        """The exact place in the original file of ``prose[prose_start:prose_end]``."""
        start = self.offsets.to_source(prose_start)
        end = self.offsets.to_source(prose_end, end=True)
        end = max(end, start)
        line, column = self.lines.position(start)
        end_line, end_column = self.lines.position(end)
        return Span(line, column, end_line, end_column, start, end)

    def source_text(self, span: Span) -> str:
        return self.source[span.offset : span.end_offset]

    def links_between(self, start: int, end: int) -> Iterable[Link]:
        """The links that overlap ``prose[start:end]``, in prose order."""
        if not self.links:
            return ()
        if self._link_index is None:
            self._link_index = _LinkIndex(self.links)
        return self._link_index.between(start, end)


class _LinkIndex:
    """Links sorted by start, with the furthest end reached so far: a lookup is
    a binary search plus the links that overlap, not a pass over every link of
    the document (a page of thousands of links asked once per evidence claim
    was quadratic)."""

    __slots__ = ("starts", "reach", "ordered")

    def __init__(self, links: Iterable[Link]) -> None:
        self.ordered = sorted(links, key=lambda link: (link.start, link.end))
        self.starts = [link.start for link in self.ordered]
        self.reach: list[int] = []
        furthest = 0
        for link in self.ordered:
            furthest = max(furthest, link.end)
            self.reach.append(furthest)

    def between(self, start: int, end: int) -> list[Link]:
        found: list[Link] = []
        index = bisect.bisect_left(self.starts, end) - 1
        while index >= 0 and self.reach[index] > start:
            if self.ordered[index].end > start:
                found.append(self.ordered[index])
            index -= 1
        found.reverse()
        return found
