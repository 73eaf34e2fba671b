"""Bytes to text: BOMs, UTF-8, UTF-16/32 and legacy encodings, binary detection.

Columns are counted in the decoded text, so the decoded text must be exactly
what an editor shows: the BOM is dropped, everything else is kept.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SNIFF = 8192
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")


class BinaryFile(Exception):
    """The file is not text; it is skipped with a note."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    lossy: bool = False
    """True when undecodable bytes were replaced with U+FFFD."""


def decode(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data[len(bom) :], encoding)
    head = data[:_SNIFF]
    if b"\x00" in head:
        guessed = _utf16_without_bom(head)
        if guessed:
            return _decode_with(data, guessed)
        raise BinaryFile("binary file (contains NUL bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    legacy = _guess_legacy(data)
    if legacy is not None:
        return legacy
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", lossy=True)


def _decode_with(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return Decoded(data.decode(encoding, errors="replace"), encoding, lossy=True)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte of ASCII text."""
    if len(head) < 4:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _guess_legacy(data: bytes) -> Decoded | None:
    # charset-normalizer is only needed for the rare legacy file: import it late
    # so that ordinary UTF-8 runs never pay for it.
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    results = from_bytes(data[: 256 * 1024])
    best = results.best()
    if best is None or best.encoding is None:
        return None
    # On a tie, the most common legacy encoding of web content wins: several
    # single-byte code pages decode the same bytes equally "well".
    for candidate in results:
        if candidate.encoding in _PREFERRED_LEGACY and candidate.chaos <= best.chaos and candidate.coherence >= best.coherence:
            best = candidate
            break
    if _looks_binary(str(best)):
        raise BinaryFile("binary file (no text encoding fits)")
    return _decode_with(data, best.encoding)


def _looks_binary(sample: str) -> bool:
    if not sample:
        return False
    controls = sum(1 for ch in sample[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > 0.1 * min(len(sample), 4096)
