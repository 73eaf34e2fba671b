"""The context a careful reviewer reads around a claim: negation and contrast,
hedging, reported speech (someone else's claim, quoted or warned about) and
questions. Each check looks only inside the claim's own clause or sentence.
"""

from __future__ import annotations

import regex

# Words that end a clause: a negation before them does not reach past them.
_CLAUSE_BREAK = regex.compile(
    r"[;:,()\[\]—–]|\s-\s|\b(?:but|however|although|though|yet|whereas|while|and|instead|nevertheless|so)\b",
    regex.IGNORECASE,
)
_PRE_NEGATION = regex.compile(
    r"""\b(?:no|not|never|cannot|can\s?not|nor|neither|without|none|nothing|nobody|
    (?:is|are|was|were|does|do|did|has|have|had|ca|wo|would|could|should|need|must)n[’']t|
    unable\s+to|fail(?:s|ed)?\s+to|rather\s+than|instead\s+of|unlike|no\s+longer|lack(?:s|ing)?(?:\s+of)?|
    impossible|unlikely|far\s+from|yet\s+to|incapable\s+of|nothing\s+to\s+suggest|absence\s+of|
    little\s+evidence|insufficient\s+evidence|unproven|disprove[sd]?|debunk(?:s|ed)?|myth|false
    )\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# "not only ... but", "no doubt", "nothing short of" intensify rather than negate.
_INTENSIFIER = regex.compile(
    r"\b(?:not\s+(?:only|just|merely|simply)|no\s+(?:doubt|wonder|question)|nothing\s+short\s+of|"
    r"never\s+(?:been|before)|no\s+more\s+than|nothing\s+less\s+than|without\s+(?:a\s+doubt|question|fail))\b",
    regex.IGNORECASE,
)
_POST_NEGATION = regex.compile(
    r"""^[^.;:!?]{0,40}?\b(?:
    (?:does|do|is|are|has|have|was|were)\s*(?:not|n[’']t)|
    (?:has|have)\s+yet\s+to|not\s+yet|cannot\s+be|can[’']t\s+be|
    remains?\s+(?:elusive|unknown|unproven|out\s+of\s+reach|a\s+(?:distant\s+)?(?:hope|goal|dream))|
    is\s+(?:still\s+)?(?:a\s+)?(?:myth|unproven|unlikely|not\s+possible|impossible)|
    (?:has|have)\s+(?:never|not)\s+been
    )\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_POST_STOP = regex.compile(r"[,;:]|\b(?:and|but|while|which|that|because)\b", regex.IGNORECASE)
_HEDGE = regex.compile(
    r"\b(?:may|might|could|can\s+potentially|potential(?:ly)?|possibl[ey]|perhaps|hope(?:s|d)?|hopefully|"
    r"aims?\s+to|aiming\s+to|seeks?\s+to|promis(?:e|es|ing)|likely|appears?\s+to|seems?\s+to|suggests?|"
    r"early|preliminary|in\s+some\s+(?:cases|patients)|some\s+patients)\b",
    regex.IGNORECASE,
)
_REPORTED = regex.compile(
    r"""\b(?:claim(?:s|ed|ing)?|promis(?:e|es|ed|ing)\s+(?:to|that|a)|advertis(?:e|es|ed|ing|ements?)|
    market(?:s|ed|ing)?\s+as|tout(?:s|ed|ing)?|purport(?:s|ed|ing)?|so-called|alleg(?:e|es|ed|edly)|falsely|
    bogus|fraud(?:ulent)?|deceptive|misleading|scam(?:s|mers)?|quack(?:ery)?|beware|be\s+(?:very\s+|extremely\s+|especially\s+)?(?:wary|skeptical|sceptical|cautious|careful)|
    warn(?:s|ed|ing|ings)?|red\s+flags?|too\s+good\s+to\s+be\s+true|snake\s+oil|hype[ds]?|sell(?:s|ing)?\s+the\s+idea|
    (?:no|any)\s+(?:product|treatment|clinic|supplement|company|one)\s+(?:that|which|can|could|will)|
    (?:products?|treatments?|clinics?|companies|sellers?|websites?|ads?)\s+(?:that|which)\s+(?:say|says|said|offer|sell)|
    say(?:s|ing)?\s+(?:it|they|their|its)\s+(?:can|will|could)|unapproved|illegal(?:ly)?|avoid|steer\s+clear|watch\s+out\s+for|look\s+out\s+for|
    (?:described|labell?ed|promoted|sold|billed|branded|presented)\s+as)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
_WORD = regex.compile(r"[\p{L}\p{N}’'-]+")


def clause_before(prose: str, sentence_start: int, match_start: int, max_chars: int = 120) -> str:
    """The text from the start of the match's clause up to the match."""
    window_start = max(sentence_start, match_start - max_chars)
    window = prose[window_start:match_start]
    last_break = None
    for last_break in _CLAUSE_BREAK.finditer(window):
        pass
    return window[last_break.end() :] if last_break else window


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
    after = prose[match_end:sentence_end]
    stop = _POST_STOP.search(after)
    if stop is not None:
        after = after[: stop.start()]
    return bool(_POST_NEGATION.search(after))


def is_hedged(prose: str, sentence_start: int, match_start: int) -> bool:
    return bool(_HEDGE.search(prose, max(sentence_start, match_start - 80), match_start))


def is_reported(prose: str, sentence_start: int, match_start: int) -> bool:
    """Someone else's claim, cited to be warned about or reported: "clinics that
    claim to cure", "the FDA warns", "beware of promises that"."""
    return bool(_REPORTED.search(prose, sentence_start, match_start))


def is_question(prose: str, sentence_start: int, sentence_end: int) -> bool:
    return prose[sentence_start:sentence_end].rstrip(" \"”’)").endswith("?")
