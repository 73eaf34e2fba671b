"""The sentence splitter: where health copy's sentences end, and where they do
not (titles, initials, decimals, acronyms). Rules read a claim within its
sentence, so a wrong boundary hides a negation or joins two claims."""

from __future__ import annotations

import pytest

from claimlint.text.sentences import MAX_SENTENCE, Sentences, split_block


def split(text: str) -> list[str]:
    starts: list[int] = []
    ends: list[int] = []
    split_block(text, 0, len(text), starts, ends)
    return [text[start:end] for start, end in zip(starts, ends, strict=True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Our clinic opened in 2019. We treat MS.", ["Our clinic opened in 2019.", "We treat MS."]),
    ("Dr. Smith and Prof. Jones disagree.", ["Dr. Smith and Prof. Jones disagree."]),
    ("Smith et al. reported it. Nobody else did.", ["Smith et al. reported it.", "Nobody else did."]),
    ("Drugs, e.g. statins, help. Others do not.", ["Drugs, e.g. statins, help.", "Others do not."]),
    ("Approved in the U.S. by the FDA.", ["Approved in the U.S. by the FDA."]),
    ("Relapses fell by 2.5 per year. Nothing else changed.", ["Relapses fell by 2.5 per year.", "Nothing else changed."]),
    ("J. Smith wrote it.", ["J. Smith wrote it."]),
    # An acronym ends the sentence; a title would not.
    ("There is no cure for MS. Treatment slows it.", ["There is no cure for MS.", "Treatment slows it."]),
    ("Is it safe? No! Ask first.", ["Is it safe?", "No!", "Ask first."]),
    ("“It cured me.” She walks again.", ["“It cured me.”", "She walks again."]),
    ("Wait... It works.", ["Wait...", "It works."]),
    # Shouting copy glues its sentences together.
    ("NATURAL MEDICINE.THERE IS HOPE.", ["NATURAL MEDICINE.", "THERE IS HOPE."]),
    # Even when the word before the stop is an abbreviation in mixed case.
    ("AsSOC.THE CLINIC", ["AsSOC.", "THE CLINIC"]),
    ("ApPROX.TWO WEEKS", ["ApPROX.", "TWO WEEKS"]),
    ("Visit ABC.com today.", ["Visit ABC.com today."]),
    ("A café. Then home.", ["A café.", "Then home."]),
    # A hard-wrapped paragraph indented as a whole: a short line that goes on
    # in lower case past the indentation continues its sentence.
    ("Our drops have no\n    side effects.\n    Try them.", ["Our drops have no\n    side effects.", "Try them."]),
    ("\tThe capsules lower\n\tblood sugar fast.", ["The capsules lower\n\tblood sugar fast."]),
    # An indented capitalised short line is still a line of its own.
    ("Opening hours\n    Monday to Friday", ["Opening hours", "Monday to Friday"]),
    # A short line that ends on a function word was wrapped mid-sentence, whatever
    # the next line starts with.
    ("Our drip eliminates the\n    ALS symptoms in weeks.", ["Our drip eliminates the\n    ALS symptoms in weeks."]),
    ("Trusted by families in\nPhoenix since 2012.", ["Trusted by families in\nPhoenix since 2012."]),
    # ... or on a verb that needs its object.
    ("Our drip eliminates\n    ALS in weeks.", ["Our drip eliminates\n    ALS in weeks."]),
    ("Our therapy heals\nParkinson's disease fast.", ["Our therapy heals\nParkinson's disease fast."]),
])
def test_sentences_end_where_a_reader_sees_them_end(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_a_short_line_without_punctuation_ends_a_sentence() -> None:
    assert split("Book today\nCall +52 998 555 0143\nOpen daily") == ["Book today", "Call +52 998 555 0143", "Open daily"]


def test_a_long_hard_wrapped_line_does_not() -> None:
    text = ("Patients in the registry reported fewer relapses over the two years that\n"
            "followed, although the registry was not designed to show it.")
    assert split(text) == [text]


def test_a_line_ending_on_an_emoji_ends_its_sentence() -> None:
    """Chat broadcasts and social posts end lines on an emoji, not a stop."""
    first = "The capsules are screened and certified, so there are no side effects at all 🙌"
    assert split(first + "\nSome users feel a mild headache on the first day.") == [
        first, "Some users feel a mild headache on the first day."]
    # With the variation selector that makes a heart red.
    second = "Our drops are tested in independent labs every single month for purity ❤️"
    assert split(second + "\nOrder before Friday") == [second, "Order before Friday"]


def test_a_trademark_sign_at_a_line_end_does_not() -> None:
    text = "Thousands of readers have already ordered a bottle of the new NeuroCalm™\nCapsules in the spring."
    assert split(text) == [text]


def test_a_line_longer_than_any_wrap_width_is_a_paragraph() -> None:
    post = ("Three weeks on the cleanse and my joints feel like they belong to somebody else, "
            "honestly cannot believe it")
    assert split(post + "\nWill post an update next month") == [post, "Will post an update next month"]


def test_list_entries_and_blank_lines_end_sentences() -> None:
    assert split("Benefits include\n- less pain\n- more sleep") == ["Benefits include", "- less pain", "- more sleep"]
    assert split("First part, without a stop,\n\nsecond part") == ["First part, without a stop,", "second part"]


def test_a_sentence_never_runs_past_the_limit() -> None:
    words = " ".join(["cure"] * 600)
    pieces = split(words)
    assert len(pieces) > 1 and all(len(piece) <= MAX_SENTENCE for piece in pieces)
    assert " ".join(pieces) == words


def test_sentences_stay_within_their_block() -> None:
    prose = "It cures MS\n\nno side effects."
    sentences = Sentences(prose, [(0, 11), (13, len(prose))])
    assert [sentences.bounds(index) for index in range(len(sentences))] == [(0, 11), (13, len(prose))]
    assert sentences.index_at(14) == 1 and sentences.index_at(12) == 0


def test_an_elision_between_words_is_a_gap_not_a_sentence_end() -> None:
    """Quoted claims leave words out with ". . .", "…", "***" or "[…]": the
    prose reads them as spaces of the same length, so a claim's words stay in
    one sentence and every offset still points into the file."""
    from claimlint.readers import read_document
    from claimlint.runner import Linter

    for mark in (" . . . ", "… ", " ... ", "***", " […] "):
        text = f"Our capsules relieve{mark}arthritis in days. Order today."
        document = read_document("<text>", text, "text", ())
        assert len(document.prose.rstrip("\n")) == len(text)
        assert mark.strip() not in document.prose
        findings = [f for f in Linter().check_text(text) if f.rule == "CL701"]
        assert [text[f.span.offset : f.span.end_offset] for f in findings] == [f"relieve{mark}arthritis"], mark
    # Before a capital, an ellipsis still ends the sentence.
    assert "..." in read_document("<text>", "It stopped... Then it came back.", "text", ()).prose


def test_editorial_marks_in_a_quoted_claim_read_as_its_words() -> None:
    from claimlint.readers import read_document

    text = "Benefits: [r]elief from [s]evere [sic] eczema."
    prose = read_document("<text>", text, "text", ()).prose.rstrip("\n")
    assert len(prose) == len(text)
    assert prose.split() == ["Benefits:", "relief", "from", "severe", "eczema."]
    assert read_document("<text>", "See note [a] below.", "text", ()).prose.startswith("See note [a] below.")


def test_a_contraction_before_a_period_is_no_initial() -> None:
    """"can't." ends a sentence; a single letter after an apostrophe is the end of
    a contraction, not an initial as in "J. Smith"."""
    from claimlint.analysis import Analysis
    from claimlint.readers import read_document

    def split(text: str) -> list[str]:
        analysis = Analysis(read_document("<t>", text, "text", ()), None, None)
        return [analysis.prose[slice(*analysis.sentences.bounds(i))] for i in range(len(analysis.sentences))]

    assert split("Their doctors simply can't. At our clinic we can.") == ["Their doctors simply can't.", "At our clinic we can."]
    assert split("It isn’t. We are.") == ["It isn’t.", "We are."]
    assert split("Ask Dr. J. Smith. He knows.") == ["Ask Dr. J. Smith.", "He knows."]


def test_a_capital_letter_after_a_lowercase_word_ends_a_sentence() -> None:
    """"influenza A and B." and "vitamin D." end sentences; "J." after a name or a
    title, or at a sentence's start, is an initial."""
    from claimlint.analysis import Analysis
    from claimlint.readers import read_document

    def split(text: str) -> list[str]:
        analysis = Analysis(read_document("<t>", text, "text", ()), None, None)
        return [analysis.prose[slice(*analysis.sentences.bounds(i))] for i in range(len(analysis.sentences))]

    assert split("It eases influenza A and B. In one study it did.") == ["It eases influenza A and B.", "In one study it did."]
    assert split("Our capsules are rich in vitamin D. Order today.") == [
        "Our capsules are rich in vitamin D.", "Order today."]
    assert split("Ask George W. Bush or Dr. J. Smith. He knows.") == ["Ask George W. Bush or Dr. J. Smith.", "He knows."]
    assert split("J. Smith wrote it. She agreed.") == ["J. Smith wrote it.", "She agreed."]
    assert split("Our chews block E. coli in the bladder.") == ["Our chews block E. coli in the bladder."]
