"""Where an audit's results go, under its output folder:

- ``parts/``: one gzipped JSON-lines file per WARC file, its pages and skipped
  records, written whole or not at all (a temporary name, then a rename), so
  that a part that exists is finished and a resumed audit skips its WARC file;
- ``sites.jsonl`` and ``sites.csv``: a row per site (``sites.parquet`` too when
  pyarrow is installed); ``pages.csv``: a row per page;
- ``summary.txt``: the short text summary the command prints."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..files import atomic_binary_writer
from ..model import CATEGORIES
from .sites import Site, SiteTotals

CATEGORY_COLUMNS = (*CATEGORIES, "disease-claim", "disclosure")


def part_path(out: Path, warc: Path) -> Path:
    """The part file of ``warc``, named by the file's path, size and modification
    time: a WARC file rewritten since is audited again."""
    stat = warc.stat()
    key = hashlib.sha1(f"{warc.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode("utf-8", "surrogatepass")).hexdigest()
    return out / "parts" / f"{warc.name}.{key[:12]}.jsonl.gz"


def write_part(path: Path, records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Write ``records`` to the part file at ``path``; returns the last ("done") record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    last: dict[str, Any] = {}
    with atomic_binary_writer(path) as raw, gzip.GzipFile(fileobj=raw, mode="wb") as handle:
        for record in records:
            handle.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
            last = record
    return last


def write_part_bytes(path: Path, payload: bytes) -> None:
    """Store a part made elsewhere (by a cluster worker), whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_binary_writer(path) as raw:
        raw.write(payload)


def read_part(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def write_tables(out: Path, totals: SiteTotals, pages: Iterable[dict[str, Any]]) -> list[str]:
    """Write the page table as ``pages`` stream by (adding each to ``totals``),
    then the site tables; returns the names of the files written."""
    written = ["pages.csv"]
    with open(out / "pages.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["site", "url", "date", "content_type", "warc", "offset", "findings", *CATEGORY_COLUMNS])
        for page in pages:
            totals.add(page)
            counts = _categories(page["findings"])
            writer.writerow([page["site"], page["url"], page["date"], page["content_type"], page["warc"], page["offset"],
                             len(page["findings"]),
                             *(counts.get(c, 0) for c in CATEGORY_COLUMNS)])
    records = [site.as_record() for site in totals.sites()]
    with open(out / "sites.jsonl", "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    rows = [_site_row(record) for record in records]
    with open(out / "sites.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=_SITE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    written += ["sites.jsonl", "sites.csv"]
    if _write_parquet(out / "sites.parquet", rows):
        written.append("sites.parquet")
    return written


_SITE_COLUMNS = ["site", "pages", "pages_with_findings", "findings", "findings_per_page", *CATEGORY_COLUMNS, "top_rules",
                 "worst_page", "worst_page_findings"]


def _site_row(record: dict[str, Any]) -> dict[str, Any]:
    worst = record["worst_pages"][0] if record["worst_pages"] else {"url": "", "findings": 0}
    top = sorted(record["by_rule"].items(), key=lambda item: (-item[1], item[0]))[:5]
    return {
        **{key: record[key] for key in ("site", "pages", "pages_with_findings", "findings", "findings_per_page")},
        **{c: record["by_category"].get(c, 0) for c in CATEGORY_COLUMNS},
        "top_rules": " ".join(f"{rule}:{count}" for rule, count in top),
        "worst_page": worst["url"],
        "worst_page_findings": worst["findings"],
    }


def _categories(findings: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding["category"]] = counts.get(finding["category"], 0) + 1
    return counts


def _write_parquet(path: Path, rows: list[dict[str, Any]]) -> bool:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return False
    table = pa.Table.from_pylist(rows) if rows else pa.table({column: [] for column in _SITE_COLUMNS})
    pq.write_table(table, path)
    return True


def summary_text(sites: list[Site], pages: int, skipped: dict[str, int], warcs: int, resumed: int, shown: int = 10) -> str:
    out = io.StringIO()
    findings = sum(site.findings for site in sites)
    out.write(f"{warcs} WARC file{'s' if warcs != 1 else ''} ({resumed} already audited), {pages} HTML page{'s' if pages != 1 else ''} "
              f"on {len(sites)} site{'s' if len(sites) != 1 else ''}, {findings} finding{'s' if findings != 1 else ''}\n")
    if skipped:
        out.write("records passed over: " + ", ".join(f"{count} {reason}" for reason, count in sorted(skipped.items())) + "\n")
    if sites:
        out.write(f"\n{'site':40s} {'pages':>7s} {'flagged':>8s} {'findings':>9s} {'per page':>9s}  top categories\n")
        for site in sites[:shown]:
            top = sorted(site.by_category.items(), key=lambda item: (-item[1], item[0]))[:3]
            out.write(f"{site.name[:40]:40s} {site.pages:7d} {site.pages_with_findings:8d} {site.findings:9d} "
                      f"{site.findings / site.pages if site.pages else 0:9.2f}  {', '.join(f'{c} {n}' for c, n in top)}\n")
        if len(sites) > shown:
            out.write(f"... and {len(sites) - shown} more sites (sites.csv)\n")
    return out.getvalue()
