"""``evidence``: a study, trial, statistic or expert offered as proof, with no
citation a reader could check in the same sentence or the next one(s).

Research that is only announced or under way is left to the rule's
``exclude`` patterns; a result attributed to a named journal without a
citation can be reported at a lower severity (``attributed_severity``)."""

from __future__ import annotations

from typing import Iterable

import regex

from ..analysis import Analysis
from ..rulespec import RuleSpec
from ..text.context import is_negated, is_question, is_reported
from . import INT, SEVERITY, STRINGS, BOOL, Hit, Option, PatternCompiler, RuleKind


class EvidenceKind(RuleKind):
    OPTIONS = {
        "patterns": STRINGS,
        "exclude": STRINGS,
        "require": STRINGS,
        "attribution": STRINGS,
        "attributed_severity": SEVERITY,
        "sentences_after": Option(INT.check, INT.describe, 1),
        "sentences_before": Option(INT.check, INT.describe, 0),
        "negation": Option(BOOL.check, BOOL.describe, True),
        "skip_blocks": STRINGS,
    }

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        super().__init__(spec, compiler)
        self.trigger = self.pattern("patterns")
        if self.trigger is None:
            raise spec.origin.error("an evidence rule needs at least one entry in 'patterns'", "patterns")
        self.exclude = self.pattern("exclude")
        self.require = self.pattern("require")
        self.attribution = self.pattern("attribution")
        self.attributed_severity = self.severity_option("attributed_severity")
        self.skip_blocks = frozenset(self.options["skip_blocks"] or ())

    def at(self, analysis: Analysis, match: regex.Match[str]) -> Iterable[Hit]:
        prose = analysis.prose
        start, end = match.span()
        if analysis.in_url(start, end):
            return ()
        if self.skip_blocks and analysis.block_kind(start) in self.skip_blocks:
            return ()
        sentences = analysis.sentences
        if not len(sentences):
            return ()
        index = sentences.index_at(start)
        sentence_start, sentence_end = sentences.bounds(index)
        if self.options["negation"] and is_negated(prose, sentence_start, sentence_end, start, end):
            return ()
        if is_question(prose, sentence_start, sentence_end) or is_reported(prose, sentence_start, start, sentence_end):
            return ()
        if self.exclude is not None and self.exclude.search(prose, sentence_start, sentence_end):
            return ()
        if self.require is not None and not self.require.search(prose, sentence_start, sentence_end):
            return ()
        first = max(0, index - self.options["sentences_before"])
        last = min(len(sentences) - 1, index + self.options["sentences_after"])
        if analysis.citation_between(sentences.starts[first], sentences.ends[last]):
            return ()
        severity = None
        if self.attribution is not None and self.attribution.search(prose, sentence_start, sentence_end):
            severity = self.attributed_severity
        return (Hit(start, end, severity=severity),)
