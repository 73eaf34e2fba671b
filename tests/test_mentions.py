"""Mention extraction skips sentences that cannot hold a mention; every kind
of mention must still get through that first check."""

from __future__ import annotations

import pytest

from claimlint.text.mentions import mentions


@pytest.mark.parametrize(("sentence", "facet"), [
    ("The Riverside University trial reported its results in 2021.", "year"),
    ("In the Riverside University study, 64 percent of participants walked further.", "figure"),
    ("The HALCYON trial is now in Phase II.", "phase"),
    ("The HALCYON trial enrolled 48 participants.", "count"),
    ("A 7-year Danish study followed the group.", "duration"),
    ("We have treated more than 1,200 patients with arthritis.", "count"),
    ("Our protocol was launched in 2019.", "year"),
    ("Trusted since 2011 by families across the valley.", "year"),
    ("More than 2,400 members have been through the programme.", "count"),
    ("Since 2020 we have helped over 3,100 members.", "count"),
])
def test_each_kind_of_mention_is_found(sentence: str, facet: str) -> None:
    assert facet in {m.facet for m in mentions(sentence, 0, len(sentence))}


def test_a_sentence_with_only_an_unrelated_number_has_no_mention() -> None:
    sentence = "Parking costs 3 pounds an hour at the 2 car parks on Mill Road."
    assert list(mentions(sentence, 0, len(sentence))) == []


def test_sentences_with_a_digit_or_the_word_phase_are_the_ones_read_for_mentions() -> None:
    from claimlint.analysis import Analysis
    from claimlint.kinds.consistency import _MENTION_HINTS
    from claimlint.readers import read_document

    text = "No numbers here. Phase II is next. We enrolled 40 people.\n\nA phaseout is one word. Call 0800 or PHASE out."
    analysis = Analysis(read_document("page.md", text, "markdown"))
    found = [analysis.prose[start:end] for start, end in analysis.sentences_matching(*_MENTION_HINTS)]
    assert found == ["Phase II is next.", "We enrolled 40 people.", "Call 0800 or PHASE out."]


def test_a_provider_trusted_since_one_year_and_founded_in_another_is_one_fact() -> None:
    found = [m for text in ("Trusted since 2011 by local families.", "Founded in 2014, the clinic grew fast.")
             for m in mentions(text, 0, len(text))]
    assert {m.key for m in found} == {"launch|founding"}
    assert {m.value for m in found} == {"2011", "2014"}
