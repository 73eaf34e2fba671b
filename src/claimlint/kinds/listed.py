"""``listed``: claims a page makes by listing. A lead-in (a heading such as
"Conditions we treat", or a line ending "we can help with:") followed by a
list says of each item what the lead-in says: each item that opens with what
the rule's ``item`` pattern matches is a finding, on the matched words.

Items are the list-item blocks that follow the lead-in (Markdown and HTML),
or, in plain text, the bulleted lines of the lead-in's own paragraph. The list
ends at the first block that is not a list item."""

from __future__ import annotations

from typing import Iterable, Sequence

import regex

from ..analysis import Analysis
from ..document import Block
from ..rulespec import RuleSpec
from . import PAGE, STRINGS, Hit, PatternCompiler, RuleKind

_BULLET_LINE = regex.compile(r"(?m)^[ \t]*(?:[-*•·–]|\d{1,2}[.)])[ \t]+")
_LEAD_BLOCKS = frozenset({"heading", "paragraph", "line", "table-cell"})


class ListedKind(RuleKind):
    OPTIONS = {
        "page": PAGE,
        "lead": STRINGS,
        "item": STRINGS,
    }

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        super().__init__(spec, compiler)
        self.lead = self.required_pattern("lead")
        self.item = self.required_pattern("item")

    def page_patterns(self) -> Iterable[regex.Pattern[str]]:
        # Items are read only after a lead-in: the lead-in alone is watched.
        return [self.lead]

    def scan(self, analysis: Analysis) -> Iterable[Hit]:
        prose, blocks = analysis.prose, analysis.document.blocks
        for index, block in enumerate(blocks):
            if block.kind not in _LEAD_BLOCKS:
                continue
            lead = self.lead.search(prose, block.start, block.end)
            if lead is None:
                continue
            for start, end in self._items(prose, blocks, index, lead.end()):
                found = self.item.match(prose, start, end)
                if found is not None and found.end() > found.start():
                    yield Hit(found.start(), found.end(), values={"lead": " ".join(lead.group().split())})

    @staticmethod
    def _items(prose: str, blocks: Sequence[Block], index: int, lead_end: int) -> Iterable[tuple[int, int]]:
        block = blocks[index]
        # Bulleted lines inside the lead-in's own block (plain text).
        yield from ListedKind._bullets(prose, lead_end, block.end)
        for position, following in enumerate(blocks[index + 1 :]):
            if following.kind != "list-item":
                # Plain text: the lead-in's paragraph may end before a paragraph
                # of bulleted lines ("WHAT WE HELP WITH", a blank line, "  * Migraine").
                if position == 0 and _BULLET_LINE.match(prose, following.start) is not None:
                    yield from ListedKind._bullets(prose, following.start, following.end)
                return
            yield following.start, following.end

    @staticmethod
    def _bullets(prose: str, start: int, end: int) -> Iterable[tuple[int, int]]:
        for bullet in _BULLET_LINE.finditer(prose, start, end):
            line_end = prose.find("\n", bullet.end(), end)
            yield bullet.end(), end if line_end < 0 else line_end
