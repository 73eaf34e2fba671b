"""What a page is for, read once per document from its signals.

A page that sells or offers a treatment (prices, calls to action, booking, a
provider naming itself, a product it calls its own) is advertising: every
claim on it is the seller's. A page that informs in an encyclopaedic, third-
person voice (a patient leaflet, a systematic-review summary) describes care
and research; much of what reads like a claim there is a description of
established care ("testicular cancer can usually be cured"). Rules say which
page classes they need, which cancel them and which lower their severity
(their ``page`` key); the classes and their signals are data
(``rules/context.yaml``, ``pages``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cues import CueBook, PageClass

if TYPE_CHECKING:
    from ..analysis import Analysis


@dataclass(frozen=True)
class PageVerdict:
    name: str
    label: str
    found: tuple[tuple[int, int], ...]
    """Where the signals that decided stand (prose offsets), one per kind of signal."""
    holds: bool
    decisive: bool = False
    """Decided by one of the class's decisive signals, not by weaker hints."""


# A passage this short (an ad's line, a caption, a tweet, one sentence checked from
# an editor) has too few words to tell what its page is for. Rules that need a page
# of a class (a seller's page for a testimonial) read it as that page, since a
# passage checked on its own is checked as copy; classes that cancel a rule still
# cancel it when their signals are there.
SHORT_PASSAGE_WORDS = 50


class PageReader:
    def __init__(self, analysis: Analysis, book: CueBook) -> None:
        self.analysis = analysis
        self.book = book
        self._verdicts: dict[str, PageVerdict] = {}
        self._too_short: bool | None = None

    @property
    def too_short(self) -> bool:
        """Too few words to tell what the page is for (see SHORT_PASSAGE_WORDS)."""
        if self._too_short is None:
            self._too_short = len(self.analysis.prose.split(None, SHORT_PASSAGE_WORDS)) <= SHORT_PASSAGE_WORDS
        return self._too_short

    def allows(self, name: str) -> bool:
        """Is the page of class ``name``, or too short to tell (see SHORT_PASSAGE_WORDS)?"""
        return self.is_(name) or self.too_short

    def verdict(self, name: str) -> PageVerdict:
        verdict = self._verdicts.get(name)
        if verdict is None:
            page = self.book.pages.get(name)
            verdict = self._verdicts[name] = self._judge(page) if page is not None else PageVerdict(name, name, (), False)
        return verdict

    def is_(self, name: str) -> bool:
        return self.verdict(name).holds

    def _judge(self, page: PageClass) -> PageVerdict:
        minimum = page.minimum
        outweighs = dict(page.outweighs)
        outweighed = False
        for other in page.unless:
            if other in page.decisive_only and not self.verdict(other).decisive:
                continue
            if self.is_(other):
                if other not in outweighs:
                    return PageVerdict(page.name, page.label, (), False)
                minimum = max(minimum, outweighs[other])
                outweighed = True
        # Against a class it must outweigh, a page needs the signals counted out;
        # one decisive signal is not enough (a pharmacy's leaflet that names the
        # pharmacy needs three kinds of patient information, whichever they are).
        for signal in () if outweighed else page.decisive:
            span = self.analysis.first_match(signal)
            if span is not None:
                return PageVerdict(page.name, page.label, (span,), True, decisive=True)
        found: list[tuple[int, int]] = []
        if not page.signals:
            return PageVerdict(page.name, page.label, (), False)
        for signal in page.signals:
            span = self.analysis.first_match(signal)
            # Two kinds of signal read in the same words are one sign, not two.
            if span is not None and not any(span[0] < end and start < span[1] for start, end in found):
                found.append(span)
                if len(found) >= minimum:
                    break
        return PageVerdict(page.name, page.label, tuple(found), len(found) >= minimum)

    def describe(self, name: str) -> str:
        """"this page offers a treatment ('book your consultation', line 40)"."""
        verdict = self.verdict(name)
        if not verdict.holds and self.too_short:
            return "a passage too short to tell what its page is for, read as the copy it is"
        document = self.analysis.document
        shown = []
        for start, end in verdict.found[:2]:
            words = " ".join(self.analysis.prose[start:end].split())
            if len(words) > 40:
                words = words[:37] + "..."
            shown.append(f"'{words}', line {document.span(start, end).line}")
        return f"{verdict.label} ({'; '.join(shown)})" if shown else verdict.label
