"""``contact``: contact details offered alongside a treatment. Phone numbers,
e-mail addresses, messaging apps and booking links are collected, those in a
non-commercial context (newsletter, press office, author byline) are dropped,
and the rest are grouped into contact blocks: one finding per block, and only
when the document offers a treatment (``require_document``)."""

from __future__ import annotations

from typing import Iterable

import regex

from ..analysis import Analysis
from ..rulespec import RuleSpec
from ..text.contacts import CHANNEL_PATTERNS, Contact, find_contacts
from . import Hit, INT, Option, PAGE, PatternCompiler, RuleKind, STRINGS

CHANNELS = frozenset({"phone", "email", "messaging", "link"})


class ContactKind(RuleKind):
    OPTIONS = {
        "page": PAGE,
        "channels": Option(lambda v: isinstance(v, list) and set(v) <= CHANNELS and bool(v), "a list of: email, link, messaging, phone", ["phone", "email", "messaging"]),
        "require_document": STRINGS,
        "require_near": STRINGS,
        "exclude": STRINGS,
        "block_gap_lines": Option(INT.check, INT.describe, 2),
    }

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        super().__init__(spec, compiler)
        self.channels = frozenset(self.options["channels"])
        self.require_document = self.pattern("require_document")
        self.require_near = self.pattern("require_near")
        self.exclude = self.pattern("exclude")

    def page_patterns(self) -> Iterable[regex.Pattern[str]]:
        contact_patterns = [pattern for channel, pattern in CHANNEL_PATTERNS.items() if channel in self.channels]
        return [*contact_patterns, *((self.require_document,) if self.require_document is not None else ())]

    def scan(self, analysis: Analysis) -> Iterable[Hit]:
        prose = analysis.prose
        offered = self.require_document is None or analysis.matches(self.require_document)
        contacts = sorted(find_contacts(prose, self.channels, analysis.finditer), key=lambda c: c.start)
        kept: list[Contact] = []
        for contact in contacts:
            if kept and contact.start < kept[-1].end:
                continue  # a phone number inside a WhatsApp link, say
            if self.exclude is not None:
                # A byline or newsletter line often sits just above the address
                # itself, so the context reaches back beyond the sentence.
                _, end = analysis.sentence_bounds(contact.start)
                if self.exclude.search(prose, max(0, contact.start - 160), min(end, contact.end + 60)):
                    continue
            kept.append(contact)
        for group in self._blocks(analysis, kept):
            if not offered and not self._offered_near(prose, group):
                continue
            channels = sorted({c.channel for c in group})
            yield Hit(group[0].start, group[-1].end, values={"channels": ", ".join(channels)})

    def _offered_near(self, prose: str, group: list[Contact]) -> bool:
        """A contact line that names the treatment itself ("stem cell therapy in
        Barcelona, WhatsApp +34 ...") is an offer even on a page that makes none."""
        if self.require_near is None:
            return False
        return self.require_near.search(prose, max(0, group[0].start - 120), group[-1].end + 60) is not None

    def _blocks(self, analysis: Analysis, contacts: list[Contact]) -> Iterable[list[Contact]]:
        group: list[Contact] = []
        last_line = -10**9
        gap = self.options["block_gap_lines"]
        for contact in contacts:
            span = analysis.document.span(contact.start, contact.end)
            if group and span.line - last_line > gap:
                yield group
                group = []
            group.append(contact)
            last_line = span.end_line
        if group:
            yield group
