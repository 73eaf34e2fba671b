"""The context a reviewer reads around a claim: list-wide negation, scare
quotes, denied reports, cautioning sections and lists, and names that contain
years. Rule examples cover single sentences; these tests cover the helpers and
the page structures a single sentence cannot show."""

from __future__ import annotations

import pytest

from claimlint.analysis import Analysis
from claimlint.context.clauses import clause_before
from claimlint.packs import load_rules
from claimlint.readers import read_document
from claimlint.runner import Linter

CUES = load_rules().cues


def _governed(text: str, word: str, *types: str, occurrence: int = 1) -> str | None:
    """The type of the first of ``types`` that governs ``word`` in ``text``."""
    analysis = Analysis(read_document("<text>", text, "text", ()), None, CUES)
    start = -1
    for _ in range(occurrence):
        start = text.index(word, start + 1)
    span = analysis.context.governing(start, start + len(word), CUES.of(types))
    return span.type if span is not None else None


def is_negated(text: str, word: str) -> bool:
    return _governed(text, word, "negation", "contrast") is not None


def is_mentioned(text: str, word: str, occurrence: int = 1) -> bool:
    return _governed(text, word, "mention", occurrence=occurrence) is not None


def is_reported(text: str, word: str) -> bool:
    return _governed(text, word, "reported", "warning") is not None


def _codes(linter: Linter, text: str, fmt: str = "text") -> list[str]:
    return [f.rule for f in linter.check_text(text, fmt)]


def _lines(linter: Linter, text: str, code: str, fmt: str = "text") -> list[int]:
    return [f.span.line for f in linter.check_text(text, fmt) if f.rule == code]


def test_a_negation_before_a_list_reaches_every_item() -> None:
    text = "This product is not intended to diagnose, treat, cure, or prevent any disease."
    start = text.index("cure")
    assert "not intended to diagnose" in clause_before(text, 0, start)
    assert is_negated(text, "cure")


def test_a_coordinated_clause_is_not_a_list() -> None:
    text = "Our therapy is not expensive, and it cures MS."
    assert not is_negated(text, "cures")


def test_a_denied_report_scopes_over_its_whole_complement() -> None:
    text = "No trial has shown that the cells can slow, halt or reverse the disease."
    assert is_negated(text, "reverse")


def test_scare_quotes_mark_a_mention() -> None:
    text = 'People try many treatments and “cures” for it, and a "stem cell cure" sells well.'
    assert is_mentioned(text, "cures")
    assert is_mentioned(text, "cure", occurrence=2)
    assert not is_mentioned("Our treatment cures it.", "cures")


def test_an_apostrophe_is_not_a_quote() -> None:
    assert not is_mentioned("The patients' cures were reported by the clinic's owner.", "cures")


def test_an_expert_description_is_an_endorsement_not_a_distancing() -> None:
    endorsed = "The work was described as a breakthrough by one leading scientist."
    warned = "The clinic's injections were described as a breakthrough on its website."
    assert not is_reported(endorsed, "breakthrough")
    assert is_reported(warned, "breakthrough")



def test_a_description_with_its_object_between_distances_too() -> None:
    """"Marketers have described chelation as a miracle cure", "hailed as",
    "dubbed": someone else's label; "we describe our therapy as a cure" is the
    page's own."""
    assert is_reported("Marketers have described chelation as a miracle cure for gout.", "miracle")
    assert is_reported("Tabloids hailed the injections as a breakthrough for arthritis.", "breakthrough")
    assert not is_reported("We describe our stem cell therapy as a miracle cure for MS.", "miracle")


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


def test_words_after_a_conjunction_belong_to_the_claims_clause() -> None:
    text = 'Testimonials and "before and after" stories are not evidence that a treatment works.'
    start = text.index("evidence")
    assert "are not" in clause_before(text, 0, start)
    assert is_negated(text, "evidence")


def test_a_match_does_not_run_on_from_a_heading_into_the_next_block(linter: Linter) -> None:
    text = "WHAT THE RESEARCH SAYS\n\nClinical trials have demonstrated that the injections reduce knee pain.\n"
    assert _lines(linter, text, "CL301") == [3]


def test_a_quotation_introduced_as_someone_elses_words_is_reported(linter: Linter) -> None:
    text = (
        "One clinic's page, which we reported to the regulator, read:\n\n"
        "> \"Our drip is 100% safe and cures long COVID fatigue in three sessions.\"\n\n"
        "Side effects include bruising and, less often, infection.\n"
    )
    codes = _codes(linter, text, "markdown")
    assert "CL101" not in codes and "CL204" not in codes and "CL606" not in codes


def test_a_speaker_window_cut_inside_a_word_starts_after_it() -> None:
    # The words before a cue are read up to 80 characters back: cut inside
    # "detour" the window would begin "our", the page's own voice.
    head = "We took a detour"
    middle = " along the winding river path to the old market hall where the many sellers "
    middle = middle[: 80 - len("our")].rsplit(" ", 2)[0] + " sellers "
    middle = " " * (80 - len("our") - len(middle)) + middle
    text = head + middle + "claim that their drops cure MS."
    start = text.index("claim")
    assert text[start - 80 : start].startswith("our ")
    assert clause_before(text, 0, start, 80).split()[0] == "along"


def test_a_link_to_the_product_itself_is_no_citation() -> None:
    """A link cites a source; a link to the seller's shop, a booking or contact
    form, an e-mail address or a social profile cites nothing."""
    linter = Linter()

    def evidence_lines(text: str, fmt: str = "markdown") -> list[int]:
        return [f.span.line for f in linter.check_text(text, fmt) if f.category == "uncited-evidence"]

    for target in ("https://shop.example.com/products/calm-caps", "/cart?add=12", "https://example.org/book-now",
                   "mailto:team@example.org", "https://www.instagram.com/examplebrand"):
        page = f"# Calm\n\nClinical studies show that [our capsules]({target}) lower stress.\n"
        assert evidence_lines(page) == [3], target
        html = f'<p>Research has shown that <a href="{target}">this tea</a> eases tension.</p>'
        assert evidence_lines(html, "html") == [1], target
        assert evidence_lines(f"Studies have found it calms the mind. Details: {target}\n", "text") == [1] \
            or not target.startswith("http"), target
    for target in ("https://pubmed.ncbi.nlm.nih.gov/12345678/", "https://doi.org/10.1000/xyz123",
                   "https://journal.example.org/articles/2021/calm-trial"):
        page = f"# Calm\n\nClinical studies show that [our capsules]({target}) lower stress.\n"
        assert evidence_lines(page) == [], target


def test_a_link_to_another_page_of_the_same_site_is_no_citation() -> None:
    """A relative link ("/services/knee-pain", "about.html") points to the
    seller's own pages, not to a source; a footnote anchor, a PDF or a research
    page on the site still may hold the evidence."""
    linter = Linter()

    def evidence_lines(text: str, fmt: str = "markdown") -> list[int]:
        return [f.span.line for f in linter.check_text(text, fmt) if f.category == "uncited-evidence"]

    for target in ("/services/knee-pain", "../conditions/arthritis.html", "about-us", "/blog/why-prp-works/"):
        page = f"# Knees\n\nStudies show that [our PRP injections]({target}) rebuild cartilage.\n"
        assert evidence_lines(page) == [3], target
        html = f'<p>Research has shown that <a href="{target}">shockwave therapy</a> heals tendons.</p>'
        assert evidence_lines(html, "html") == [1], target
    for target in ("#ref-3", "/files/knee-trial-2021.pdf", "/research/prp-knee-trial", "https://doi.org/10.1000/xyz1"):
        page = f"# Knees\n\nStudies show that [our PRP injections]({target}) rebuild cartilage.\n"
        assert evidence_lines(page) == [], target


def test_a_rhetorical_question_asserts_what_it_asks() -> None:
    """"Did you know ...?", "Why suffer when ...?" and "Isn't it time ...?"
    make the claim they ask about; a plain question, or a rhetorical one
    about what others claim, does not."""
    linter = Linter()

    def rules(text: str) -> set[str]:
        return {f.rule for f in linter.check_text(text)}

    assert "CL101" in rules("Did you know that our ginger syrup cures migraines?")
    assert "CL301" in rules("Have you heard that trials prove our lozenges relieve sore throats?")
    assert "CL101" in rules("Why suffer when our patch cures shingles for good?")
    assert "CL101" not in rules("Can a ginger syrup cure migraines?")
    assert "CL101" in rules("Can our ginger syrup cure migraines? Quite possibly!")
    assert "CL101" not in rules("Did you know that some clinics claim their syrup cures migraines?")



def test_a_question_the_page_answers_with_its_product_asserts() -> None:
    """"Want to reverse your gout? Uricalm can do it." and "Searching for a way to
    beat eczema? Your search ends here." answer the question with the product;
    "Nobody can do it yet" answers it with a no."""
    linter = Linter()

    def rules(text: str) -> set[str]:
        return {f.rule for f in linter.check_text(text)}

    assert "CL102" in rules("Want to reverse your gout? Uricalm can do it.")
    assert "CL104" in rules("Searching for a way to eradicate eczema? Your search ends here.")
    assert "CL102" not in rules("Want to reverse your gout? Nobody can do it yet.")
    assert "CL102" not in rules("Want to reverse your gout? Talk to your rheumatologist.")


def test_instead_of_is_a_contrast_inside_its_clause(linter: Linter) -> None:
    """"Managing symptoms instead of reversing gout" contrasts, as "rather than"
    does; "Instead, our drops reverse gout" opens a clause of its own."""
    text = "We ease pain instead of reversing gout."
    assert clause_before(text, 0, text.index("reversing")).endswith("instead of ")
    assert _lines(linter, "Care aims at easing pain instead of reversing gout.", "CL102") == []
    assert _lines(linter, "Other brands only ease pain. Instead, our drops reverse gout.", "CL102") == [1]
    assert _lines(linter, "Others ease pain; instead our drops reverse gout.", "CL102") == [1]


def test_a_negation_governs_a_list_of_verbs_that_ends_in_the_claim(linter: Linter) -> None:
    """"No trial has shown that X can ease, halt or reverse gout": the match
    starts at a later item of the list, and the denial before the first one
    governs it; "is not greasy, reverses or eases gout" follows an adjective,
    not a verb, and claims."""
    assert _lines(linter, "No trial has shown that the tea can ease, halt or reverse gout.", "CL103") == []
    assert _lines(linter, "Our balm is not greasy, reverses or eases gout.", "CL102") == [1]


def test_negations_that_assert_do_not_cancel(linter: Linter) -> None:
    """"It is never too late to reverse", "no reason you can't", what doctors
    "don't know that", "why not ...?", "no one else can ... like we do" assert
    the claim; "do not know how to", "no reason to believe", "nobody can ...,
    whatever clinics like this one say" still deny it."""
    asserting = [
        "It is never too late to reverse gum disease.",
        "There is no reason you can't reverse your fatty liver.",
        "Most doctors don't know that gum disease can be reversed at home.",
        "Why not reverse your prediabetes naturally?",
        "No one else can reverse autism like we do.",
    ]
    denying = [
        "Researchers do not know how to reverse the damage.",
        "There is no reason to believe the drops reverse diabetes.",
        "Nobody can reverse autism, whatever clinics like this one say.",
        "Doctors don't know whether the drops reverse diabetes.",
    ]
    for text in asserting:
        assert _lines(linter, text, "CL102") == [1], text
    for text in denying:
        assert _lines(linter, text, "CL102") == [], text


def test_a_denial_taken_back_by_ellipsis_claims(linter: Linter) -> None:
    """"Pills can't reverse fatty liver, but our programme can" makes the claim
    for the page's own product; "... but lifestyle changes can" and "... but we
    can help you manage it" do not."""
    assert _lines(linter, "Pills can't reverse fatty liver, but our programme can.", "CL102") == [1]
    assert _lines(linter, "No pill can reverse fatty liver, but we can!", "CL102") == [1]
    assert _lines(linter, "Pills can't reverse fatty liver, but lifestyle changes can.", "CL102") == []
    assert _lines(linter, "No pill can reverse fatty liver, but we can help you manage it.", "CL102") == []


def test_a_parenthesis_does_not_cut_a_denial_from_its_claim(linter: Linter) -> None:
    """"Nobody, not even its makers, thinks X can reverse gout" denies as "Nobody
    thinks" does: the interrupting parenthesis is read as if it were not there.
    "In fact" or "of course" may stand between two clauses, and a denial before
    them does not reach the claim after them."""
    denied = [
        "Nobody, not even the keenest herbalists, thinks the tincture can reverse gout.",
        "It is false, despite what the adverts say, that chelation reverses autism.",
        "There is not, and there has never been, any proof that ozone reverses emphysema.",
        "We do not - and will never - claim that our drops reverse glaucoma.",
    ]
    for text in denied:
        assert _lines(linter, text, "CL102") == [], text
    assert _lines(linter, "Our balm does not sting, in fact, it reverses eczema.", "CL102") == [1]
    assert _lines(linter, "It isn't cheap, of course, and it reverses arthritis.", "CL102") == [1]


def test_yet_as_an_adverb_does_not_end_the_clause(linter: Linter) -> None:
    """"No one has yet found a way to" denies; "yet" opens a clause only as a
    conjunction ("It's gentle, yet it eradicates psoriasis")."""
    assert _lines(linter, "No one has yet found a way to eradicate lupus.", "CL104") == []
    assert _lines(linter, "The salve is not harsh, yet it eradicates psoriasis.", "CL104") == [1]


def test_a_denied_report_reaches_a_list_of_finite_verbs(linter: Linter) -> None:
    """"It has not been shown that X eases, slows or reverses Y": the items are
    finite verbs after "that", and the denial governs the last one too."""
    assert _lines(linter, "It has not been shown that kelp eases, slows or reverses lupus.", "CL103") == []
    assert _lines(linter, "Our trials show that kelp eases, slows or reverses lupus.", "CL102") == [1]


def test_a_denied_existential_governs_its_relative_clause(linter: Linter) -> None:
    """"There is no single herb that has been proven to cure arthritis" denies
    what its relative clause says, however long the noun phrase before it."""
    assert _lines(linter, "There isn't just one food or special diet that has proved to control cancer.", "CL111") == []
    assert _lines(linter, "There is no single herb that has been proven to cure arthritis.", "CL111") == []
    assert _lines(linter, "Our tea has proved to control blood pressure.", "CL111") == [1]


def test_a_quotation_the_words_after_it_give_to_someone_else_is_reported(linter: Linter) -> None:
    """'"No side effects," a patient coordinator said' reports the seller's
    words; '"My knee pain was gone," Maria told us' is still a testimonial, and
    what a banner 'reads:' is the banner's."""
    assert _lines(linter, "“There are no side effects at all, the cells are natural,” a patient coordinator said.", "CL201") == []
    assert _lines(linter, "“Our capsules lower blood pressure in a week for most people,” the company claimed.", "CL701") == []
    assert _lines(linter, "The banner reads: “Our stem cells reverse the damage of MS.”", "CL102") == []
    assert _lines(linter, "“My knee pain was gone after two weeks of the cream,” Maria told us.", "CL501") == [1]
    assert _lines(linter, "Our cells reverse the damage of MS, the founder said.", "CL102") == [1]


def test_an_advert_quoted_by_the_page_is_the_adverts(linter: Linter) -> None:
    """An investigation quotes the adverts it examines: '"...," one read',
    '"...," reads one ad', 'an ad reading "..."'. A patient who 'says' a
    quotation still gives a testimonial."""
    page = "The ads were loud. “Our capsules reverse type 2 diabetes in 90 days,” one read."
    assert _lines(linter, page, "CL102") == []
    assert _lines(linter, "Then: “Melt away arthritis for good,” reads one ad on the feed.", "CL105") == []
    assert _lines(linter, "A screenshot shows a video post saying “our drops reverse hearing loss” beside the bottle.", "CL102") == []
    assert _lines(linter, "A patient wrote in. “It cured my knee pain for good,” says one patient.", "CL501") == [1]
    assert _lines(linter, "The ads were loud. Our capsules reverse type 2 diabetes in 90 days, one reader found.", "CL102") == [1]


# A brand that "promises to cure" speaks for the page that sells it (or for a
# passage too short to tell); on a news page it is reported, and a regulator's
# caution about such promises is a warning.
_NEWS = (
    "Health regulators in three countries are investigating online supplement sellers, "
    "officials said on Tuesday. Reporters who contacted the companies were told that "
    "refunds are available. The investigation began after complaints from patients, said "
    "Dr. Mara Holt, who leads the inquiry at the national consumer agency. Several of the "
    "sellers named in the complaints have since removed their product pages from the web. "
)


def test_a_brand_that_promises_a_cure_speaks_for_its_own_page(linter: Linter) -> None:
    claim = "NeuroVance promises to cure fibromyalgia."
    assert [f.rule for f in linter.check_text(claim, "text") if f.category == "overstatement"] == ["CL101"]
    assert [f for f in linter.check_text(_NEWS + claim, "text") if f.category == "overstatement"] == []


def test_a_regulator_cautioning_against_cure_promises_is_a_warning(linter: Linter) -> None:
    text = "The European Medicines Agency cautions against products promising to cure osteoarthritis."
    assert [f for f in linter.check_text(text, "text") if f.category == "overstatement"] == []


@pytest.mark.parametrize(("text", "category", "flagged"), [
    # A dash opens a clause of its own: the negation after it denies something else.
    ("Book now. The infusion is completely safe \u2014 donor cells are not rejected.", "safety-claim", True),
    # Unless the dashes close an aside around the claim, or open one before the denial.
    ("A perfect sleeping pill \u2014 one with no side effects \u2014 is still a dream.", "safety-claim", False),
    ("Our cure is \u2014 sadly \u2014 not yet real.", "overstatement", False),
    # A dash in a range opens no aside.
    ("Book now. A 2\u20133 minute soak is completely safe \u2014 the water is not cold.", "safety-claim", True),
])
def test_a_dash_ends_the_clause_a_following_negation_governs(linter: Linter, text: str, category: str, flagged: bool) -> None:
    assert any(f.category == category for f in linter.check_text(text, "text")) is flagged
