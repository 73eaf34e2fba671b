"""``phrase``: words or patterns that are a problem in themselves, read in
context. The kind supplies the trigger (``patterns``); whether a match is the
page's own claim (not negated, contrasted, asked, reported as someone else's,
warned about) is the shared pipeline's job, configured by the rule's
``context``, ``page`` and filter options (see :mod:`claimlint.pipeline`).
Hedging ("may cure") does not excuse a claim; a rule may lower its severity
(``context: {downgrade: {hedge: warning}}``)."""

from __future__ import annotations

from typing import Iterable

import regex

from ..analysis import Analysis
from ..rulespec import RuleSpec
from . import SCOPE, STRINGS, Hit, PatternCompiler, RuleKind


class PhraseKind(RuleKind):
    PIPELINE = True
    OPTIONS = {"patterns": STRINGS, "scope": SCOPE}

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        super().__init__(spec, compiler)
        self.trigger = self.pattern("patterns")
        if self.trigger is None:
            raise spec.origin.error(f"a {spec.kind} rule needs at least one entry in 'patterns'", "patterns")
        self.scope = self.options["scope"]
        if len(self.options["patterns"]) > 1:
            self.branches = tuple(self.patterns_each("patterns"))

    def at(self, analysis: Analysis, match: regex.Match[str]) -> Iterable[Hit]:
        return (Hit(match.start(), match.end()),)
