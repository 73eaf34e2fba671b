"""The one filter pipeline every triggered rule runs its matches through.

A rule kind supplies only its trigger; everything that decides whether a match
is a finding is declared in the rule's YAML and applied here, in one order for
every kind:

1. where the words stand: a written-out URL, a block kind the rule skips;
2. the page: classes the rule needs (``page.require``), classes that cancel it
   (``page.cancel``), and ``require_document`` patterns;
3. pattern filters: ``require`` (in the sentence, or ``require_window``
   sentences around it), ``require_all``, ``exclude``, ``exclude_before`` (in
   the clause before the match), ``exclude_after`` (the words right after it),
   ``exclude_match`` (within the matched words), ``exclude_near``, ``lenient_require``,
   ``lenient_exclude`` and ``lenient_exclude_before`` (not on a page that offers a
   treatment, where any research mentioned is offered in support of the sale, and
   "those seeking a cure" are the customers), ``resolved_by_document``;
4. context cues that cancel the rule (``context.cancel``: negation, reported
   speech, a question, a citation ...);
5. cues and page classes that lower its severity (``context.downgrade``,
   ``page.downgrade``).

Each step only rules a match out or lowers it, so the order is the cost order.
A dropped match keeps the reason, which ``claimlint check --explain`` shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import regex

from .analysis import Analysis
from .context.clauses import clause_after, clause_before
from .context.cues import Cue, CueBook
from .context.reading import ContextSpan
from .model import Severity
from .rulespec import RuleSpec
from .text.citations import has_study_identifier



@dataclass(frozen=True)
class Decision:
    """Why a match was dropped, lowered or read as it was: a cue, a filter or the page."""

    what: str
    """"cue", "filter" or "page"."""
    name: str
    detail: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Verdict:
    keep: bool
    severity: Severity | None = None
    decisions: tuple[Decision, ...] = ()
    """For a dropped match, the one reason; for a kept one, what lowered it or framed it."""
    page_note: str | None = None


_DROPPED_URL = Verdict(False, decisions=(Decision("filter", "url", "part of a web address or e-mail address"),))


class Pipeline:
    def __init__(self, spec: RuleSpec, options: Mapping[str, Any], compile_: Any, book: CueBook,
                 default_cancel: tuple[str, ...] = ("negation", "contrast", "question", "reported", "warning", "mention")) -> None:
        """``compile_(key)``: the rule's patterns under option ``key``, compiled
        (None when absent); ``compile_.each(key)`` compiles them one by one."""
        self.spec = spec
        self.options = options
        self.book = book
        self.skip_blocks = frozenset(options.get("skip_blocks") or ())
        self.require = compile_("require")
        self.require_all = compile_.each("require_all")
        self.require_window = int(options.get("require_window") or 0)
        self.exclude = compile_("exclude")
        self.exclude_before = compile_("exclude_before")
        self.exclude_after = compile_("exclude_after")
        self.exclude_match = compile_("exclude_match")
        self.exclude_near = compile_("exclude_near")
        self.near = (int(options.get("near_before", 200)), int(options.get("near_after", 200)))
        self.lenient_require = compile_("lenient_require")
        self.lenient_exclude = compile_("lenient_exclude")
        self.lenient_exclude_before = compile_("lenient_exclude_before")
        self._lenient = any(p is not None for p in (self.lenient_require, self.lenient_exclude, self.lenient_exclude_before))
        self.resolved_by_document = compile_("resolved_by_document")
        self.require_document = compile_("require_document")
        context = options.get("context") or {}
        page = options.get("page") or {}
        # The kind's defaults name built-in cue types, which a run without the
        # built-in packs does not have; a rule's own list must name known ones.
        cancel = context["cancel"] if "cancel" in context else [name for name in default_cancel if name in book.types]
        self.cancel = self._cues(cancel, "context.cancel")
        self.downgrade = [(self._cues([name], "context.downgrade"), Severity.parse(level))
                          for name, level in (context.get("downgrade") or {}).items()]
        # Cues that cancel only on pages of a class: on a news report, a
        # specific study the journalist describes is reporting, not a claim.
        self.cancel_on = [(self._page(page_name, "context.cancel_on"), self._cues(list(names), "context.cancel_on"))
                          for page_name, names in (context.get("cancel_on") or {}).items()]
        self.page_require = tuple(self._page(name, "page.require") for name in page.get("require", ()))
        self.page_cancel = tuple(self._page(name, "page.cancel") for name in page.get("cancel", ()))
        self.page_downgrade = tuple((self._page(name, "page.downgrade"), Severity.parse(level))
                                    for name, level in (page.get("downgrade") or {}).items())
        self.sentences_after = options.get("citation_sentences_after")

    def _cues(self, names: Any, key: str) -> tuple[Cue, ...]:
        cues = self.book.of(names)
        known = self.book.types
        unknown = [name for name in names if name not in known]
        if unknown:
            raise self.spec.origin.error(f"key '{key}': unknown cue type '{unknown[0]}' (known: {', '.join(sorted(known))})", key.split(".")[0])
        # In the order the rule lists them, so that --explain names the first that applies.
        return tuple(sorted(cues, key=lambda cue: next(i for i, n in enumerate(names) if n in (cue.type, cue.name))))

    def _page(self, name: Any, key: str) -> str:
        if name not in self.book.pages:
            raise self.spec.origin.error(f"key '{key}': unknown page class {name!r} (known: {', '.join(sorted(self.book.pages))})", "page")
        return str(name)

    def page_patterns(self) -> list[regex.Pattern[str]]:
        return [self.require_document] if self.require_document is not None else []

    def applies_to(self, analysis: Analysis) -> bool:
        """Page-level preconditions, answered once per document before the
        rule's trigger is searched for."""
        if self.require_document is not None and not analysis.matches(self.require_document):
            return False
        return page_allows(analysis, self.page_require, self.page_cancel)

    def page_verdict(self, analysis: Analysis) -> Verdict:
        """Why the rule does not apply to this page (for --explain)."""
        if self.require_document is not None and not analysis.matches(self.require_document):
            return Verdict(False, decisions=(Decision("page", "require_document", "the page holds none of the words the rule needs"),))
        for name in self.page_require:
            if not analysis.pages.allows(name):
                return Verdict(False, decisions=(Decision("page", name, f"needs a page where {analysis.cues.pages[name].label}"),))
        for name in self.page_cancel:
            if analysis.pages.is_(name):
                return Verdict(False, decisions=(Decision("page", name, analysis.pages.describe(name)),))
        return Verdict(True)

    def judge(self, analysis: Analysis, start: int, end: int, severity: Severity | None = None) -> Verdict:
        if analysis.in_url(start, end):
            return _DROPPED_URL
        if self.skip_blocks and analysis.block_kind(start) in self.skip_blocks:
            return Verdict(False, decisions=(Decision("filter", "skip_blocks", f"in a {analysis.block_kind(start)}"),))
        dropped = self._filters(analysis, start, end)
        if dropped is not None:
            return Verdict(False, decisions=(dropped,))
        reader = analysis.context
        span = reader.governing(start, end, self.cancel, self.sentences_after)
        if span is not None:
            return Verdict(False, decisions=(_cue_decision(analysis, span),))
        for page_name, cues in self.cancel_on:
            if analysis.pages.is_(page_name) and (span := reader.governing(start, end, cues)) is not None:
                return Verdict(False, decisions=(_cue_decision(analysis, span, f"on a page where {analysis.pages.describe(page_name)}"),))
        decisions: list[Decision] = []
        for cues, level in self.downgrade:
            span = reader.governing(start, end, cues)
            if span is not None:
                severity = _lower(severity or self.spec.severity, level)
                decisions.append(_cue_decision(analysis, span, f"severity lowered to {level.label}"))
        page_note = None
        for name, level in self.page_downgrade:
            if analysis.pages.is_(name):
                severity = _lower(severity or self.spec.severity, level)
                note = analysis.pages.describe(name)
                decisions.append(Decision("page", name, f"{note}: severity lowered to {level.label}"))
                page_note = note
        if self.page_require:
            page_note = analysis.pages.describe(self.page_require[0])
        return Verdict(True, severity, tuple(decisions), page_note)

    def _filters(self, analysis: Analysis, start: int, end: int) -> Decision | None:
        prose = analysis.prose
        sentence_start, sentence_end = analysis.sentence_bounds(start)
        # A match that runs on into later sentences (a quotation in a block-scoped
        # rule) is read with all of them: '"I was told it would go. It never did,"'.
        last_end = analysis.sentence_bounds(end - 1)[1] if end - 1 > sentence_end else sentence_end
        if self.exclude is not None and (found := self.exclude.search(prose, sentence_start, last_end)) is not None:
            return Decision("filter", "exclude", f"the sentence says '{_words(found.group())}'", *found.span())
        if self.require is not None and self.require.search(prose, *self._window(analysis, start, end)) is None:
            return Decision("filter", "require", "none of the words the rule requires are near")
        if self.require_all and not all(p.search(prose, *self._window(analysis, start, end)) for p in self.require_all):
            return Decision("filter", "require_all", "not every part the rule requires is near")
        if self.exclude_before is not None and (found := self.exclude_before.search(clause_before(prose, sentence_start, start))) is not None:
            return Decision("filter", "exclude_before", f"the clause before says '{_words(found.group())}'")
        if self.exclude_after is not None:
            after_start, after_end = clause_after(prose, end, sentence_end)
            found = self.exclude_after.match(prose, _skip_space(prose, after_start, after_end), after_end)
            if found is not None:
                return Decision("filter", "exclude_after", f"the words after it are '{_words(found.group())}'", *found.span())
        if self.exclude_match is not None and (found := self.exclude_match.search(prose, start, end)) is not None:
            return Decision("filter", "exclude_match", f"the match says '{_words(found.group())}'", *found.span())
        if self.exclude_near is not None:
            before, after = self.near
            found = self.exclude_near.search(prose, max(0, start - before), min(len(prose), end + after))
            if found is not None:
                return Decision("filter", "exclude_near", f"'{_words(found.group())}' stands nearby", *found.span())
        if self._lenient and not analysis.pages.is_("offer"):
            if self.lenient_require is not None and self.lenient_require.search(prose, sentence_start, sentence_end) is None:
                return Decision("filter", "lenient_require", "on a page that offers no treatment, the sentence is not about what a treatment does")
            if self.lenient_exclude is not None and (found := self.lenient_exclude.search(prose, sentence_start, sentence_end)) is not None:
                return Decision("filter", "lenient_exclude", f"on a page that offers no treatment, '{_words(found.group())}' qualifies it", *found.span())
            if (self.lenient_exclude_before is not None
                    and (found := self.lenient_exclude_before.search(clause_before(prose, sentence_start, start))) is not None):
                return Decision("filter", "lenient_exclude_before", f"on a page that offers no treatment, the clause before says '{_words(found.group())}'")
        if (self.resolved_by_document is not None and self.resolved_by_document.search(prose, sentence_start, sentence_end)
                and analysis.memo("study-identifier", lambda: has_study_identifier(prose))):
            return Decision("filter", "resolved_by_document", "it refers to the study the page identifies")
        return None

    def _window(self, analysis: Analysis, start: int, end: int) -> tuple[int, int]:
        """The sentences the match spans, widened by ``require_window`` sentences
        each side (a price in a table cell is explained by the cells around it)."""
        sentences = analysis.sentences
        if not len(sentences):
            return 0, len(analysis.prose)
        window = self.require_window
        first = max(0, sentences.index_at(start) - window)
        last = min(len(sentences) - 1, sentences.index_at(max(start, end - 1)) + window)
        return sentences.starts[first], sentences.ends[last]


def page_allows(analysis: Analysis, require: tuple[str, ...], cancel: tuple[str, ...]) -> bool:
    """Is the page of every class in ``require`` (or too short to tell) and of none in ``cancel``?"""
    pages = analysis.pages
    return all(pages.allows(name) for name in require) and not any(pages.is_(name) for name in cancel)


def check_page_option(spec: RuleSpec, value: Any, book: CueBook) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A document-level rule's ``page`` option, checked against the page classes."""
    value = value or {}
    for name in (*value.get("require", ()), *value.get("cancel", ())):
        if name not in book.pages:
            raise spec.origin.error(f"key 'page': unknown page class {name!r} (known: {', '.join(sorted(book.pages))})", "page")
    return tuple(value.get("require", ())), tuple(value.get("cancel", ()))


def _skip_space(prose: str, start: int, end: int) -> int:
    while start < end and prose[start].isspace():
        start += 1
    return start


def _lower(current: Severity, level: Severity) -> Severity:
    return min(current, level)


def _words(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 60 else words[:57] + "..."


def _cue_decision(analysis: Analysis, span: ContextSpan, effect: str = "") -> Decision:
    detail = span.describe(analysis.prose)
    return Decision("cue", span.cue, f"{detail}; {effect}" if effect else detail, span.start, span.end)
