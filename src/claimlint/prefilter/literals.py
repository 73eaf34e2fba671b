"""Literal anchors: words every match of a pattern must contain.

The engine scans each document once for the anchors of all rules together and
runs a rule's full pattern only in the sentences where one of its anchors
occurs. ``cur(?:e|es|ed)`` cannot match without the letters "cur", so a
sentence without them needs no regular-expression search at all.

:func:`anchors` reads a compiled pattern's source with a small parser of the
regular-expression syntax. It is conservative: whatever it does not understand
(a character class, an optional group, an inline flag) breaks a literal run or
makes a branch unanchored, and a pattern with an unanchored branch returns
``None`` so the engine searches it everywhere. A wrong answer could only cost
speed, never a finding, as long as every anchor returned is in every match.
"""

from __future__ import annotations

from typing import Optional

import regex

from .superset import LOOSE_MARK

Anchors = Optional[frozenset[str]]

# Escapes that stand for one literal character (the rest are classes,
# assertions or references, which match no fixed text).
_LITERAL_ESCAPES = frozenset(r".-()[]{}|^$*+?\/&~#'\"%:;,!@<>=`_ ")
_QUANTIFIER_START = frozenset("?*+{")
_DIGITS = frozenset("0123456789")
_SCOPED_FLAGS = regex.compile(r"\?-?i:")


def anchors(source: str) -> Anchors:
    """The literal strings (lower case) of which every match of ``source``
    contains at least one, or ``None`` when no such set was found."""
    try:
        parser = _Parser(source)
        found = parser.alternation()
        if parser.position != len(source):
            return None
    except _Unsupported:
        return None
    return found


class _Unsupported(Exception):
    pass


def _better(a: Anchors, b: Anchors) -> Anchors:
    """The more selective of two anchor sets: longer shortest string, then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.position = 0

    def _peek(self, offset: int = 0) -> str:
        index = self.position + offset
        return self.source[index] if index < len(self.source) else ""

    def alternation(self) -> Anchors:
        branches = [self.sequence()]
        while self._peek() == "|":
            self.position += 1
            branches.append(self.sequence())
        if any(branch is None for branch in branches):
            return None
        return frozenset().union(*branches)  # type: ignore[arg-type]

    def sequence(self) -> Anchors:
        best: Anchors = None
        run: list[str] = []

        def close_run() -> None:
            nonlocal best
            if run:
                best = _better(best, frozenset({"".join(run)}))
                run.clear()

        while self.position < len(self.source) and self._peek() not in "|)":
            literal, found = self.atom()
            minimum = self.quantifier()
            if minimum is None:  # not quantified
                if literal is not None:
                    run.append(literal)
                    continue
                close_run()
                best = _better(best, found)
                continue
            close_run()
            if minimum > 0:
                best = _better(best, frozenset({literal}) if literal is not None else found)
        close_run()
        return best

    def atom(self) -> tuple[str | None, Anchors]:
        """One atom: (its literal character, if it is one; its anchors otherwise)."""
        char = self._peek()
        if char == "(" and self.source.startswith(LOOSE_MARK, self.position):
            # A term list's markers: the document's words there are unknown.
            self.position += len(LOOSE_MARK)
            self.group()
            return None, None
        if char == "(":
            return None, self.group()
        if char == "[":
            return None, self._class()
        if char == "\\":
            following = self._peek(1)
            self.position += 2
            if following in _LITERAL_ESCAPES:
                return following.lower(), None
            if following == "d":
                return None, _DIGITS
            if following in "pPNxuUgk" and self._peek() == "{":
                self._skip_to("}")
            elif following in "xuU":
                raise _Unsupported
            return None, None
        self.position += 1
        if char in ".^$":
            return None, None
        lowered = char.lower()
        if len(lowered) != 1 or lowered.upper() != char.upper():
            # Characters whose case mapping is not one-to-one (İ, ß, K) are
            # left to the full pattern.
            return None, None
        return lowered, None

    def group(self) -> Anchors:
        self.position += 1  # "("
        zero_width = False
        if self._peek() == "?":
            kind = self._peek(1)
            if kind == ":" or kind == ">":
                self.position += 2
            elif kind in "=!":
                self.position += 2
                zero_width = True
            elif kind == "<" and self._peek(2) in "=!":
                self.position += 3
                zero_width = True
            elif kind == "P" and self._peek(2) == "<" or kind == "<":
                self._skip_to(">")
            elif kind == "#":
                self._skip_to(")")
                return None
            elif _SCOPED_FLAGS.match(self.source, self.position):
                # (?-i:...) and (?i:...) only change case sensitivity, and the
                # anchors are searched for in lower-cased text either way.
                self.position = _SCOPED_FLAGS.match(self.source, self.position).end()  # type: ignore[union-attr]
            else:  # inline flags, conditionals, recursion: not worth understanding
                raise _Unsupported
        found = self.alternation()
        if self._peek() != ")":
            raise _Unsupported
        self.position += 1
        return None if zero_width else found

    def quantifier(self) -> int | None:
        """Consume a quantifier after an atom; its minimum count, or None if there is none."""
        char = self._peek()
        if char not in _QUANTIFIER_START:
            return None
        if char == "{":
            end = self.source.find("}", self.position)
            body = self.source[self.position + 1 : end] if end > 0 else ""
            low, _, _ = body.partition(",")
            if end < 0 or not body or not all(part.strip().isdigit() or not part.strip() for part in body.split(",", 1)):
                return None  # a literal brace
            self.position = end + 1
            minimum = int(low) if low.strip() else 0
        else:
            self.position += 1
            minimum = 1 if char == "+" else 0
        if self._peek() in ("?", "+"):
            self.position += 1
        return minimum

    def _class(self) -> Anchors:
        """Skip a character class; a short list of plain characters (``[$€£]``)
        is an anchor set of its own."""
        start = self.position = self.position + 1
        negated = self._peek() == "^"
        if negated:
            self.position += 1
        if self._peek() == "]":
            self.position += 1
        depth = 1
        while self.position < len(self.source):
            char = self._peek()
            if char == "\\":
                self.position += 2
                continue
            if char == "[":  # nested set operations (regex VERSION1)
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    self.position += 1
                    members = self.source[start : self.position - 1]
                    plain = not negated and 0 < len(members) <= 8 and not any(c in "\\-[&~|" for c in members)
                    return frozenset(c.lower() for c in members) if plain and all(len(c.lower()) == 1 for c in members) else None
            self.position += 1
        raise _Unsupported

    def _skip_to(self, closing: str) -> None:
        end = self.source.find(closing, self.position)
        if end < 0:
            raise _Unsupported
        self.position = end + 1
