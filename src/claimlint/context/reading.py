"""How a reader takes a claim: which cues govern the words at a match.

One :class:`ContextReader` per document. Each cue is searched only where its
scope lets it govern the claim: in the claim's clause (within reach), just
after it, before it in the sentence; each search is of a few dozen
characters, and a rule's cues are asked in turn until one governs. Structural
cues (a question, scare quotes, a citation, a cautioning heading) are read from
the document itself.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

import regex

from ..lazyregex import lazy
from .clauses import blank_parentheses, clause_after, clause_before, clause_before_span, ends_in_disjunction, words_in
from .cues import Cue, CueBook
from .quotes import is_mentioned, is_question, quotation_end
from .sections import WarningScopes, warning_scopes

if TYPE_CHECKING:
    from ..analysis import Analysis

# A cue's look-ahead may read this far into the claim.
_LOOK_AHEAD = 40
# A cue after the claim ("a cure does not exist") stands this close to it.
_AFTER_REACH = 40
# A capitalised name that is not a sentence's opening function word: a brand.
# A plural or a generic word that opens a sentence ("Headlines hailed", "Research
# claims") is no brand; "Glucaden", "NeuroVance" and "the Renovia protocol" are.
_BRAND_SUBJECT = lazy(
    r"(?<![\p{L}’'])(?!(?:The|This|That|These|Those|It|He|She|They|We|You|A|An|Our|Its|Their|His|Her|Some|Many|Most|Dr|Prof"
    r"|Research|Science|Evidence|Data|Media|News|Everyone|Nobody|Someone|Anyone|Nature|Medicine|Society|Mainstream)\b)"
    r"\p{Lu}(?:[\p{L}\d’'-]*\p{Lu}[\p{L}\d’'-]*|[\p{L}\d’'-]*[^\W_s])\b"
)
# Words before a reporting cue in which its speaker is looked for.
_SPEAKER_WINDOW = 80


@dataclass(frozen=True)
class ContextSpan:
    """A cue that governs a claim: its type, the cue's name, where it stands
    (prose offsets), and for reported speech who speaks."""

    type: str
    cue: str
    start: int
    end: int
    speaker: str | None = None

    def describe(self, prose: str) -> str:
        words = " ".join(prose[self.start : self.end].split())
        text = f"{self.type} '{words}'" if words else self.type
        return f"{text} ({self.speaker} speaking)" if self.speaker else text


class ContextReader:
    def __init__(self, analysis: Analysis, book: CueBook) -> None:
        self.analysis = analysis
        # Cues are read with interrupting parentheses blanked: "Nobody, not even
        # its makers, thinks the tea cures gout" denies as "Nobody thinks" does.
        self.prose = blank_parentheses(analysis.prose)
        self.book = book
        self._sections: dict[str, WarningScopes] = {}
        self._possible_in: dict[tuple[str, object], bool] = {}

    def governing(self, start: int, end: int, cues: Sequence[Cue], sentences_after: int | None = None) -> ContextSpan | None:
        """The first of ``cues`` that governs the claim at ``[start, end)``."""
        if not cues:
            return None
        sentence_start, sentence_end = self.analysis.sentence_bounds(start)
        possible: dict[str, bool] = {}
        for cue in cues:
            scope = cue.scope
            if scope not in possible:
                possible[scope] = self._possible(scope, start, end, sentence_start, sentence_end)
            if not possible[scope]:
                continue
            span = self._governs(cue, start, end, sentence_start, sentence_end, sentences_after)
            if span is not None:
                return span
        return None

    def _possible(self, scope: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
        """Could any cue of ``scope`` stand where it would govern this claim?
        One search of all of that scope's cues together, remembered for the
        window (several rules ask about one sentence)."""
        window = _scope_window(self.prose, scope, start, end, sentence_start, sentence_end)
        if window is None:
            return True
        union = self.book.any_of_scope(scope)
        if union is None:
            return True
        # First the whole sentence, once for every claim and rule that asks:
        # most sentences hold no cue of most scopes.
        in_sentence = (scope, sentence_start)
        known = self._possible_in.get(in_sentence)
        if known is None:
            stop = min(len(self.prose), sentence_end + _LOOK_AHEAD)
            known = self._possible_in[in_sentence] = (self._may_stand(union, sentence_start, stop)
                                                      and union.search(self.prose, sentence_start, stop) is not None)
        if not known:
            return False
        key = (scope, window)
        known = self._possible_in.get(key)
        if known is None:
            known = self._possible_in[key] = union.search(self.prose, *window) is not None
        return known

    def _may_stand(self, union: regex.Pattern[str], start: int, stop: int) -> bool:
        """Whether the prefilter leaves a match of ``union`` in ``[start, stop)``
        possible: one ends in a sentence from the one at ``start`` to the one
        holding ``stop``. Without an answer from the prefilter, it may."""
        candidates = self.analysis.candidates(union)
        if candidates is None:
            return True
        sentences = self.analysis.sentences
        first = bisect.bisect_left(candidates, sentences.index_at(start))
        return first < len(candidates) and sentences.starts[candidates[first]] < stop

    def all_governing(self, start: int, end: int, cues: Sequence[Cue]) -> list[ContextSpan]:
        sentence_start, sentence_end = self.analysis.sentence_bounds(start)
        found = (self._governs(cue, start, end, sentence_start, sentence_end, None) for cue in cues)
        return [span for span in found if span is not None]

    # -- scopes -----------------------------------------------------------
    def _governs(self, cue: Cue, start: int, end: int, sentence_start: int, sentence_end: int,
                 sentences_after: int | None) -> ContextSpan | None:
        scope = cue.scope
        if scope == "clause":
            return self._in_clause(cue, start, end, sentence_start, sentence_end)
        if scope == "sentence-before":
            return self._before(cue, start, end, sentence_start, sentence_end)
        if scope == "after":
            stop = min(clause_after(self.prose, end, sentence_end)[1], end + _AFTER_REACH + 40)
            for cue_start, cue_end in self._cues(cue, end, stop):
                # "Reversal is not possible with pills, but our plan does it" takes
                # the denial back later in the sentence.
                if cue.unless_after is not None and cue.unless_after.search(self.prose, cue_end, sentence_end):
                    return None
                if cue_start - end <= _AFTER_REACH:
                    return ContextSpan(cue.type, cue.name, cue_start, cue_end)
                break
            return None
        if scope == "sentence":
            return self._first(cue, sentence_start, sentence_end)
        if scope == "within":
            return self._first(cue, start, end, sentence_end)
        if scope == "next-sentence":
            return self._next_sentence(cue, start)
        if scope == "section":
            return ContextSpan(cue.type, cue.name, start, start) if self._section(cue).covers(start) else None
        if scope == "question":
            if not is_question(self.prose, sentence_start, sentence_end) or self._answered(cue, start):
                return None
            if cue.unless_opening is not None and cue.unless_opening.match(self.prose, sentence_start, start) is not None:
                return None  # a rhetorical question: "Did you know that our tea cures ...?"
            return ContextSpan(cue.type, cue.name, sentence_end - 1, sentence_end)
        if scope == "after-quotation":
            # '"Our drops cure gout," the seller told our reporter': the words right
            # after the quotation closes say whose they are.
            close = quotation_end(self.prose, start, end)
            if close is None:
                return None
            assert cue.patterns is not None  # a pattern scope: the cue book requires patterns
            found = cue.patterns.match(self.prose, close, min(len(self.prose), close + 80))
            return ContextSpan(cue.type, cue.name, *found.span()) if found is not None else None
        if scope == "quotation":
            return ContextSpan(cue.type, cue.name, start, end) if is_mentioned(self.prose, start, end) else None
        if scope == "citation":
            return self._citation(cue, start, sentences_after)
        return None

    def _cues(self, cue: Cue, window_start: int, window_end: int, context_end: int | None = None) -> list[tuple[int, int]]:
        """Where ``cue`` stands in ``[window_start, window_end)``. Words its
        ``ignore`` patterns match ("not only", "nothing ... faster than") are no
        cue; they are searched up to ``context_end`` (the sentence's end), so
        that they may read past the claim. (Searches see the text around the
        window, so look-behinds and word edges read as in the sentence.)"""
        assert cue.patterns is not None
        found = [m.span() for m in cue.patterns.finditer(self.prose, window_start, window_end) if m.end() > m.start()]
        if found and cue.ignore is not None:
            ignored = [m.span() for m in cue.ignore.finditer(self.prose, window_start, context_end or window_end)]
            found = [(s, e) for s, e in found if not any(i_start <= s < i_end for i_start, i_end in ignored)]
        return found

    def _first(self, cue: Cue, window_start: int, window_end: int, context_end: int | None = None) -> ContextSpan | None:
        found = self._cues(cue, window_start, window_end, context_end)
        return ContextSpan(cue.type, cue.name, *found[0]) if found else None

    def _answered(self, cue: Cue, start: int) -> bool:
        """A question the page answers itself ("Can our tea cure arthritis?
        Yes!") makes the claim it asks about."""
        if cue.unless_after is None:
            return False
        sentences = self.analysis.sentences
        index = sentences.index_at(start) + 1
        if index >= len(sentences):
            return False
        next_start, next_end = sentences.bounds(index)
        return cue.unless_after.match(self.prose, next_start, next_end) is not None

    def _in_clause(self, cue: Cue, start: int, end: int, sentence_start: int, sentence_end: int) -> ContextSpan | None:
        clause_start, clause_end = clause_before_span(self.prose, sentence_start, start)
        if clause_start >= clause_end:
            return None
        # "Drugs can't reverse diabetes, but our program can": the rest of the
        # sentence takes the denial back.
        if cue.unless_after is not None and cue.unless_after.search(self.prose, end, sentence_end):
            return None
        # Under a negation "or" coordinates denied alternatives: "no therapy can
        # cure arthritis or reverse joint damage" denies both.
        reach = None if ends_in_disjunction(self.prose[clause_start:start]) else cue.reach
        for cue_start, cue_end in reversed(self._cues(cue, clause_start, clause_end, sentence_end)):
            if reach is not None and words_in(self.prose[cue_start:clause_end]) > reach:
                continue
            return ContextSpan(cue.type, cue.name, cue_start, cue_end)
        return None

    def _before(self, cue: Cue, start: int, end: int, sentence_start: int, sentence_end: int) -> ContextSpan | None:
        window_start = sentence_start
        if cue.reach is not None:
            # Roughly the reach in words; the exact count is checked below.
            window_start = max(sentence_start, start - 12 * (cue.reach + 1))
        # A cue's look-ahead may read into the claim ("promised cures"), so the
        # search runs a little past its start; only cues ending before it count.
        for cue_start, cue_end in self._cues(cue, window_start, min(sentence_end, start + _LOOK_AHEAD)):
            if cue_end > start:
                break
            if cue.reach is not None and words_in(self.prose[cue_start:start]) > cue.reach:
                continue
            if cue.unless_after is not None and cue.unless_after.search(self.prose, end, sentence_end):
                continue
            speaker = None
            if cue.speaker is not None:
                speaker = self.speaker(sentence_start, cue_start)
                if cue.speaker == "not-own" and speaker == "own":
                    continue
                if cue.speaker == "third-party" and speaker not in ("third-party", "regulator"):
                    continue
            return ContextSpan(cue.type, cue.name, cue_start, cue_end, speaker)
        return None

    def speaker(self, sentence_start: int, cue_start: int) -> str:
        """Who utters the words a reporting cue introduces: the page itself
        ("own": we, our clinic, this formula), a regulator, a third party
        (clinics, sellers, some people), or "unknown" (no subject: "so-called")."""
        window = clause_before(self.prose, sentence_start, cue_start, _SPEAKER_WINDOW)
        # The subject nearest the cue speaks: "our clinic warns that clinics that
        # claim" reports the clinics; of two that end together the longer wins
        # ("my friend" is a third party, not "my").
        nearest: tuple[int, int, str] | None = None
        for label, pattern in (("own", self.book.own_voice), ("regulator", self.book.regulator), ("third-party", self.book.third_party)):
            if pattern is None:
                continue
            for match in pattern.finditer(window):
                key = (match.end(), match.end() - match.start(), label)
                if nearest is None or key[:2] > nearest[:2]:
                    nearest = key
        if nearest is not None:
            return nearest[2]
        # A product named by its brand ("NeuroVance promises to cure ...") speaks for the
        # page that sells it, or for a passage too short to tell what its page is for.
        # The words right before the cue are its subject, unless the cue names its own
        # ("Online vendors call it a miracle": the cue starts at "vendors").
        subject = " ".join(window.split()[-3:])
        names_speaker = self.book.third_party is not None and self.book.third_party.match(self.prose, cue_start) is not None
        if not names_speaker and _BRAND_SUBJECT.search(subject) is not None and self.analysis.pages.allows("offer"):
            return "own"
        return "unknown"

    def _next_sentence(self, cue: Cue, start: int) -> ContextSpan | None:
        sentences = self.analysis.sentences
        index = sentences.index_at(start) + 1
        if index >= len(sentences):
            return None
        return self._first(cue, *sentences.bounds(index))

    def _section(self, cue: Cue) -> WarningScopes:
        scopes = self._sections.get(cue.name)
        if scopes is None:
            analysis = self.analysis
            assert cue.patterns is not None
            scopes = self._sections[cue.name] = warning_scopes(
                self.prose, analysis.document.blocks, analysis.sentences.starts, analysis.sentences.ends, cue.patterns, cue.lead_ins)
        return scopes

    def _citation(self, cue: Cue, start: int, sentences_after: int | None) -> ContextSpan | None:
        sentences = self.analysis.sentences
        if not len(sentences):
            return None
        index = sentences.index_at(start)
        last = min(len(sentences) - 1, index + (cue.sentences_after if sentences_after is None else sentences_after))
        window = sentences.starts[index], sentences.ends[last]
        found = self.analysis.citation_span(*window)
        return ContextSpan(cue.type, cue.name, *found) if found is not None else None


def _scope_window(prose: str, scope: str, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int] | None:
    """The stretch every cue of ``scope`` that could govern the claim lies in."""
    if scope == "clause":
        window = clause_before_span(prose, sentence_start, start)
        return window if window[0] < window[1] else (start, start)
    if scope == "sentence-before":
        return sentence_start, min(sentence_end, start + _LOOK_AHEAD)
    if scope == "after":
        return end, min(sentence_end, end + _AFTER_REACH + 40)
    if scope == "sentence":
        return sentence_start, sentence_end
    if scope == "within":
        return start, end
    return None


def describe_all(spans: Iterable[ContextSpan], prose: str) -> str:
    return "; ".join(span.describe(prose) for span in spans)
