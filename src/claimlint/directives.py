"""claimlint's inline directives (suppression comments), parsed from comment text.

    claimlint-disable-next-line [CODES] [-- reason]
    claimlint-disable-line [CODES]
    claimlint-disable [CODES]   ...   claimlint-enable [CODES]
    claimlint-disable-file
"""

from __future__ import annotations

import regex

from .lazyregex import lazy

from .document import Directive

ACTIONS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")

_DIRECTIVE = lazy(
    r"claimlint-(?P<action>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<codes>[^\n]*?)(?:\s--\s*(?P<reason>.*?))?\s*$",
    regex.DOTALL,
)
_CODE = lazy(r"[A-Za-z][\w-]*")


def parse_directive(comment: str, line: int, end_line: int, own_line: bool) -> Directive | None:
    """``comment`` is the comment's inner text (without ``<!--``/``-->``)."""
    match = _DIRECTIVE.search(comment.strip())
    if match is None:
        return None
    codes = tuple(c for c in _CODE.findall(match.group("codes").replace(",", " ")))
    return Directive(
        action=match.group("action"),
        codes=codes,
        line=line,
        end_line=end_line,
        own_line=own_line,
        reason=(match.group("reason") or "").strip(),
    )
