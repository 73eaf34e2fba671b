"""Markdown read with markdown-it-py: the fallback for the few inputs on which
the fast Rust parser panics (see :mod:`claimlint.readers.markdown`).

Prose is paragraphs, headings, list items, table cells, block quotes, link text
and image alt text. Code (fenced, indented, inline), link and image URLs,
autolinks, and raw HTML tags are not prose; raw HTML blocks are read with the
HTML reader so their visible text still counts. Front matter contributes only
the values of reader-facing keys.

markdown-it gives block tokens line ranges but inline tokens no positions, so
each inline token's raw content is located on its source lines and its children
are aligned against that raw content character by character.
"""

from __future__ import annotations

from typing import Any

from ..document import Document, LineIndex
from .align import align, emit
from .html import extract_html
from .markdown import MarkdownReaderBase, flatten_deep_prefixes, parser_input

_PARSER: Any = None


# Each level of nesting costs the parser a few Python frames; 120 stays well
# inside the default recursion limit (measured with 100 levels of quotes and lists).
_MAX_NESTING = 120


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark", {"html": True, "maxNesting": _MAX_NESTING}).enable(["table", "strikethrough"])
    return _PARSER


class _InlineSource:
    """Maps offsets in an inline token's raw content to offsets in the file."""

    def __init__(self, content: str, first_line: int, source: str, lines: LineIndex, cursor: int) -> None:
        self.content = content
        self.starts: list[tuple[int, int]] = []  # (content offset, source offset) per line
        offset = 0
        line_no = first_line
        for part in content.split("\n"):
            line_start = lines.line_start(min(line_no, lines.line_count))
            line_end = source.find("\n", line_start)
            line_end = len(source) if line_end == -1 else line_end
            search_from = max(line_start, cursor) if line_no == first_line else line_start
            found = source.find(part, search_from, line_end) if part else -1
            if found == -1:
                found = source.find(part.strip(), search_from, line_end) if part.strip() else -1
            self.starts.append((offset, found if found != -1 else line_start))
            offset += len(part) + 1
            line_no += 1
        self.end = self.to_source(len(content))

    def to_source(self, raw: int) -> int:
        start_raw, start_source = self.starts[0]
        for content_offset, source_offset in self.starts:
            if content_offset > raw:
                break
            start_raw, start_source = content_offset, source_offset
        return start_source + (raw - start_raw)


def _skip_destination(content: str, cursor: int) -> int:
    """``cursor`` stands just after a link's text; return the offset after ``](...)`` or ``][ref]``."""
    close = content.find("]", cursor)
    if close == -1:
        return cursor
    after = close + 1
    if after < len(content) and content[after] == "(":
        depth, pos = 0, after
        while pos < len(content):
            ch = content[pos]
            if ch == "\\":
                pos += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return pos + 1
            pos += 1
        return len(content)
    if after < len(content) and content[after] == "[":
        end = content.find("]", after)
        return after if end == -1 else end + 1
    return after


class _Reader(MarkdownReaderBase):
    def read(self) -> Document:
        # markdown-it-py drops whatever is nested deeper than its limit; lines
        # nested deeper than any page are flattened below it first.
        body = flatten_deep_prefixes(parser_input(self.source, self.builder, self.front_matter_keys), _MAX_NESTING - 20)
        # Offsets in ``body`` equal offsets in the file; inline content is
        # located in the text the parser saw.
        self.parsed = body
        self._walk(_parser().parse(body))
        document = self.builder.build(self.path, self.source, directives=tuple(self.directives), format="markdown")
        document._lines = self.lines
        return document

    def _walk(self, tokens: list[Any]) -> None:
        containers: list[str] = []
        kind = "paragraph"
        row_cursor = 0
        for token in tokens:
            kind_of = token.type
            if kind_of in ("bullet_list_open", "ordered_list_open"):
                containers.append("list-item")
            elif kind_of == "blockquote_open":
                containers.append("quote")
            elif kind_of in ("bullet_list_close", "ordered_list_close", "blockquote_close") and containers:
                containers.pop()
            elif kind_of == "heading_open":
                kind = "heading"
            elif kind_of == "paragraph_open":
                kind = containers[-1] if containers else "paragraph"
            elif kind_of == "tr_open" and token.map:
                row_cursor = self.lines.line_start(token.map[0] + 1)
            elif kind_of in ("th_open", "td_open"):
                kind = "table-cell"
            elif kind_of == "inline" and token.map is not None:
                cursor = row_cursor if kind == "table-cell" else 0
                end = self._inline(token, kind, cursor)
                if kind == "table-cell":
                    row_cursor = end
            elif kind_of == "html_block" and token.map is not None:
                start = self.lines.line_start(token.map[0] + 1)
                stop = self.lines.line_start(token.map[1] + 1) if token.map[1] < self.lines.line_count else len(self.source)
                self.builder.close_block()
                extract_html(self.source, start, stop, self.builder, self.directives, self.lines)

    def _inline(self, token: Any, kind: str, cursor: int) -> int:
        content: str = token.content
        if not content.strip():
            return cursor
        raw = _InlineSource(content, token.map[0] + 1, self.parsed, self.lines, cursor)
        builder = self.builder
        builder.open_block(kind)
        position = 0
        link_stack: list[tuple[int, str, bool]] = []
        in_autolink = False
        for child in token.children or []:
            ctype = child.type
            if ctype == "text":
                pieces, position = align(child.content, content, position)
                if not in_autolink:
                    emit(pieces, raw.to_source, builder.add)
            elif ctype in ("softbreak", "hardbreak"):
                newline = content.find("\n", position)
                if newline == -1:
                    continue
                builder.add_synthetic(" ", raw.to_source(newline))
                position = newline + 1
            elif ctype == "code_inline":
                opening = content.find(child.markup, position)
                if opening != -1:
                    closing = content.find(child.markup, opening + len(child.markup) + len(child.content.strip()))
                    position = len(content) if closing == -1 else closing + len(child.markup)
                builder.add_synthetic(" ", raw.to_source(position))
            elif ctype == "link_open":
                autolink = child.markup == "autolink" or child.info == "auto"
                in_autolink = in_autolink or autolink
                opening = content.find("<" if autolink else "[", position)
                position = position if opening == -1 else opening + 1
                link_stack.append((builder.length, str(child.attrs.get("href", "")), autolink))
            elif ctype == "link_close" and link_stack:
                start, href, autolink = link_stack.pop()
                if autolink:
                    closing = content.find(">", position)
                    position = position if closing == -1 else closing + 1
                    in_autolink = False
                    # An autolink is a citation even though its URL is not prose.
                    builder.add_synthetic(" ", raw.to_source(position))
                    builder.add_link(builder.length - 1, builder.length, href)
                else:
                    builder.add_link(start, builder.length, href)
                    position = _skip_destination(content, position)
            elif ctype == "image":
                opening = content.find("![", position)
                if opening != -1:
                    position = opening + 2
                if child.content:
                    builder.add_synthetic(" ", raw.to_source(position))
                    pieces, position = align(child.content, content, position)
                    emit(pieces, raw.to_source, builder.add)
                    builder.add_synthetic(" ", raw.to_source(position))
                position = _skip_destination(content, position)
            elif ctype == "html_inline":
                position = self._html_inline(child.content, content, position, raw)
        builder.close_block()
        return raw.end

    def _html_inline(self, html_text: str, content: str, position: int, raw: _InlineSource) -> int:
        found = content.find(html_text, position)
        start = position if found == -1 else found
        end = start + len(html_text)
        self.inline_html(html_text, raw.to_source(start), raw.to_source(end))
        return end


def read(path: str, source: str, *, front_matter_keys: tuple[str, ...] = ()) -> Document:
    return _Reader(path, source, front_matter_keys).read()
