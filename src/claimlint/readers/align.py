"""Align text a parser hands back (entities decoded, escapes removed, quotes
stripped) with the raw text it came from, so that every prose character keeps
an exact source position."""

from __future__ import annotations

import html
from typing import Callable

import regex

_ENTITY = regex.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")

# (prose text, raw start, raw end): equal lengths mean a verbatim copy.
Piece = tuple[str, int, int]


def align(text: str, raw: str, start: int, limit: int | None = None) -> tuple[list[Piece], int]:
    """Pieces of ``text`` located in ``raw`` from ``start``, and the raw offset after them."""
    # A parser's source map can point past the end of the text (tab stops
    # expanded in nested lists); nothing beyond the text can be aligned.
    limit = len(raw) if limit is None else min(limit, len(raw))
    if raw.startswith(text, start):
        return [(text, start, start + len(text))], start + len(text)
    found = raw.find(text, start, limit)
    if found != -1:
        return [(text, found, found + len(text))], found + len(text)
    return _align_charwise(text, raw, start, limit)


def _align_charwise(text: str, raw: str, start: int, limit: int) -> tuple[list[Piece], int]:
    pieces: list[Piece] = []
    i, pos = 0, start
    run_i, run_pos = 0, start

    def flush() -> None:
        if i > run_i:
            pieces.append((text[run_i:i], run_pos, run_pos + (i - run_i)))

    while i < len(text) and pos < limit:
        ch, here = text[i], raw[pos]
        if here == ch:
            if i == run_i or pos - run_pos != i - run_i:
                flush()
                run_i, run_pos = i, pos
            i += 1
            pos += 1
            continue
        flush()
        if here == "\\" and pos + 1 < limit and raw[pos + 1] == ch:
            pieces.append((ch, pos + 1, pos + 2))
            i, pos = i + 1, pos + 2
        elif here == "&" and (entity := _ENTITY.match(raw, pos, limit)) is not None:
            decoded = html.unescape(entity.group())
            if decoded and text.startswith(decoded, i):
                pieces.append((decoded, pos, entity.end()))
                i += len(decoded)
            pos = entity.end()
        elif ch.isspace() and here.isspace():
            pieces.append((ch, pos, pos + 1))
            i, pos = i + 1, pos + 1
        else:
            pos += 1  # markup the parser dropped
        run_i, run_pos = i, pos
    flush()
    if i < len(text):
        # Whatever could not be placed sits, atomically, where the raw text ends.
        pieces.append((text[i:], pos, pos))
    return pieces, pos


def emit(pieces: list[Piece], to_source: Callable[[int], int], add: Callable[..., None]) -> None:
    """Hand aligned pieces to a :class:`ProseBuilder`'s ``add``."""
    for text, raw_start, raw_end in pieces:
        source_start = to_source(raw_start)
        if raw_end - raw_start == len(text):
            add(text, source_start)
        else:
            add(text, source_start, to_source(raw_end) if raw_end > raw_start else source_start)

