"""HTML: the text a visitor sees, plus ``<title>`` and ``alt``/``title``
attributes. Never scripts, styles, code, templates, URLs or other attributes
(a meta description is an attribute: the labelling guide leaves it out).

Built on the standard library's tolerant ``html.parser`` (no extra dependency,
no recursion, so deeply nested or broken markup cannot crash it), with
character references delivered separately so every prose character keeps its
exact source position.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from ..directives import parse_directive
from ..document import Directive, Document, LineIndex, ProseBuilder
from .align import align, emit

SKIPPED = frozenset({"script", "style", "code", "pre", "template", "noscript", "svg", "math", "kbd", "samp", "object", "iframe"})
BLOCKS = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "li": "list-item", "dt": "list-item", "dd": "list-item",
    "td": "table-cell", "th": "table-cell", "caption": "table-cell",
    "blockquote": "quote", "title": "title", "figcaption": "paragraph",
}
BREAKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol", "dl",
    "table", "tr", "thead", "tbody", "tfoot", "form", "fieldset", "figure", "address", "body", "html",
    "head", "option", "label", "button", "hr", "details", "summary", "legend", *BLOCKS,
})
_ATTRIBUTE = r"(?<![\w-]){name}\s*=\s*(?:\"(?P<v1>[^\"]*)\"|'(?P<v2>[^']*)'|(?P<v3>[^\s\"'>]+))"
_ENTITY = regex.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_WHITESPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " "})


class _Extractor(HTMLParser):
    def __init__(self, text: str, base: int, builder: ProseBuilder, directives: list[Directive], lines: LineIndex) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.base = base
        self.builder = builder
        self.directives = directives
        self.source_lines = lines
        self.local_lines = LineIndex(text)
        self.skip = 0
        self.in_head = False
        self.in_title = False
        self.block_kinds: list[str] = []
        self.link_start: int | None = None
        self.link_href = ""
        self.deferred: list[tuple[str, str, int, int]] = []

    # -- positions -------------------------------------------------------
    def _here(self) -> int:
        line, column = self.getpos()
        return self.local_lines.line_start(line) + column

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        position = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            # CPython's parser asserts on "<![" followed by no section name
            # ("<![<"), after moving its position past it. Put the position
            # back and say "incomplete": its own recovery path then reads the
            # text as data.
            self.lineno, self.offset = position
            return -1

    # -- structure -------------------------------------------------------
    def _visible(self) -> bool:
        return self.skip == 0 and (not self.in_head or self.in_title)

    def _break(self) -> None:
        self.builder.close_block()
        for kind, value, start, end in self.deferred:
            self.builder.open_block(kind)
            pieces, _ = align(value, self.text, start, end)
            emit(pieces, lambda raw: raw + self.base, self.builder.add)
            self.builder.close_block()
        self.deferred.clear()

    def _ensure_block(self) -> None:
        if not self.builder.in_block:
            self.builder.open_block(self.block_kinds[-1] if self.block_kinds else "paragraph")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._here()
        if tag in SKIPPED:
            self.skip += 1
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "title":
            self.in_title = True
        if tag in BREAKS:
            self._break()
        if tag in BLOCKS:
            self.block_kinds.append(BLOCKS[tag])
        if self.skip:
            return
        if tag == "br" and self._visible():
            self._ensure_block()
            self.builder.add_synthetic("\n", start + self.base)
        elif tag == "sup" and self._visible():
            # A superscript number is a reference marker; "^1" lets the
            # citation detector see it the same way in every format.
            self._ensure_block()
            self.builder.add_synthetic("^", start + self.base)
        elif tag == "a":
            self.link_start = self.builder.length
            self.link_href = dict(attrs).get("href") or ""
        self._defer_attributes(tag, dict(attrs), start)

    def _defer_attributes(self, tag: str, attrs: dict[str, str | None], start: int) -> None:
        names = [name for name in ("alt", "title") if attrs.get(name)]
        if not names:
            return
        raw_tag = self.get_starttag_text() or ""
        for name in names:
            match = regex.search(_ATTRIBUTE.format(name=name), raw_tag, regex.IGNORECASE)
            if match is None:
                continue
            group = next(g for g in ("v1", "v2", "v3") if match.group(g) is not None)
            value = attrs[name] or ""
            self.deferred.append((name, value, start + match.start(group), start + match.end(group)))
        if tag == "meta" or not self.builder.in_block:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "title":
            self.in_title = False
        elif tag == "head":
            self.in_head = False
        elif tag == "a" and self.link_start is not None:
            self.builder.add_link(self.link_start, self.builder.length, self.link_href)
            self.link_start = None
        if tag in BLOCKS and self.block_kinds:
            self.block_kinds.pop()
        if tag in BREAKS:
            self._break()

    # -- text ------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if not self._visible() or not data:
            return
        if not data.strip() and not self.builder.in_block:
            return
        self._ensure_block()
        self.builder.add(data.translate(_WHITESPACE), self._here() + self.base)

    def _reference(self) -> None:
        if not self._visible():
            return
        start = self._here()
        match = _ENTITY.match(self.text, start)
        if match is None:
            return
        decoded = html.unescape(match.group()).translate(_WHITESPACE).replace("\xa0", " ")
        self._ensure_block()
        self.builder.add(decoded, start + self.base, match.end() + self.base)

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def handle_comment(self, data: str) -> None:
        if "claimlint-" not in data:
            return
        start = self._here()
        end = self.text.find("-->", start)
        end = len(self.text) if end == -1 else end + 3
        line, _ = self.source_lines.position(start + self.base)
        end_line, _ = self.source_lines.position(end + self.base)
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end == -1 else line_end
        own_line = not self.text[line_start:start].strip() and not self.text[end:line_end].strip()
        directive = parse_directive(data, line, end_line, own_line)
        if directive is not None:
            self.directives.append(directive)


def extract_html(source: str, start: int, end: int, builder: ProseBuilder, directives: list[Directive], lines: LineIndex) -> None:
    """Add the visible prose of ``source[start:end]`` to ``builder``."""
    extractor = _Extractor(source[start:end], start, builder, directives, lines)
    extractor.feed(source[start:end])
    extractor.close()
    extractor._break()


def read(path: str, source: str, *, front_matter_keys: tuple[str, ...] = ()) -> Document:
    builder = ProseBuilder()
    directives: list[Directive] = []
    lines = LineIndex(source)
    extract_html(source, 0, len(source), builder, directives, lines)
    document = builder.build(path, source, directives=tuple(directives), format="html")
    document._lines = lines
    return document
