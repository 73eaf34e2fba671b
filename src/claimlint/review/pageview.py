"""A checked page as its reader sees it, cut where findings begin and end.

Findings carry exact positions in the original file; the page is shown as the
reader produced it (prose blocks: headings, paragraphs, list items, table
cells), so each finding's source span is mapped back into the prose and each
block is cut into segments, each covered by the findings (and the other sides
of contradictions) that overlap it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from ..model import Finding

# The reader's block kinds, and what the report calls the ones a reader of the
# page sees apart from its running text.
LABELS = {"title": "Page title", "meta": "Description", "alt": "Image text", "front-matter": "Front matter"}


@dataclass(frozen=True, order=True)
class Mark:
    """One finding's (or one contradiction side's) stretch of a segment."""

    finding: int
    """The finding's number in the report."""
    related: int = -1
    """-1 for the finding's own words; otherwise which of its related spans."""


@dataclass
class Segment:
    text: str
    marks: tuple[Mark, ...] = ()
    anchors: list[str] = field(default_factory=list)
    """Ids placed before the segment: where each mark's words begin ("m-3", "m-3-r0")."""


@dataclass
class BlockView:
    kind: str
    segments: list[Segment]
    findings: list[int] = field(default_factory=list)
    """Findings that begin in this block: their notes follow it."""

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, "")


@dataclass
class PageView:
    path: str
    blocks: list[BlockView]
    unplaced: list[int]
    """Findings whose words are not in the prose shown (a front-matter key the
    report was not told about, say): listed with their line and column."""


def page_view(document: Document, findings: list[tuple[int, Finding]]) -> PageView:
    """The page of ``document`` with ``findings`` (each with its number in the report) marked."""
    prose = document.prose
    offsets = document.offsets
    ranges: list[tuple[int, int, Mark]] = []
    starts: dict[int, int] = {}
    for number, finding in findings:
        start = offsets.to_prose(finding.span.offset)
        end = offsets.to_prose(finding.span.end_offset, end=True)
        if end > start:
            ranges.append((start, end, Mark(number)))
            starts[number] = start
        for index, related in enumerate(finding.related):
            r_start = offsets.to_prose(related.span.offset)
            r_end = offsets.to_prose(related.span.end_offset, end=True)
            if r_end > r_start:
                ranges.append((r_start, r_end, Mark(number, index)))
    blocks = [(block.start, block.end, block.kind) for block in document.blocks] or [(0, len(prose.rstrip()), "paragraph")]
    views: list[BlockView] = []
    placed: set[int] = set()
    for block_start, block_end, kind in blocks:
        inside = [(max(s, block_start), min(e, block_end), m) for s, e, m in ranges if s < block_end and e > block_start]
        view = BlockView(kind, _segments(prose, block_start, block_end, inside))
        for number, start in starts.items():
            if block_start <= start < block_end and number not in placed:
                view.findings.append(number)
                placed.add(number)
        views.append(view)
    unplaced = [number for number, _ in findings if number not in placed]
    _anchor(views)
    return PageView(document.path, views, unplaced)


def _anchor(views: list[BlockView]) -> None:
    seen: set[Mark] = set()
    for view in views:
        for segment in view.segments:
            for mark in segment.marks:
                if mark not in seen:
                    seen.add(mark)
                    segment.anchors.append(anchor(mark))


def anchor(mark: Mark) -> str:
    """The id of the place where a mark's words begin."""
    return f"m-{mark.finding}" if mark.related < 0 else f"m-{mark.finding}-r{mark.related}"


def _segments(prose: str, start: int, end: int, ranges: list[tuple[int, int, Mark]]) -> list[Segment]:
    cuts = sorted({start, end, *(s for s, _, _ in ranges), *(e for _, e, _ in ranges)})
    segments: list[Segment] = []
    for left, right in zip(cuts, cuts[1:]):
        text = prose[left:right]
        if not text:
            continue
        marks = tuple(sorted(mark for s, e, mark in ranges if s <= left and e >= right))
        segments.append(Segment(_visible(text), marks))
    return segments


def _visible(text: str) -> str:
    # The reader blanks elided characters and joins wrapped lines; a line break
    # inside a block reads as a space in a rendered page.
    return text.replace("\r", "").replace("\n", " ")
