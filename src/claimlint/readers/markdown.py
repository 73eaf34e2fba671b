"""Markdown, read with a real CommonMark parser (markdown-it-pyrs, the Rust
port of markdown-it: measured at ~45 MB/s against ~6 MB/s for markdown-it-py,
whose parse alone used the whole per-file time budget).

Prose is paragraphs, headings, list items, table cells, block quotes, link text
and image alt text. Code (fenced, indented, inline), link and image URLs,
autolinks, and raw HTML tags are not prose; raw HTML blocks are read with the
HTML reader so their visible text still counts. Front matter contributes only
the values of reader-facing keys.

The parser gives every node a source map in UTF-8 byte offsets; each text
node's content (entities decoded, escapes removed) is aligned character by
character against the source from the start of its map.
"""

from __future__ import annotations

import bisect
import os
import re
from typing import Any, Callable, Iterator

import regex

from ..directives import parse_directive
from ..document import Directive, Document, LineIndex, ProseBuilder
from .align import align, emit
from .frontmatter import add_front_matter
from .html import extract_html

_PARSER: Any = None
_DEVNULL: int | None = None
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
# Nodes that hold a line of inline content, and the block kind they make.
_TEXT_BLOCKS = {"heading": "heading", "lheading": "heading", "tcell": "table-cell", "th": "table-cell", "td": "table-cell"}
_CONTAINERS = {"bullet_list": "list-item", "ordered_list": "list-item", "blockquote": "quote"}
_SKIPPED = frozenset({"code_block", "fence", "hr", "definition", "front_matter", "math_block"})
_INLINE_BREAKS = frozenset({"softbreak", "hardbreak"})
# The parser nests block containers by recursion and overflows its stack at
# some ten thousand levels on one line (measured: 12k fine, 24k a crash); no
# real page nests beyond a dozen, so markers past this many are neutralised.
_MAX_MARKER_RUN = 200
# Two more inputs the Rust parser cannot take, read with markdown-it-py instead
# (linear on both, with a nesting limit). Inline emphasis, links and images are
# nested by recursion (measured: the process dies of a stack overflow at ~40k
# levels, which a paragraph can only reach with as many markers) and crossed
# emphasis ("*a _b *a _b ...") is quadratic (2,400 pairs: 0.17 s; 20k: minutes);
# a run of link reference definitions is re-read once per definition (10k in a
# row: 5 s). A paragraph of real prose holds a few dozen markers.
_MAX_INLINE_MARKERS = 2_000
_INLINE_MARKERS = "*_~["
_MAX_DEFINITION_RUN = 1_000
_DEFINITION_LINE = regex.compile(r"(?m)^ {0,3}\[[^\]\n]*\]:")
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")


def _parser() -> Any:
    """The Rust parser, or None where markdown-it-pyrs has no wheel (Python
    3.13 and later, musl): markdown-it-py then reads every Markdown file."""
    global _PARSER
    if _PARSER is None:
        try:
            from markdown_it_pyrs import MarkdownIt
        except ImportError:
            _PARSER = False
        else:
            _PARSER = MarkdownIt("commonmark").enable_many(["table", "strikethrough"])
    return _PARSER or None


def _quietly(parse: Callable[[str], Any], body: str) -> Any:
    """Call the Rust parser with file descriptor 2 pointed at /dev/null: its
    panic hook writes a message (and a backtrace) straight to the process's
    stderr, bypassing Python, before the panic reaches us as an exception."""
    global _DEVNULL
    try:
        saved = os.dup(2)
    except OSError:
        return parse(body)
    try:
        if _DEVNULL is None:
            _DEVNULL = os.open(os.devnull, os.O_WRONLY)
        os.dup2(_DEVNULL, 2)
        return parse(body)
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _byte_to_char(text: str) -> Callable[[int], int]:
    """Turns the parser's UTF-8 byte offsets into offsets in ``text``."""
    if text.isascii():
        return lambda offset: offset
    # (byte offset, char offset) after each non-ASCII character; in between,
    # bytes and characters advance together. (Per character, not per run: a
    # node may start between two non-ASCII characters.)
    byte_marks: list[int] = [0]
    char_marks: list[int] = [0]
    extra = 0
    for match in _NON_ASCII.finditer(text):
        extra += len(match.group().encode("utf-8", "surrogatepass")) - 1
        byte_marks.append(match.end() + extra)
        char_marks.append(match.end())

    def convert(offset: int) -> int:
        index = bisect.bisect_right(byte_marks, offset) - 1
        byte_mark, char_mark = byte_marks[index], char_marks[index]
        return char_mark + (offset - byte_mark)

    return convert


def parser_input(source: str, builder: ProseBuilder, front_matter_keys: tuple[str, ...]) -> str:
    """Add the front matter's prose to ``builder`` and return the text a
    CommonMark parser should see: same length and line breaks as ``source``,
    so that offsets in it are offsets in the file."""
    front = add_front_matter(source, builder, front_matter_keys)
    body = source
    if front is not None:
        # Blank the front matter out, keeping line breaks.
        head = "".join("\n" if ch == "\n" else " " for ch in source[: front.end])
        body = head + source[front.end :]
    if "\r" in body:
        # The parser counts a lone CR as a line break; editors (and our line
        # index) do not. Blank it out so both count lines alike.
        body = regex.sub(r"\r(?!\n)", " ", body)
    if "\x00" in body:
        body = body.replace("\x00", "\ufffd")  # as CommonMark does, keeping lengths
    return body


class MarkdownReaderBase:
    """What the two Markdown readers (markdown-it-pyrs here, markdown-it-py in
    :mod:`.markdown_fallback`) share: the file, the prose being built, its
    directives, and what inline HTML means to a reader."""

    def __init__(self, path: str, source: str, front_matter_keys: tuple[str, ...]) -> None:
        self.path = path
        self.source = source
        self.lines = LineIndex(source)
        self.builder = ProseBuilder()
        self.directives: list[Directive] = []
        self.front_matter_keys = front_matter_keys

    def inline_html(self, html_text: str, start: int, end: int) -> None:
        """Inline HTML at source offsets ``[start, end)``: a claimlint comment
        is a directive; ``<sup>`` and ``<br>`` read as "^" and a space."""
        lowered = html_text.lower()
        if lowered.startswith("<!--") and "claimlint-" in lowered:
            line, _ = self.lines.position(start)
            end_line, _ = self.lines.position(max(start, end - 1))
            line_begin = self.lines.line_start(line)
            line_end = self.source.find("\n", line_begin)
            line_text = self.source[line_begin : len(self.source) if line_end == -1 else line_end]
            own_line = line_text.strip() == html_text.strip()
            directive = parse_directive(html_text[4:].removesuffix("-->"), line, end_line, own_line)
            if directive is not None:
                self.directives.append(directive)
        elif lowered.startswith("<sup"):
            self.builder.add_synthetic("^", start)
        elif lowered.startswith("<br"):
            self.builder.add_synthetic(" ", start)


class _Reader(MarkdownReaderBase):
    def __init__(self, path: str, source: str, front_matter_keys: tuple[str, ...]) -> None:
        super().__init__(path, source, front_matter_keys)
        self.cursor = 0  # the source offset reached, for nodes without a source map

    def read(self) -> Document:
        body = flatten_deep_prefixes(parser_input(self.source, self.builder, self.front_matter_keys), _MAX_MARKER_RUN)
        # Offsets in ``body`` equal offsets in the file.
        self.parsed = body
        if _parser() is None or _beyond_the_fast_parser(body):
            from . import markdown_fallback

            return markdown_fallback.read(self.path, self.source, front_matter_keys=self.front_matter_keys)
        self.to_char = _byte_to_char(body)
        try:
            tree = _quietly(_parser().tree, body)
        except BaseException as exc:  # pyo3's PanicException derives from BaseException
            if type(exc).__name__ != "PanicException":
                raise
            # markdown-it-pyrs 0.4 panics on some bracket and backtick runs
            # (fuzzing hit one in ~30 random short strings, no real page so
            # far); markdown-it-py reads the same CommonMark, only slower.
            from . import markdown_fallback

            return markdown_fallback.read(self.path, self.source, front_matter_keys=self.front_matter_keys)
        # The parse tree weighs about ten times the page; handing its top-level
        # nodes over one by one lets each be freed once read, so the tree and
        # the prose built from it are never both whole in memory.
        children = tree.children
        del tree
        self._blocks(children)
        document = self.builder.build(self.path, self.source, directives=tuple(self.directives), format="markdown")
        document._lines = self.lines
        return document

    def _span(self, node: Any) -> tuple[int, int]:
        srcmap = node.srcmap
        if srcmap is None:
            return self.cursor, self.cursor
        return self.to_char(srcmap[0]), self.to_char(srcmap[1])

    def _blocks(self, children: list[Any]) -> None:
        """Walk the block structure without recursion (nesting can be deep).
        Takes over ``children``: the list is emptied."""
        stack: list[tuple[Any, str]] = [(child, "paragraph") for child in reversed(children)]
        children.clear()
        while stack:
            node, kind = stack.pop()
            name = node.name
            if name in _SKIPPED:
                continue
            if name == "paragraph":
                self._inline_block(node.children, kind)
            elif name in _TEXT_BLOCKS:
                self._inline_block(node.children, _TEXT_BLOCKS[name])
            elif name == "html_block":
                start, end = self._span(node)
                self.builder.close_block()
                extract_html(self.source, start, end, self.builder, self.directives, self.lines)
            elif name == "list_item":
                # A tight list item holds its inline content directly; a loose
                # one holds paragraphs. Both may hold nested blocks.
                pending: list[tuple[Any, str]] = []
                run: list[Any] = []
                for child in node.children:
                    if _is_inline(child):
                        run.append(child)
                        continue
                    if run:
                        pending.append((_InlineRun(run), kind))
                        run = []
                    pending.append((child, kind))
                if run:
                    pending.append((_InlineRun(run), kind))
                stack.extend(reversed(pending))
            elif isinstance(node, _InlineRun):
                self._inline_block(node.children, kind)
            else:
                inner = _CONTAINERS.get(name, kind)
                stack.extend((child, inner) for child in reversed(node.children))

    def _inline_block(self, children: list[Any], kind: str) -> None:
        builder = self.builder
        builder.open_block(kind)
        links: list[tuple[int, str]] = []
        for event, node in _inline_events(children):
            name = node.name
            if event == "exit":
                if name == "link" and links:
                    start, href = links.pop()
                    builder.add_link(start, builder.length, href)
                elif name == "image":
                    builder.add_synthetic(" ", self._span(node)[1])
                continue
            start, end = self._span(node)
            self.cursor = max(self.cursor, start)
            if name in ("text", "text_special"):
                pieces, reached = align(node.meta.get("content", ""), self.parsed, start, max(end, start))
                emit(pieces, _same, builder.add)
                self.cursor = max(self.cursor, reached)
            elif name in _INLINE_BREAKS:
                builder.add_synthetic(" ", start)
            elif name == "code_inline":
                builder.add_synthetic(" ", end)
            elif name == "link":
                links.append((builder.length, str(node.meta.get("url", ""))))
            elif name == "autolink":
                # An autolink is a citation even though its URL is not prose.
                builder.add_synthetic(" ", end)
                builder.add_link(builder.length - 1, builder.length, str(node.meta.get("url", "")))
            elif name == "image":
                builder.add_synthetic(" ", start)
            elif name == "html_inline":
                self.inline_html(str(node.meta.get("content", "")), start, end)
        builder.close_block()


class _InlineRun:
    """The inline nodes of a tight list item, read as one block."""

    name = "_inline_run"

    def __init__(self, children: list[Any]) -> None:
        self.children = children


_INLINE_NAMES = frozenset({"text", "text_special", "em", "strong", "s", "strikethrough", "link", "image", "autolink",
                           "code_inline", "html_inline", "softbreak", "hardbreak"})
_OPAQUE = frozenset({"code_inline", "autolink", "html_inline"})


def _is_inline(node: Any) -> bool:
    return node.name in _INLINE_NAMES


def _inline_events(children: list[Any]) -> Iterator[tuple[str, Any]]:
    """Enter and exit events over inline nodes, depth first, without recursion;
    the contents of code spans, autolinks and raw HTML are not prose."""
    stack: list[tuple[str, Any]] = [("enter", child) for child in reversed(children)]
    while stack:
        event, node = stack.pop()
        yield event, node
        if event == "enter" and node.children and node.name not in _OPAQUE:
            stack.append(("exit", node))
            stack.extend(("enter", child) for child in reversed(node.children))
        elif event == "enter" and node.name in ("link", "image"):
            yield "exit", node


def _markers(text: str) -> int:
    return sum(text.count(marker) for marker in _INLINE_MARKERS)


def _beyond_the_fast_parser(body: str) -> bool:
    """Could ``body`` overflow the Rust parser's stack or make it quadratic?"""
    if _markers(body) > _MAX_INLINE_MARKERS:
        # Inline nesting stays within a paragraph, and no paragraph holds a blank line.
        start = 0
        for blank in _BLANK_LINE.finditer(body):
            if _markers(body[start : blank.start()]) > _MAX_INLINE_MARKERS:
                return True
            start = blank.end()
        if _markers(body[start:]) > _MAX_INLINE_MARKERS:
            return True
    if body.count("]:") > _MAX_DEFINITION_RUN:
        run, previous_line_end = 0, -2
        for match in _DEFINITION_LINE.finditer(body):
            run = run + 1 if match.start() == previous_line_end + 1 else 1
            if run > _MAX_DEFINITION_RUN:
                return True
            line_end = body.find("\n", match.start())
            previous_line_end = len(body) if line_end == -1 else line_end
    return False


def flatten_deep_prefixes(text: str, keep: int) -> str:
    """Keep the first ``keep`` markers of each absurdly deep line prefix; the
    rest become no-break spaces (same length, not markup, and white space to
    the rules)."""
    # The standard library's engine: this runs over every page and finds
    # nothing on almost all of them, about four times faster than regex here.
    deep = re.compile(rf"(?m)^[ \t>*+\-\d.)]{{{keep + 1},}}")
    if deep.search(text) is None:
        return text
    return deep.sub(lambda match: match.group()[:keep] + re.sub(r"\S", "\u00a0", match.group()[keep:]), text)


def _same(offset: int) -> int:
    return offset


def read(path: str, source: str, *, front_matter_keys: tuple[str, ...] = ()) -> Document:
    return _Reader(path, source, front_matter_keys).read()
