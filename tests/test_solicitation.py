"""Solicitation read from the page's structure: the same contact block is an
offer on a page that sells treatment and is not on a page that only informs;
prices in tables are read with the cells around them; a provider's own name
offers as "we offer" does."""

from __future__ import annotations

import pytest

from claimlint.config import Config
from claimlint.runner import Linter

FOOTER = "\n\n---\n\nLakeview Medica · Tel: +1 415 555 0134 · care@lakeview-medica.example\n"


def _solicitation_lines(linter: Linter, text: str, fmt: str = "markdown") -> list[int]:
    return sorted({f.span.line for f in linter.check_text(text, fmt) if f.category == "solicitation"})


def test_a_footer_contact_block_next_to_treatment_copy_is_an_offer(linter: Linter) -> None:
    page = "# Stem cells for knee pain\n\nOur clinic offers stem cell injections for knee arthritis." + FOOTER
    assert 7 in _solicitation_lines(linter, page)


def test_the_same_footer_on_an_information_page_is_not(linter: Linter) -> None:
    page = "# How knees age\n\nCartilage thins with age, and exercise keeps the joint moving." + FOOTER
    assert _solicitation_lines(linter, page) == []


def test_an_information_line_on_a_hospital_page_is_not_an_offer(linter: Linter) -> None:
    page = (
        "# PRP injections: questions and answers\n\n"
        "Our hospital runs a clinic for knee osteoarthritis.\n\n"
        "Questions about this leaflet? Contact the Patient Information Team, tel. 01632 960 418.\n"
    )
    assert _solicitation_lines(linter, page) == []


def test_a_price_table_is_read_with_its_neighbouring_cells(linter: Linter) -> None:
    page = (
        "Our clinic offers PRP for knees.\n\n"
        "| Treatment | Price |\n|---|---|\n| Single PRP injection | $950 |\n| Series of three | $2,400 |\n"
    )
    assert {5, 6} <= set(_solicitation_lines(linter, page))


def test_a_price_quoted_in_news_is_not_an_offer(linter: Linter) -> None:
    page = "Patients travel abroad for HSCT, sometimes paying more than £50,000, charities warn.\n"
    assert _solicitation_lines(linter, page, "text") == []


def test_a_provider_named_in_its_own_copy_offers_treatment(linter: Linter) -> None:
    page = (
        "Book your consultation today.\n\n"
        "Lakeview Medica offers three treatment programs for Parkinson's disease.\n"
    )
    assert 3 in _solicitation_lines(linter, page)


def test_a_provider_named_in_a_warning_is_not_an_offer(linter: Linter) -> None:
    page = (
        "We offer independent advice.\n\n"
        "Regulators warned Lakeview Medica for selling stem cell treatments for multiple sclerosis.\n"
    )
    assert _solicitation_lines(linter, page) == []


@pytest.mark.parametrize("line", [
    "Call us: 1-800-743-2636",
    "Call now 1 800 743 2636",
    "Call toll-free (888) 743-2636",
])
def test_a_phone_number_after_call_us_is_a_contact(linter: Linter, line: str) -> None:
    text = f"We offer PRP injections for knee arthritis.\n{line}\n"
    assert [f.span.line for f in linter.check_text(text, "text") if f.rule == "CL401"] == [2]


def test_a_range_of_numbers_is_not_a_phone_number(linter: Linter) -> None:
    text = "We offer PRP injections for knee arthritis.\nCall us about the 1-800-2000 day programme.\n"
    assert not [f for f in linter.check_text(text, "text") if f.rule == "CL401"]


def test_shop_links_are_one_finding_per_run_of_products() -> None:
    """CL407 (preview) reads link targets: a list of products linked to their
    shop pages is one finding on the first product's name, a product linked
    further down is another, and navigation links are not offers."""
    linter = Linter(Config(preview=True))
    page = (
        '<nav><a href="/shop/">Shop</a> <a href="/cart">Cart</a></nav>\n'
        "<p>Our favourites for a calm winter:</p>\n"
        '<ul><li><a href="https://example.com/products/zinc-90">Zinc Plus</a></li>\n'
        '<li><a href="https://example.com/products/vitamin-c">Vitamin C 500</a></li></ul>\n'
        "<p>Sleep matters as much as diet.</p>\n<p>Rest well.</p>\n<p>Keep warm.</p>\n"
        '<p>For the evenings, try <a href="/product_info.php?products_id=12">Night Calm Tea</a>.</p>\n'
        '<p>Read the <a href="https://pubmed.ncbi.nlm.nih.gov/12345678/">trial</a>.</p>\n'
    )
    findings = [f for f in linter.check_text(page, "html") if f.rule == "CL407"]
    assert [(f.span.line, f.text) for f in findings] == [(3, "Zinc Plus"), (8, "Night Calm Tea")]
    assert [f for f in Linter().check_text(page, "html") if f.rule == "CL407"] == []  # preview only


def test_messaging_handles_and_obfuscated_addresses_are_contacts() -> None:
    """Clinics abroad give WeChat, LINE and Skype handles and write addresses
    against harvesters ("info [at] clinic [dot] com"); naming a platform alone
    ("our Skype sessions") is no contact."""
    from claimlint.text.contacts import find_contacts

    def channels(text: str) -> list[str]:
        return [c.channel for c in find_contacts(text, frozenset({"phone", "email", "messaging"}))]

    assert channels("WeChat ID: regenclinic88") == ["messaging"]
    assert channels("Skype: regen.clinic") == ["messaging"]
    assert channels("LINE: @stemcellthai") == ["messaging"]
    assert channels("Write to info [at] regenclinic [dot] com today") == ["email"]
    assert channels("Write to info(at)regenclinic.com today") == ["email"]
    assert channels("The line at the pharmacy was long. We met at noon.") == []


def test_a_contact_block_over_several_lines_does_not_swallow_an_offer_further_down(linter: Linter) -> None:
    # Two phone numbers two lines apart make one contact block (CL401, from line 1 to
    # line 3); the offer on line 3 is a problem of its own, reported where it starts.
    page = (
        "A free hearing check this month. Book online or call (614) 555-0100.\n\n"
        "At Riverside Audiology we provide laser therapy for tinnitus. Call (614) 555-0168.\n"
    )
    findings = [f for f in linter.check_text(page, "markdown") if f.category == "solicitation"]
    assert any(f.rule == "CL401" and (f.span.line, f.span.end_line) == (1, 3) for f in findings)
    assert any(f.rule == "CL404" and f.span.line == 3 for f in findings)
