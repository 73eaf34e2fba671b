"""A rule pattern rewritten as a looser pattern over a byte-per-character text.

Hyperscan finds every match of many patterns in one pass over a text, but it
reads bytes, compiles Unicode properties slowly and has no look-arounds. The
engine only needs to know *where a rule might match*, so a rule's pattern
(``regex`` syntax) is rewritten into one that matches everything the original
matches, and possibly more, in a *folded* copy of the text (:func:`fold`):

- ASCII stays as it is (the search ignores case, as rule patterns do);
- white space outside ASCII (a no-break space) becomes ``\\x02``;
- a character that matches an ASCII letter when case is ignored (the Kelvin
  sign, the long s) becomes that letter;
- every other character outside ASCII becomes ``\\x01``.

One character is one byte, so offsets in the folded text are offsets in the
prose. In the pattern, look-arounds, word boundaries and anchors are dropped
(each only ever rules a match out), case-sensitive groups ignore case, classes
widen to take the placeholders, and long bounded repeats lose their bound. A
construct not handled here (a back-reference, a named list) raises
:class:`Unsupported`, and the caller searches that rule another way.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from ..lazyregex import lazy

# The pattern compiler puts this comment before a term list (found by the
# gazetteer pass, see claimlint.gazetteer): the rewriting stands any text for
# it. A group with such a branch is any text too, and a branch that begins or
# ends with any text is searched without it (see .branches).
LOOSE_MARK = "(?#loose)"
LOOSE = r"[\x00-\xff]*"

OTHER = "\x01"
SPACE = "\x02"
OTHER_RE = r"\x01"
SPACE_RE = r"\x02"
ANY = r"[\x00-\xff]"
NOTHING = r"[^\x00-\xff]"

class _ClassEscape(NamedTuple):
    """What a class escape (\\w, \\p{L}...) stands for in a rewritten class."""

    members: frozenset[str]
    """In a positive class: every folded byte it may match."""
    surely_excluded: frozenset[int]
    """In a negated class: ASCII codes it is sure to hold."""
    negatable: bool = True
    """False when it has no exact ASCII part to exclude (\\W, \\P{L}, unknown properties)."""


_ASCII_DIGITS = frozenset(range(0x30, 0x3A))
_ASCII_LETTERS = frozenset(ord(c) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGIT_SET = _ClassEscape(frozenset({"0-9", OTHER_RE}), _ASCII_DIGITS)
_WORD_SET = _ClassEscape(frozenset({"0-9", "a-z", "_", OTHER_RE}), _ASCII_DIGITS | _ASCII_LETTERS | {ord("_")})
_LETTER_SET = _ClassEscape(frozenset({"a-z", OTHER_RE}), _ASCII_LETTERS)
_ALNUM_SET = _ClassEscape(frozenset({"0-9", "a-z", OTHER_RE}), _ASCII_DIGITS | _ASCII_LETTERS)
# Properties whose ASCII part depends on case (\\p{Lu} is A-Z, or all letters
# when case is ignored) or is empty (\\p{Lo}): a negated class cannot lean on them.
_SOME_LETTERS_SET = _ClassEscape(frozenset({"a-z", OTHER_RE}), frozenset())
# \\s may match ASCII separators too (\\x1c-\\x1f, as str.isspace does): in a
# positive class they are taken, in a negated one only the common six excluded.
_SPACE_SET = _ClassEscape(frozenset({r"\t", r"\n", r"\v", r"\f", r"\r", r"\x1c-\x1f", r"\x20", SPACE_RE}),
                          frozenset(map(ord, "\t\n\v\f\r ")))
_UNKNOWN_SET = _ClassEscape(frozenset({r"\x00-\x7f", OTHER_RE, SPACE_RE}), frozenset(), negatable=False)
_CLASS_ESCAPES = {"w": _WORD_SET, "d": _DIGIT_SET, "s": _SPACE_SET}
_NEGATED_ESCAPES = frozenset("WDS")
_ZERO_WIDTH = frozenset("bBAZzGmM")
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
_PROPERTIES = {
    **dict.fromkeys(("word",), _WORD_SET),
    **dict.fromkeys(("alnum",), _ALNUM_SET),
    **dict.fromkeys(("l", "l&", "lc", "letter", "alpha", "alphabetic"), _LETTER_SET),
    **dict.fromkeys(("lu", "ll", "lt", "lm", "lo", "upper", "uppercase", "lower", "lowercase"), _SOME_LETTERS_SET),
    **dict.fromkeys(("n", "nd", "number", "digit", "decimalnumber"), _DIGIT_SET),
}
_SPECIAL = frozenset("\\^$.|?*+()[]{}/-")
# Bounded repeats with a large upper bound make large automata; the superset
# may drop the bound.
_MAX_BOUND = 16
# A range wider than this outside ASCII is taken to hold every kind of character.
_MAX_FOLDED_RANGE = 4096


class Unsupported(ValueError):
    """The pattern uses a construct this rewriting does not handle."""


def superset(source: str) -> str:
    """The folded-text superset of ``source``; raises :class:`Unsupported`."""
    rewriter = _Rewriter(source)
    result = rewriter.alternation()
    if rewriter.position != len(source):
        raise Unsupported(f"unbalanced parenthesis at {rewriter.position}")
    return result


# Characters outside ASCII that the regex module matches with an ASCII letter
# when case is ignored (a test scans every code point for them). The dotless
# and dotted I match only one of "i" and "I" each; both fold to "i", which the
# case-insensitive search takes for either.
ASCII_CASE_PARTNERS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
# White space outside ASCII: all of it lies below U+3001.
_NON_ASCII_SPACES = "".join(char for char in map(chr, range(0x80, 0x3001)) if char.isspace())
_FOLD_TABLE = {ord(char): SPACE for char in _NON_ASCII_SPACES} | {ord(k): v for k, v in ASCII_CASE_PARTNERS.items()}


def fold_char(char: str) -> str:
    """The folded form of one character outside ASCII."""
    return SPACE if char.isspace() else ASCII_CASE_PARTNERS.get(char, OTHER)


_BOUNDS = lazy(r"\{(\d*)(,?)(\d*)\}")
_FUZZY = lazy(r"\{[^}]*(?:[<=]|\b[ides]\b)[^}]*\}")
_SCOPED_CASE = lazy(r"\?-?i:")
# Version 1 and full case folding ("ss" matching "ß") are not rewritten.
_INLINE_FLAGS = lazy(r"\?([aiLmsuwx]+|V0)\)")
_INLINE_FLAGS_WITH_DOTALL = lazy(r"\(\?[aiLmuwx]*s[aiLmsuwx]*\)")
_NON_ASCII = lazy(r"[^\x00-\x7f]+")
_NEEDS_TABLE = lazy("[" + "".join(map(regex.escape, (*_NON_ASCII_SPACES, *ASCII_CASE_PARTNERS))) + "]")


def fold(text: str) -> bytes:
    """``text`` as the folded bytes that rewritten patterns are searched in.
    Linear and cheap whatever the script: a page in Chinese is one run of
    placeholders per stretch of text."""
    if not text.isascii():
        if _NEEDS_TABLE.search(text) is not None:
            text = text.translate(_FOLD_TABLE)
        text = _NON_ASCII.sub(lambda match: OTHER * (match.end() - match.start()), text)
    return text.encode("ascii")


class _Rewriter:
    def __init__(self, source: str) -> None:
        self.source = source
        self.position = 0
        # An inline DOTALL flag anywhere lets every "." match a line break
        # (flags apply to the whole pattern in the regex module's version 0).
        self.dot = ANY if _INLINE_FLAGS_WITH_DOTALL.search(source) else r"[^\n]"

    def _peek(self, offset: int = 0) -> str:
        index = self.position + offset
        return self.source[index] if index < len(self.source) else ""

    def alternation(self) -> str:
        branches = [self.sequence()]
        while self._peek() == "|":
            self.position += 1
            branches.append(self.sequence())
        # Any text, or something else, is any text.
        return LOOSE if LOOSE in branches else "|".join(branches)

    def sequence(self) -> str:
        out: list[str] = []
        while self.position < len(self.source) and self._peek() not in "|)":
            atom = self.atom()
            quantifier = self.quantifier()
            if atom == LOOSE or atom == f"(?:{LOOSE})":
                if not out or out[-1] != LOOSE:  # any text, repeated, is any text
                    out.append(LOOSE)
            elif atom is not None:  # a quantified zero-width atom is still nothing
                out.append(atom + quantifier)
        return "".join(out)

    def atom(self) -> str | None:
        char = self._peek()
        if char == "(" and self.source.startswith(LOOSE_MARK, self.position):
            # A large vocabulary entry (thousands of condition names) marked
            # by the pattern compiler: any short run of text stands for it, so
            # that the rewritten pattern stays within Hyperscan's size limit.
            self.position += len(LOOSE_MARK)
            self.group()
            return LOOSE
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            return self.escape()
        self.position += 1
        if char in "^$":
            return None
        if char == ".":
            return self.dot
        return _member(char)

    def group(self) -> str | None:
        self.position += 1
        zero_width = False
        if self._peek() == "?":
            kind = self._peek(1)
            if kind in (":", ">"):
                self.position += 2
            elif kind in ("=", "!"):
                self.position += 2
                zero_width = True
            elif kind == "<" and self._peek(2) in ("=", "!"):
                self.position += 3
                zero_width = True
            elif kind == "P" and self._peek(2) == "<" or kind == "<":
                self._skip_past(">")
            elif kind == "#":
                self._skip_past(")")
                return None
            elif (flags := _SCOPED_CASE.match(self.source, self.position)) is not None:
                self.position = flags.end()  # case is ignored throughout
            elif (flags := _INLINE_FLAGS.match(self.source, self.position)) is not None:
                if "x" in flags.group(1):
                    raise Unsupported("verbose patterns")
                self.position = flags.end()
                return None
            else:
                raise Unsupported(f"group '(?{kind}' at {self.position}")
        inner = self.alternation()
        if self._peek() != ")":
            raise Unsupported(f"unclosed group at {self.position}")
        self.position += 1
        if zero_width:
            return None
        return LOOSE if inner == LOOSE else f"(?:{inner})"

    def escape(self) -> str | None:
        following = self._peek(1)
        self.position += 2
        if following in _ZERO_WIDTH:
            return None
        if following in _CLASS_ESCAPES:
            return _class(_CLASS_ESCAPES[following].members)
        if following in _NEGATED_ESCAPES:
            return ANY
        if following in ("p", "P"):
            return _class(self._property(following).members)
        if following in _CONTROL:
            return _member(_CONTROL[following])
        if following in ("x", "u", "U"):
            return _member(self._code_point(following))
        if not following or following.isalnum():
            raise Unsupported(f"escape '\\{following}'")
        return _member(following)

    def char_class(self) -> str:
        """A class, widened. A positive class takes the placeholders of what
        it may match; a negated one may only exclude ASCII characters it is
        sure to exclude whatever the case and the folding: no letter written
        out (case may matter, and several characters fold to one letter), and
        nothing at all when it holds a negated escape such as \\W."""
        self.position += 1
        negated = self._peek() == "^"
        if negated:
            self.position += 1
        members: set[str] = set()  # what a positive class takes, in class syntax
        excluded: set[int] = set()  # ASCII a negated class surely excludes
        excludes_everything_safely = True
        first = True
        while True:
            char = self._peek()
            if not char:
                raise Unsupported("unclosed character class")
            if char == "]" and not first:
                self.position += 1
                break
            first = False
            if char == "[":
                raise Unsupported("nested character class")
            low = self._class_member()
            if isinstance(low, str) and self._peek() == "-" and self._peek(1) not in ("]", ""):
                self.position += 1
                high = self._class_member()
                if not isinstance(high, str):
                    raise Unsupported("a range bounded by a class escape")
                members.update(_range(low, high))
                excluded.update(code for code in range(ord(low), min(ord(high), 0x7F) + 1) if not chr(code).isalpha())
            elif isinstance(low, str):
                members.add(_member(low))
                if low.isascii() and not low.isalpha():
                    excluded.add(ord(low))
            else:
                members.update(low.members)
                excluded.update(low.surely_excluded)
                excludes_everything_safely = excludes_everything_safely and low.negatable
        if not negated:
            return _class(frozenset(members))
        # The placeholders stand for characters outside ASCII, which no
        # written-out ASCII member rules out.
        excluded -= {ord(OTHER), ord(SPACE)}
        if not excludes_everything_safely:
            return ANY
        return "[^" + "".join(f"\\x{code:02x}" for code in sorted(excluded)) + "]" if excluded else ANY

    def _class_member(self) -> str | _ClassEscape:
        """One member: a single character, or what an escape stands for."""
        char = self._peek()
        if char != "\\":
            self.position += 1
            return char
        following = self._peek(1)
        self.position += 2
        if following in _CLASS_ESCAPES:
            return _CLASS_ESCAPES[following]
        if following in _NEGATED_ESCAPES:
            return _UNKNOWN_SET
        if following in ("p", "P"):
            return self._property(following)
        if following in _CONTROL:
            return _CONTROL[following]
        if following in ("x", "u", "U"):
            return self._code_point(following)
        if not following or following.isalnum():
            raise Unsupported(f"escape '\\{following}' in a class")
        return following

    def _property(self, kind: str) -> _ClassEscape:
        if self._peek() != "{":
            name = self._peek()
            self.position += 1
        else:
            end = self.source.find("}", self.position)
            if end < 0:
                raise Unsupported("unclosed property")
            name = self.source[self.position + 1 : end]
            self.position = end + 1
        # "\\p{Alphabetic=No}" and "\\p{^L}" negate: only plain names are read.
        plain = name.lower().replace("_", "").replace(" ", "")
        return _PROPERTIES.get(plain, _UNKNOWN_SET) if kind == "p" else _UNKNOWN_SET

    def _code_point(self, kind: str) -> str:
        if kind == "x" and self._peek() == "{":
            end = self.source.find("}", self.position)
            digits = self.source[self.position + 1 : end] if end > 0 else ""
            self.position = end + 1
        else:
            width = {"x": 2, "u": 4, "U": 8}[kind]
            digits = self.source[self.position : self.position + width]
            self.position += width
        try:
            return chr(int(digits, 16))
        except ValueError:
            raise Unsupported(f"escape '\\{kind}{digits}'") from None

    def quantifier(self) -> str:
        char = self._peek()
        if char not in ("?", "*", "+", "{"):
            return ""
        if char == "{":
            if _FUZZY.match(self.source, self.position):
                raise Unsupported("fuzzy matching")
            bounds = _BOUNDS.match(self.source, self.position)
            if bounds is None or not (bounds.group(1) or bounds.group(2) or bounds.group(3)):
                return ""  # a literal brace, as the regex module reads it ("{,}" is "{0,}")
            self.position = bounds.end()
            low, comma, high = int(bounds.group(1) or 0), bounds.group(2), bounds.group(3)
            if not comma:
                high = str(low)
            text = f"{{{min(low, _MAX_BOUND)},}}" if not high or int(high) > _MAX_BOUND else f"{{{low},{high}}}"
        else:
            self.position += 1
            text = char
        if self._peek() in ("?", "+"):  # lazy or possessive: every end is reported anyway
            self.position += 1
        return text

    def _skip_past(self, closing: str) -> None:
        end = self.source.find(closing, self.position)
        if end < 0:
            raise Unsupported(f"missing '{closing}'")
        self.position = end + 1


def _member(char: str) -> str:
    """One character as a class member (or a whole atom) in the rewritten pattern."""
    folded = char.lower() if char.isascii() else fold_char(char)
    if folded in _SPECIAL or not folded.isprintable() or folded == " ":
        return f"\\x{ord(folded):02x}"
    return folded


def _class(members: frozenset[str]) -> str:
    return f"[{''.join(sorted(members))}]" if members else NOTHING


def _range(low: str, high: str) -> set[str]:
    if ord(low) > ord(high):
        raise Unsupported("a reversed range")
    members: set[str] = set()
    if ord(low) < 0x80:
        members.add(f"\\x{ord(low):02x}-\\x{min(ord(high), 0x7F):02x}")
    if ord(high) >= 0x80:
        first = max(ord(low), 0x80)
        if ord(high) - first > _MAX_FOLDED_RANGE:
            return set(_UNKNOWN_SET.members)
        members.update(_member(chr(code)) for code in range(first, ord(high) + 1))
    return members
