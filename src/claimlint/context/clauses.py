"""Where a cue's reach ends: the clause a claim stands in, read backwards from
the claim, and the stretch after it up to the next clause break.

A negation or a contrast governs its own clause: "Our therapy is not
expensive, and it cures MS" makes a claim; "not intended to diagnose, treat,
cure or prevent" does not, because a list's items share the clause that
introduces the list.
"""

from __future__ import annotations

import regex

from ..lazyregex import lazy

# Words that end a clause: a cue before them does not reach past them. ("Instead"
# opens a clause; "instead of" is a contrast inside one.)
_CLAUSE_BREAK = lazy(
    r"[;:,()\[\]—–]|\s-\s|\b(?:but|however|although|though|(?<!\b(?:has|have|had|not|as|nor)\s)yet(?!\s+to\b)|whereas|while|and|instead(?!\s+of\b)|nevertheless|so)\b",
    regex.IGNORECASE,
)
_WORD = lazy(r"[\p{L}\p{N}’'-]+")
_SPACE = lazy(r"\s+")
_COORDINATED_TAIL = lazy(r"\b(?:or|and|and/or)\s*$", regex.IGNORECASE)
_DISJUNCTION = lazy(r"\b(?:or|nor)\s+$", regex.IGNORECASE)
_LIST_BREAK = frozenset({",", "and", "or"})
# A subject pronoun opens a clause of its own: "does not sting, in fact, it
# reverses eczema" is no list whose items share "not".
_SUBJECT_PRONOUN = lazy(r"\s*(?:it|they|we|this|these|that|he|she|you)\s+", regex.IGNORECASE)
# A match that goes on "halt or reverse ...": it is the tail of a list of verbs
# when a comma and a verb after a modal stand right before it ("can slow, halt or
# reverse"), not after an adjective ("is not greasy, soothes and heals").
_LIST_GOES_ON = lazy(r"[\p{L}\p{N}’'-]+(?:\s+[\p{L}\p{N}’'-]+){0,2}?,?\s+(?:or|and|nor|and/or)\s", regex.IGNORECASE)
_VERB_ITEM_BEFORE = lazy(r"\b(?:can|could|may|might|will|would|shall|should|must|cannot|to|does|do|did)\s+[\p{L}’'-]+\s*$", regex.IGNORECASE)
# Or a finite verb that a report introduces, in the same form as the match's
# ("shown that turmeric improves, halts or reverses").
_FINITE_ITEM_BEFORE = lazy(r"\bthat\s+(?:[\p{L}\p{N}’'+-]+\s+){1,4}[\p{L}’'-]+[^s\W]s\s*$", regex.IGNORECASE)
_THIRD_PERSON_VERB = lazy(r"[\p{L}’'-]+[^s\W]s\b", regex.IGNORECASE)
# What ends the stretch after a claim that a following cue may govern from.
# A dash opens a clause of its own: "is completely safe — donor cells are not
# rejected" denies nothing about safety.
_AFTER_STOP = lazy(r"[,;:—–]|\s-\s|\b(?:and|but|while|which|that|because)\b", regex.IGNORECASE)
_DASHES = frozenset("—–-")
_PAIRED_DASH = lazy(r"[^—–,;:]{1,40}?(?:[—–]|\s-\s)")
# A dash that can open or close an aside: not one in a range ("a 2–3 minute plunge").
_ASIDE_DASH = lazy(r"(?<!\d)[—–](?!\d)")
MAX_CLAUSE = 120


# A parenthesis that interrupts a clause the claim's governor opened: "Nobody, not
# even the keenest researchers, thinks ...", "It is not true, despite what you may
# read, that ...", "We do not, and will never, claim that ...". Only openers that
# cannot start a clause of their own: "in fact" or "of course" may stand between
# two clauses ("it does not hurt, in fact, it heals"), and blanking them would join
# a denial to the claim after it.
_PARENTHESIS_OPENER = (
    r"(?:not even|not least|despite|in spite of|contrary to|let alone|whatever (?:[\w’'-]+ ){0,3}?(?:says?|claims?|tells? you)"
    r"|and (?:there )?(?:has|have|had|will|would|is|are|was|were|does|do|did|can|could)(?:\s+[\w’'-]+)?\s+(?:never|not|always|ever)\b"
    r"|or (?:ever|will|would|could|can) (?:ever|never|be)\b)"
)
_PARENTHESIS = lazy(
    rf",\s*{_PARENTHESIS_OPENER}[^,;:.!?()\n]{{0,80}},|\s[—–]\s*{_PARENTHESIS_OPENER}[^—–;:.!?()\n]{{0,80}}[—–]",
    regex.IGNORECASE,
)


def blank_parentheses(prose: str) -> str:
    """``prose`` with each interrupting parenthesis (and the commas or dashes
    around it) replaced by spaces, so that the words before it govern the words
    after it as if it were not there. Offsets are unchanged."""
    # Most pages hold none: the prose itself is returned, not a copy (a 25 MB
    # page's copy cost a twentieth of the memory bound).
    found = [match.span() for match in _PARENTHESIS.finditer(prose)]
    if not found:
        return prose
    pieces, position = [], 0
    for start, end in found:
        pieces += [prose[position:start], " " * (end - start)]
        position = end
    pieces.append(prose[position:])
    return "".join(pieces)


def clause_before(prose: str, sentence_start: int, match_start: int, max_chars: int = MAX_CLAUSE) -> str:
    """The text from the start of the match's clause up to the match. When the
    match is an item of a list ("not intended to diagnose, treat, cure, or
    prevent"), the items before it are left out, so the clause that introduces
    the list reads as if it governed the match directly."""
    start, end = clause_before_span(prose, sentence_start, match_start, max_chars)
    # A list's introducing clause ends before the items: a space stands for them.
    return prose[start:end] + (" " if end < match_start else "")


def clause_before_span(prose: str, sentence_start: int, match_start: int, max_chars: int = MAX_CLAUSE) -> tuple[int, int]:
    """Offsets of :func:`clause_before`'s text: where the governing words start
    and end (for a list, the introducing clause, which ends before the items)."""
    window_start = max(sentence_start, match_start - max_chars)
    if window_start > sentence_start and prose[window_start - 1 : window_start + 1].isalnum():
        # A window cut inside a word starts after it: "hopefully" cut to
        # "ully", "ourselves" to "our" would read as other words.
        space = _SPACE.search(prose, window_start, match_start)
        window_start = match_start if space is None else space.end()
    window = prose[window_start:match_start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if not breaks:
        return window_start, match_start
    index = len(breaks) - 1
    # "slow, halt or reverse": the words between the last comma and the match
    # are the list's other items when they end with its conjunction.
    tail = window[breaks[-1].end() :]
    tail_words = len(_WORD.findall(tail))
    if (tail_words > 1 or _SUBJECT_PRONOUN.fullmatch(tail) is not None) and _COORDINATED_TAIL.search(tail) is None:
        # Words of the match's own clause stand between it and the last break:
        # the match is not an item of a list.
        return window_start + breaks[-1].end(), match_start
    crossed_item = breaks[-1].group().lower() in _LIST_BREAK and (
        0 < tail_words <= 3 and _COORDINATED_TAIL.search(tail) is not None
        or tail_words == 0 and breaks[-1].group() == "," and _LIST_GOES_ON.match(prose, match_start) is not None
        and (_VERB_ITEM_BEFORE.search(window, 0, breaks[-1].start()) is not None
             or _THIRD_PERSON_VERB.match(prose, match_start) is not None
             and _FINITE_ITEM_BEFORE.search(window, 0, breaks[-1].start()) is not None)
    )
    while breaks[index].group().lower() in _LIST_BREAK and index > 0:
        item = window[breaks[index - 1].end() : breaks[index].start()]
        words = len(_WORD.findall(item))
        if words > 3:
            break
        crossed_item = crossed_item or words > 0
        index -= 1
    if not crossed_item:
        return window_start + breaks[-1].end(), match_start
    if breaks[index].group().lower() not in _LIST_BREAK:
        return window_start + breaks[index].end(), match_start
    intro_start = breaks[index - 1].end() if index > 0 else 0
    return window_start + intro_start, window_start + breaks[index].start()


def last_words(text: str, count: int) -> str:
    """The last ``count`` words of ``text`` and what follows them."""
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return ""
    return text[tokens[max(0, len(tokens) - count)].start() :]


def words_in(text: str) -> int:
    return len(_WORD.findall(text))


def ends_in_disjunction(text: str) -> bool:
    """"No therapy can cure arthritis or reverse joint damage": under a
    negation, "or" coordinates denied alternatives."""
    return _DISJUNCTION.search(text) is not None


def clause_after(prose: str, match_end: int, sentence_end: int) -> tuple[int, int]:
    """The stretch after a claim up to the next clause break."""
    position = match_end
    # A claim inside an aside ("a pill — one with no side effects — is still a dream"):
    # the dash that closes the aside returns to the clause the claim belongs to.
    before = prose[max(0, match_end - 2 * MAX_CLAUSE):match_end]
    before = before[max(before.rfind(mark) for mark in ".!?\n") + 1:]
    inside_aside = len(_ASIDE_DASH.findall(before)) % 2 == 1
    while (stop := _AFTER_STOP.search(prose, position, sentence_end)) is not None:
        if stop.group().strip() in _DASHES:
            closing = _PAIRED_DASH.match(prose, stop.end(), sentence_end)
            if inside_aside or closing is not None:
                inside_aside = False
                position = closing.end() if closing is not None else stop.end()
                continue  # "is — sadly — not yet real": an aside, read past it
        return match_end, stop.start()
    return match_end, sentence_end
