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
from . import BOOL, INT, SCOPE, SEVERITY, STRINGS, Hit, Option, PatternCompiler, RuleKind
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
        "require_window": Option(INT.check, INT.describe, 0),
        "require_all": STRINGS,
        "exclude_near": STRINGS,
        "near_before": Option(INT.check, INT.describe, 200),
        "near_after": Option(INT.check, INT.describe, 200),
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
        # Every entry must be found (one pattern each): "a person" and "a recovery".
        self.require_all = self.patterns_each("require_all")
        self.exclude_near = self.pattern("exclude_near")
        self.exclude = self.pattern("exclude")
        self.exclude_before = self.pattern("exclude_before")
        self.require_document = self.pattern("require_document")
        self.hedged_severity = self.severity_option("hedged_severity")
        self.scope = self.options["scope"]

    def _require_span(self, analysis: Analysis, offset: int) -> tuple[int, int]:
        """The sentence, widened by ``require_window`` sentences each side (a
        price in a table cell is explained by the cells around it)."""
        sentences = analysis.sentences
        if not len(sentences):
            return 0, len(analysis.prose)
        index = sentences.index_at(offset)
        window = self.options["require_window"]
        first = max(0, index - window)
        last = min(len(sentences) - 1, index + window)
        return sentences.starts[first], sentences.ends[last]

    def page_patterns(self) -> Iterable[regex.Pattern[str]]:
        return (self.require_document,) if self.require_document is not None else ()

    def applies_to(self, analysis: Analysis) -> bool:
        return self.require_document is None or analysis.matches(self.require_document)

    def at(self, analysis: Analysis, match: regex.Match[str]) -> Iterable[Hit]:
        prose = analysis.prose
        start, end = match.span()
        if self.not_prose_here(analysis, start, end):
            return ()
        sentence_start, sentence_end = analysis.sentence_bounds(start)
        # The pattern filters of the sentence first: they are cheaper than the
        # context model, and every check here only rules a match out.
        if self.require is not None and self.require.search(prose, *self._require_span(analysis, start)) is None:
            return ()
        if self.require_all:
            span = self._require_span(analysis, start)
            if not all(pattern.search(prose, *span) for pattern in self.require_all):
                return ()
        if self.exclude is not None and self.exclude.search(prose, sentence_start, sentence_end) is not None:
            return ()
        if self.exclude_before is not None and self.exclude_before.search(clause_before(prose, sentence_start, start)):
            return ()
        if self.exclude_near is not None:
            # Across sentences: a quotation's speaker is often named in the next one.
            before, after = self.options["near_before"], self.options["near_after"]
            if self.exclude_near.search(prose, max(0, start - before), min(len(prose), end + after)):
                return ()
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
        severity = None
        if self.hedged_severity is not None and is_hedged(prose, sentence_start, start):
            severity = self.hedged_severity
        return (Hit(start, end, severity=severity),)
