"""What a page is for decides much of what counts: the same "studies show" is
evidence offered for a product on a seller's page and a summary of research on
a patient leaflet. These tests build whole pages, since no single sentence
shows a page's class."""

from __future__ import annotations

import pytest
import regex

from claimlint.analysis import Analysis
from claimlint.context.cues import CueBook, PageClass
from claimlint.packs import load_rules
from claimlint.readers import read_document
from claimlint.runner import Linter

CUES = load_rules().cues

# Two kinds of patient-information signal: a referral to the reader's doctor and
# a description of standard care.
LEAFLET = (
    "Gout and its care\n"
    "Treatment usually involves medicines that lower uric acid.\n"
    "Studies have shown that losing weight lowers the number of flares.\n"
    "Talk to your doctor before you change your diet.\n"
)
CLAIM_LINE = 3


def _page(text: str) -> Analysis:
    return Analysis(read_document("<text>", text, "text", ()), None, CUES)


def _lines(linter: Linter, text: str, code: str) -> list[int]:
    return [f.span.line for f in linter.check_text(text, "text") if f.rule == code]


def test_two_kinds_of_patient_information_make_an_informing_page(linter: Linter) -> None:
    assert _page(LEAFLET).pages.is_("inform")
    assert _lines(linter, LEAFLET, "CL301") == []


def test_one_sign_of_an_encyclopaedias_voice_makes_an_informing_page(linter: Linter) -> None:
    # How a disease is usually treated is how an encyclopaedia speaks; a seller's
    # page that says it also offers.
    text = LEAFLET.replace("Talk to your doctor before you change your diet.\n", "")
    assert _page(text).pages.is_("inform")
    assert _lines(linter, text, "CL301") == []


@pytest.mark.parametrize("sign", [
    # A product's label sends its buyer to a doctor and says who must not use it ...
    "Talk to your doctor before you change your diet.",
    "It is not suitable for children under 12.",
    # ... and marketing copy defines the disease it sells for, asks and mentions research.
    "Gout is a type of arthritis that causes sudden pain in the joints.",
    "What causes gout?",
    "Researchers are studying new medicines for gout.",
])
def test_a_sign_that_sellers_share_is_not_enough_alone(linter: Linter, sign: str) -> None:
    text = f"Gout and its care\n{sign}\nStudies have shown that our tea lowers the number of flares.\n"
    assert not _page(text).pages.is_("inform")
    assert _lines(linter, text, "CL301") == [CLAIM_LINE]


def test_one_sign_does_not_make_a_sellers_page_a_leaflet() -> None:
    text = LEAFLET.replace("Talk to your doctor before you change your diet.\n", "") + "Book your free consultation.\n"
    assert _page(text).pages.is_("offer") and not _page(text).pages.is_("inform")


def test_faq_headings_and_definitions_count_as_one_kind() -> None:
    # Marketing pages ask "What is X?" and define diseases too.
    text = (
        "What is knee arthritis?\n"
        "Knee arthritis is a condition in which cartilage wears away.\n"
        "Researchers are studying new injections.\n"
        "Studies have shown that our injections rebuild cartilage.\n"
    )
    assert not _page(text).pages.is_("inform")


@pytest.mark.parametrize("promotion", [
    "Our patients report remarkable results.",
    "This therapy brings new hope to families.",
    "Read our success stories.",
    "A life-changing approach to joint pain.",
])
def test_a_promoters_voice_is_never_patient_information(linter: Linter, promotion: str) -> None:
    text = LEAFLET + promotion + "\n"
    page = _page(text)
    assert page.pages.is_("promotes")
    assert not page.pages.is_("inform")
    assert _lines(linter, text, "CL301") == [CLAIM_LINE]


def test_a_news_report_is_not_patient_information() -> None:
    # A press release reports research; its own cues ('specific study') govern it.
    text = (
        "BOSTON - A new drug slowed memory loss, researchers reported.\n"
        "The findings were published in the journal Neurology.\n"
        "Treatment usually involves medicines that ease symptoms, said Smith.\n"
        "Talk to your doctor about the trial.\n"
    )
    page = _page(text)
    assert page.pages.is_("report")
    assert not page.pages.is_("inform")


# A story about a seller: what a reader paid and the seller's "customers" are
# hints of an offer, a named source quoted and a dateline are news.
INVESTIGATION = (
    "PORTLAND - A supplement sold online promised to replace insulin, a reader told us.\n"
    "She paid $89 for two bottles, and other customers said the same.\n"
    "\"The capsules cure diabetes,\" the seller's advert read.\n"
    "The product has no such effect, said Dr. Lena Fox, an endocrinologist.\n"
)


def test_a_story_about_a_seller_is_news_despite_hints_of_an_offer(linter: Linter) -> None:
    page = _page(INVESTIGATION).pages
    assert page.is_("offer") and not page.verdict("offer").decisive
    assert page.is_("report")


def test_an_order_button_makes_a_press_release_an_offer() -> None:
    text = INVESTIGATION + "Order now at our online shop.\n"
    page = _page(text).pages
    assert page.verdict("offer").decisive
    assert not page.is_("report")


@pytest.mark.parametrize(("sentence", "offers"), [
    ("We offer PRP injections for knee pain.", True),
    ("We provide stem cell treatments at two clinics.", True),
    ("We provide information and support for families.", False),
    ("We do not offer any treatment.", False),
    ("We fund research into new treatments.", False),
])
def test_what_we_offer_makes_an_offer_page(sentence: str, offers: bool) -> None:
    assert _page(sentence + "\n").pages.is_("offer") is offers


@pytest.mark.parametrize(("contact", "offers"), [
    ("Questions? Treatment in Lisbon: +351 912 345 678 (WhatsApp).", True),
    ("Message our coordinator on WhatsApp: +90 532 111 2233", True),
    ("Telegram: @regen_clinic_help", True),
    ("Viber +66 81 234 5678 for prices.", True),
    # A newsroom reporting on the channel, and an agency's phone line, offer nothing.
    ("Clinics recruited patients through WhatsApp groups, the investigation found.", False),
    ("Call the information line on 1-800-555-0199.", False),
])
def test_a_messaging_app_number_is_an_offer(contact: str, offers: bool) -> None:
    assert _page(contact + "\n").pages.is_("offer") is offers


def test_a_supplement_label_and_a_testimonials_section_make_a_product_page() -> None:
    label = "Serving size: 2 capsules. Each capsule holds 300 mg of ashwagandha root.\n"
    section = "Customer Testimonials\n"
    story = "I sleep better since I started taking it.\n"
    assert _page(label + section + story).pages.is_("offer")
    # Either alone is a weak sign; a careful page warns about testimonials in a sentence.
    assert not _page(label + story).pages.is_("offer")
    assert not _page(label + "Be wary of testimonials on supplement websites.\n").pages.is_("offer")


def test_a_journalist_describing_a_product_and_its_price_is_not_selling_it() -> None:
    text = ("One cleanse kit costs about $90. Each capsule contains magnesium oxide, and the site gives "
            "no directions for use, the reporter found.\n")
    assert not _page(text).pages.is_("offer")


def test_two_signals_in_the_same_words_count_once() -> None:
    # "affected individuals" read by two kinds of signal is one sign.
    book = CueBook(pages={"x": PageClass("x", (regex.compile("affected individuals"), regex.compile("individuals")), 2)})
    analysis = Analysis(read_document("<text>", "Affected individuals often tire easily.\n", "text", ()), None, book)
    assert not analysis.pages.is_("x")
    analysis = Analysis(read_document("<text>", "Some individuals tire; affected individuals rest.\n", "text", ()), None, book)
    assert analysis.pages.is_("x")


def test_enough_patient_information_outweighs_a_providers_own_voice() -> None:
    # A pharmacy's leaflet names the pharmacy and offers a call; with three kinds
    # of patient information it is still a leaflet, with two it is the pharmacy's offer.
    leaflet = (
        "Call our pharmacy team with questions.\n"
        "Metformin is usually the first medicine for type 2 diabetes.\n"
        "Type 2 diabetes is a condition that affects about 1 in 10 adults.\n"
        "Tell your doctor if you feel unwell.\n"
    )
    page = _page(leaflet)
    assert page.pages.is_("offer") and page.pages.is_("inform")
    shorter = leaflet.replace("Tell your doctor if you feel unwell.\n", "")
    assert not _page(shorter).pages.is_("inform")


def test_a_warning_about_testimonials_is_not_a_promoters_voice() -> None:
    assert not _page("Be wary of testimonials on clinic websites.\n").pages.is_("promotes")
    assert _page("Read our patients' testimonials.\n").pages.is_("promotes")


@pytest.mark.parametrize("caution", [
    "Side effects can include nausea and headache.",
    "The evidence is limited and of low quality.",
    "It should not be used in pregnancy.",
])
def test_saying_what_can_go_wrong_is_a_sign_of_patient_information(caution: str) -> None:
    _assert_the_second_signal_makes_a_leaflet("A cold is an infection that affects the nose and throat.", caution)


def _assert_the_second_signal_makes_a_leaflet(first: str, second: str) -> None:
    text = f"{first}\n{second}\nStudies have shown that zinc shortens colds.\n"
    assert _page(text).pages.is_("inform")
    assert not _page(text.replace(second + "\n", "")).pages.is_("inform")


@pytest.mark.parametrize("agency_voice", [
    # A health agency speaks of the provider in the third person ...
    "A health care provider can give advice about the right dose.",
    "Caregivers should not give children laxatives unless told to do so by a doctor.",
    # ... sends readers to its other publications ...
    "More information about laxatives is provided in the fact sheet on constipation.",
    # ... and says what nothing is known to do.
    "No medicines or other treatments are known to prevent the disease.",
])
def test_an_agencys_third_person_voice_is_a_sign_of_patient_information(agency_voice: str) -> None:
    _assert_the_second_signal_makes_a_leaflet("Scientists are studying many possibilities.", agency_voice)


def test_a_blog_speaking_to_its_reader_is_not_an_agency() -> None:
    text = ("Researchers are still studying the cells.\n"
            "Your doctor should provide clear instructions after the injection.\n"
            "Research suggests infection rates are low.\n")
    assert not _page(text).pages.is_("inform")


def test_no_amount_of_patient_information_outweighs_a_price_list(linter: Linter) -> None:
    """A clinic's brochure may add honest caveats (what can go wrong, "talk to your
    doctor") and still sell: a price list or a cart is never outweighed."""
    brochure = (
        "Our clinic treats back pain with cupping.\n"
        "Cupping is completely safe.\n"
        "Gout is a condition that affects about 1 in 25 adults.\n"
        "Bruising can occur after a session.\n"
        "Talk to your doctor about new symptoms.\n"
        "Cupping session ........ $60\n"
    )
    page = _page(brochure)
    assert page.pages.is_("sells") and not page.pages.is_("inform")
    assert _lines(linter, brochure, "CL204") == [2]
    without_prices = brochure.replace("Cupping session ........ $60\n", "")
    assert _page(without_prices).pages.is_("inform")
    assert _lines(linter, without_prices, "CL204") == []


def test_a_research_groups_recruitment_page_solicits_no_treatment(linter: Linter) -> None:
    """A trial that recruits gives a contact and repays travel; it sells nothing.
    The same page with a price for the 'trial' is an offer."""
    page = (
        "The FOCUS study (NCT01234567) is recruiting adults with early Parkinson's.\n"
        "You may be eligible if you were diagnosed in the last two years.\n"
        "We reimburse travel expenses up to £40 per visit.\n"
        "To find out whether you might be eligible for one of the studies, contact us.\n"
    )
    assert _page(page).pages.is_("recruits")
    assert [f.rule for f in linter.check_text(page, "text") if f.category == "solicitation"] == []
    paid = page + "Participation in our stem cell study costs $9,500: add to cart.\n"
    assert not _page(paid).pages.is_("recruits")


# A passage too short to tell what its page is for (a caption, an ad's line, one
# sentence checked from an editor) is read as the copy it is: rules that need a
# seller's page apply, and a page-level disclosure is asked of it only when it
# shows itself to be a product page.
TESTIMONIAL_LINE = "Since starting the tea my blood sugar has stayed in the normal range, and I feel great.\n"
INFORMATION = (
    "Type 2 diabetes is a condition in which the body does not use insulin well. "
    "It is estimated to affect about 1 in 10 adults, and risk factors include age and weight. "
    "Treatment usually involves diet, exercise and medicines such as metformin. "
    "Talk to your doctor about how often to check your blood sugar at home, and which readings should prompt a call.\n"
)


def test_a_short_passage_is_read_as_copy(linter: Linter) -> None:
    analysis = _page(TESTIMONIAL_LINE)
    assert analysis.pages.too_short and not analysis.pages.is_("offer")
    assert _lines(linter, TESTIMONIAL_LINE, "CL507") == [1]


def test_the_same_story_on_an_informing_page_is_not_a_testimonial(linter: Linter) -> None:
    text = INFORMATION + "\n" + TESTIMONIAL_LINE
    assert not _page(text).pages.too_short
    assert [f for f in linter.check_text(text, "text") if f.category == "testimonial"] == []


@pytest.mark.parametrize(("line", "fires"), [
    ("This peppermint tea supports healthy digestion.\n", False),
    ("Order today: our peppermint tea supports healthy digestion.\n", True),
])
def test_a_short_passage_owes_a_disclosure_only_as_a_product_page(linter: Linter, line: str, fires: bool) -> None:
    assert bool(_lines(linter, line, "CL706")) is fires


TRIAL_PAGE = (
    "The ReMyelin study is recruiting adults with relapsing multiple sclerosis (NCT01234567).\n"
    "Earlier studies have shown that the drug improves walking in people with MS.\n"
    "Eligibility: aged 18 to 55, diagnosed within five years. The trial coordinator answers questions.\n"
    "The research ethics committee approved the study in 2025.\n"
)


def test_a_page_that_recruits_for_research_gives_its_rationale_without_a_finding(linter: Linter) -> None:
    assert _page(TRIAL_PAGE).pages.is_("recruits")
    assert [f for f in linter.check_text(TRIAL_PAGE, "text") if f.category == "uncited-evidence"] == []


# One sign of patient information (a referral to the reader's doctor), a hype
# word, and either nothing promotional or a promoter's own patients.
PLAIN_REPORT = (
    "A new drug for migraine\n"
    "Researchers called the results a breakthrough for people with frequent attacks.\n"
    "Ask your doctor whether it is right for you.\n"
)


@pytest.mark.parametrize(("extra", "fires"), [
    ("", False),
    ("Our patients were among the first to try it.\n", True),
    ("Book your consultation today.\n", True),
])
def test_hype_words_need_a_page_that_promotes_or_offers(linter: Linter, extra: str, fires: bool) -> None:
    page = PLAIN_REPORT + extra
    assert _page(page).pages.is_("describes-care-plainly") is not fires
    assert (_lines(linter, page, "CL107") == [2]) is fires
