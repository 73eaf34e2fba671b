"""``disclosure``: a page that makes a kind of claim without the statement the
law requires next to it. One finding per page, at the first such claim; none
when the required statement stands anywhere on the page.

The built-in use is the FDA disclaimer: a dietary supplement's label or
advertising that makes a structure/function claim ("supports healthy joints")
must say that the FDA has not evaluated it and that the product is not
intended to diagnose, treat, cure or prevent any disease (21 CFR
101.93(b)-(c)). A claim that is negated, reported from someone else or asked
as a question does not count."""

from __future__ import annotations

from typing import Iterable

import regex

from ..analysis import Analysis
from . import PAGE, STRINGS, Hit, PatternCompiler, RuleKind
from ..rulespec import RuleSpec

_NOT_A_CLAIM = ("negation", "contrast", "question", "reported", "warning", "mention")


class DisclosureKind(RuleKind):
    OPTIONS = {
        "page": PAGE,
        "claim": STRINGS,
        "disclosure": STRINGS,
    }

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        super().__init__(spec, compiler)
        self.claim = self.required_pattern("claim")
        self.disclosure = self.required_pattern("disclosure")

    def page_patterns(self) -> Iterable[regex.Pattern[str]]:
        return [self.claim, self.disclosure]

    def scan(self, analysis: Analysis) -> Iterable[Hit]:
        # A statement missing from a page: a passage too short to tell what its page
        # is for (a line checked on its own) is held to it only when it shows itself
        # to be that page ("Order today: our capsules ...").
        required = (self.options.get("page") or {}).get("require", ())
        if analysis.pages.too_short and not all(analysis.pages.is_(name) for name in required):
            return
        if next(iter(analysis.finditer(self.disclosure)), None) is not None:
            return
        cues = analysis.cues.of(_NOT_A_CLAIM)
        for match in analysis.finditer(self.claim):
            if analysis.in_url(match.start(), match.end()):
                continue
            if analysis.context.governing(match.start(), match.end(), cues) is None:
                yield Hit(match.start(), match.end())
                return
