"""The context a careful reviewer reads around a claim: negation and contrast,
hedging, reported speech (someone else's claim, quoted or warned about) and
questions. Each check looks only inside the claim's own clause or sentence.
"""

from __future__ import annotations

import regex

from ..lazyregex import lazy

# Words that end a clause: a negation before them does not reach past them.
_CLAUSE_BREAK = lazy(
    r"[;:,()\[\]—–]|\s-\s|\b(?:but|however|although|though|yet|whereas|while|and|instead|nevertheless|so)\b",
    regex.IGNORECASE,
)
_PRE_NEGATION = lazy(
    r"""\b(?:no|not|never|cannot|can\s?not|nor|neither|without|none|nothing|nobody|
    (?:is|are|was|were|does|do|did|has|have|had|ca|wo|would|could|should|need|must)n[’']t|
    unable\s+to|fail(?:s|ed)?\s+to|rather\s+than|instead\s+of|unlike|no\s+longer|lack(?:s|ing)?(?:\s+of)?|
    impossible|unlikely|far\s+from|yet\s+to|incapable\s+of|nothing\s+to\s+suggest|absence\s+of|
    only\s+a\s+few|(?<!\ba\s)(?<!\bvery\s)(?:few|little)|
    little\s+evidence|insufficient\s+evidence|unproven|disprove[sd]?|debunk(?:s|ed)?|myth|false
    )\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# "not only ... but", "no doubt", "nothing short of" intensify rather than negate.
_INTENSIFIER = lazy(
    r"\b(?:not\s+(?:only|just|merely|simply)|no\s+(?:doubt|wonder|question)|nothing\s+short\s+of|"
    r"never\s+(?:been|before)|no\s+more\s+than|nothing\s+less\s+than|without\s+(?:a\s+doubt|question|fail))\b",
    regex.IGNORECASE,
)
_POST_NEGATION = lazy(
    r"""^[^.;:!?]{0,40}?\b(?:
    (?:is|are|has|have|was|were)\s*(?:not|n[’']t)|
    # "a cure does not exist", but not "the miracle formula doctors don't want you to know about"
    (?:does|do|did)\s*(?:not|n[’']t)\s+(?:yet\s+|really\s+|actually\s+)?(?:exist|work|happen|occur|deliver|live\s+up|hold\s+up|stand\s+up|apply|last)|
    (?:has|have)\s+yet\s+to|not\s+yet|cannot\s+be|can[’']t\s+be|
    remains?\s+(?:elusive|unknown|unproven|out\s+of\s+reach|a\s+(?:distant\s+)?(?:hope|goal|dream))|
    is\s+(?:still\s+)?(?:a\s+)?(?:myth|unproven|unlikely|not\s+possible|impossible)|
    (?:has|have)\s+(?:never|not)\s+been|
    (?:is|are|was|were|has\s+been|have\s+been)\s+(?:strictly\s+|now\s+|currently\s+)?(?:prohibited|banned|forbidden|illegal|unlawful|not\s+(?:permitted|allowed|approved))
    )\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# A denied report scopes over everything it introduces: "none has shown that
# they can halt or reverse", "no evidence that it can cure".
_DENIED_REPORT = lazy(
    r"""\b(?:no|none|never|not|nothing|neither|little|insufficient|without)\s+(?:\w+\s+){0,4}?
    (?:shown|show|shows|proven|prove|proves|demonstrated|demonstrate|found|evidence|proof|data|suggest(?:s|ed)?|indicat(?:es|ed)|support(?:s|ed)?)
    \s+(?:that|to|whether|it|they)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_DISJUNCTION = lazy(r"\b(?:or|nor)\s+$", regex.IGNORECASE)
_POST_STOP = lazy(r"[,;:]|\b(?:and|but|while|which|that|because)\b", regex.IGNORECASE)
_HEDGE = lazy(
    r"\b(?:may|might|could|can\s+potentially|potential(?:ly)?|possibl[ey]|perhaps|hope(?:s|d)?|hopefully|"
    r"aims?\s+to|aiming\s+to|seeks?\s+to|promis(?:e|es|ing)|likely|appears?\s+to|seems?\s+to|suggests?|"
    r"early|preliminary|in\s+some\s+(?:cases|patients)|some\s+patients)\b",
    regex.IGNORECASE,
)
_REPORTED = lazy(
    r"""\b(?:claim(?:s|ed|ing)?|promis(?:e|es|ed|ing)\s+(?:to|that|a)|advertis(?:e|es|ed|ing|ements?)|
    market(?:s|ed|ing)?\s+as|tout(?:s|ed|ing)?|purport(?:s|ed|ing)?|so-called|alleg(?:e|es|ed|edly)|falsely|
    bogus|fraud(?:ulent)?|deceptive|misleading|scam(?:s|mers)?|quack(?:ery)?|beware|be\s+(?:very\s+|extremely\s+|especially\s+)?(?:wary|skeptical|sceptical|cautious|careful)|
    warn(?:s|ed|ing|ings)?|red\s+flags?|too\s+good\s+to\s+be\s+true|snake\s+oil|hype[ds]?|sell(?:s|ing)?\s+the\s+idea|
    (?:no|any)\s+(?:product|treatment|clinic|supplement|company|one)\s+(?:that|which|can|could|will)|
    (?:products?|treatments?|clinics?|companies|sellers?|websites?|ads?)\s+(?:that|which)\s+(?:offer|sell)|
    \w+\s+(?:that|which|who)\s+(?:say|says|said|claim|claims|claimed|promise|promises|promised|advertise|advertises)|
    (?:clinics|companies|providers|sellers|websites|systems|practitioners|people|others|those|products|therapies|treatments|approaches)\s+
        (?:\w+\s+){0,2}?(?:offering|selling|peddling|promoting|advertising|marketing|promising)|
    say(?:s|ing)?\s+(?:that\s+)?(?:it|they|their|its|the)\s+(?:\w+\s+){0,2}?(?:can|will|could|would|may)|unapproved|illegal(?:ly)?|avoid|steer\s+clear|watch\s+out\s+for|look\s+out\s+for|
    (?:labell?ed|promoted|sold|billed|branded|presented)\s+as|
    (?:promised|supposed|purported|touted|advertised)\s+(?:\w+\s+)?(?=cur|miracle|breakthrough)|
    (?<!\b(?:a|an|the|our|this|its|their)\s+)promising\s+(?=cur)|
    believ(?:e|es|ed|ing)\s+(?:it|that|they|this)|swear(?:s|ing)?(?!\s+by)|swore|insist(?:s|ed|ing)?|reckons?|beliefs?\s+(?:that|in)|expectations?\s+(?:of|that)|
    (?P<described>described\s+as))\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_WORD = lazy(r"[\p{L}\p{N}’'-]+")
# "described as a breakthrough by one leading expert" is an endorsement the
# page passes on, not a claim it distances itself from.
_ENDORSER = lazy(
    r"\bby\s+(?:\w+\s+){0,3}?(?:experts?|scientists?|researchers?|doctors?|professors?|specialists?|physicians?|neurologists?)\b",
    regex.IGNORECASE,
)
_COORDINATED_TAIL = lazy(r"\b(?:or|and|and/or)\s*$", regex.IGNORECASE)
_LIST_BREAK = frozenset({",", "and", "or"})


def clause_before(prose: str, sentence_start: int, match_start: int, max_chars: int = 120) -> str:
    """The text from the start of the match's clause up to the match. When the
    match is an item of a list ("not intended to diagnose, treat, cure or
    prevent"), the items before it are left out, so the clause that introduces
    the list reads as if it governed the match directly."""
    window_start = max(sentence_start, match_start - max_chars)
    window = prose[window_start:match_start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if not breaks:
        return window
    index = len(breaks) - 1
    # "slow, halt or reverse": the words between the last comma and the match
    # are the list's other items when they end with its conjunction.
    tail = window[breaks[-1].end() :]
    tail_words = len(_WORD.findall(tail))
    if tail_words > 1 and _COORDINATED_TAIL.search(tail) is None:
        # Words of the match's own clause stand between it and the last break:
        # the match is not an item of a list.
        return tail
    crossed_item = breaks[-1].group().lower() in _LIST_BREAK and 0 < tail_words <= 3 and _COORDINATED_TAIL.search(tail) is not None
    while breaks[index].group().lower() in _LIST_BREAK and index > 0:
        item = window[breaks[index - 1].end() : breaks[index].start()]
        words = len(_WORD.findall(item))
        if words > 3:
            break
        crossed_item = crossed_item or words > 0
        index -= 1
    if not crossed_item:
        return window[breaks[-1].end() :]
    if breaks[index].group().lower() not in _LIST_BREAK:
        return window[breaks[index].end() :]
    intro_start = breaks[index - 1].end() if index > 0 else 0
    return window[intro_start : breaks[index].start()] + " "


def is_negated(prose: str, sentence_start: int, sentence_end: int, match_start: int, match_end: int, words: int = 5) -> bool:
    """True when the claim at ``[match_start, match_end)`` is denied or contrasted
    away: "there is no cure", "cannot reverse", "rather than halting", "a cure
    does not exist"."""
    before = clause_before(prose, sentence_start, match_start)
    tokens = list(_WORD.finditer(before))
    if tokens:
        window = before[tokens[max(0, len(tokens) - words)].start() :]
        cleaned = _INTENSIFIER.sub(" ", window)
        if _PRE_NEGATION.search(cleaned):
            return True
    if _DENIED_REPORT.search(before):
        return True
    # "No therapy can cure arthritis or reverse joint damage": under a negation,
    # "or" coordinates denied alternatives.
    if _DISJUNCTION.search(before) and _PRE_NEGATION.search(_INTENSIFIER.sub(" ", before)):
        return True
    after = prose[match_end:sentence_end]
    stop = _POST_STOP.search(after)
    if stop is not None:
        after = after[: stop.start()]
    return bool(_POST_NEGATION.search(after))


# "Studies have failed to show", "research has not confirmed": the claim's own
# words deny it.
_DENIAL_INSIDE = lazy(
    r"\b(?:fail(?:s|ed)?\s+to|did\s+not|do\s+not|does\s+not|has\s+not|have\s+not|had\s+not|not|never|no|no\s+longer|n[’']t)\b",
    regex.IGNORECASE,
)


def denies_within(claim: str) -> bool:
    return _DENIAL_INSIDE.search(claim) is not None


def is_hedged(prose: str, sentence_start: int, match_start: int) -> bool:
    return bool(_HEDGE.search(prose, max(sentence_start, match_start - 80), match_start))


def is_reported(prose: str, sentence_start: int, match_start: int, sentence_end: int | None = None) -> bool:
    """Someone else's claim, cited to be warned about or reported: "clinics that
    claim to cure", "the FDA warns", "beware of promises that", "families
    believing it will lead to a cure"."""
    # The search runs a little past the match so that look-aheads ("promised
    # cures") can see it; only cues that end before the match count.
    for cue in _REPORTED.finditer(prose, sentence_start, min(len(prose), match_start + 12)):
        if cue.end() > match_start:
            continue
        if cue.group("described") and sentence_end is not None and _ENDORSER.search(prose, match_start, sentence_end):
            continue
        return True
    return False


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


_QUOTE_AFTER = lazy(r"[^\"“”«»\n.!?]{0,40}?(?:[\"”»]|['’](?!\w))")
_QUOTE_BEFORE = lazy(r"(?r)[\"“«‘'][^\"“”«»\n.!?]{0,40}?$")


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


def is_question(prose: str, sentence_start: int, sentence_end: int) -> bool:
    return prose[sentence_start:sentence_end].rstrip(" \"”’)").endswith("?")
