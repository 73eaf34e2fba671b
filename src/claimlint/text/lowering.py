"""Lower-casing a whole document without a memory spike.

CPython lower-cases a string that is not pure ASCII through a temporary
buffer of three 4-byte code points per character (one character may lower to
three): 12 bytes per character on top of the result, 300 MB for a 25 MB page.
Lower-casing piece by piece gives the same string with the spike bounded by
the piece size.
"""

from __future__ import annotations

PIECE = 1 << 20


def lower_in_pieces(text: str, piece: int = PIECE) -> str:
    """``text.lower()``, computed at most about ``piece`` characters at a time."""
    if text.isascii() or len(text) <= piece:
        return text.lower()
    parts: list[str] = []
    start = 0
    while start < len(text):
        # Cut just after a space or line break: lower-casing is per character
        # except for a final sigma, which looks at its neighbouring letters,
        # and a space is not a letter, so a cut there changes nothing.
        cut = max(text.find(" ", start + piece, start + 2 * piece), text.find("\n", start + piece, start + 2 * piece))
        end = len(text) if cut == -1 else cut + 1
        parts.append(text[start:end].lower())
        start = end
    return "".join(parts)
