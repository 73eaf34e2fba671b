"""What a reader accepts as a citation: a link, a DOI, a PubMed or PMC id, a
trial registry number, a reference marker that resolves to a reference list,
an author-year reference, or a bibliographic entry ("Title; Author; Nov 18,
2020")."""

from __future__ import annotations

from typing import Callable

import regex

from ..lazyregex import lazy

# Identifiers that let a reader find one study: DOI, PubMed/PMC id, trial registry numbers.
_IDENTIFIERS = r"""
      \bdoi:?\s*10\.\d{4,9}/\S+ | \b10\.\d{4,9}/[-._;()/:\w]+
    | \bPMID:?\s*\d{5,9}\b | \bPMC\s?\d{5,9}\b | \bPubMed\s+(?:ID\s+)?\d{5,9}\b
    | \bNCT\s?\d{8}\b | \bISRCTN\s?\d{6,9}\b | \bEudraCT\b | \b\d{4}-\d{6}-\d{2}\b | \bACTRN\d{10,14}\b | \bChiCTR[-\w]+
    | \bDRKS\d{8}\b | \bCTRI/\d{4}/\d+/\d+
"""
CITATION = lazy(
    r"""
      https?://\S+ | \bwww\.\S+\.\w+
    | """
    + _IDENTIFIERS
    + r"""
    | (?P<marker>\[\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\] | \[\^[\w-]+\] | \^\d{1,3}(?:[-–,]\d{1,3})* | [¹²³⁴⁵⁶⁷⁸⁹⁰]+)
    | \(\s*(?:\p{Lu}[\p{L}'’-]+(?:\s+(?:and|&)\s+\p{Lu}[\p{L}'’-]+)?(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d{2}[a-z]?
         (?:\s*;\s*\p{Lu}[\p{L}'’-]+(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d{2}[a-z]?)*)\s*\)
    | \b\p{Lu}[\p{L}'’-]+(?:\s+(?:and|&)\s+\p{Lu}[\p{L}'’-]+|\s+et\s+al\.?)\s*\(\s*(?:19|20)\d{2}[a-z]?\s*\)
    | \b\p{Lu}[\p{L}'’-]+\s+et\s+al\.?,?\s+(?:19|20)\d{2}
    | ;\s*\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}\s*;\s*(?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2},?\s+)?(?:19|20)\d{2}
    """,
    regex.VERBOSE,
)
REFERENCE_LIST = lazy(
    r"(?im)^\W{0,4}(?:references?|sources?|bibliography|citations?|footnotes?|notes|works\s+cited|literature|further\s+reading)\W{0,4}$"
    r"|^\s*\[\^[\w-]+\]:"
)
_WEB_MARKERS = ("://", "www.")
# An address's local part, searched for only around an "@": run over a whole
# page, [\w.+-]+ starts at every word and was a tenth of the engine's time.
_EMAIL_AROUND = 64


def url_spans(prose: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses written out in ``prose``, sorted."""
    spans: list[tuple[int, int]] = []
    if any(marker in prose for marker in _WEB_MARKERS):
        spans.extend(m.span() for m in _WEB_URL.finditer(prose))
    at = prose.find("@")
    while at != -1:
        for match in _EMAIL_ADDRESS.finditer(prose, max(0, at - _EMAIL_AROUND), min(len(prose), at + 256)):
            if match.start() <= at < match.end():
                spans.append(match.span())
                at = match.end() - 1
                break
        at = prose.find("@", at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # an address inside a URL is one span
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Link targets that cannot be the evidence for a claim: the product's own shop
# or cart, a booking or contact form, an e-mail address or phone number, a
# social-media profile. A seller's "proven to work with [our capsules](/shop)"
# cites nothing.
_NOT_EVIDENCE = lazy(
    r"^(?:mailto:|tel:|sms:|javascript:|whatsapp:)"
    r"|[/.=](?:products?|shop|store|cart|basket|checkout|collections|buy|order|add-to-cart|subscribe|book(?:ing)?|appointments?|contact(?:-us)?)(?:[/.?#&=_-]|$)"
    r"|\b(?:facebook|instagram|twitter|x|tiktok|pinterest|youtube|linkedin)\.com(?:/|$)|\bwa\.me/",
    regex.IGNORECASE,
)


def may_hold_evidence(target: str) -> bool:
    """Whether a link's target could be a source: anything but a shop, a form,
    a contact, a social-media profile or another page of the same site. (A
    link with no target is read as one: the reader cannot tell.)"""
    target = target.strip()
    if _SAME_SITE_PAGE.match(target) and not _SOURCE_ON_SITE.search(target):
        return False
    return _NOT_EVIDENCE.search(target) is None


# A relative link ("/services/knee-pain", "about.html") leads to the seller's own
# pages: its menu, its services, its blog. A footnote anchor ("#ref-3") is a
# reference marker, and a PDF or a research page on the site may hold the study.
_SAME_SITE_PAGE = lazy(r"^(?!#|[a-z][a-z0-9+.-]*:|//|www\.)\S", regex.IGNORECASE)
_SOURCE_ON_SITE = lazy(r"\.pdf\b|doi|pubmed|pmc|ncbi|/articles?/|/papers?/|/studies/|/research/", regex.IGNORECASE)


_WEB_URL = lazy(r"https?://\S+|\bwww\.\S+")
_EMAIL_ADDRESS = lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def find_citation(prose: str, start: int, end: int, references_resolve: Callable[[], bool]) -> regex.Match[str] | None:
    """The first citation in ``prose[start:end]``. Reference markers count only
    when the document has a reference list for them to resolve to (asked of
    ``references_resolve`` only when a marker is found)."""
    for match in CITATION.finditer(prose, start, end):
        if match.group("marker") and not references_resolve():
            continue
        if match.group().lower().startswith(("http", "www.")) and not may_hold_evidence(match.group()):
            continue
        return match
    return None


def has_reference_list(prose: str) -> bool:
    return REFERENCE_LIST.search(prose) is not None


# A study identified so that a reader can find it: a registry number, a DOI, a
# PubMed id, or a named journal ("published in Neurology", "appear online
# Feb. 1 in Neurology").
_STUDY_IDENTIFIER = lazy(
    _IDENTIFIERS
    + r"""
    | \b(?:published|appears?|appeared|reported)\s+(?:online\s+)?(?:\w+\.?\s+\d{1,2},?\s+|today\s+|this\s+week\s+)?in\s+(?:the\s+)?(?:journal\s+)?\p{Lu}\p{L}+""",
    regex.VERBOSE,
)


def has_study_identifier(prose: str) -> bool:
    return _STUDY_IDENTIFIER.search(prose) is not None
