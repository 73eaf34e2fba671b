"""One WARC file's pages checked: a record per page (its site, URL, capture
date and findings) and one per record passed over, as plain dictionaries
ready to be written as JSON lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..decoding import Decoded
from ..reporters.json import finding_dict
from ..runner import Linter
from .sites import site_of
from .warc import Page, read_warc


def check_warc(linter: Linter, path: Path) -> Iterator[dict[str, Any]]:
    """Records for every HTML page of the archive (``"type": "page"``), every
    record passed over (``"skipped"``), and a last one that counts them
    (``"done"``): a part file that ends without it was cut short."""
    pages = 0
    skipped: dict[str, int] = {}
    for item in read_warc(path, linter.config.max_file_size):
        if isinstance(item, Page):
            pages += 1
            yield _page(linter, path, item)
        else:
            skipped[item.reason] = skipped.get(item.reason, 0) + 1
            yield {"type": "skipped", "warc": path.name, "url": item.uri, "offset": item.offset, "reason": item.reason,
                   "detail": item.detail}
    yield {"type": "done", "warc": path.name, "pages": pages, "skipped": skipped}


_KEPT = frozenset({"rule", "name", "category", "severity", "line", "column", "end_line", "end_column", "text", "message"})


def _page(linter: Linter, path: Path, page: Page) -> dict[str, Any]:
    result = linter.check_decoded(page.uri, Decoded(page.text, "utf-8"), "html")
    # The JSON report's keys for a finding, less what every page would repeat
    # (suggestions and references belong to the rule: `claimlint rule CODE`).
    findings = [{key: value for key, value in finding_dict(f).items() if key in _KEPT} for f in result.findings]
    record: dict[str, Any] = {"type": "page", "site": site_of(page.uri), "url": page.uri, "date": page.date,
                              "content_type": page.content_type, "warc": path.name, "offset": page.offset,
                              "findings": findings}
    notes = [note for note in (page.note, result.error.message if result.error else "") if note]
    if notes:
        record["notes"] = notes
    return record
