"""SARIF 2.1.0, as GitHub code scanning (and other SARIF viewers) read it.

Paths are relative to the repository root under the ``%SRCROOT%`` base;
columns count Unicode code points (declared with ``columnKind``), matching
every other claimlint format. ``partialFingerprints`` come from
:mod:`claimlint.fingerprint`, so an alert keeps its identity when lines move.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..fingerprint import FINGERPRINT_VERSION, numbered_fingerprints, paths_relative_to, relative_path, repository_root
from ..model import Finding, Severity, Span
from ..rulespec import RuleSpec
from ..runner import Report

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = f"claimlintFingerprint/v{FINGERPRINT_VERSION}"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _paragraph(text: str) -> str:
    return " ".join(text.split())


def _help_markdown(spec: RuleSpec) -> str:
    parts = [f"**{spec.code} {spec.name}** ({spec.category}): {spec.summary}", "", _paragraph(spec.rationale)]
    if spec.suggestion:
        parts += ["", f"**What to write instead:** {_paragraph(spec.suggestion)}"]
    if spec.references:
        parts += ["", "**Regulatory basis**", "", *(f"- {ref}" for ref in spec.references)]
    if spec.fires:
        parts += ["", "**Flagged**", "", *(f"- {example}" for example in spec.fires)]
    if spec.passes:
        parts += ["", "**Not flagged**", "", *(f"- {example}" for example in spec.passes)]
    return "\n".join(parts)


def _help_text(spec: RuleSpec) -> str:
    parts = [spec.summary, _paragraph(spec.rationale)]
    if spec.suggestion:
        parts.append("What to write instead: " + _paragraph(spec.suggestion))
    if spec.references:
        parts.append("Regulatory basis: " + "; ".join(spec.references))
    return "\n\n".join(parts)


def rule_descriptor(spec: RuleSpec) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": _paragraph(spec.rationale)},
        "help": {"text": _help_text(spec), "markdown": _help_markdown(spec)},
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        # No security-severity or precision: these are content findings, not
        # vulnerabilities, and claimlint has no per-rule precision measurement.
        "properties": {"tags": ["health-claims", spec.category], "category": spec.category, "kind": spec.kind},
    }
    if spec.url:
        descriptor["helpUri"] = spec.url
    return descriptor


def _region(span: Span, snippet: str | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": max(span.end_column, span.column + 1) if span.end_line == span.line else span.end_column,
    }
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _physical(uri: str, region: dict[str, Any]) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": uri, "uriBaseId": SOURCE_ROOT}, "region": region}}


def _uri(path: str) -> str:
    return quote(path, safe="/-._~!$&'()*+,;=@")


def _ordered_rules(report: Report) -> list[RuleSpec]:
    specs: dict[str, RuleSpec] = {rule.spec.code: rule.spec for rule in report.rules}
    return sorted(specs.values(), key=lambda spec: spec.code)


def _result(finding: Finding, uri: str, rule_index: int | None, digest: str, occurrence: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message + (f"\n\nSuggestion: {finding.suggestion}" if finding.suggestion else "")},
        "locations": [_physical(uri, _region(finding.span, finding.text))],
        "partialFingerprints": {FINGERPRINT_KEY: f"{digest}:{occurrence}"},
        "properties": {"category": finding.category, "name": finding.name},
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    if finding.related:
        result["relatedLocations"] = [
            {"id": number, **_physical(uri, _region(related.span, related.text)), "message": {"text": related.message or related.text}}
            for number, related in enumerate(finding.related, start=1)
        ]
    return result


def sarif_log(report: Report, root: Path | None = None) -> dict[str, Any]:
    root = (root or repository_root()).resolve()
    path_of = paths_relative_to(root)
    specs = _ordered_rules(report)
    index = {spec.code: number for number, spec in enumerate(specs)}
    results = [
        _result(finding, _uri(path_of(finding)), index.get(finding.rule), digest, occurrence)
        for finding, (digest, occurrence) in zip(report.findings, numbered_fingerprints(report.findings, path_of), strict=True)
    ]
    notifications = [
        {"level": "error", "message": {"text": error.message},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(relative_path(error.path, root)), "uriBaseId": SOURCE_ROOT}}}]}
        for error in report.errors
    ]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "claimlint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [rule_descriptor(spec) for spec in specs],
        }},
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}],
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write(report: Report, out: TextIO, *, root: Path | None = None, **_: object) -> None:
    json.dump(sarif_log(report, root), out, indent=2, ensure_ascii=False)
    out.write("\n")
