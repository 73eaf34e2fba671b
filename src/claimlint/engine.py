"""The engine: every rule over one shared analysis of each document.

The document is read, split into sentences and indexed once (:class:`Analysis`);
each rule's trigger pattern runs over the prose and its context checks run only
where it matches. Document-level rules (contact blocks, contradictions) run
once each on the same analysis.

The engine returns immutable, sorted :class:`Finding` values and knows nothing
about terminals or output formats.
"""

from __future__ import annotations

import string
from typing import Iterable, Iterator, Mapping, Sequence

import regex

from .analysis import Analysis
from .document import Document
from .kinds import Hit
from .context.cues import CueBook
from .model import ContextNote, Finding, Related, RuleTimeout, Severity
from .pipeline import Decision, Verdict, check_page_option, page_allows
from .packs import Rule
from .prefilter import CandidateIndex, watchable
from . import timeouts

_FIELDS = string.Formatter()


class Engine:
    def __init__(self, rules: Sequence[Rule], severities: Mapping[str, Severity] | None = None, timeout: float | None = None,
                 cues: CueBook | None = None, watch_also: Sequence[regex.Pattern[str]] = ()) -> None:
        self.rules = list(rules)
        self.cues = cues if cues is not None else getattr(rules, "cues", None) or CueBook()
        self.severities = dict(severities or {})
        self.timeout = timeouts.PATTERN_TIMEOUT if timeout is None else timeout
        self._triggered = [rule for rule in self.rules if rule.checker.trigger is not None and rule.pipeline is not None]
        self._document_level = [rule for rule in self.rules if rule.checker.trigger is None]
        # Page classes a document-level rule needs or is quiet on (its 'page' option).
        self._document_pages = {rule.spec.code: check_page_option(rule.spec, rule.checker.options.get("page"), self.cues)
                                for rule in self._document_level}
        self.watched = watched_patterns(self.rules, self.cues)
        """Every pattern the prefilter answers for (rule triggers, page-level patterns)."""
        # The prefilter's database is keyed by its patterns. Given the patterns
        # of every rule a selection could pick (``watch_also``), it holds them
        # all, so that changing the selection reuses it instead of compiling
        # another (tens of seconds for the built-in packs).
        sources = [p.pattern for p in (*watch_also, *self.watched)]
        self.index = CandidateIndex(sources, needed=[p.pattern for p in self.watched] if watch_also else None)

    def check(self, document: Document, explain: bool = False) -> list[Finding]:
        """The findings of every rule. A rule whose pattern runs past its time
        limit is left out and :class:`RuleTimeout` is raised at the end,
        carrying the other rules' findings. With ``explain``, the matches the
        pipeline dropped are returned too, as findings of severity ``None``
        marked in :attr:`Finding.dropped` (see :meth:`explain`)."""
        return self._check(document, explain)

    def _check(self, document: Document, explain: bool) -> list[Finding]:
        analysis = Analysis(document, self.index, self.cues)
        hits: list[tuple[Rule, Hit, Verdict]] = []
        timed_out: list[str] = []
        if self._triggered and document.prose:
            hits.extend(self._scan_triggers(analysis, timed_out, explain))
        for rule in self._document_level:
            require, cancel = self._document_pages[rule.spec.code]
            if (require or cancel) and not page_allows(analysis, require, cancel):
                continue
            try:
                hits.extend([(rule, hit, _KEPT) for hit in rule.checker.scan(analysis)])
            except TimeoutError:
                timed_out.append(rule.spec.code)
        findings = self._findings(analysis, hits)
        if timed_out:
            raise RuleTimeout(tuple(timed_out), self.timeout, tuple(f for f in findings if f.dropped is None))
        return findings

    def _scan_triggers(self, analysis: Analysis, timed_out: list[str], explain: bool) -> Iterable[tuple[Rule, Hit, Verdict]]:
        """One prefilter pass finds the sentences each rule may match in; the
        rule's pattern runs in those sentences (or their blocks, for rules
        scoped to a block) only, and each match goes through the rule's
        pipeline. A pattern the prefilter cannot watch is searched in every
        sentence: the prefilter only ever saves time. Per-rule passes over the
        whole prose were measured at about 1 MB/s for the built-in packs."""
        sentences = analysis.sentences
        timeout = self.timeout
        kept: list[tuple[Rule, Hit, Verdict]] = []
        for rule in self._triggered:
            pipeline = rule.pipeline
            assert pipeline is not None and rule.checker.trigger is not None
            searches = _searches(analysis, rule)
            if not any(found for _, found in searches):
                continue
            if not pipeline.applies_to(analysis):
                if explain:
                    kept.extend(self._dropped_by_page(analysis, rule, searches))
                continue
            # One finding per rule per sentence (a reviewer fixes the sentence,
            # not each word of it), pointing at the tightest match that its
            # context lets stand: a sentence's matches are judged tightest
            # first, and the rest need no judging once one stands.
            by_sentence: dict[int, list[tuple[int, Hit]]] = {}
            judged: list[tuple[Rule, Hit, Verdict]] = []
            try:
                for branch, hit in _hits(analysis, rule, searches, timeout):
                    by_sentence.setdefault(sentences.index_at(hit.start), []).append((branch, hit))
                for found in by_sentence.values():
                    hits = _as_one_pattern(found) if len(found) > 1 else [found[0][1]]
                    if len(hits) > 1:
                        hits.sort(key=lambda hit: (hit.end - hit.start, hit.start))
                    for hit in hits:
                        verdict = pipeline.judge(analysis, hit.start, hit.end, hit.severity)
                        if verdict.keep:
                            judged.append((rule, hit, verdict))
                            if not explain:
                                break
                            for other in hits[hits.index(hit) + 1 :]:
                                other_verdict = pipeline.judge(analysis, other.start, other.end, other.severity)
                                if not other_verdict.keep:
                                    judged.append((rule, other, other_verdict))
                            break
                        if explain:
                            judged.append((rule, hit, verdict))
            except TimeoutError:
                timed_out.append(rule.spec.code)
                continue
            kept.extend(judged)
        return kept

    def _dropped_by_page(self, analysis: Analysis, rule: Rule,
                         searches: Sequence[tuple[regex.Pattern[str], Sequence[int]]]) -> list[tuple[Rule, Hit, Verdict]]:
        """A rule's matches on a page it does not apply to, with the page's reason (for --explain)."""
        assert rule.pipeline is not None
        verdict = rule.pipeline.page_verdict(analysis)
        found: dict[tuple[int, int], tuple[Rule, Hit, Verdict]] = {}
        try:
            for _, hit in _hits(analysis, rule, searches, self.timeout):
                found[(hit.start, hit.end)] = (rule, hit, verdict)
        except TimeoutError:
            pass  # explaining is best effort; the run reports the timeout where it matters
        return list(found.values())

    def _findings(self, analysis: Analysis, hits: list[tuple[Rule, Hit, Verdict]]) -> list[Finding]:
        document = analysis.document
        findings: list[Finding] = []
        for rule, hit, verdict in hits:
            spec = rule.spec
            span = document.span(hit.start, hit.end)
            text = document.source_text(span)
            related = tuple(
                Related(other, document.source_text(other), message)
                for other, message in ((document.span(start, end), message) for start, end, message in hit.related)
            )
            values = {"match": " ".join(analysis.prose[hit.start : hit.end].split()), **hit.values}
            if related:
                values["related_line"] = str(related[0].span.line)
            sentence_start, sentence_end = analysis.sentence_bounds(hit.start)
            severity = self.severities.get(spec.code) or verdict.severity or hit.severity or spec.severity
            message = _render(spec.message, values)
            if verdict.page_note:
                # The page class's own label says why the page matters ("this page
                # offers a treatment ..."): an offer, or an informing page that
                # lowered the severity.
                message = f"{message} ({verdict.page_note[:1].upper()}{verdict.page_note[1:]}.)"
            findings.append(
                Finding(
                    path=document.path,
                    span=span,
                    rule=spec.code,
                    name=spec.name,
                    category=spec.category,
                    severity=severity,
                    message=message,
                    text=text,
                    sentence=" ".join(analysis.prose[sentence_start:sentence_end].split()),
                    suggestion=_render(hit.suggestion or spec.suggestion, values) if (hit.suggestion or spec.suggestion) else None,
                    references=spec.references,
                    related=related,
                    context=tuple(_note(document, decision) for decision in verdict.decisions if verdict.keep),
                    dropped=None if verdict.keep else _note(document, verdict.decisions[0]),
                )
            )
        findings.sort(key=Finding.sort_key)
        kept = _drop_overlaps([f for f in findings if f.dropped is None])
        if len(kept) == len(findings):
            return kept
        return sorted(kept + [f for f in findings if f.dropped is not None], key=Finding.sort_key)


_KEPT = Verdict(True)


def _note(document: Document, decision: Decision) -> ContextNote:
    span = document.span(decision.start, decision.end) if decision.start is not None and decision.end is not None else None
    return ContextNote(decision.what, decision.name, decision.detail, span)


def _hits(analysis: Analysis, rule: Rule, searches: Sequence[tuple[regex.Pattern[str], Sequence[int]]],
          timeout: float | None) -> Iterator[tuple[int, Hit]]:
    """Every hit of a triggered rule, with the number of the branch that found
    it: each branch searched in the windows of its own candidate sentences."""
    prose, at, scope = analysis.prose, rule.checker.at, rule.checker.scope
    for branch, (pattern, candidates) in enumerate(searches):
        for start, end in _windows(analysis, candidates, scope):
            for match in pattern.finditer(prose, start, end, timeout=timeout):
                if match.end() > match.start():
                    yield from ((branch, hit) for hit in at(analysis, match))


def _as_one_pattern(found: list[tuple[int, Hit]]) -> list[Hit]:
    """The hits the trigger's branches found, as one pattern would have found
    them: the leftmost match first, the earlier branch at the same place, and
    no match overlapping one already taken. (A rule's words are written as one
    pattern; its reported spans should not depend on the engine searching its
    branches apart.)"""
    taken: list[Hit] = []
    for _, hit in sorted(found, key=lambda pair: (pair[1].start, pair[0])):
        if not taken or hit.start >= taken[-1].end:
            taken.append(hit)
    return taken


def watched_patterns(rules: Sequence[Rule], cues: CueBook) -> list[regex.Pattern[str]]:
    """The patterns the engine asks the prefilter about for ``rules``: their
    triggers' branches, their page-level patterns and the context cues."""
    triggered = [rule for rule in rules if rule.checker.trigger is not None and rule.pipeline is not None]
    watched = [pattern for rule in triggered for pattern in _searched(rule)]
    watched += [pattern for rule in rules for pattern in rule.checker.page_patterns()]
    watched += [pattern for rule in triggered for pattern in rule.pipeline.page_patterns()]  # type: ignore[union-attr]
    watched += cues.patterns()
    watched += cues.scope_unions()
    return [p for p in watched if p is not None and watchable(p)]


def _searched(rule: Rule) -> tuple[regex.Pattern[str], ...]:
    """What the engine searches for a triggered rule: its trigger's branches
    one by one, or the trigger itself when it has a single pattern."""
    checker = rule.checker
    assert checker.trigger is not None
    branches = checker.branches
    if not branches:
        return (checker.trigger,)
    # A tuple keys the index's cache of pattern numbers (a plugin may give a list).
    return branches if isinstance(branches, tuple) else tuple(branches)


def _searches(analysis: Analysis, rule: Rule) -> list[tuple[regex.Pattern[str], Sequence[int]]]:
    """Each pattern the engine searches for the rule, with the sentences it
    may match in (all of them for a pattern the prefilter does not watch)."""
    everywhere = range(len(analysis.sentences))
    patterns = _searched(rule)
    return [(pattern, everywhere if found is None else found)
            for pattern, found in zip(patterns, analysis.candidates_of(patterns), strict=True)]


def _windows(analysis: Analysis, candidates: Sequence[int], scope: str) -> Iterable[tuple[int, int]]:
    """The stretches of prose to search: the candidate sentences themselves,
    or each block that holds one (a quotation may run over several sentences)."""
    sentences = analysis.sentences
    if scope != "block":
        return ((sentences.starts[index], sentences.ends[index]) for index in candidates)
    blocks: dict[tuple[int, int], None] = {}
    for index in candidates:
        blocks[analysis.block_bounds(sentences.starts[index])] = None
    return blocks.keys()


def _render(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{name}`` fields; a field the hit did not supply stays visible
    rather than raising, so a typo in a user's rule message never crashes a run."""
    out: list[str] = []
    for literal, field, _, _ in _FIELDS.parse(template.replace("{{", "\x00").replace("}}", "\x01")):
        out.append(literal)
        if field is not None:
            out.append(values.get(field, "{" + field + "}"))
    return "".join(out).replace("\x00", "{").replace("\x01", "}")


def _drop_overlaps(findings: list[Finding]) -> list[Finding]:
    """Two rules of one category on the same words ("have shown promising
    results" is both an uncited study and a shown-to-work claim) are one problem:
    keep the more severe finding, then the lower code."""
    kept: list[Finding] = []
    # Findings arrive sorted by start, so a kept finding that ends before the
    # current one starts can never clash again: only the open ones of each
    # category are compared (comparing with every kept finding was quadratic).
    open_by_category: dict[str, list[int]] = {}
    for finding in findings:
        start, end = finding.span.offset, finding.span.end_offset
        open_ = [i for i in open_by_category.get(finding.category, ()) if kept[i].span.end_offset > start]
        open_by_category[finding.category] = open_
        # A finding that runs over several lines (a contact block) is one problem
        # with what shares its first line, not with a sentence further down that
        # makes its own offer: each is reported where it starts.
        line = finding.span.line
        clash = next((i for i in open_ if kept[i].span.offset < end and kept[i].span.line == line), None)
        if clash is None:
            open_.append(len(kept))
            kept.append(finding)
        elif (finding.severity, kept[clash].rule) > (kept[clash].severity, finding.rule):
            kept[clash] = finding
    return kept
