"""Machine-readable JSON. ``version`` names the schema; it changes only when a
key is removed or changes meaning."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..model import Finding
from ..runner import Report
from . import summary_counts

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "path": f.path,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "rule": f.rule,
        "name": f.name,
        "category": f.category,
        "severity": f.severity.label,
        "message": f.message,
        "text": f.text,
        "suggestion": f.suggestion,
        "references": list(f.references),
        "related": [
            {
                "line": r.span.line,
                "column": r.span.column,
                "end_line": r.span.end_line,
                "end_column": r.span.end_column,
                "text": r.text,
                "message": r.message,
            }
            for r in f.related
        ],
    }


def write(report: Report, out: TextIO, **_: object) -> None:
    by_severity, by_category = summary_counts(report)
    document = {
        "version": SCHEMA_VERSION,
        "tool": "claimlint",
        "columns": "1-based, counted in Unicode code points; end_column is exclusive",
        "files_checked": report.files_checked,
        "findings": [finding_dict(f) for f in report.findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "notes": [{"path": n.path, "message": n.message} for n in report.notes],
        "summary": {"total": len(report.findings), "by_severity": by_severity, "by_category": by_category},
    }
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")
