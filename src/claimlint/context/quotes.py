"""Two structural cues read from punctuation: a sentence that asks, and words
in scare quotes, which the page mentions rather than uses."""

from __future__ import annotations

from ..lazyregex import lazy

_WORD = lazy(r"[\p{L}\p{N}’'-]+")
_QUOTE_AFTER = lazy(r"[^\"“”«»\n.!?]{0,40}?(?:[\"”»]|['’](?!\w))")
_QUOTE_BEFORE = lazy(r"(?r)[\"“«‘'][^\"“”«»\n.!?]{0,40}?$")


def is_question(prose: str, sentence_start: int, sentence_end: int) -> bool:
    return prose[sentence_start:sentence_end].rstrip(" \"”’)").endswith("?")


def is_mentioned(prose: str, match_start: int, match_end: int) -> bool:
    """The words are quoted on their own or in a short quoted phrase (scare
    quotes: 'treatments and “cures”', 'autism "stem cell cures"', '("like cures
    like")'), so the page mentions them rather than using them."""
    opening = _quote_before(prose, match_start)
    if opening is None:
        return False
    closing = _QUOTE_AFTER.match(prose, match_end)
    if closing is None:
        return False
    return len(_WORD.findall(prose, opening, closing.end())) <= 5


def _quote_before(prose: str, match_start: int) -> int | None:
    """Where the quotation holding ``match_start`` opens, if one opens nearby."""
    match = _QUOTE_BEFORE.search(prose, max(0, match_start - 41), match_start)
    if match is None:
        return None
    quote = match.start()
    # An apostrophe inside a word ("patients' cures") is not a quote mark.
    if prose[quote] in "'‘" and quote > 0 and prose[quote - 1].isalnum():
        return None
    return quote


_OPENING_QUOTE = lazy(r"(?r)[\"“«][^\"“”«»]{0,300}$")
_CLOSING_QUOTE = lazy(r"[^\"“”«»]{0,300}?[\"”»]")


def quotation_end(prose: str, match_start: int, match_end: int) -> int | None:
    """Where the quotation holding the match closes ('"... our drops cure gout,"
    the seller said' closes after the comma), if the match lies inside one that
    opens and closes within a few hundred characters and no blank line."""
    opening = _OPENING_QUOTE.search(prose, max(0, match_start - 300), match_start)
    if opening is None or "\n\n" in prose[opening.start() : match_start]:
        return None
    closing = _CLOSING_QUOTE.match(prose, match_end)
    if closing is None or "\n\n" in closing.group():
        return None
    return closing.end()

