"""The Python API for embedding claimlint: no terminal, no exit codes.

    >>> from claimlint import lint_text
    >>> [f.rule for f in lint_text("Our stem cell therapy cures MS.")]
    ['CL101']
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
