"""GitHub Actions workflow commands: each finding becomes an annotation on the
pull request's diff (``::error file=...,line=...::message``).

Values are escaped exactly as GitHub's own toolkit (``@actions/core``) does:
the message escapes ``%``, CR and LF; property values also escape ``:`` and
``,``, which would otherwise end the value."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from ..fingerprint import relative_path, repository_root
from ..model import Severity
from ..runner import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {fields}::{escape_data(message)}" if fields else f"::{name}::{escape_data(message)}"


def write(report: Report, out: TextIO, *, root: Path | None = None, **_: object) -> None:
    # Annotations need paths relative to the workspace, which is the checkout root.
    root = (root or repository_root()).resolve()
    for f in report.findings:
        properties = {
            "file": relative_path(f.path, root),
            "line": f.span.line,
            "col": f.span.column,
            "endLine": f.span.end_line,
            "endColumn": f.span.end_column,
            "title": f"{f.rule} {f.name}",
        }
        message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
        out.write(command(COMMANDS[f.severity], properties, message) + "\n")
    for error in report.errors:
        out.write(command("error", {"file": relative_path(error.path, root), "title": "claimlint could not check this file"}, error.message) + "\n")
