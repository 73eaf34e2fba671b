"""Term lists as gazetteers: thousands of literal names found in one pass.

A regular expression of the condition lexicon's 2,500 names takes a quarter
of a second to compile and grows every pattern that uses it a hundredfold, so
term lists are not compiled into patterns. Instead, a document's prose is read
once with an Aho-Corasick automaton of every term of every list, and a
*masked* copy of the prose is made: each term found becomes a marker
character (which lists hold it) followed by filler, keeping its length and
everything between its words (white space, hyphens, apostrophes: a pattern
counts the words of "lower back pain" as three in the masked copy, as the
prefilter does in the original). A
pattern that names a term list, such as ``{cure} (?:\\w+ ){0,3}?{disease}``,
compiles the list to a class of markers and is searched in the masked copy of
the window it is asked to search (a candidate sentence or block: masking
costs in proportion to the text searched). Offsets are the same in both
copies, and the matches a caller gets back read the original words.

Terms match case-insensitively (case-sensitive lists, such as "MS" or "ALS",
as written) at word edges; white space, a hyphen or nothing may stand between
the words of a term, an apostrophe may be left out ("Parkinsons"). Where terms
overlap, the longest leftmost one wins, marked with every list that holds it.

In a pattern that names a term list, that list's words read as its markers:
the pattern cannot also match them as literal words.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Iterator, Sequence

import regex

from .text.lowering import lower_in_pieces

BASE = 0x17000
"""A marker is BASE + the bitmask of the lists that hold a term. Markers and
filler are Tangut ideographs: letters, so that a pattern's gaps
(``(?:[\\w'-]+ ){0,3}``) and word edges read a masked term as a word, in a
script that health copy does not use."""
FILL = chr(0x18000)
MAX_LISTS = 12
_WHITESPACE = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\v": " ", "\f": " "})
_SPACE_RUN = regex.compile(r" {2,}")
_WORD_CHAR = regex.compile(r"\w")
_MARKER_RANGE = regex.compile(f"[{chr(BASE)}-{FILL}]")
CONTEXT = 100
"""Characters before a window that a masked search can see, as a search of
the whole prose from the window's start would (look-behinds, word edges)."""


# British spellings of the medical words that the condition lexicon (from US
# sources) writes the American way: oedema, anaemia, haemorrhage, diarrhoea,
# oesophagus, oestrogen, tumour, coeliac, paediatric, orthopaedic, anaesthesia.
_BRITISH = tuple((regex.compile(pattern), british) for pattern, british in (
    (r"emia\b", "aemia"), (r"\bhem(?=[ao])", "haem"), (r"\bedema", "oedema"), (r"\besophag", "oesophag"),
    (r"\bestrogen", "oestrogen"), (r"rrhea\b", "rrhoea"), (r"\bceliac", "coeliac"), (r"tumor", "tumour"),
    (r"\bpediatric", "paediatric"), (r"pedic\b", "paedic"), (r"\bfetal", "foetal"), (r"\banesth", "anaesth"),
    (r"ischemi", "ischaemi"), (r"\bcesarean", "caesarean"),
))


def variants(term: str) -> set[str]:
    """The spellings a term is found under in lower-cased, single-spaced text."""
    forms = {term}
    british = term
    for pattern, replacement in _BRITISH:
        british = pattern.sub(replacement, british)
    forms.add(british)
    if "-" in term:
        forms |= {term.replace("-", " "), term.replace("-", "")}
    if " " in term:
        forms |= {form.replace(" ", "-") for form in forms}
    if "'" in term or "’" in term:
        base = set(forms)
        for form in base:
            bare = form.replace("’", "'")
            forms |= {bare, bare.replace("'", "’"), bare.replace("'", "")}
    return forms


class Gazetteers:
    """Every term list of a run, as one automaton (two: one for the lists
    matched ignoring case, one for those matched as written)."""

    def __init__(self, lists: Sequence[tuple[str, Sequence[str], bool]]) -> None:
        """``lists``: (qualified name, terms, case-sensitive?)."""
        if len(lists) > MAX_LISTS:
            raise ValueError(f"at most {MAX_LISTS} term lists can be used together, not {len(lists)}")
        self.names = [name for name, _, _ in lists]
        self._bit = {name: 1 << index for index, name in enumerate(self.names)}
        self._lists = lists
        # Built on first use: a run whose documents never need a term list
        # (most pre-commit runs over one file) builds no automaton.
        self._automata: tuple[Any, Any] | None = None
        self._cache = threading.local()

    def _built(self) -> tuple[Any, Any]:
        if self._automata is None:
            lists = self._lists
            self._automata = (_automaton([(self._bit[name], terms) for name, terms, exact in lists if not exact], str.lower),
                              _automaton([(self._bit[name], terms) for name, terms, exact in lists if exact], lambda t: t))
        return self._automata

    def __bool__(self) -> bool:
        return bool(self.names)

    def marker_class(self, name: str) -> str:
        """The pattern that stands for one list's terms in masked text."""
        bit = self._bit[name]
        marks = "".join(regex.escape(chr(BASE + mask)) for mask in range(1, 1 << len(self.names)) if mask & bit)
        fill = regex.escape(FILL)
        return f"[{marks}]{fill}*(?:\\W+{fill}+)*"

    def named_in(self, source: str) -> int:
        """The bitmask of the lists a compiled pattern's source names."""
        return sum(bit for name, bit in self._bit.items() if self.marker_class(name) in source)

    def masked(self, prose: str, start: int, end: int, named: int) -> str:
        """``prose[start:end]`` with each term of the ``named`` lists replaced
        by its marker and filler; the words of other lists stay words (a
        pattern that names only diseases can still say "pain"). Windows of
        the last document asked about are kept, in each thread: every pattern
        that names a term list searches the same candidate sentences."""
        cache = self._cache.__dict__
        if cache.get("prose") is not prose:
            cache.update(prose=prose, found={}, masked={})
        masked: str | None = cache["masked"].get((start, end, named))
        if masked is None:
            found = cache["found"].get((start, end))
            if found is None:
                found = cache["found"][(start, end)] = self._found(prose[start:end])
            masked = cache["masked"][(start, end, named)] = _mask(prose[start:end], found, named)
        return masked

    def spans(self, prose: str, named: int = -1) -> list[tuple[int, int, int]]:
        """(start, end, mask) of every term of the ``named`` lists found,
        leftmost-longest, in order."""
        return _leftmost_longest(self._found(prose), named)

    def _found(self, prose: str) -> dict[tuple[int, int], int]:
        found: dict[tuple[int, int], int] = {}
        spaced = prose.translate(_WHITESPACE)
        lowered = lower_in_pieces(spaced)
        if len(lowered) != len(spaced):  # a character that lowers to two: keep offsets
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in spaced)
        folded, exact = self._built()
        for text, automaton in ((lowered, folded), (spaced, exact)):
            if automaton is None:
                continue
            squeezed, to_original = _squeeze(text)
            for end, (length, mask) in automaton.iter(squeezed):
                start = end - length + 1
                begin, stop = to_original(start), to_original(end) + 1
                if _at_word_edges(prose, begin, stop):
                    found[(begin, stop)] = found.get((begin, stop), 0) | mask
        return found


def _leftmost_longest(found: dict[tuple[int, int], int], named: int) -> list[tuple[int, int, int]]:
    chosen: list[tuple[int, int, int]] = []
    for (start, end), mask in sorted(found.items(), key=lambda item: (item[0][0], -item[0][1])):
        if not mask & named or (chosen and start < chosen[-1][1]):
            continue
        chosen.append((start, end, mask & named))
    return chosen


def _mask(prose: str, found: dict[tuple[int, int], int], named: int) -> str:
    # The document's own Tangut (markers are Tangut letters) reads as plain letters.
    text = _MARKER_RANGE.sub("x", prose) if _MARKER_RANGE.search(prose) else prose
    pieces: list[str] = []
    position = 0
    for start, end, mask in _leftmost_longest(found, named):
        pieces.append(text[position:start])
        pieces.append(chr(BASE + mask) + _WORD_CHAR.sub(FILL, text[start + 1 : end]))
        position = end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def _automaton(lists: list[tuple[int, Sequence[str]]], normalise: Callable[[str], str]) -> Any:
    if not lists:
        return None
    import ahocorasick

    masks: dict[str, int] = {}
    for bit, terms in lists:
        for term in terms:
            for form in variants(normalise(" ".join(term.split()))):
                masks[form] = masks.get(form, 0) | bit
    automaton = ahocorasick.Automaton()
    for form, mask in masks.items():
        automaton.add_word(form, (len(form), mask))
    automaton.make_automaton()
    return automaton


def _squeeze(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` with runs of spaces made one (a hard-wrapped, indented line
    break inside a term), and a map from its offsets back to ``text``'s."""
    runs = list(_SPACE_RUN.finditer(text))
    if not runs:
        return text, lambda offset: offset
    import bisect

    pieces: list[str] = []
    breaks: list[int] = []  # squeezed offsets where the shift grows
    shifts: list[int] = []
    position = shift = 0
    for run in runs:
        pieces.append(text[position : run.start() + 1])
        shift += run.end() - run.start() - 1
        breaks.append(run.start() + 1 - (shift - (run.end() - run.start() - 1)))
        shifts.append(shift)
        position = run.end()
    pieces.append(text[position:])

    def to_original(offset: int) -> int:
        index = bisect.bisect_right(breaks, offset) - 1
        return offset + (shifts[index] if index >= 0 else 0)

    return "".join(pieces), to_original


def _at_word_edges(prose: str, start: int, end: int) -> bool:
    return (start == 0 or not prose[start - 1].isalnum()) and (end >= len(prose) or not prose[end].isalnum())


class GazetteerPattern:
    """A compiled pattern that names term lists: searched in the masked text
    of the window asked for (a sentence or a block), with matches that read
    the original words at their offsets in the prose. The window is masked
    with up to CONTEXT characters before it, and searched from its start, so
    that look-behinds, word edges and "^" read as they would in the whole
    prose. Searches keep the time limit of the pattern they wrap."""

    __slots__ = ("compiled", "gazetteers", "pattern", "flags", "named")

    def __init__(self, compiled: Any, gazetteers: Gazetteers) -> None:
        self.compiled = compiled
        self.gazetteers = gazetteers
        self.pattern = compiled.pattern
        self.flags = compiled.flags
        self.named = gazetteers.named_in(compiled.pattern)

    def _window(self, string: str, pos: int, endpos: int | None) -> tuple[str, int, int]:
        """The masked text to search, where in it the window starts, and the
        offset of the masked text in ``string``."""
        end = len(string) if endpos is None else min(endpos, len(string))
        start = max(0, pos - CONTEXT)
        return self.gazetteers.masked(string, start, end, self.named), pos - start, start

    def search(self, string: str, pos: int = 0, endpos: int | None = None, **options: Any) -> _Unmasked | None:
        masked, at, offset = self._window(string, pos, endpos)
        found = self.compiled.search(masked, at, **options)
        return _Unmasked(found, string, offset) if found is not None else None

    def match(self, string: str, pos: int = 0, endpos: int | None = None, **options: Any) -> _Unmasked | None:
        masked, at, offset = self._window(string, pos, endpos)
        found = self.compiled.match(masked, at, **options)
        return _Unmasked(found, string, offset) if found is not None else None

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None, **options: Any) -> Iterator[_Unmasked]:
        masked, at, offset = self._window(string, pos, endpos)
        for found in self.compiled.finditer(masked, at, **options):
            yield _Unmasked(found, string, offset)

    def findall(self, string: str, pos: int = 0, endpos: int | None = None, **options: Any) -> list[str]:
        return [found.group() for found in self.finditer(string, pos, endpos, **options)]


class _Unmasked:
    """A match in a masked window, read as the original words at their
    offsets in the whole prose."""

    __slots__ = ("_match", "string", "_offset")

    def __init__(self, match: Any, string: str, offset: int) -> None:
        self._match = match
        self.string = string
        self._offset = offset

    def group(self, *names: Any) -> Any:
        if len(names) > 1:
            return tuple(self.group(name) for name in names)
        start, end = self.span(*names)
        return None if start < 0 else self.string[start:end]

    def __getitem__(self, name: Any) -> Any:
        return self.group(name)

    def span(self, *names: Any) -> tuple[int, int]:
        start, end = self._match.span(*names)
        return (start + self._offset, end + self._offset) if start >= 0 else (start, end)

    def start(self, *names: Any) -> int:
        return self.span(*names)[0]

    def end(self, *names: Any) -> int:
        return self.span(*names)[1]
