"""No built-in pattern may end in a space.

Every trigger is wrapped so that a match cannot stop inside a word (it must
not be followed by a letter or digit). A branch that ends in a literal space
("free shipping on (?:all |orders)", "was free of ") therefore never matches
before the next word: the rule silently never fires there. Two such branches
were found by hand; this test finds the rest. Patterns are read with the
standard library's regex parser after the `regex`-module syntax it does not
know (``\\p{L}``, ``(?-i:``, ``{vocabulary}``) is rewritten to equivalents that
end the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import yaml

try:  # Python 3.11+
    import re._parser as sre_parse  # type: ignore[import-not-found]
    from re._constants import (  # type: ignore[import-not-found]
        ANY, ASSERT, ASSERT_NOT, AT, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, NOT_LITERAL, SUBPATTERN,
    )
except ImportError:  # Python 3.10
    import sre_parse  # type: ignore[no-redef]
    from sre_constants import (  # type: ignore[no-redef]
        ANY, ASSERT, ASSERT_NOT, AT, BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, NOT_LITERAL, SUBPATTERN,
    )

RULES = Path(__file__).resolve().parent.parent / "rules"
PATTERN_KEYS = ("patterns", "require", "require_all", "require_near", "require_document", "lenient_require")
SPACE = ord(" ")


def _for_stdlib(pattern: str) -> str:
    pattern = re.sub(r"\\[pP]\{[^}]*\}", r"\\w", pattern)
    pattern = re.sub(r"\{[a-z_][\w.-]*(?::[a-z0-9_]+)?\}", "x", pattern)
    pattern = pattern.replace("(?-i:", "(?:")
    return pattern


def _ends_in_space(items: Any) -> tuple[bool, bool]:
    """(whether the sequence can end with a literal space, whether it can be empty)."""
    ends = False
    for op, arg in reversed(list(items)):
        item_ends, nullable = _item(op, arg)
        ends = ends or item_ends
        if not nullable:
            return ends, False
    return ends, True


def _item(op: Any, arg: Any) -> tuple[bool, bool]:
    if op is LITERAL:
        return arg == SPACE, False
    if op in (NOT_LITERAL, ANY, IN):
        return False, False
    if op is AT:
        return False, False  # an anchored end ("... $") is the author's choice
    if op in (ASSERT, ASSERT_NOT):
        return False, True
    if op is SUBPATTERN:
        return _ends_in_space(arg[-1])
    if op is BRANCH:
        results = [_ends_in_space(branch) for branch in arg[1]]
        return any(r[0] for r in results), any(r[1] for r in results)
    if op in (MAX_REPEAT, MIN_REPEAT):
        low, _high, body = arg
        ends, nullable = _ends_in_space(body)
        return ends, nullable or low == 0
    return False, False


def _builtin_patterns() -> Iterator[tuple[str, str]]:
    for path in sorted(RULES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for rule in data.get("rules") or []:
            for key in PATTERN_KEYS:
                values = rule.get(key) or []
                for value in [values] if isinstance(values, str) else values:
                    if isinstance(value, str):
                        yield f"{path.name} {rule.get('code')} {key}", value
        # Context cues are wrapped the same way: a cue that ends in a space never matches.
        for name, cue in (data.get("cues") or {}).items():
            for value in (cue or {}).get("patterns") or [] if isinstance(cue, dict) else []:
                if isinstance(value, str):
                    yield f"{path.name} cue {name}", value
        for name, entry in (data.get("define") or {}).items():
            for value in entry if isinstance(entry, list) else []:
                if isinstance(value, str):
                    yield f"{path.name} define {name}", value


def test_no_builtin_pattern_can_end_in_a_space() -> None:
    offenders, read = [], 0
    for where, pattern in _builtin_patterns():
        try:
            parsed = sre_parse.parse(_for_stdlib(pattern))
        except re.error:
            continue  # syntax only the regex module knows; rare, and checked by hand
        read += 1
        if _ends_in_space(parsed)[0]:
            offenders.append(f"{where}: {pattern[-60:]!r}")
    assert read > 300, read
    assert not offenders, "\n".join(offenders)


def test_the_check_finds_a_branch_that_ends_in_a_space() -> None:
    def ends(pattern: str) -> bool:
        return _ends_in_space(sre_parse.parse(_for_stdlib(pattern)))[0]

    assert ends("free shipping on (?:all |orders)")
    assert ends("was free of ")
    assert ends("(?:a|b )?")
    assert not ends("free shipping on (?:all (?:orders|items)|orders)")
    assert not ends("(?:[\\w’'-]+ ){0,3}?{condition}")
    assert not ends("in (?:the )?(?:normal|healthy) range(?= )")
