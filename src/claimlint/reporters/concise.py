"""One line per finding, ``path:line:col: CODE message``: what editors and
``grep`` expect."""

from __future__ import annotations

from typing import TextIO

from ..runner import Report


def write(report: Report, out: TextIO, **_: object) -> None:
    for f in report.findings:
        out.write(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.label}] {f.message}\n")
    for error in report.errors:
        out.write(f"{error.path}:1:1: error: {error.message}\n")
