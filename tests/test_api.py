"""The embedding API: no terminal, findings and errors as values."""

from __future__ import annotations

from pathlib import Path

from claimlint import lint_paths, lint_text


def test_lint_text_returns_findings() -> None:
    findings = lint_text("<p>Our stem cell therapy <b>cures</b> MS.</p>", format="html", path="page.html")
    assert [(f.path, f.line, f.column, f.rule) for f in findings] == [("page.html", 1, 29, "CL101")]


def test_lint_paths_reports_findings_and_missing_paths(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("It is risk-free.\n", encoding="utf-8")
    report = lint_paths([page, tmp_path / "missing.md"])
    assert [f.rule for f in report.findings] == ["CL203"]
    assert [e.message for e in report.errors] == ["no such file or directory"]
    assert report.files_checked == 1
