"""``claimlint check``: paths in, a report and an exit code out.

Each path is checked under the configuration that governs it (the nearest
configuration file at or above it), so one run over several projects, or a
pre-commit run over files from folders with their own configuration, applies
the right one to each."""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..reporters import FORMATS
from .common import (EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UserError, apply_overrides, load_configs, make_linter, parse_size_option,
                     selection_options)

if TYPE_CHECKING:
    from ..config import Config
    from ..runner import Linter, Report

EXTENSIONS_READ = ".md, .markdown, .html, .htm and .txt"


@dataclass
class _Run:
    """What the groups of one run add up to."""

    report: Report
    missing: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    failing: bool = False
    force_exclude: bool = False
    known: int = 0
    keep_suppressed: bool = False


@click.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "output_format", type=click.Choice(tuple(FORMATS)), default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of standard output.")
@selection_options
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False), help="Record today's findings in this baseline file (exit 0).")
@click.option("--format-hint", type=click.Choice(("text", "markdown", "html")), help="Read every file (and standard input) as this format.")
@click.option("--stdin-filename", help="Name to report for standard input ('-'); its extension picks the format.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Files checked in parallel [default: all cores].")
@click.option("--max-file-size", metavar="SIZE", callback=parse_size_option,
              help="Skip (with a note) files larger than SIZE, such as 500k or 5MB [default: 10MB].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of compiled prefilters and parsed rule packs ($CLAIMLINT_CACHE_DIR).")
@click.option("--statistics", is_flag=True, help="Count findings per rule (text output).")
@click.option("--explain", is_flag=True, help="Show the context behind each finding (a hedge that lowered it, the page it was read on) "
                                               "and every match that was not reported, with the cue or filter that ruled it out.")
@click.option("--show-suppressed", is_flag=True, help="With --format html: show the findings that suppression comments and the "
                                                       "baseline silenced, marked as such (hidden until the reader asks).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--color/--no-color", default=None, help="Force colour on or off [default: on for terminals].")
def check(paths: tuple[str, ...], output_format: str, output: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], fail_on: str | None, config_path: str | None, isolated: bool,
          exclude: tuple[str, ...], include: tuple[str, ...], force_exclude: bool, baseline_path: str | None,
          write_baseline_path: str | None, format_hint: str | None, stdin_filename: str | None, jobs: int | None,
          max_file_size: int | None, preview: bool | None, no_cache: bool, statistics: bool, explain: bool, show_suppressed: bool, exit_zero: bool,
          color: bool | None) -> None:
    """Check files and folders (or '-' for standard input) for health-marketing claims."""
    from ..runner import Report

    if not paths:
        raise UserError("no paths given (try 'claimlint check .' or 'claimlint check -' for standard input)")
    if show_suppressed and output_format != "html":
        raise UserError("--show-suppressed applies to --format html only (the other formats list what is reported)")
    if baseline_path and write_baseline_path:
        raise UserError("--baseline and --write-baseline cannot be combined: --write-baseline records every current finding")
    baseline = _load_baseline(Path(baseline_path)) if baseline_path else None
    total = _Run(Report((), (), (), 0))
    for loaded, members in load_configs(paths, config_path, isolated, stdin_filename):
        config = apply_overrides(loaded, select=select, ignore=ignore, extend_select=extend_select, fail_on=fail_on,
                                 exclude=exclude, include=include, force_exclude=force_exclude, max_file_size=max_file_size,
                                 preview=preview)
        part = _check_group(config, members, jobs, format_hint, stdin_filename, use_cache=not no_cache, explain=explain,
                            keep_suppressed=show_suppressed)
        if baseline is not None:
            part, known = _without_known(part, Path(baseline_path), baseline)  # type: ignore[arg-type]
            total.known += known
        total.failing = total.failing or _fails(part, config)
        total.force_exclude = total.force_exclude or config.force_exclude
        total.report = _merge(total.report, part)
        total.missing += part.missing
        total.sources.update(part.sources)
    report = total.report
    for path in total.missing:
        click.echo(f"claimlint: error: {path}: no such file or directory", err=True)
    if report.files_checked == 0 and not total.missing and not report.errors and not total.force_exclude:
        # With --force-exclude an empty run is normal: pre-commit named only excluded files.
        click.echo(f"claimlint: error: no files to check (claimlint reads {EXTENSIONS_READ})", err=True)
        sys.exit(EXIT_ERROR)
    if baseline_path and total.known:
        click.echo(f"claimlint: {total.known} finding{'s' if total.known != 1 else ''} in baseline {baseline_path} not reported", err=True)
    if write_baseline_path:
        _write_baseline(report, Path(write_baseline_path))
    else:
        use_color = color if color is not None else (output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        _write_report(report, output_format, output, color=use_color, statistics=statistics, sources=total.sources, explain=explain)
    if total.missing or report.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if total.failing and not exit_zero and not write_baseline_path else EXIT_CLEAN)


def _check_group(config: Config, members: list[str], jobs: int | None, format_hint: str | None,
                 stdin_filename: str | None, *, use_cache: bool, explain: bool = False, keep_suppressed: bool = False) -> _Run:
    from ..runner import Report, run

    from ..cachefiles import cache_dir

    linter = make_linter(config, cache_dir() if use_cache else None, explain=explain, keep_suppressed=keep_suppressed)
    file_paths = [p for p in members if p != "-"]
    if file_paths:
        report, missing = run(file_paths, config, jobs=jobs, format_hint=format_hint, linter=linter, cache=linter.cache)
    else:
        report, missing = Report((), (), (), 0, tuple(linter.rules)), []
    sources: dict[str, str] = {}
    if "-" in members:
        report, sources = _check_stdin(linter, report, stdin_filename, format_hint)
    return _Run(report, missing, sources, keep_suppressed=keep_suppressed)


def _check_stdin(linter: Linter, report: Report, stdin_filename: str | None, format_hint: str | None) -> tuple[Report, dict[str, str]]:
    from ..decoding import BinaryFile, decode
    from ..model import FileError
    from ..readers import format_for

    name = stdin_filename or "<stdin>"
    fmt = format_hint or format_for(name, dict(linter.config.extensions)) or "text"
    try:
        decoded = decode(sys.stdin.buffer.read())
    except BinaryFile as exc:
        return replace(report, errors=report.errors + (FileError(name, str(exc)),)), {}
    result = linter.check_decoded(name, decoded, fmt)
    return replace(report, findings=report.findings + result.findings, dropped=report.dropped + result.dropped,
                   suppressed=report.suppressed + result.suppressed,
                   files_checked=report.files_checked + 1,
                   errors=report.errors + ((result.error,) if result.error else ()),
                   notes=report.notes + ((result.note,) if result.note else ()),
                   checked=report.checked + (name,), formats=report.formats + (fmt,)), {name: decoded.text}


def _merge(total: Report, part: _Run) -> Report:
    from ..runner import Report

    report = part.report
    rules = {rule.spec.code: rule for rule in (*total.rules, *report.rules)}
    return Report(total.findings + report.findings, total.errors + report.errors, total.notes + report.notes,
                  total.files_checked + report.files_checked, tuple(rules.values()), total.checked + report.checked,
                  total.dropped + report.dropped, total.formats + report.formats, total.suppressed + report.suppressed)


def _fails(part: _Run, config: Config) -> bool:
    from ..model import Severity

    if config.fail_on == "never":
        return False
    threshold = Severity.parse(config.fail_on)
    return any(finding.severity >= threshold for finding in part.report.findings)


def _load_baseline(path: Path) -> Counter[tuple[str, str, str]]:
    from ..baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        raise UserError(str(exc)) from None


def _without_known(part: _Run, path: Path, remaining: Counter[tuple[str, str, str]]) -> tuple[_Run, int]:
    from ..baseline import filter_known

    filtered = filter_known(part.report.findings, path, remaining)
    kept = tuple(filtered.accounted) if part.keep_suppressed else ()
    report = replace(part.report, findings=tuple(filtered.new), suppressed=part.report.suppressed + kept)
    return replace(part, report=report), filtered.known


def _write_baseline(report: Report, path: Path) -> None:
    from ..baseline import write_baseline

    try:
        write_baseline(report.findings, path)
    except OSError as exc:
        raise UserError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    files = len({finding.path for finding in report.findings})
    click.echo(f"claimlint: recorded {len(report.findings)} finding{'s' if len(report.findings) != 1 else ''} "
               f"in {files} file{'s' if files != 1 else ''} in baseline {path}", err=True)


def _write_report(report: Report, output_format: str, output: str | None, **options: object) -> None:
    """Stream the report to standard output or, atomically, to ``output``:
    the report of a large run is never held whole in memory, and a failed
    write leaves the previous ``output`` file as it was."""
    from ..files import atomic_writer
    from ..reporters import get_reporter

    write = get_reporter(output_format)
    if output is None:
        write(report, sys.stdout, root=None, **options)
        sys.stdout.flush()
        return
    try:
        with atomic_writer(Path(output)) as out:
            write(report, out, root=None, **options)
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None
