"""``phrase``: words or patterns that are a problem in themselves, read in
context. A match is dropped when the reader would not take it as the page's own
claim: negated or contrasted ("there is no cure"), asked ("Can stem cells cure
MS?"), or reported as someone else's claim ("clinics that claim to cure").
Hedging ("may cure") does not excuse a claim; it may lower its severity."""

from __future__ import annotations

from typing import Iterable

import regex

from ..analysis import Analysis
from ..text.context import clause_before, is_hedged, is_mentioned, is_negated, is_question, is_reported
from ..text.scope import in_warning_scope
from . import BOOL, SCOPE, SEVERITY, STRINGS, Hit, Option, PatternCompiler, RuleKind
from ..rulespec import RuleSpec


class PhraseKind(RuleKind):
    OPTIONS = {
        "patterns": STRINGS,
        "negation": Option(BOOL.check, BOOL.describe, True),
        "questions": Option(BOOL.check, BOOL.describe, True),
        "reported": Option(BOOL.check, BOOL.describe, True),
        "hedged_severity": SEVERITY,
        "require": STRINGS,
        "exclude": STRINGS,
        "exclude_before": STRINGS,
        "require_document": STRINGS,
        "skip_blocks": STRINGS,
        "scope": SCOPE,
    }

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        super().__init__(spec, compiler)
        self.trigger = self.pattern("patterns")
        if self.trigger is None:
            raise spec.origin.error("a phrase rule needs at least one entry in 'patterns'", "patterns")
        self.require = self.pattern("require")
        self.exclude = self.pattern("exclude")
        self.exclude_before = self.pattern("exclude_before")
        self.require_document = self.pattern("require_document")
        self.hedged_severity = self.severity_option("hedged_severity")
        self.skip_blocks = frozenset(self.options["skip_blocks"] or ())
        self.scope = self.options["scope"]

    def at(self, analysis: Analysis, match: regex.Match[str]) -> Iterable[Hit]:
        prose = analysis.prose
        start, end = match.span()
        if analysis.in_url(start, end):
            return ()
        if self.skip_blocks and analysis.block_kind(start) in self.skip_blocks:
            return ()
        sentence_start, sentence_end = analysis.sentence_bounds(start)
        options = self.options
        if options["negation"] and is_negated(prose, sentence_start, sentence_end, start, end):
            return ()
        if options["questions"] and is_question(prose, sentence_start, sentence_end):
            return ()
        if options["reported"] and (
            is_reported(prose, sentence_start, start, sentence_end)
            or is_mentioned(prose, start, end)
            or in_warning_scope(analysis, start)
        ):
            return ()
        if self.require is not None and self.require.search(prose, sentence_start, sentence_end) is None:
            return ()
        if self.exclude is not None and self.exclude.search(prose, sentence_start, sentence_end) is not None:
            return ()
        if self.exclude_before is not None and self.exclude_before.search(clause_before(prose, sentence_start, start)):
            return ()
        if self.require_document is not None and not analysis.matches(self.require_document):
            return ()
        severity = None
        if self.hedged_severity is not None and is_hedged(prose, sentence_start, start):
            severity = self.hedged_severity
        return (Hit(start, end, severity=severity),)
