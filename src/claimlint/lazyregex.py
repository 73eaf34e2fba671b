"""Regular expressions compiled on first use.

Compiling patterns is most of claimlint's start-up: the built-in rule packs and
the context model hold a few hundred, and a pre-commit run over one short file
needs a handful of them. Module-level patterns and built-in rule patterns are
therefore :class:`LazyPattern` objects, compiled when a document first needs
them. (Users' rule patterns are compiled at load time instead, so that a broken
one is reported with its file and line before any file is read.)
"""

from __future__ import annotations

from typing import Any

import regex

# Methods copied onto the object when it compiles, so that later calls cost a
# plain attribute lookup instead of a trip through __getattr__.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    __slots__ = ("pattern", "flags", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: regex.Pattern[str] | None = None

    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            compiled = regex.compile(self.pattern, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # unpickling asks before the slots are set
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state
        self._compiled = None


def lazy(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern, typed as compiled, that compiles on first use."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
