"""A time limit on every search a user's rule pattern makes.

Rule packs from a configured ``rules`` folder or a plugin are not ours: one
pattern with catastrophic backtracking, such as ``(a|a)+$``, could keep a CI
run busy for ever on one unlucky page. The ``regex`` engine can stop a search
after a time limit; :class:`TimedPattern` gives every search such a limit, and
the engine turns the resulting ``TimeoutError`` into a
:class:`~claimlint.model.RuleTimeout` that names the rule (the runner adds the
file). The built-in packs are tested by the project and run without the
wrapper.

The limit is per search, not per document: ``finditer`` runs as a loop of
searches, because the ``regex`` engine's own ``finditer`` counts the time the
caller spends between matches too, so a long but harmless document could time
out.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

import regex

PATTERN_TIMEOUT = 5.0
"""Seconds one search of one user pattern may take."""


class TimedPattern:
    """A compiled ``regex`` pattern whose searches stop after
    :data:`PATTERN_TIMEOUT` seconds with ``TimeoutError``."""

    __slots__ = ("compiled",)

    def __init__(self, compiled: regex.Pattern[str]) -> None:
        self.compiled = compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    @property
    def flags(self) -> int:
        return self.compiled.flags

    def search(self, string: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        return self.compiled.search(string, pos, len(string) if endpos is None else endpos, timeout=_limit(timeout))

    def match(self, string: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        return self.compiled.match(string, pos, len(string) if endpos is None else endpos, timeout=_limit(timeout))

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> regex.Match[str] | None:
        return self.compiled.fullmatch(string, pos, len(string) if endpos is None else endpos, timeout=_limit(timeout))

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> Iterator[regex.Match[str]]:
        limit = _limit(timeout)
        end = len(string) if endpos is None else endpos
        while pos <= end:
            found = self.compiled.search(string, pos, end, timeout=limit)
            if found is None:
                return
            yield found
            pos = found.end() if found.end() > found.start() else found.end() + 1

    def findall(self, string: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None) -> list[Any]:
        return self.compiled.findall(string, pos, len(string) if endpos is None else endpos, timeout=_limit(timeout))

    def sub(self, repl: str | Callable[[regex.Match[str]], str], string: str, count: int = 0, *, timeout: float | None = None) -> str:
        return self.compiled.sub(repl, string, count, timeout=_limit(timeout))

    def split(self, string: str, maxsplit: int = 0, *, timeout: float | None = None) -> list[str]:
        return self.compiled.split(string, maxsplit, timeout=_limit(timeout))

    def __getattr__(self, name: str) -> Any:
        # groupindex, groups and the rest, for plugin kinds that need them.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (TimedPattern, (self.compiled,))

    def __repr__(self) -> str:
        return f"TimedPattern({self.compiled.pattern!r})"


def _limit(timeout: float | None) -> float:
    return PATTERN_TIMEOUT if timeout is None else timeout
