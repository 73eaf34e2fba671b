"""Inline suppressions of every kind, and stale ones reported."""

from __future__ import annotations

from claimlint.runner import Linter


def rules(linter: Linter, text: str, fmt: str = "markdown") -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in linter.check_text(text, fmt)]


def test_disable_next_line_with_codes_and_reason(linter: Linter) -> None:
    text = "<!-- claimlint-disable-next-line CL101 -- quoted from an FDA letter -->\nIt cures MS and is a miracle.\n"
    assert rules(linter, text) == [(2, "CL107")]


def test_disable_line_at_the_end_of_the_line(linter: Linter) -> None:
    text = "It cures MS. <!-- claimlint-disable-line -->\nIt cures MS.\n"
    assert rules(linter, text) == [(2, "CL101")]


def test_disable_and_enable_a_range_by_category(linter: Linter) -> None:
    text = ("<!-- claimlint-disable overstatement -->\n\nIt cures MS.\n\nA miracle.\n\n"
            "<!-- claimlint-enable overstatement -->\n\nIt cures MS.\n")
    assert rules(linter, text) == [(9, "CL101")]


def test_disable_file(linter: Linter) -> None:
    text = "It cures MS.\n\n<!-- claimlint-disable-file -->\n\nNo side effects.\n"
    assert rules(linter, text) == []


def test_plain_text_directive_on_its_own_line(linter: Linter) -> None:
    text = "claimlint-disable-next-line CL201\nOur pills have no side effects.\n"
    assert rules(linter, text, "text") == []


def test_html_comment_directive(linter: Linter) -> None:
    text = "<p>A <!-- claimlint-disable-line CL107 --> miracle treatment.</p>"
    assert rules(linter, text, "html") == []


def test_unused_suppression_is_reported(linter: Linter) -> None:
    text = "<!-- claimlint-disable-next-line CL101 -->\nThe weather is fine today.\n"
    findings = linter.check_text(text, "markdown")
    assert [(f.line, f.column, f.rule, f.category) for f in findings] == [(1, 1, "CL901", "suppression")]
    assert "claimlint-disable-next-line (CL101)" in findings[0].message
