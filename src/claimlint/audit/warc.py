"""HTML responses out of WARC and WARC.gz files, one record at a time.

warcio parses the records (gzip per record or whole-file, chunked transfer
encoding, gzip and deflate content encoding). Every record that is not an
HTML page is counted under a reason and skipped; a truncated or malformed
archive ends its reading with a note, never an exception, and the pages read
before it stand. Memory is one record's body at a time."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Iterator

from ..decoding import BinaryFile, decode

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Page:
    """An HTML response: its target URI, capture date and content type, and the
    body decoded as text (findings' positions are in it)."""

    uri: str
    date: str
    content_type: str
    text: str
    offset: int
    """Where the record starts in the WARC file."""
    note: str = ""
    """How the body was decoded, when it did not say so correctly itself."""


@dataclass(frozen=True)
class Skipped:
    uri: str
    offset: int
    reason: str
    """A short, countable reason: "not HTML", "redirect", "truncated archive"..."""
    detail: str = ""


def read_warc(path: Path, max_size: int = 10 * 1024 * 1024) -> Iterator[Page | Skipped]:
    """The HTML pages of the archive at ``path`` and the records passed over."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    size = path.stat().st_size
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream, arc2warc=True)
        offset = end = 0
        while True:
            try:
                record = next(records)
                item = _item(record, max_size)
                # Asked after the body is read: warcio reads to the record's end to answer.
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
            except StopIteration:
                if end < size and not _only_padding(stream, end, size):
                    # warcio stops quietly at a gzip member cut short; the bytes
                    # after the last whole record say that the archive was.
                    yield Skipped("", end, "truncated archive", f"{size - end:,} bytes after the last whole record")
                return
            except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
                # A record cut short (a crawl killed mid-write) or garbage where a
                # header should be: nothing after it can be found reliably.
                yield Skipped("", offset, "truncated or malformed archive", f"{type(exc).__name__}: {exc}")
                return
            missing = getattr(getattr(record, "raw_stream", None), "limit", 0)
            if missing:
                # The archive ends inside this record: its body is cut short.
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                yield Skipped(uri, offset, "truncated record", f"{missing:,} bytes of the record missing")
            elif item is not None:
                yield replace(item, offset=offset)


def _item(record: object, max_size: int) -> Page | Skipped | None:
    offset = 0  # set by the caller
    rec_type = record.rec_type  # type: ignore[attr-defined]
    if rec_type not in ("response", "resource"):
        return None  # requests, metadata, warcinfo: not pages, not worth counting
    headers = record.rec_headers  # type: ignore[attr-defined]
    uri = headers.get_header("WARC-Target-URI") or ""
    date = headers.get_header("WARC-Date") or ""
    http = record.http_headers  # type: ignore[attr-defined]
    if rec_type == "response" and http is None:
        return Skipped(uri, offset, "not HTTP")
    content_type = (http.get_header("Content-Type") if http is not None else headers.get_header("Content-Type")) or ""
    status = http.get_statuscode() if http is not None else "200"
    if status and status.startswith("3"):
        return Skipped(uri, offset, "redirect", (http.get_header("Location") or "") if http is not None else "")
    if status and not status.startswith("2"):
        return Skipped(uri, offset, f"HTTP {status}")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type not in HTML_TYPES:
        return Skipped(uri, offset, "not HTML", media_type or "no content type")
    body = _read_body(record, max_size)
    if body is None:
        return Skipped(uri, offset, "too large", f"over {max_size:,} bytes")
    try:
        text, note = _decode(body, content_type)
    except BinaryFile as exc:
        return Skipped(uri, offset, "binary body", str(exc))
    return Page(uri, date, media_type, text, offset, note)


def _read_body(record: object, max_size: int) -> bytes | None:
    stream: IO[bytes] = record.content_stream()  # type: ignore[attr-defined]
    body = stream.read(max_size + 1)
    return None if len(body) > max_size else body


def _decode(body: bytes, content_type: str) -> tuple[str, str]:
    """The body as text: in the charset the response declares when it is one
    Python knows and the bytes fit it; otherwise as claimlint decodes files."""
    declared = _charset(content_type)
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            decoded = decode(body)
            return decoded.text, f"declared charset {declared!r} is unknown; read as {decoded.encoding}"
        try:
            return body.decode(declared), ""
        except UnicodeDecodeError:
            decoded = decode(body)
            return decoded.text, f"body is not {declared} as declared; read as {decoded.encoding}"
    decoded = decode(body)
    return decoded.text, (f"read as {decoded.encoding} with undecodable bytes replaced" if decoded.lossy else "")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return ""


def _only_padding(stream: IO[bytes], end: int, size: int) -> bool:
    """Whether the bytes after the last whole record are only line ends (an
    uncompressed WARC's records end with a blank line warcio does not count)."""
    if size - end > 64:
        return False
    stream.seek(end)
    return not stream.read().strip()
