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
    ("Eight out of ten users said their skin looked brighter.", "figure"),
    ("Half of the participants slept through the night.", "figure"),
    ("A full course of acupuncture at the studio is 12 sessions.", "course"),
    ("Most families finish our recommended 20-dive protocol.", "course"),
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


@pytest.mark.parametrize(("sentence", "value"), [
    ("Eight out of ten users said their skin looked brighter.", "80"),
    ("7 in 10 women slept better.", "70"),
    ("Two thirds of our clients felt calmer.", "67"),
    ("Three of every 4 patients walked further.", None),
])
def test_a_share_in_words_is_read_as_the_percentage_it_states(sentence: str, value: str | None) -> None:
    figures = [m.value for m in mentions(sentence, 0, len(sentence)) if m.facet == "figure"]
    assert figures == ([value] if value else [])


def test_course_lengths_are_compared_only_in_the_same_units() -> None:
    weeks = "The full programme runs for 8 weeks."
    sessions = "The full programme is 16 sessions."
    keys = {m.key for s in (weeks, sessions) for m in mentions(s, 0, len(s)) if m.facet == "course"}
    assert keys == {"course|week", "course|session"}


def test_a_share_in_words_alone_marks_a_sentence_for_reading() -> None:
    from claimlint.analysis import Analysis
    from claimlint.kinds.consistency import _MENTION_HINTS
    from claimlint.readers import read_document

    text = "Half of users slept better. Six out of ten felt calmer. Nothing to see here."
    analysis = Analysis(read_document("page.md", text, "markdown"))
    found = [analysis.prose[start:end] for start, end in analysis.sentences_matching(*_MENTION_HINTS)]
    assert found == ["Half of users slept better.", "Six out of ten felt calmer."]


def test_founding_told_as_trust_since_a_year_and_as_a_bare_founded_year_is_one_fact() -> None:
    found = [m for text in ("Since 2012, more than 2,000 patients have trusted Northway with their care.",
                            "Northway Health Ltd · Founded 2015")
             for m in mentions(text, 0, len(text))]
    assert {(m.key, m.value) for m in found} == {("launch|founding", "2012"), ("launch|founding", "2015")}


@pytest.mark.parametrize(("first", "second", "same"), [
    ("One soak spikes serotonin by 200%.", "A soak boosts serotonin by a huge 300%.", True),
    ("The cream cuts redness by up to 60%.", "On average the cream cuts redness by 40%.", False),
    ("The drops lower pressure by 20% within two weeks.", "The drops lower pressure by 35% within six weeks.", False),
    ("The drug reduced the risk by 20%.", "In older people it reduced the risk by 35%.", None),
])
def test_an_effect_size_is_keyed_by_quantity_direction_and_qualifiers(first: str, second: str, same: bool | None) -> None:
    keys = [[m.key for m in mentions(text, 0, len(text)) if "|effect|" in m.key] for text in (first, second)]
    if same is None:  # a past result is how research reports subgroups: no mention
        assert keys == [[], []]
    else:
        assert len(keys[0]) == len(keys[1]) == 1
        assert (keys[0] == keys[1]) is same


@pytest.mark.parametrize(("sentence", "years"), [
    # A press release's dateline dates the release, not its results.
    ("AUSTIN, Texas, March 4, 2019 /PRNewswire/ -- A new university study shows the drink helped players.", []),
    ("LONDON, 3 May 2021 -- A small trial shows the cream eased eczema.", []),
    # A year that dates the results stays, with or without a full date.
    ("A study published on March 4, 2019 showed the drink helped players.", ["2019"]),
    ("In 2019, a small trial showed the cream eased eczema.", ["2019"]),
])
def test_a_datelines_year_is_not_the_year_of_the_results(sentence: str, years: list[str]) -> None:
    assert [m.value for m in mentions(sentence, 0, len(sentence)) if m.facet == "year"] == years
