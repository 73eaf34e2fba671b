"""``consistency``: two statements in one document that cannot both be true.

Facets:
- ``year``: the same results dated in different years. Mentions that name
  their subject (an institution, a named trial) are compared with mentions of
  that subject only; an unnamed mention ("the results", "stem cell therapy made
  strides in 2024") is compared with the year every earlier mention agreed on.
  Two different studies with different years are not a contradiction.
- ``figure``, ``phase``, ``count``, ``duration``: a different percentage of the
  same participants, a different phase, enrolment or length for the same named
  trial, a different number of patients a provider says it has treated.
- ``course``: two lengths, in the same units, for the page's full course or
  recommended protocol ("a full course is 36 sessions", "the full 30-session course").
- ``restated``: a sentence the page repeats with one number changed (see
  :mod:`claimlint.text.restatements`).
- ``opposition``: a claim (``claim`` patterns, not negated) and its denial
  (``counter`` patterns) in one document, such as "there is no cure" and "our
  therapy cures MS".

One finding on the later side, pointing at the earlier side in ``related``.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

import regex

from ..lazyregex import lazy

from ..analysis import Analysis
from ..rulespec import RuleSpec
from ..text.mentions import Mention, mentions, subject_of
from ..text import restatements
from . import Hit, INT, Option, PAGE, PatternCompiler, RuleKind, STRINGS

FACETS = ("year", "figure", "phase", "count", "duration", "course", "restated", "opposition")
_ANAPHORA = lazy(r"(?i)\b(?:the same (?:trial|study|research|results?)|these (?:results|findings|trials|studies)|this (?:trial|study))\b")
_FUTURE_WORDS = r"will|expected|expects?|planned|plans?|due|scheduled|upcoming|anticipated"
# Results dated in the future are plans, not results; but "since launching the
# protocol in 2022" dates a launch that happened.
_FUTURE = lazy(rf"(?i)\b(?:{_FUTURE_WORDS}|launch(?:es|ing)?|aim(?:s|ing)?\s+to)\b")
_FUTURE_TENSE = lazy(rf"(?i)\b(?:{_FUTURE_WORDS})\b")


# Every mention holds a digit, the word "phase" or a share in words ("half of",
# "six out of ten"); sentences without one are skipped (most of them, on most pages).
_MENTION_HINTS = (lazy(r"\d"), lazy(r"(?i:\bphase\b)"), lazy(r"(?i:\b(?:half|thirds?|quarters?) of\b|\bout of ten\b|\bin ten\b)"))


def _all_mentions(analysis: Analysis) -> list[Mention]:
    found: list[Mention] = []
    last_named: str | None = None
    for start, end in analysis.sentences_matching(*_MENTION_HINTS):
        subject = subject_of(analysis.prose, start, end)
        found.extend(mentions(analysis.prose, start, end, last_named, subject))
        last_named = subject or last_named
    return found


def _named_earlier(mention: Mention, earlier: list[Mention]) -> Mention | None:
    """The earlier mention whose sentence names what "the <Name> trial" refers to."""
    words = set((mention.subject or "").split())
    return next((m for m in earlier if words and words <= m.names), None)


class ConsistencyKind(RuleKind):
    OPTIONS = {
        "page": PAGE,
        "facet": Option(lambda v: v in FACETS, "one of: " + ", ".join(FACETS)),
        "claim": STRINGS,
        "counter": STRINGS,
        "min_agreeing": Option(INT.check, INT.describe, 2),
    }

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        super().__init__(spec, compiler)
        self.facet = self.options["facet"]
        if self.facet is None:
            raise spec.origin.error("a consistency rule needs a 'facet'", "facet")
        self.claim = self.pattern("claim")
        self.counter = self.pattern("counter")
        if self.facet == "opposition" and (self.claim is None or self.counter is None):
            raise spec.origin.error("an opposition rule needs 'claim' and 'counter' patterns", "claim")

    def page_patterns(self) -> Iterable[regex.Pattern[str]]:
        return [pattern for pattern in (self.claim, self.counter) if pattern is not None]

    def scan(self, analysis: Analysis) -> Iterable[Hit]:
        if self.facet == "opposition":
            return self._opposition(analysis)
        if self.facet == "restated":
            return self._restated(analysis)
        found = [m for m in analysis.memo("mentions", lambda: _all_mentions(analysis)) if m.facet == self.facet]
        if self.facet == "year":
            return self._years(analysis, found)
        return self._keyed(found)

    def _keyed(self, found: list[Mention]) -> Iterable[Hit]:
        first: dict[str, Mention] = {}
        reported: set[tuple[str, str]] = set()
        for mention in found:
            earlier = first.setdefault(mention.key, mention)
            if earlier.value != mention.value and (mention.key, mention.value) not in reported:
                reported.add((mention.key, mention.value))
                yield self._hit(mention, earlier)

    def _years(self, analysis: Analysis, found: list[Mention]) -> Iterable[Hit]:
        by_subject: dict[str, Mention] = {}
        earlier: list[Mention] = []
        # Counted as mentions arrive: recounting every earlier mention at each
        # one was quadratic (a table of 10k dated rows took minutes).
        years: Counter[str] = Counter()
        for mention in found:
            sentence_start, sentence_end = analysis.sentence_bounds(mention.start)
            future = _FUTURE_TENSE if mention.key.startswith("launch|") else _FUTURE
            if future.search(analysis.prose, sentence_start, sentence_end):
                continue
            if mention.subject:
                prior = by_subject.get(mention.subject) or (_named_earlier(mention, earlier) if mention.refers_back else None)
                by_subject.setdefault(mention.subject, prior or mention)
                if prior is not None and prior.value != mention.value:
                    yield self._hit(mention, prior)
            elif earlier and _ANAPHORA.search(analysis.prose, sentence_start, sentence_end):
                # "In 2024, the same trial confirmed these results": the sentence
                # says it is about what was dated just before.
                if earlier[-1].value != mention.value:
                    yield self._hit(mention, earlier[-1])
            elif len(years) == 1:
                [(year, count)] = years.items()
                if count >= self.options["min_agreeing"] and mention.value != year:
                    yield self._hit(mention, earlier[0])
            earlier.append(mention)
            years[mention.value] += 1

    def _hit(self, mention: Mention, earlier: Mention) -> Hit:
        return Hit(
            mention.start,
            mention.end,
            values={"value": mention.value, "other": earlier.value, "subject": mention.subject or "the same results"},
            related=((earlier.start, earlier.end, f"{self.facet} given as {earlier.value} here"),),
        )

    def _restated(self, analysis: Analysis) -> Iterable[Hit]:
        sentences = analysis.sentences_matching(restatements.HINT)
        for found in restatements.restatements(analysis.prose, sentences, analysis.block_kind):
            (start, end), (other_start, other_end) = found.later, found.earlier
            yield Hit(
                start,
                end,
                values={"value": found.value, "other": found.other},
                related=((other_start, other_end, f"the same sentence with {found.other} here"),),
            )

    def _opposition(self, analysis: Analysis) -> Iterable[Hit]:
        assert self.claim is not None and self.counter is not None
        claim = self._first(analysis, self.claim, own_claim=True)
        counter = self._first(analysis, self.counter, own_claim=False)
        if claim is None or counter is None:
            return
        later, earlier = (claim, counter) if claim.start() > counter.start() else (counter, claim)
        yield Hit(
            later.start(),
            later.end(),
            values={"value": later.group(), "other": earlier.group()},
            related=((earlier.start(), earlier.end(), f"'{earlier.group()}' here"),),
        )

    def _first(self, analysis: Analysis, pattern: regex.Pattern[str], own_claim: bool) -> regex.Match[str] | None:
        # "there is no cure" is no claim, and "no known side effects" lists
        # none; a claim side must also be the page's own, and firm: "no cure
        # today" and "may one day be cured" can both be true.
        cues = analysis.cues.of(_OWN_CLAIM_CANCEL if own_claim else ("negation", "contrast"))
        for match in analysis.finditer(pattern):
            if analysis.in_url(match.start(), match.end()):
                continue
            if analysis.context.governing(match.start(), match.end(), cues) is not None:
                continue
            return match
        return None


_OWN_CLAIM_CANCEL = ("negation", "contrast", "question", "reported", "warning", "mention", "hedge")
