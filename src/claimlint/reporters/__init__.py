"""Reporters turn a :class:`~claimlint.runner.Report` into text for people or
machines. One module each; only the text reporter uses rich."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol, TextIO

if TYPE_CHECKING:
    from ..runner import Report

FORMATS: dict[str, str] = {
    "text": "claimlint.reporters.text",
    "concise": "claimlint.reporters.concise",
    "json": "claimlint.reporters.json",
    "json-lines": "claimlint.reporters.json_lines",
    "sarif": "claimlint.reporters.sarif",
    "github": "claimlint.reporters.github",
    "junit": "claimlint.reporters.junit",
    "gitlab": "claimlint.reporters.gitlab",
    "html": "claimlint.reporters.html",
}


class Reporter(Protocol):
    def __call__(self, report: Report, out: TextIO, *, color: bool, root: Path | None, statistics: bool,
                 sources: dict[str, str]) -> None: ...


def get_reporter(name: str) -> Callable[..., None]:
    module = importlib.import_module(FORMATS[name])
    return module.write  # type: ignore[no-any-return]


def summary_counts(report: Report) -> tuple[dict[str, int], dict[str, int]]:
    by_severity: dict[str, int] = {}
    by_category: dict[str, int] = {}
    for finding in report.findings:
        by_severity[finding.severity.label] = by_severity.get(finding.severity.label, 0) + 1
        by_category[finding.category] = by_category.get(finding.category, 0) + 1
    return by_severity, by_category
