"""Named vocabulary entries that rule patterns refer to as ``{name}``.

Three sorts of entry, all defined in rule packs:

- a *pattern* (``define: {name: regex}`` or a list of them, joined as alternatives);
- a *term list* (``define: {name: {terms: [...]}}``): literal phrases, such as
  the condition lexicon's thousands of disease names, found with one
  Aho-Corasick pass per document (see :mod:`claimlint.gazetteer`);
- a *word family* (``families:``, see :mod:`claimlint.lexicon`), whose forms
  a pattern may narrow: ``{cure:ing}``, ``{cure:noun}``.

Every pack is a namespace. A pattern's ``{name}`` is looked up in its own
pack, then among the built-in entries; ``{pack.name}`` names another pack's
entry. A user's pack may not redefine a built-in entry: it would silently
change every built-in rule that uses it. Redefining one is an error that names
both places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from .lexicon import SELECTORS, trie_pattern


@dataclass(frozen=True)
class Entry:
    name: str
    namespace: str
    path: str
    line: int | None
    pattern: str | None = None
    """A regular expression (pattern entries)."""
    terms: tuple[str, ...] = ()
    case_sensitive: bool = False
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """A family's forms by selector."""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def source(self, selector: str | None) -> str:
        """The entry as a regular expression, narrowed to ``selector`` for a family."""
        if self.forms:
            chosen = self.forms.get(selector or "all")
            if chosen is None:
                raise ValueError(f"unknown form '{selector}' of word family {{{self.name}}} (known: {', '.join(SELECTORS)})")
            if not chosen:
                raise ValueError(f"word family {{{self.name}}} has no {selector} forms")
            return trie_pattern(chosen)
        if selector is not None:
            raise ValueError(f"{{{self.name}:{selector}}}: only word families have forms to choose")
        if self.pattern is None:
            raise ValueError(f"{{{self.name}}} is a term list, found by the gazetteer pass (see claimlint.gazetteer)")
        return self.pattern


class VocabularyError(ValueError):
    def __init__(self, entry: Entry, message: str) -> None:
        super().__init__(message)
        self.entry = entry


class Vocabulary:
    """Entries by namespace, with the built-in ones marked."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], Entry] = {}
        self._builtin: dict[str, Entry] = {}

    def add(self, entry: Entry, *, builtin: bool) -> None:
        earlier = self._builtin.get(entry.name)
        if earlier is not None and earlier.namespace != entry.namespace:
            if builtin:
                raise VocabularyError(entry, f"vocabulary entry '{entry.name}' is defined twice among the built-in packs (first at {earlier.where})")
            raise VocabularyError(entry, f"vocabulary entry '{entry.name}' redefines the built-in entry of that name ({earlier.where}); "
                                         "a pack may not change what built-in rules match: choose another name")
        key = (entry.namespace, entry.name)
        if key in self._entries:
            raise VocabularyError(entry, f"vocabulary entry '{entry.name}' is defined twice in pack '{entry.namespace}' (first at {self._entries[key].where})")
        self._entries[key] = entry
        if builtin:
            self._builtin[entry.name] = entry

    def lookup(self, reference: str, namespace: str) -> Entry:
        """The entry ``reference`` (``name`` or ``pack.name``) means in a
        pattern of pack ``namespace``."""
        if "." in reference:
            pack, _, name = reference.partition(".")
            entry = self._entries.get((pack, name))
            if entry is None:
                raise ValueError(f"unknown vocabulary entry {{{reference}}}")
            return entry
        entry = self._entries.get((namespace, reference)) or self._builtin.get(reference)
        if entry is None:
            raise ValueError(f"unknown vocabulary entry {{{reference}}}")
        return entry

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._entries.values())
