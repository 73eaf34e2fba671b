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

import functools
import string

import regex

from ..lazyregex import lazy

OTHER = "\x01"
SPACE = "\x02"
OTHER_RE = r"\x01"
SPACE_RE = r"\x02"
ANY = r"[\x00-\xff]"
NOTHING = r"[^\x00-\xff]"

_DIGITS = frozenset({"0-9", OTHER_RE})
_WORD = frozenset({"0-9", "a-z", "_", OTHER_RE})
_LETTER_OR_DIGIT = frozenset({"0-9", "a-z", OTHER_RE})
_SPACES = frozenset({r"\t", r"\n", r"\v", r"\f", r"\r", r"\x20", SPACE_RE})
_EVERY_MEMBER = frozenset({r"\x00-\x7f", OTHER_RE, SPACE_RE})
_CLASS_ESCAPES = {"w": _WORD, "d": _DIGITS, "s": _SPACES}
_NEGATED_ESCAPES = frozenset("WDS")
_ZERO_WIDTH = frozenset("bBAZzGmM")
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}
_LETTER_PROPERTIES = frozenset({"l", "lu", "ll", "lt", "lm", "lo", "n", "nd", "l&", "letter", "alpha", "alnum",
                                "alphabetic", "uppercase", "lowercase", "number", "word", "xwd"})
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


@functools.lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The folded form of one character outside ASCII."""
    if char.isspace():
        return SPACE
    for letter in string.ascii_lowercase:
        if regex.fullmatch(letter, char, regex.IGNORECASE):
            return letter
    return OTHER


_BOUNDS = lazy(r"\{(\d*)(,?)(\d*)\}")
_SCOPED_CASE = lazy(r"\?-?i:")
_INLINE_FLAGS = lazy(r"\?([aiLmsuwx]+|V[01])\)")
_INLINE_FLAGS_WITH_DOTALL = lazy(r"\(\?[aiLmuwx]*s[aiLmsuwx]*\)")
_NON_ASCII = lazy(r"[^\x00-\x7f]+")


def fold(text: str) -> bytes:
    """``text`` as the folded bytes that rewritten patterns are searched in."""
    if not text.isascii():
        text = _NON_ASCII.sub(lambda match: "".join(map(fold_char, match.group())), text)
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
        return "|".join(branches)

    def sequence(self) -> str:
        out: list[str] = []
        while self.position < len(self.source) and self._peek() not in "|)":
            atom = self.atom()
            quantifier = self.quantifier()
            if atom is not None:  # a quantified zero-width atom is still nothing
                out.append(atom + quantifier)
        return "".join(out)

    def atom(self) -> str | None:
        char = self._peek()
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
        return _literal(char)

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
        return None if zero_width else f"(?:{inner})"

    def escape(self) -> str | None:
        following = self._peek(1)
        self.position += 2
        if following in _ZERO_WIDTH:
            return None
        if following in _CLASS_ESCAPES:
            return _class(_CLASS_ESCAPES[following])
        if following in _NEGATED_ESCAPES:
            return ANY
        if following in ("p", "P"):
            return _class(self._property(following))
        if following in _CONTROL:
            return _literal(_CONTROL[following])
        if following in ("x", "u", "U"):
            return _literal(self._code_point(following))
        if not following or following.isalnum():
            raise Unsupported(f"escape '\\{following}'")
        return _literal(following)

    def char_class(self) -> str:
        self.position += 1
        negated = self._peek() == "^"
        if negated:
            self.position += 1
        members: set[str] = set()
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
            elif isinstance(low, str):
                members.add(_member(low))
            else:
                members.update(low)
        if negated:
            # The placeholders stand for many characters, some of which the
            # original class lets through: a negated class always takes them.
            members -= {OTHER_RE, SPACE_RE}
            return f"[^{''.join(sorted(members))}]" if members else ANY
        return _class(frozenset(members))

    def _class_member(self) -> str | frozenset[str]:
        """One member: a single character, or the members an escape stands for."""
        char = self._peek()
        if char != "\\":
            self.position += 1
            return char
        following = self._peek(1)
        self.position += 2
        if following in _CLASS_ESCAPES:
            return _CLASS_ESCAPES[following]
        if following in _NEGATED_ESCAPES:
            return _EVERY_MEMBER
        if following in ("p", "P"):
            return self._property(following)
        if following in _CONTROL:
            return _CONTROL[following]
        if following in ("x", "u", "U"):
            return self._code_point(following)
        if not following or following.isalnum():
            raise Unsupported(f"escape '\\{following}' in a class")
        return following

    def _property(self, kind: str) -> frozenset[str]:
        if self._peek() != "{":
            name = self._peek()
            self.position += 1
        else:
            end = self.source.find("}", self.position)
            if end < 0:
                raise Unsupported("unclosed property")
            name = self.source[self.position + 1 : end]
            self.position = end + 1
        if kind == "p" and name.lower().replace("_", "").split("=")[-1] in _LETTER_PROPERTIES:
            return _LETTER_OR_DIGIT
        return _EVERY_MEMBER

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
            bounds = _BOUNDS.match(self.source, self.position)
            if bounds is None or not (bounds.group(1) or bounds.group(3)):
                return ""  # a literal brace, as the regex module reads it
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


def _folded(char: str) -> str:
    return char.lower() if char.isascii() else fold_char(char)


def _member(char: str) -> str:
    """One character as a class member (or a whole atom) in the rewritten pattern."""
    folded = _folded(char)
    if folded in _SPECIAL or not folded.isprintable() or folded == " ":
        return f"\\x{ord(folded):02x}"
    return folded


def _literal(char: str) -> str:
    return _member(char)


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
            return set(_EVERY_MEMBER)
        members.update(_member(chr(code)) for code in range(first, ord(high) + 1))
    return members
