"""JUnit XML, for CI systems that show test reports (Jenkins, GitLab, Azure).

One ``<testsuite>`` per file checked; each finding is a failing
``<testcase>``, a file without findings is one passing test case, and a file
that could not be read is an ``<error>``. Text that XML 1.0 cannot carry
(control characters) is replaced, so the report always parses."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ..model import FileError, Finding
from ..runner import Report

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case(suite: ET.Element, path: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": _clean(path), "name": _clean(name), "file": _clean(path)})


def _finding_case(suite: ET.Element, finding: Finding) -> None:
    case = _case(suite, finding.path, f"{finding.rule} {finding.name} at {finding.line}:{finding.column}")
    case.set("line", str(finding.line))
    failure = ET.SubElement(case, "failure", {"type": finding.rule, "message": _clean(finding.message)})
    details = [
        f"{finding.path}:{finding.line}:{finding.column}: {finding.rule} [{finding.severity.label}] {finding.message}",
        f"text: {finding.text}",
    ]
    if finding.suggestion:
        details.append(f"suggestion: {finding.suggestion}")
    failure.text = _clean("\n".join(details))


def _error_case(suite: ET.Element, error: FileError) -> None:
    case = _case(suite, error.path, "claimlint")
    ET.SubElement(case, "error", {"message": _clean(error.message)}).text = _clean(error.message)


def write(report: Report, out: TextIO, **_: object) -> None:
    by_path: dict[str, list[Finding]] = {path: [] for path in report.checked}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    errors = {error.path: error for error in report.errors}
    for path in errors:
        by_path.setdefault(path, [])
    root = ET.Element("testsuites", {"name": "claimlint"})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path, findings in by_path.items():
        suite = ET.SubElement(root, "testsuite", {"name": _clean(path)})
        for finding in findings:
            _finding_case(suite, finding)
        if path in errors:
            _error_case(suite, errors[path])
        elif not findings:
            _case(suite, path, "claimlint")
        counts = {"tests": len(suite), "failures": len(findings), "errors": int(path in errors)}
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
