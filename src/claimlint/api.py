"""The Python API for embedding claimlint: no terminal, no exit codes.

    >>> from claimlint import lint_text
    >>> [f.rule for f in lint_text("Our stem cell therapy cures MS.")]
    ['CL101']

A reviewer's tool embeds the HTML review report with
``render_report(lint_paths(["site/"]))``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .config import Config
from .model import Finding
from .runner import Linter, Report, run

_DEFAULT: Linter | None = None


def _linter(config: Config | None) -> Linter:
    global _DEFAULT
    if config is not None:
        return Linter(config)
    if _DEFAULT is None:
        _DEFAULT = Linter(Config())
    return _DEFAULT


def lint_text(text: str, *, format: str = "text", path: str = "<text>", config: Config | None = None) -> list[Finding]:
    """Findings for ``text`` read as ``format`` (text, markdown or html)."""
    return _linter(config).check_text(text, format, path)


def lint_paths(paths: Sequence[str | Path], *, config: Config | None = None, jobs: int = 1) -> Report:
    """Findings for files and folders, as ``claimlint check`` would find them."""
    linter = _linter(config)
    report, missing = run([str(p) for p in paths], linter.config, jobs=jobs, linter=linter)
    if missing:
        from .model import FileError

        errors = report.errors + tuple(FileError(m, "no such file or directory") for m in missing)
        report = Report(report.findings, errors, report.notes, report.files_checked, report.rules)
    return report


def render_report(report: Report, *, sources: dict[str, str] | None = None, title: str = "claimlint review report") -> str:
    """The HTML review report of ``report`` (what ``--format html`` writes): one
    self-contained page. ``sources`` gives the text of paths that are not files
    (standard input); the others are read again from disk to be shown."""
    from .review import render_report as render

    return render(report, sources=sources, title=title)
