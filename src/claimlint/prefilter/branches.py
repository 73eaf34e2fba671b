"""A rewritten pattern as the separate expressions Hyperscan compiles.

A rule of many patterns is one expression too large for Hyperscan; as many
small ones, one per top-level alternative, it compiles quickly. This module
splits a rewritten pattern (see :mod:`.superset`) at its top-level "|",
looking into groups that make up a whole branch.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .superset import LOOSE, Unsupported, superset


def branches(source: str) -> list[str]:
    """The superset of ``source`` as its top-level alternatives, each a
    pattern of its own (a rule of many patterns is one expression too large
    for Hyperscan; as many small ones it compiles quickly). Any text a branch
    begins or ends with is left out: an end within the same sentence is all
    the index needs (rule matches lie within a sentence or a block, and the
    candidate is the sentence holding a match's end), and a trailing "any
    text" would report every later offset. Raises :class:`Unsupported` when
    a branch is any text and nothing else."""
    found = []
    for branch in _alternatives(superset(source)):
        while branch.startswith(LOOSE):
            branch = branch[len(LOOSE) :]
        branch = _without_trailing_loose(branch)
        if not branch:
            raise Unsupported("a branch that is only a term list")
        if regex.fullmatch(branch, "") is not None:
            # Hyperscan rejects it, and a rejected pattern costs a compile of
            # each pattern on its own to find it.
            raise Unsupported("a branch that matches the empty string")
        found.append(branch)
    return found


def _without_trailing_loose(branch: str) -> str:
    """``branch`` without the "any text" it ends with, also where groups close
    after it: a term list at the end of a nested vocabulary entry ends a branch
    as ``...[any]*))``, and left there it reports every later offset as the end
    of a match, so every later sentence becomes a candidate."""
    while True:
        closing = 0
        while branch.endswith(")", 0, len(branch) - closing) and not _escaped(branch, len(branch) - closing - 1):
            closing += 1
        core = branch[: len(branch) - closing]
        if not core.endswith(LOOSE):
            return branch
        branch = core[: -len(LOOSE)] + ")" * closing


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _alternatives(rewritten: str) -> list[str]:
    """Split a rewritten pattern at its top-level "|", looking into groups
    that make up a whole branch."""
    parts = _split_top(rewritten)
    if len(parts) == 1:
        inner = _whole_group(parts[0])
        return [parts[0]] if inner is None else _alternatives(inner)
    return [piece for part in parts for piece in _alternatives(part)]


def _split_top(text: str) -> list[str]:
    parts, start = [], 0
    for index, char, depth in _structure(text):
        if char == "|" and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _whole_group(text: str) -> str | None:
    """The inside of ``(?:...)`` when the group is the whole of ``text``."""
    if not text.startswith("(?:") or not text.endswith(")"):
        return None
    for index, char, depth in _structure(text):
        if char == ")" and depth == 0 and index != len(text) - 1:
            return None
    return text[3:-1]


def _structure(text: str) -> Iterator[tuple[int, str, int]]:
    """Each "(", ")" and "|" of a rewritten pattern that is not escaped or
    inside a character class, with the group depth after it."""
    depth, index, in_class = 0, 0, False
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if text[index + 1 : index + 2] == "]":
                index += 1  # "[]...]": a leading "]" is a member, not the end
        elif char in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[char]
            yield index, char, depth
        index += 1
