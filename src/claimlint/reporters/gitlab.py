"""GitLab Code Quality report (the ``codequality`` artifact of a CI job): a
JSON array of issues with a description, check name, fingerprint, severity
and a location relative to the repository root."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TextIO

from ..fingerprint import numbered_fingerprints, paths_relative_to, repository_root
from ..model import Severity
from ..runner import Report

# GitLab's scale is info < minor < major < critical < blocker. claimlint's
# errors are what a regulator would act on; nothing it finds blocks a release by itself.
SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def issues(report: Report, root: Path | None = None) -> list[dict[str, Any]]:
    path_of = paths_relative_to((root or repository_root()).resolve())
    result: list[dict[str, Any]] = []
    for finding, (digest, occurrence) in zip(report.findings, numbered_fingerprints(report.findings, path_of), strict=True):
        result.append({
            "type": "issue",
            "description": f"{finding.rule} {finding.message}",
            "check_name": finding.rule,
            "categories": [finding.category],
            # GitLab wants one fingerprint per issue: the occurrence number keeps
            # two identical findings in one file apart.
            "fingerprint": hashlib.md5(f"{digest}:{occurrence}".encode(), usedforsecurity=False).hexdigest(),
            "severity": SEVERITIES[finding.severity],
            "location": {"path": path_of(finding), "lines": {"begin": finding.span.line, "end": finding.span.end_line}},
        })
    return result


def write(report: Report, out: TextIO, *, root: Path | None = None, **_: object) -> None:
    json.dump(issues(report, root), out, indent=2, ensure_ascii=False)
    out.write("\n")
