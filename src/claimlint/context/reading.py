"""How a reader takes a claim: which cues govern the words at a match.

One :class:`ContextReader` per document. The cues of a sentence are found once,
the first time a claim in that sentence asks (one search per cue over the
sentence); each claim then only compares positions: is the cue in the claim's
clause and within reach, after it in the same clause, anywhere before it in the
sentence? Structural cues (a question, scare quotes, a citation, a cautioning
heading) are read from the document itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from .clauses import clause_after, clause_before, clause_before_span, ends_in_disjunction, words_in
from .cues import Cue, CueBook
from .quotes import is_mentioned, is_question
from .sections import WarningScopes, warning_scopes

if TYPE_CHECKING:
    from ..analysis import Analysis

# A cue after the claim ("a cure does not exist") stands this close to it.
_AFTER_REACH = 40
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
        self.prose = analysis.prose
        self.book = book
        self._found: dict[tuple[int, str], list[tuple[int, int]]] = {}
        self._sections: dict[str, WarningScopes] = {}

    def governing(self, start: int, end: int, cues: Sequence[Cue], sentences_after: int | None = None) -> ContextSpan | None:
        """The first of ``cues`` that governs the claim at ``[start, end)``."""
        if not cues:
            return None
        sentence_start, sentence_end = self.analysis.sentence_bounds(start)
        for cue in cues:
            span = self._governs(cue, start, end, sentence_start, sentence_end, sentences_after)
            if span is not None:
                return span
        return None

    def all_governing(self, start: int, end: int, cues: Sequence[Cue]) -> list[ContextSpan]:
        sentence_start, sentence_end = self.analysis.sentence_bounds(start)
        found = (self._governs(cue, start, end, sentence_start, sentence_end, None) for cue in cues)
        return [span for span in found if span is not None]

    # -- scopes -----------------------------------------------------------
    def _governs(self, cue: Cue, start: int, end: int, sentence_start: int, sentence_end: int,
                 sentences_after: int | None) -> ContextSpan | None:
        scope = cue.scope
        if scope == "clause":
            return self._in_clause(cue, start, sentence_start, sentence_end)
        if scope == "sentence-before":
            return self._before(cue, start, end, sentence_start, sentence_end)
        if scope == "after":
            stop = clause_after(self.prose, end, sentence_end)[1]
            for cue_start, cue_end in self._cues(cue, sentence_start, sentence_end):
                if end <= cue_start < stop and cue_start - end <= _AFTER_REACH:
                    return ContextSpan(cue.type, cue.name, cue_start, cue_end)
            return None
        if scope == "sentence":
            found = self._cues(cue, sentence_start, sentence_end)
            return ContextSpan(cue.type, cue.name, *found[0]) if found else None
        if scope == "within":
            for cue_start, cue_end in self._cues(cue, sentence_start, sentence_end):
                if start <= cue_start and cue_end <= end:
                    return ContextSpan(cue.type, cue.name, cue_start, cue_end)
            return None
        if scope == "next-sentence":
            return self._next_sentence(cue, start)
        if scope == "section":
            return ContextSpan(cue.type, cue.name, start, start) if self._section(cue).covers(start) else None
        if scope == "question":
            return ContextSpan(cue.type, cue.name, sentence_end - 1, sentence_end) if is_question(self.prose, sentence_start, sentence_end) else None
        if scope == "quotation":
            return ContextSpan(cue.type, cue.name, start, end) if is_mentioned(self.prose, start, end) else None
        if scope == "citation":
            return self._citation(cue, start, sentences_after)
        return None

    def _cues(self, cue: Cue, sentence_start: int, sentence_end: int) -> list[tuple[int, int]]:
        """Where ``cue`` stands in the sentence, found once per sentence. Words
        its ``ignore`` patterns match ("not only") are no cue."""
        key = (sentence_start, cue.name)
        found = self._found.get(key)
        if found is None:
            assert cue.patterns is not None
            # The whole sentence is searched, so that a cue's look-ahead can
            # see the claim after it ("promised cures").
            stop = sentence_end
            found = [m.span() for m in cue.patterns.finditer(self.prose, sentence_start, stop) if m.end() > m.start()]
            if found and cue.ignore is not None:
                ignored = [m.span() for m in cue.ignore.finditer(self.prose, sentence_start, stop)]
                found = [(s, e) for s, e in found if not any(i_start <= s < i_end for i_start, i_end in ignored)]
            self._found[key] = found
        return found

    def _in_clause(self, cue: Cue, start: int, sentence_start: int, sentence_end: int) -> ContextSpan | None:
        found = self._cues(cue, sentence_start, sentence_end)
        if not found or found[0][0] >= start:
            return None
        clause_start, clause_end = clause_before_span(self.prose, sentence_start, start)
        # Under a negation "or" coordinates denied alternatives: "no therapy can
        # cure arthritis or reverse joint damage" denies both.
        reach = None if ends_in_disjunction(self.prose[clause_start:start]) else cue.reach
        for cue_start, cue_end in reversed(found):
            if cue_start < clause_start or cue_end > clause_end:
                continue
            if reach is not None and words_in(self.prose[cue_start:clause_end]) > reach:
                continue
            return ContextSpan(cue.type, cue.name, cue_start, cue_end)
        return None

    def _before(self, cue: Cue, start: int, end: int, sentence_start: int, sentence_end: int) -> ContextSpan | None:
        for cue_start, cue_end in self._cues(cue, sentence_start, sentence_end):
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
        return nearest[2] if nearest is not None else "unknown"

    def _next_sentence(self, cue: Cue, start: int) -> ContextSpan | None:
        sentences = self.analysis.sentences
        index = sentences.index_at(start) + 1
        if index >= len(sentences):
            return None
        next_start, next_end = sentences.bounds(index)
        found = self._cues(cue, next_start, next_end)
        return ContextSpan(cue.type, cue.name, *found[0]) if found else None

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


def describe_all(spans: Iterable[ContextSpan], prose: str) -> str:
    return "; ".join(span.describe(prose) for span in spans)
