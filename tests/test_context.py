"""The context a reviewer reads around a claim: list-wide negation, scare
quotes, denied reports, cautioning sections and lists, and names that contain
years. Rule examples cover single sentences; these tests cover the helpers and
the page structures a single sentence cannot show."""

from __future__ import annotations

from claimlint.runner import Linter
from claimlint.text.context import clause_before, is_mentioned, is_negated, is_reported


def _codes(linter: Linter, text: str, fmt: str = "text") -> list[str]:
    return [f.rule for f in linter.check_text(text, fmt)]


def _lines(linter: Linter, text: str, code: str, fmt: str = "text") -> list[int]:
    return [f.span.line for f in linter.check_text(text, fmt) if f.rule == code]


def test_a_negation_before_a_list_reaches_every_item() -> None:
    text = "This product is not intended to diagnose, treat, cure, or prevent any disease."
    start = text.index("cure")
    assert "not intended to diagnose" in clause_before(text, 0, start)
    assert is_negated(text, 0, len(text), start, start + 4)


def test_a_coordinated_clause_is_not_a_list() -> None:
    text = "Our therapy is not expensive, and it cures MS."
    start = text.index("cures")
    assert not is_negated(text, 0, len(text), start, start + 5)


def test_a_denied_report_scopes_over_its_whole_complement() -> None:
    text = "No trial has shown that the cells can slow, halt or reverse the disease."
    start = text.index("reverse")
    assert is_negated(text, 0, len(text), start, start + 7)


def test_scare_quotes_mark_a_mention() -> None:
    text = 'People try many treatments and “cures” for it, and a "stem cell cure" sells well.'
    first = text.index("cures")
    second = text.index("cure\"")
    assert is_mentioned(text, first, first + 5)
    assert is_mentioned(text, second, second + 4)
    plain = "Our treatment cures it."
    assert not is_mentioned(plain, plain.index("cures"), plain.index("cures") + 5)


def test_an_apostrophe_is_not_a_quote() -> None:
    text = "The patients' cures were reported by the clinic's owner."
    start = text.index("cures")
    assert not is_mentioned(text, start, start + 5)


def test_an_expert_description_is_an_endorsement_not_a_distancing() -> None:
    endorsed = "The work was described as a breakthrough by one leading scientist."
    warned = "The clinic's injections were described as a breakthrough on its website."
    assert not is_reported(endorsed, 0, endorsed.index("breakthrough"), len(endorsed))
    assert is_reported(warned, 0, warned.index("breakthrough"), len(warned))


def test_a_cautioning_heading_covers_its_section_only(linter: Linter) -> None:
    text = (
        "# Red flags to watch for\n\n"
        "Some clinics say their stem cells cure autism.\n\n"
        "Others promise a miracle.\n\n"
        "# Our view\n\n"
        "Our stem cells cure autism.\n"
    )
    assert _lines(linter, text, "CL101", "markdown") == [9]
    assert _lines(linter, text, "CL107", "markdown") == []


def test_a_cautioning_lead_in_covers_its_list(linter: Linter) -> None:
    text = (
        "Be very careful when a clinic's advertising includes:\n\n"
        "- a miracle treatment for MS\n"
        "- injections that cure diabetes\n\n"
        "Our injections cure diabetes.\n"
    )
    assert _lines(linter, text, "CL101", "markdown") == [6]
    assert "CL107" not in _codes(linter, text, "markdown")


def test_a_plain_text_list_after_a_cautioning_lead_in(linter: Linter) -> None:
    text = (
        "Warning signs of a scam include:\n"
        "- the seller says the remedy cures cancer\n"
        "- a miracle cure for arthritis\n"
    )
    assert _codes(linter, text) == []


def test_a_list_after_a_neutral_lead_in_is_checked(linter: Linter) -> None:
    text = "Our packages include:\n- stem cells that cure arthritis\n- a miracle drip\n"
    codes = _codes(linter, text)
    assert "CL101" in codes and "CL107" in codes
