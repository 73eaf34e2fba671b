"""Property tests: whatever the document, every finding points inside the file
and its reported text is exactly the file's text at that position; arbitrary
text and markup never crash a reader or the engine."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.document import LineIndex
from claimlint.runner import Linter

LINTER = Linter()

CLAIMS = [
    "Our therapy cures MS.", "It has no side effects.", "Studies have shown 80% of patients improved.",
    "A groundbreaking, miracle treatment!", "There is no cure for MS.", "WhatsApp +52 998 555 0143",
    "We offer stem cell therapy for autism.", "I can walk again!", "Clínica São Paulo — “cured” me",
]
MARKUP = ["\n", "\r\n", "\n\n", "\t", " ", "**", "_", "`", "# ", "- ", "> ", "| a | b |\n|---|---|\n| ",
          "<b>", "</b>", "<p>", "</p>", "&amp;", "&nbsp;", "<!-- x -->", "[link](http://x.example/cure)",
          "```\ncure\n```\n", "---\ntitle: miracle cure\ntags: [cure]\n---\n", "<script>cure</script>", "é", "😀"]

documents = st.lists(st.sampled_from(CLAIMS + MARKUP) | st.text(max_size=12), max_size=25).map("".join)


def _check_positions(text: str, fmt: str) -> None:
    lines = LineIndex(text)
    for finding in LINTER.check_text(text, fmt, "doc"):
        span = finding.span
        assert 0 <= span.offset <= span.end_offset <= len(text)
        assert lines.position(span.offset) == (span.line, span.column)
        assert lines.position(span.end_offset) == (span.end_line, span.end_column)
        assert text[span.offset : span.end_offset] == finding.text
        assert 1 <= span.line <= lines.line_count
        # The words the rule matched in the prose (quoted in most messages) are
        # the words standing at that position in the file.
        if finding.message.startswith("'") and "&" not in finding.text and "<" not in finding.text:
            quoted = finding.message[1 : finding.message.index("'", 1)]
            assert _letters(quoted) == _letters(finding.text), (quoted, finding.text)


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_positions_are_exact_in_text(text: str) -> None:
    _check_positions(text, "text")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_positions_are_exact_in_markdown(text: str) -> None:
    _check_positions(text, "markdown")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_positions_are_exact_in_html(text: str) -> None:
    _check_positions(text, "html")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes_any_reader(text: str) -> None:
    for fmt in ("text", "markdown", "html"):
        LINTER.check_text(text, fmt, "doc")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="ab.Z \n,é.üſ1-", max_size=24), st.data())
def test_the_word_before_a_period_is_what_the_pattern_finds(text: str, data: st.DataObject) -> None:
    """The splitter reads the word before each period with string operations;
    it must agree with the pattern it stands in for, window edges and
    characters outside ASCII included."""
    from claimlint.text.sentences import _WORD_BEFORE, word_before

    period = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(max(0, period - 16), period))
    match = _WORD_BEFORE.search(text, start, period)
    assert word_before(text, start, period) == (match.group(1) if match else None)
