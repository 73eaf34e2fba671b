"""Human-readable output, grouped by file, with the offending text underlined
and a closing summary. Colour only when writing to a terminal."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ..model import Finding, Severity
from ..runner import Report
from . import summary_counts

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _source_line(finding: Finding, lines_cache: dict[str, list[str]]) -> str | None:
    lines = lines_cache.get(finding.path)
    if lines is None:
        lines_cache[finding.path] = lines = []
        try:
            from ..decoding import decode

            with open(finding.path, "rb") as handle:
                lines.extend(decode(handle.read()).text.splitlines())
        except Exception:  # noqa: BLE001 - the excerpt is a courtesy; a vanished file just loses it
            pass
    if 0 < finding.line <= len(lines):
        return lines[finding.line - 1]
    return None


def _excerpt(finding: Finding, line: str) -> tuple[str, str]:
    """The line (trimmed around long text) and a caret line under the finding."""
    line = line.replace("\t", " ")
    start = finding.column - 1
    end = finding.span.end_column - 1 if finding.span.end_line == finding.line else len(line)
    end = max(end, start + 1)
    left = max(0, start - 40)
    right = min(len(line), max(end, start) + 40)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    caret_start = len(prefix) + (start - left)
    caret_len = max(1, min(end, right) - start)
    return shown, " " * caret_start + "^" * caret_len


def write(report: Report, out: TextIO, *, color: bool = False, statistics: bool = False,
          sources: dict[str, str] | None = None, **_: object) -> None:
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False, soft_wrap=True, emoji=False)
    cache: dict[str, list[str]] = {path: text.splitlines() for path, text in (sources or {}).items()}
    for path, group in groupby(report.findings, key=lambda f: f.path):
        console.print(Text(path, style="bold underline"))
        for finding in group:
            header = Text()
            header.append(f"  {finding.line}:{finding.column}", style="dim")
            header.append("  ")
            header.append(finding.severity.label, style=_STYLE[finding.severity])
            header.append(f"  {finding.rule} {finding.name}", style="bold")
            header.append(f"  [{finding.category}]", style="dim")
            console.print(header)
            console.print(Text("    " + finding.message))
            line = _source_line(finding, cache)
            if line is not None:
                shown, carets = _excerpt(finding, line)
                console.print(Text("    │ " + shown, style="dim"))
                console.print(Text("    │ " + carets, style=_STYLE[finding.severity]))
            for related in finding.related:
                console.print(Text(f"    see line {related.span.line}: {related.message}", style="dim"))
            if finding.suggestion:
                console.print(Text("    suggestion: " + finding.suggestion, style="green"))
        console.print()
    for error in report.errors:
        console.print(f"[bold red]error[/]: {escape(error.path)}: {escape(error.message)}")
    for note in report.notes:
        console.print(f"[dim]note: {escape(note.path)}: {escape(note.message)}[/]")
    if statistics:
        _statistics(console, report)
    console.print(_summary(report))


def _statistics(console: Console, report: Report) -> None:
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        counts[(f.rule, f.name)] = counts.get((f.rule, f.name), 0) + 1
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        console.print(f"{count:6d}  {code}  {name}")
    if counts:
        console.print()


def _summary(report: Report) -> Text:
    by_severity, by_category = summary_counts(report)
    total = len(report.findings)
    files = report.files_checked
    text = Text()
    if not total:
        text.append(f"No problems found in {files} file{'s' if files != 1 else ''}.", style="bold green")
        return text
    severities = ", ".join(f"{by_severity[s.label]} {s.label}{'s' if by_severity[s.label] != 1 else ''}"
                           for s in sorted(Severity, reverse=True) if s.label in by_severity)
    categories = ", ".join(f"{count} {name}" for name, count in sorted(by_category.items(), key=lambda i: (-i[1], i[0])))
    text.append(f"Found {total} problem{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''} ", style="bold")
    text.append(f"({severities}). ", style="bold")
    text.append(f"By category: {categories}.")
    return text
