"""``evidence``: a study, trial, statistic or expert offered as proof, with no
citation a reader could check in the same sentence or the next one(s).

Research that is only announced or under way is left to the rule's
``exclude`` patterns; a result attributed to a named journal without a
citation can be reported at a lower severity (``attributed_severity``).

Context the kind reads besides the sentence itself:
- ``caveat_after``: the next sentence takes the claim back ("Further studies
  are evaluating these claims").
- ``resolved_by_document``: the sentence refers back to the study the page is
  about ("trial participants", "the study") and the page identifies that
  study formally (a registry number, a DOI, a PubMed id, "published in <Journal>").
- ``offer_document``: patterns that mark a page offering a treatment. Such a
  page is read strictly: ``require`` (the relevance test: is the finding about
  what a treatment does?) and ``lenient_exclude`` (findings in animals, findings
  the same sentence calls uncertain) do not apply there, because any research it
  mentions is offered in support of the sale.
- ``exempt_document``: signals that the page reports its own review (a
  systematic-review summary); when at least ``exempt_document_min`` different
  signals occur, its findings are the page's own and need no citation."""

from __future__ import annotations

from typing import Iterable

import regex

from ..analysis import Analysis
from ..rulespec import RuleSpec
from ..text.citations import has_study_identifier
from ..text.context import clause_before, denies_within, is_negated, is_question, is_reported
from . import BOOL, INT, SEVERITY, STRINGS, Hit, Option, PatternCompiler, RuleKind


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
        "caveat_after": STRINGS,
        "offer_document": STRINGS,
        "lenient_exclude": STRINGS,
        "exclude_before": STRINGS,
        "resolved_by_document": STRINGS,
        "exempt_document": STRINGS,
        "exempt_document_min": Option(INT.check, INT.describe, 1),
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
        self.caveat_after = self.pattern("caveat_after")
        self.offer_document = self.pattern("offer_document")
        self.lenient_exclude = self.pattern("lenient_exclude")
        self.exclude_before = self.pattern("exclude_before")
        self.resolved_by_document = self.pattern("resolved_by_document")
        self.exempt_signals = self.patterns_each("exempt_document")

    def page_patterns(self) -> Iterable[regex.Pattern[str]]:
        return [pattern for pattern in (self.offer_document, *self.exempt_signals) if pattern is not None]

    def _offers_treatment(self, analysis: Analysis) -> bool:
        return self.offer_document is not None and analysis.matches(self.offer_document)

    def _exempt(self, analysis: Analysis) -> bool:
        if not self.exempt_signals:
            return False
        found = sum(1 for signal in self.exempt_signals if analysis.matches(signal))
        return found >= max(1, self.options["exempt_document_min"])

    def at(self, analysis: Analysis, match: regex.Match[str]) -> Iterable[Hit]:
        prose = analysis.prose
        start, end = match.span()
        if self.not_prose_here(analysis, start, end):
            return ()
        sentences = analysis.sentences
        if not len(sentences):
            return ()
        index = sentences.index_at(start)
        sentence_start, sentence_end = sentences.bounds(index)
        if self.options["negation"] and (is_negated(prose, sentence_start, sentence_end, start, end) or denies_within(match.group())):
            return ()
        if is_question(prose, sentence_start, sentence_end) or is_reported(prose, sentence_start, start, sentence_end):
            return ()
        if self.exclude is not None and self.exclude.search(prose, sentence_start, sentence_end):
            return ()
        if (self.require is not None and not self.require.search(prose, sentence_start, sentence_end)) or (
            self.lenient_exclude is not None and self.lenient_exclude.search(prose, sentence_start, sentence_end)
        ):
            if not self._offers_treatment(analysis):
                return ()
        if self.exclude_before is not None and self.exclude_before.search(clause_before(prose, sentence_start, start)):
            return ()
        if self._exempt(analysis):
            return ()
        if (
            self.resolved_by_document is not None
            and self.resolved_by_document.search(prose, sentence_start, sentence_end)
            and analysis.memo("study-identifier", lambda: has_study_identifier(prose))
        ):
            return ()
        if self.caveat_after is not None and index + 1 < len(sentences):
            next_start, next_end = sentences.bounds(index + 1)
            if self.caveat_after.search(prose, next_start, next_end):
                return ()
        first = max(0, index - self.options["sentences_before"])
        last = min(len(sentences) - 1, index + self.options["sentences_after"])
        if analysis.citation_between(sentences.starts[first], sentences.ends[last]):
            return ()
        severity = None
        if self.attribution is not None and self.attribution.search(prose, sentence_start, sentence_end):
            severity = self.attributed_severity
        return (Hit(start, end, severity=severity),)
