"""Human-readable output, grouped by file, with the offending text underlined
and a closing summary. Colour only when writing to a terminal.

Lines are written as (text, style) segments: rich renders them in colour;
without colour (pre-commit, CI logs, pipes) they are written as they are and
rich is not imported, which saves a pre-commit run about 20 ms of start-up."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from ..model import Finding, Severity
from ..runner import Report
from . import summary_counts

Segment = tuple[str, str]

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
          sources: dict[str, str] | None = None, explain: bool = False, **_: object) -> None:
    line = _RichLines(out) if color else _PlainLines(out)
    cache: dict[str, list[str]] = {path: text.splitlines() for path, text in (sources or {}).items()}
    dropped = {path: list(group) for path, group in groupby(report.dropped, key=lambda f: f.path)}
    by_path = {path: list(group) for path, group in groupby(report.findings, key=lambda f: f.path)}
    for path in dict.fromkeys([*by_path, *dropped]):
        line((path, "bold underline"))
        for finding in by_path.get(path, ()):
            line((f"  {finding.line}:{finding.column}", "dim"), ("  ", ""), (finding.severity.label, _STYLE[finding.severity]),
                 (f"  {finding.rule} {finding.name}", "bold"), (f"  [{finding.category}]", "dim"))
            line(("    " + finding.message, ""))
            source = _source_line(finding, cache)
            if source is not None:
                shown, carets = _excerpt(finding, source)
                line(("    │ " + shown, "dim"))
                line(("    │ " + carets, _STYLE[finding.severity]))
            for related in finding.related:
                line((f"    see line {related.span.line}: {related.message}", "dim"))
            if finding.suggestion:
                line(("    suggestion: " + finding.suggestion, "green"))
            if explain:
                for note in finding.context:
                    line(("    context: " + note.describe(), "dim"))
        for match in dropped.get(path, ()):
            assert match.dropped is not None
            line((f"  {match.line}:{match.column}", "dim"), ("  dropped", "dim"), (f"  {match.rule} {match.name}", "dim"),
                 (f"  '{' '.join(match.text.split())}'", "dim"))
            line(("    " + match.dropped.describe(), "dim"))
        line()
    for error in report.errors:
        line(("error", "bold red"), (f": {error.path}: {error.message}", ""))
    for note in report.notes:
        line((f"note: {note.path}: {note.message}", "dim"))
    if statistics:
        _statistics(line, report)
    line(*_summary(report))


# Control characters that would ring a bell or move the cursor in a terminal;
# rich drops the same ones.
_CONTROL = str.maketrans("", "", "\a\b\v\f\r")


class _PlainLines:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def __call__(self, *segments: Segment) -> None:
        self.out.write("".join(text for text, _ in segments).translate(_CONTROL) + "\n")


class _RichLines:
    def __init__(self, out: TextIO) -> None:
        from rich.console import Console
        from rich.text import Text

        self.console = Console(file=out, force_terminal=True, highlight=False, soft_wrap=True, emoji=False)
        self.text = Text

    def __call__(self, *segments: Segment) -> None:
        text = self.text()
        for part, style in segments:
            text.append(part, style=style or None)
        self.console.print(text)


def _statistics(line: _PlainLines | _RichLines, report: Report) -> None:
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        counts[(f.rule, f.name)] = counts.get((f.rule, f.name), 0) + 1
    for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        line((f"{count:6d}  {code}  {name}", ""))
    if counts:
        line()


def _summary(report: Report) -> list[Segment]:
    by_severity, by_category = summary_counts(report)
    total = len(report.findings)
    files = report.files_checked
    if not total:
        return [(f"No problems found in {files} file{'s' if files != 1 else ''}.", "bold green")]
    severities = ", ".join(f"{by_severity[s.label]} {s.label}{'s' if by_severity[s.label] != 1 else ''}"
                           for s in sorted(Severity, reverse=True) if s.label in by_severity)
    categories = ", ".join(f"{count} {name}" for name, count in sorted(by_category.items(), key=lambda i: (-i[1], i[0])))
    return [(f"Found {total} problem{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''} ", "bold"),
            (f"({severities}). ", "bold"), (f"By category: {categories}.", "")]
