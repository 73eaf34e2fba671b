"""Elisions: marks that stand for words left out of one sentence.

Quoted claims drop words with an ellipsis ("a study done in Italy . . .
suggested", "can help…. with the prevention of", "studies***improvements
in", "I wouldn't recommend them […] but"). Read as punctuation, the dots end a
sentence and part a claim's words; read as a gap, they join them. In the
prose, each such mark between a word and a lower-case word becomes as many
spaces: offsets are unchanged, so every position still points into the file,
and every rule reads the gap as white space at no cost to its patterns. An
ellipsis before a capital ends its sentence as before ("It stopped... Then").
An editor's "[sic]" is blanked wherever it stands: it is no word of the claim;
an editor's changed letter ("[t]reatment") is read as the word."""

from __future__ import annotations

from ..lazyregex import lazy

_ELISION = lazy(
    r"(?<=\w[ \t]?)(?:\.[ \t]?\.(?:[ \t]?\.)*|…+\.*|\*{3,}|\[(?:…|\.\.\.)\])(?=[ \t]*(?:\[sic\][ \t]*)?\p{Ll})"
    r"|\[sic\]"
)
# An editor's changed letter: "[t]reatment for [p]imples" reads "  treatment
# for   pimples" (the letter moves two places to the right: the word's start
# is off by two, its end exact).
_CHANGED_LETTER = lazy(r"\[(\p{L})\](?=\p{L})")
_MARKS = ("..", ". .", "…", "***", "[")  # "[" for "[…]", "[...]" and "[sic]"


def blank_elisions(prose: str) -> str:
    """``prose`` with each elision between words replaced by spaces."""
    if not any(mark in prose for mark in _MARKS):
        return prose
    prose = _ELISION.sub(lambda match: " " * len(match.group()), prose)
    if "]" in prose:
        prose = _CHANGED_LETTER.sub(lambda match: "  " + match.group(1), prose)
    return prose
