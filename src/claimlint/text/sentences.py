"""A fast rule-based sentence splitter over prose.

Popular statistical splitters run at well under 1 MB/s; this one is a single
regular-expression pass per block. It knows the abbreviations health copy uses
(Dr., et al., e.g., U.S.), decimal numbers, and the line structure of plain
text: a short line without closing punctuation (a heading, a list entry, a
contact line) ends a sentence, a long hard-wrapped line does not, unless it
ends on an emoji or runs past any wrap width (a chat message, a post).
"""

from __future__ import annotations

import bisect
import unicodedata

import regex

from ..lazyregex import lazy

_ABBREVIATIONS = frozenset(
    """dr mr mrs ms prof st sr jr vs etc al fig figs no nos vol approx dept est inc ltd co corp
    e.g i.e cf ca min max mg ml kg jan feb mar apr jun jul aug sep sept oct nov dec ph
    u.s u.k p.m a.m univ assoc hosp ref refs eq op""".split()
)
# A run of terminal punctuation is matched from its first mark and never
# backtracked into: a line of ten thousand dots would otherwise be rescanned
# from every dot, which is quadratic. Every branch starts with the character
# it needs, so the engine skips ahead to the next candidate (a branch that
# starts with a look-behind is tried at every position: a third slower).
_TERMINAL = lazy(
    r"""(?:(?<![.!?…])[.!?…]++["”’')\]]*(?:\s+|(?=["“(\[]?\p{Lu}\p{Ll})))  # punctuation, closers, then space or a glued capital
      | (?P<glued>[.!?])(?<=\p{Lu}{3}[.!?])(?=\p{Lu}{2})          # shouting copy glues sentences: "MEDICINE.THERE"
      | \n(?=[ \t]*(?:[-*•·▪–]|\d{1,2}[.)])\s)                  # a list entry starts on the next line
      | \n(?=[ \t]*\n)                                          # paragraph break inside a block
    """,
    regex.VERBOSE,
)
_NEWLINE = lazy(r"\n")
_WORD_BEFORE = lazy(r"(?<![\p{L}.])([\p{L}.]+)$")
_SOFT_WRAP_MIN = 60
# Hard-wrapped text is wrapped at 72-80 columns, rarely past 100: a longer line
# is a paragraph of its own (a chat message, a post, a line of a forum export).
_HARD_WRAP_MAX = 100
# A line that ends on an emoji or a symbol ("... no side effects 🙌", "Is it
# safe? ✔️") ends its sentence: nobody wraps a line after an emoji mid-sentence.
_SYMBOL_CATEGORIES = frozenset({"So", "Sk"})
# A short line that ends on a word no sentence or heading ends on ("Our drip
# eliminates the", "... in a matter of") was wrapped mid-sentence, whatever the
# next line starts with ("ALS", "Parkinson's").
_CANNOT_END = frozenset(
    """a an the of to for with and or in on at by from into than as that which who whose is are was were be been
    has have had can could will would may might must should our your their its his her my this these those""".split()
) | frozenset(
    # Nor on a verb that needs its object: "Our drip eliminates" / "ALS in weeks".
    """cures heals treats reverses eliminates eradicates prevents relieves fights stops halts beats banishes repairs
    regenerates restores reduces lowers boosts clears soothes eases kills destroys defeats combats tackles ends
    removes dissolves shrinks reverts rebuilds regrows alleviates""".split()
)
_INVISIBLE_ENDINGS = "\ufe0f\ufe0e\u200d"
# Rules read a claim within its sentence, so every check at a match costs up to
# a sentence's length. Scraped text without punctuation (a menu, a tag cloud, a
# table flattened by its HTML) would be one sentence of megabytes and make the
# cost quadratic; longer stretches are cut at white space. The longest real
# sentence in the project's corpora is under 800 characters.
MAX_SENTENCE = 1000
_WHITESPACE = (" ", "\n", "\t", "\u00a0")


def split_block(prose: str, start: int, end: int, out_starts: list[int], out_ends: list[int]) -> None:
    """Append the sentences of ``prose[start:end]`` (offsets into ``prose``)."""
    boundaries: set[int] = set()
    for match in _TERMINAL.finditer(prose, start, end):
        # Glued shouting copy ends a sentence whatever the word before the
        # stop: "ASSOC.THE" is two sentences, as "MEDICINE.THERE" is.
        if (prose[match.start()] == "." and match.group("glued") is None
                and _is_abbreviation(prose, max(start, match.start() - 16), match.start())):
            continue
        boundaries.add(match.end())
    if "\n" in prose[start:end]:
        _line_boundaries(prose, start, end, boundaries)
    cursor = start
    for boundary in sorted(boundaries):
        _emit(prose, cursor, boundary, out_starts, out_ends)
        cursor = boundary
    _emit(prose, cursor, end, out_starts, out_ends)


def _line_boundaries(prose: str, start: int, end: int, boundaries: set[int]) -> None:
    line_start = start
    for match in _NEWLINE.finditer(prose, start, end):
        line = prose[line_start : match.start()].rstrip()
        line_start = match.end()
        if not line or line[-1] in ",;-–—(/&":
            continue
        # The next line's first word, past any indentation: a hard-wrapped
        # paragraph indented as a whole continues on a lower-case word.
        following = _first_character(prose, match.end(), end)
        if following.islower() and line[-1] not in ".!?:":
            continue
        if _last_word(line) in _CANNOT_END:
            continue
        width = len(line.lstrip())
        if width < _SOFT_WRAP_MIN or width > _HARD_WRAP_MAX or line[-1] in ".!?:" or _ends_in_symbol(line):
            boundaries.add(match.end())


def _last_word(line: str) -> str:
    return line.rsplit(None, 1)[-1].lower() if line.split() else ""


def _ends_in_symbol(line: str) -> bool:
    last = line.rstrip(_INVISIBLE_ENDINGS)[-1:]
    # A trademark sign follows a name in mid-sentence: "NeuroCalm™ / capsules".
    return last > "\u00ae" and last != "\u2122" and unicodedata.category(last) in _SYMBOL_CATEGORIES


def _first_character(prose: str, start: int, end: int) -> str:
    position = start
    while position < end and prose[position] in " \t":
        position += 1
    return prose[position] if position < end else ""


def _is_abbreviation(prose: str, start: int, period: int) -> bool:
    found = word_before(prose, start, period)
    if found is None:
        return False
    raw = found.strip(".")
    # The end of a contraction is no initial: "... simply can't. At our clinic".
    word_start = period - len(found) - (1 if period > start and prose[period - 1] == "\n" else 0)
    if len(raw) <= 2 and word_start > start and prose[word_start - 1] in "'’":
        return False
    # An all-capitals word is an acronym ending a sentence ("... for MS."), not
    # a title like "Ms."; a single letter is an initial ("J. Smith").
    if len(raw) > 1 and raw.isupper() and "." not in raw:
        return False
    word = raw.lower()
    if len(word) == 1 and word.isalpha():
        # An initial stands in a name ("Dr. J. Smith", "George W. Bush"); a
        # capital after a lower-case word ends a sentence: "influenza A and B.",
        # "rich in vitamin D."; a genus before its species stays one: "E. coli".
        return not (raw.isupper() and _follows_lowercase_word(prose, start, word_start)
                    and not prose[period + 1:period + 3].lstrip()[:1].islower())
    return word in _ABBREVIATIONS


def _follows_lowercase_word(prose: str, start: int, word_start: int) -> bool:
    position = word_start
    while position > start and prose[position - 1] in " \t":
        position -= 1
    end = position
    while position > start and prose[position - 1].isalpha():
        position -= 1
    # A word cut off by the window is not known to be lower-case.
    reaches_window = position == start and start > 0 and prose[start - 1].isalpha()
    return end > position and not reaches_window and prose[position].islower()


_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def word_before(prose: str, start: int, period: int) -> str | None:
    """The run of letters and dots that ends at ``period`` and begins within
    ``[start, period)``, as ``_WORD_BEFORE`` finds it. Every sentence end asks
    this, so ASCII is read with string operations; a character outside ASCII
    is left to the pattern (a letter is what Unicode says it is)."""
    end = period - 1 if period > start and prose[period - 1] == "\n" else period
    position = end
    while position > start and prose[position - 1] in _ASCII_WORD:
        position -= 1
    before = prose[position - 1] if position > 0 else ""
    if before >= "\x80":
        match = _WORD_BEFORE.search(prose, start, period)
        return match.group(1) if match is not None else None
    if position == end or (before and before in _ASCII_WORD):
        return None
    return prose[position:end]


def _emit(prose: str, start: int, end: int, out_starts: list[int], out_ends: list[int]) -> None:
    while start < end and prose[start].isspace():
        start += 1
    while end > start and prose[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = max(prose.rfind(space, start + MAX_SENTENCE // 2, start + MAX_SENTENCE) for space in _WHITESPACE)
        if cut == -1:
            cut = start + MAX_SENTENCE
        piece_end = cut
        while piece_end > start and prose[piece_end - 1].isspace():
            piece_end -= 1
        out_starts.append(start)
        out_ends.append(piece_end)
        start = cut
        while start < end and prose[start].isspace():
            start += 1
    if end > start:
        out_starts.append(start)
        out_ends.append(end)


class Sentences:
    """All sentences of a document, as parallel start/end arrays for bisecting."""

    __slots__ = ("starts", "ends")

    def __init__(self, prose: str, blocks: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in blocks:
            split_block(prose, start, end, self.starts, self.ends)

    def __len__(self) -> int:
        return len(self.starts)

    def index_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (or the one before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def bounds(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]
