"""Contact details in prose: phone numbers, e-mail addresses, messaging apps
and booking links. Phone numbers are validated with libphonenumber's metadata
(the ``phonenumbers`` package), so a DOI, a date range or a trial id with many
digits is not taken for a phone number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import regex

from ..lazyregex import lazy

_PHONE_CANDIDATE = lazy(
    r"(?<![\w/.=:#-])(?:\+|00)?\(?\d[\d \t().\-\u2010-\u2013]{5,20}\d(?![\w/-]|\.\d)"
)
_PHONE_CONTEXT = lazy(
    # "Tel:", "Call us:", "Call now", "Call toll-free"
    r"(?i)\b(?:tel|telephone|phone|ph|call|mobile|mob|cell|whats\s?app|viber|telegram|signal|hotline|fax|contact|text|sms"
    # "Appointments: 555-0100", "New patients: ...", "Reception (512) ..."
    r"|appointments?|bookings?|reservations?|enquiries|inquiries|reception|front desk|new patients|patient line|office)\b"
    r"(?:\s+(?:us|me|now|today|toll[\s-]?free|free))*\W{0,12}$|[☎📞📱]\W{0,6}$"
    # "Contact Harbour Acupuncture on 9387 3389", "call our front desk at"
    r"|(?i:\b(?:call|phone|ring|contact|text|reach)\b(?:\s+[\w&'’.-]+){1,4}\s+(?:on|at)\W{0,3}$)"
)
# Local numbers of eight digits (Australia, Singapore, Hong Kong) count only
# after words that ask the reader to call.
_SHORT_LOCAL_SHAPE = lazy(r"^\d{4}[ .\-]?\d{4}$")
_NOT_PHONE_BEFORE = lazy(r"(?i)(?:nct|pmid|pmc|isrctn|doi|isbn|issn|no\.|number|ref|id|#)\W{0,3}$")
_LOCAL_SHAPE = lazy(r"^(?:1[ .\-])?\(?\d{3}\)?[ .\-]\d{3}[ .\-]\d{4}$|^\d{3,5}[ ]\d{3,4}[ ]\d{3,4}$|^0\d{2,4}[ .\-]?\d{3,4}[ .\-]?\d{3,4}$")
# An address, or one written against harvesters: "info [at] clinic [dot] com".
EMAIL = lazy(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"
    r"|(?<![\w.+-])[\w.+-]+\s*[\[(](?i:at)[\])]\s*[\w-]+(?:\s*(?:[\[(](?i:dot)[\])]|\.)\s*[\w-]+)+"
)
MESSAGING = lazy(
    r"(?i)(?<![\w])(?:whats\s?app|telegram|viber|wechat|we\s?chat|line\s+id|(?-i:LINE)(?=\s*:)|skype|kakao\s?talk|zalo|wa\.me/\S+|t\.me/\S+|signal\s+(?:app|messenger|number))(?![\w])"
)
BOOKING_LINK = lazy(r"(?i)\b(?:https?://)?(?:www\.)?(?:calendly\.com|[\w.-]+\.\w+/[\w/-]*(?:book|appointment|consult|schedule|reserve)[\w/-]*)\S*")


@dataclass(frozen=True)
class Contact:
    start: int
    end: int
    channel: str
    """phone, email, messaging or link."""


CHANNEL_PATTERNS = {"phone": _PHONE_CANDIDATE, "email": EMAIL, "messaging": MESSAGING, "link": BOOKING_LINK}


def find_contacts(prose: str, channels: frozenset[str],
                  finditer: Callable[[regex.Pattern[str]], Iterable[regex.Match[str]]] | None = None) -> Iterator[Contact]:
    """Contact details of the given channels. ``finditer`` finds a pattern's
    matches (by default over all of ``prose``; the engine passes one that
    searches only where its prefilter says they may be)."""
    search = finditer or (lambda pattern: pattern.finditer(prose))
    for channel, pattern in CHANNEL_PATTERNS.items():
        if channel not in channels:
            continue
        for match in search(pattern):
            if channel == "phone" and not _is_phone(prose, match) or channel == "messaging" and not _invites(prose, match):
                continue
            yield Contact(match.start(), match.end(), channel)


# A messaging app's name is a contact when the text invites the reader to use it
# or gives a handle, a number or a link nearby ("WhatsApp us", "Telegram:
# @clinic"), not when it only names a platform ("Telegram channel export").
_INVITED_BEFORE = lazy(
    r"(?i)\b(?:message|text|contact|reach|chat|write|call|dm|join|follow|add|ping)\b(?:\s+\w+){0,3}\W*$|\b(?:on|via|through|by|or)\W*$"
)
_INVITED_AFTER = lazy(
    r"(?i)^\s*(?:(?:us|me|our|now|today)\b|(?:(?:group|channel|number|chat)\s*)?[:(\-–]?\s*(?:@|\+|\(?\d|https?:|wa\.me|t\.me|(?:at|on)\b)"
    # A handle after a colon: "WeChat ID: regenclinic88", "Skype: regen.clinic".
    r"|(?:id|handle|username|name)?\s*:\s*@?[\w.+-]{3,})"
)


def _invites(prose: str, match: regex.Match[str]) -> bool:
    if "/" in match.group():
        return True  # wa.me/..., t.me/...
    before = prose[max(0, match.start() - 30) : match.start()]
    after = prose[match.end() : match.end() + 30]
    return _INVITED_BEFORE.search(before) is not None or _INVITED_AFTER.search(after) is not None


def _is_phone(prose: str, match: regex.Match[str]) -> bool:
    text = match.group().strip(" .()-")
    digits = sum(ch.isdigit() for ch in text)
    if not 7 <= digits <= 15:
        return False
    before = prose[max(0, match.start() - 48) : match.start()]
    if _NOT_PHONE_BEFORE.search(before):
        return False
    if regex.fullmatch(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d", text):
        return False
    international = match.group().lstrip("(").startswith(("+", "00"))
    if international:
        return _possible(match.group())
    if _PHONE_CONTEXT.search(before):
        return (_possible(match.group(), "US") or _possible(match.group(), "GB") or bool(_LOCAL_SHAPE.match(text))
                or bool(_SHORT_LOCAL_SHAPE.match(text)))
    if _LOCAL_SHAPE.match(text):
        return True
    return False


def _possible(number: str, region: str | None = None) -> bool:
    import phonenumbers  # metadata loads on first use only

    try:
        parsed = phonenumbers.parse(number.replace("00", "+", 1) if number.startswith("00") else number, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_possible_number(parsed))
