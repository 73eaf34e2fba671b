"""A sentence restated with one number changed (CL608): which pairs count,
where the finding lands, and the series and tables that are not restatements."""

from __future__ import annotations

import pytest

from claimlint.api import lint_text
from claimlint.text.restatements import _value, restatements


def _found(text: str) -> list[tuple[str, str, str]]:
    sentences = []
    for sentence in text.split("\n"):
        start = text.index(sentence)
        sentences.append((start, start + len(sentence)))
    return [(text[r.later[0]:r.later[1]], r.value, r.other)
            for r in restatements(text, sentences, lambda offset: "paragraph")]


@pytest.mark.parametrize(("words", "value"), [
    ("500", "500"), ("1,200", "1200"), ("2.5", "2.5"), ("five hundred", "500"), ("twenty-one", "21"),
    ("three thousand", "3000"), ("two thousand five hundred", "2500"), ("ninety", "90"),
])
def test_numbers_in_digits_and_words_have_one_value(words: str, value: str) -> None:
    assert _value(words) == value


def test_spelled_and_digit_numbers_compare_by_value() -> None:
    text = ("Our members lose an average of twelve pounds in the first eight weeks.\n"
            "Our members lose an average of 12 pounds in the first eight weeks.\n"
            "Our members lose an average of 15 pounds in the first eight weeks.")
    assert _found(text) == [("15", "15", "12")]


def test_percentages_are_numbers_of_their_own_kind() -> None:
    text = ("After six sessions, 85 per cent of our patients walked without a cane.\n"
            "After six sessions, 65 per cent of our patients walked without a cane.\n"
            "After six sessions, 65 of our patients walked without a cane.")
    assert _found(text) == [("65 per cent", "65%", "85%")]


def test_a_series_differs_in_two_numbers_and_is_not_a_restatement() -> None:
    text = ("One bottle of the capsules costs $39 and lasts 30 days for most people.\n"
            "Three bottles of the capsules cost $99 and last 90 days for most people.\n"
            "In 2023 our clinic treated 400 patients with knee pain and arthritis.\n"
            "In 2024 our clinic treated 520 patients with knee pain and arthritis.")
    assert _found(text) == []


def test_short_labels_are_not_statements() -> None:
    assert _found("Pack of 30 capsules, one a day\nPack of 60 capsules, one a day") == []


def test_each_changed_value_is_reported_once() -> None:
    base = "In a study of {} adults, nine in ten said the ringing was quieter within a month."
    text = "\n".join(base.format(n) for n in ("500", "300", "300", "500"))
    assert _found(text) == [("300", "300", "500")]


def test_the_rule_points_at_both_numbers_and_skips_table_rows() -> None:
    page = (
        "# Results\n\n"
        "In our registry of 140 clients, most reported a meaningful reduction in symptoms.\n\n"
        "| Package |\n|---|\n| 6 sessions over three weeks, with a nurse at every visit |\n| 12 sessions over three weeks, with a nurse at every visit |\n\n"
        "In our registry of 210 clients, most reported a meaningful reduction in symptoms.\n"
    )
    findings = [f for f in lint_text(page, format="markdown", path="page.md") if f.rule == "CL608"]
    assert [(f.span.line, f.span.column, f.span.end_column, f.text) for f in findings] == [(10, 20, 23, "210")]
    assert (findings[0].related[0].span.line, findings[0].related[0].text) == (3, "140")
