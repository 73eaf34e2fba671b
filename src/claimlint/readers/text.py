"""Plain text: the file is its own prose. Blank lines separate blocks; a line of
its own that starts with ``claimlint-`` is a directive, not prose."""

from __future__ import annotations

import regex

from ..directives import parse_directive
from ..document import Directive, Document, ProseBuilder

_LINE = regex.compile(r"[^\n]*\n?")
_DIRECTIVE_LINE = regex.compile(r"^\s*(?:#|//|<!--|;|--)?\s*claimlint-")


def read(path: str, source: str, *, front_matter_keys: tuple[str, ...] = ()) -> Document:
    builder = ProseBuilder()
    directives: list[Directive] = []
    in_block = False
    offset = 0
    line_no = 0
    for match in _LINE.finditer(source):
        line = match.group()
        if not line:
            break
        line_no += 1
        start = offset
        offset += len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            builder.close_block()
            in_block = False
            continue
        if _DIRECTIVE_LINE.match(body):
            comment = body.strip().removeprefix("<!--").removesuffix("-->")
            directive = parse_directive(comment.lstrip("#/;- "), line_no, line_no, own_line=True)
            if directive is not None:
                directives.append(directive)
                continue
        if not in_block:
            builder.open_block("paragraph")
            in_block = True
        builder.add(line.replace("\r", " ") if "\r" in line else line, start)
    return builder.build(path, source, directives=tuple(directives), format="text")
