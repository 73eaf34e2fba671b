"""An audit on one machine: each WARC file checked by a worker process into its
part file, then every part summed up per site. Finished WARC files (their part
exists) are not checked again, so an interrupted audit resumes where it was."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from ..config import Config
from ..prefilter.hyperscan_index import HyperscanIndex
from ..runner import Linter
from .outputs import part_path, read_part, summary_text, write_part, write_tables
from .pages import check_warc
from .sites import Site, SiteTotals


@dataclass
class AuditResult:
    sites: list[Site]
    pages: int
    skipped: dict[str, int]
    warcs: int
    resumed: int
    written: list[str]
    summary: str


def audit(warcs: Sequence[Path], out: Path, config: Config, *, jobs: int | None = None, resume: bool = True,
          cache: Path | None = None) -> AuditResult:
    out.mkdir(parents=True, exist_ok=True)
    parts = {warc: part_path(out, warc) for warc in warcs}
    todo = [warc for warc in warcs if not (resume and parts[warc].exists())]
    _check_all(todo, parts, config, jobs, cache, sum(warc.stat().st_size for warc in todo))
    return summarise(out, [parts[warc] for warc in warcs], resumed=len(warcs) - len(todo))


def summarise(out: Path, parts: Sequence[Path], *, resumed: int = 0) -> AuditResult:
    """Sum the parts up per site and write the tables and the summary."""
    skipped: dict[str, int] = {}
    counted = {"pages": 0}

    def pages() -> Iterator[dict[str, Any]]:
        for part in parts:
            for record in read_part(part):
                if record["type"] == "page":
                    counted["pages"] += 1
                    yield record
                elif record["type"] == "done":
                    for reason, count in record["skipped"].items():
                        skipped[reason] = skipped.get(reason, 0) + count

    totals = SiteTotals()
    written = write_tables(out, totals, pages())
    sites = totals.sites()
    summary = summary_text(sites, counted["pages"], skipped, len(parts), resumed)
    (out / "summary.txt").write_text(summary, encoding="utf-8")
    from ..review.render import render_audit

    page = render_audit([site.as_record() for site in sites], skipped, summary.splitlines()[0])
    (out / "report.html").write_text(page, encoding="utf-8")
    return AuditResult(sites, counted["pages"], skipped, len(parts), resumed, [*written, "summary.txt", "report.html"], summary)


def _check_all(todo: list[Path], parts: dict[Path, Path], config: Config, jobs: int | None, cache: Path | None,
               size: int) -> None:
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if not todo:
        return
    linter = _linter(config, cache, size)
    if workers <= 1:
        for warc in todo:
            write_part(parts[warc], check_warc(linter, warc))
        return
    from concurrent.futures import ProcessPoolExecutor

    # The workers get the prefilter this process compiled (or loaded), not the job of compiling it.
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(config, cache, linter.engine.index.fast)) as pool:
        for future in [pool.submit(_check_in_worker, warc, parts[warc]) for warc in todo]:
            future.result()


def _linter(config: Config, cache: Path | None, size: int) -> Linter:
    linter = Linter(config, cache=cache)
    linter.prepare(size, cache)  # the Hyperscan prefilter, when the crawl is large enough to pay for it
    return linter


_WORKER: Linter | None = None


def _init_worker(config: Config, cache: Path | None, fast: HyperscanIndex | None) -> None:
    global _WORKER
    _WORKER = Linter(config, cache=cache)
    _WORKER.engine.index = _WORKER.engine.index.with_fast(fast)


def _check_in_worker(warc: Path, part: Path) -> None:
    assert _WORKER is not None
    write_part(part, check_warc(_WORKER, warc))
