"""Rule kinds: the Python behind the YAML rules, one small module per kind.

A kind declares the options its YAML entries may carry (with their types) and
turns one :class:`~claimlint.rulespec.RuleSpec` into a checker. A checker either
offers a ``trigger`` pattern, and the engine calls :meth:`RuleKind.at` for each
match found in its single combined scan, or implements :meth:`RuleKind.scan`
for document-level checks. Third-party kinds register through the
``claimlint.plugins`` entry point group (see :mod:`claimlint.plugins`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Mapping

import regex

from ..analysis import Analysis
from ..model import Severity
from ..rulespec import RuleError, RuleSpec
from ..lazyregex import LazyPattern
from ..timeouts import TimedPattern

FLAGS = regex.IGNORECASE | regex.VERSION0
_MACRO = regex.compile(r"\{([a-z][a-z_]*)\}")
_SYMBOL_START = regex.compile(r"(?:\(\?:)*(?:\[|\\[$(\[^.]|[^\w\\(])")
# A character class, or an escape (so that "\\[" never opens a class).
_CLASS_OR_ESCAPE = regex.compile(r"\\.|\[(?:\\.|[^\]\\])*\]")
_BARE_SPACES = regex.compile(r"(?<!\\) +(\?|\*)?")


@dataclass(frozen=True)
class Hit:
    """One finding in prose offsets, before the engine locates it in the file."""

    start: int
    end: int
    values: Mapping[str, str] = field(default_factory=dict)
    severity: Severity | None = None
    related: tuple[tuple[int, int, str], ...] = ()
    suggestion: str | None = None


@dataclass(frozen=True)
class Option:
    """The type of a kind-specific YAML key: a checker for its value and a word for errors."""

    check: Callable[[Any], bool]
    describe: str
    default: Any = None


def _is_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


STRINGS = Option(_is_strings, "a list of strings", ())
STRING = Option(lambda v: isinstance(v, str), "a string")
BOOL = Option(lambda v: isinstance(v, bool), "true or false")
INT = Option(lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number >= 0")
SCOPE = Option(lambda v: v in ("sentence", "block"), "sentence or block", "sentence")
SEVERITY = Option(lambda v: isinstance(v, str) and v.lower() in ("error", "warning", "info"), "error, warning or info")


class PatternCompiler:
    """Compiles rule patterns: ``{macro}`` expands to a vocabulary entry, a space
    outside a character class matches any run of white space (prose wraps), and
    the whole is case-insensitive and anchored at word edges. Spaces are read
    in each pattern and each vocabulary entry on its own, so a character class
    must open and close within one of them."""

    def __init__(self, macros: Mapping[str, str]) -> None:
        self.macros = dict(macros)
        self._expanded: dict[str, str] = {}
        self.lazy = False  # see claimlint.lazyregex

    def expand(self, pattern: str, seen: tuple[str, ...] = ()) -> str:
        def replace(match: regex.Match[str]) -> str:
            name = match.group(1)
            if name in seen:
                raise ValueError(f"vocabulary entry {{{name}}} refers to itself")
            if name not in self.macros:
                raise ValueError(f"unknown vocabulary entry {{{name}}}")
            if name not in self._expanded:
                self._expanded[name] = self.expand(self.macros[name], seen + (name,))
            return f"(?:{self._expanded[name]})"

        # Spaces become white space before the expansion, so that each
        # vocabulary entry (some are thousands of characters) is rewritten
        # once, not once for every rule that uses it.
        return _MACRO.sub(replace, _spaces_to_whitespace(pattern))

    def source(self, patterns: Iterable[str]) -> str:
        parts = [self.expand(p) for p in patterns]
        # A leading \b lets the regex engine skip ahead quickly (measured 1.7x
        # faster than a look-behind); it only fits parts that start with a word
        # character, so parts that start with a quote or a currency sign keep
        # the look-behind.
        words = [p for p in parts if not _SYMBOL_START.match(p)]
        symbols = [p for p in parts if _SYMBOL_START.match(p)]
        branches = []
        if words:
            branches.append(r"\b(?:" + "|".join(f"(?:{p})" for p in words) + ")")
        if symbols:
            branches.append(r"(?<![\p{L}\p{N}])(?:" + "|".join(f"(?:{p})" for p in symbols) + ")")
        return "(?:" + "|".join(branches) + r")(?![\p{L}\p{N}])"

    def compile(self, patterns: Iterable[str]) -> regex.Pattern[str]:
        if self.lazy:
            return LazyPattern(self.source(patterns), FLAGS)  # type: ignore[return-value]
        # A user's pattern: every search it makes has a time limit.
        return TimedPattern(regex.compile(self.source(patterns), FLAGS))  # type: ignore[return-value]


def _spaces_to_whitespace(pattern: str) -> str:
    if " " not in pattern:
        return pattern
    out: list[str] = []
    position = 0
    for token in _CLASS_OR_ESCAPE.finditer(pattern):
        if token.group().startswith("\\"):
            continue
        out.append(_bare_spaces(pattern[position : token.start()]))
        out.append(token.group())
        position = token.end()
    out.append(_bare_spaces(pattern[position:]))
    return "".join(out)


def _bare_spaces(fragment: str) -> str:
    # "a b" -> a\s+b, "a ?b" -> a\s*b: prose wraps, and optional spaces stay optional.
    if " " not in fragment:
        return fragment
    return _BARE_SPACES.sub(lambda m: r"\s*" if m.group(1) else r"\s+", fragment)


class RuleKind:
    """Base class of every rule kind."""

    OPTIONS: ClassVar[Mapping[str, Option]] = {}
    trigger: regex.Pattern[str] | None = None
    # Where a trigger match may lie: within one sentence, or within one block
    # (for patterns such as quotations that span sentences).
    scope: str = "sentence"

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        self.spec = spec
        self.compiler = compiler
        self.options = {name: spec.options.get(name, option.default) for name, option in self.OPTIONS.items()}

    def pattern(self, key: str) -> regex.Pattern[str] | None:
        """Compile the pattern list under option ``key``, naming the rule's
        file and line if a pattern is broken."""
        patterns = self.options.get(key) or ()
        if not patterns:
            return None
        try:
            return self.compiler.compile(patterns)
        except Exception as exc:  # noqa: BLE001 - see _invalid_pattern
            raise _invalid_pattern(self.spec, key, exc) from None

    def patterns_each(self, key: str) -> list[regex.Pattern[str]]:
        """Compile each pattern under option ``key`` on its own (for options
        where every entry must match, or where matches are counted)."""
        compiled = []
        for source in self.options.get(key) or ():
            try:
                compiled.append(self.compiler.compile([source]))
            except Exception as exc:  # noqa: BLE001 - see _invalid_pattern
                raise _invalid_pattern(self.spec, key, exc) from None
        return compiled

    def severity_option(self, key: str) -> Severity | None:
        value = self.options.get(key)
        return Severity.parse(value) if value else None

    def applies_to(self, analysis: Analysis) -> bool:
        """Can this rule fire on the document at all? Page-level preconditions
        (a phrase rule's ``require_document``) are answered once per document,
        before the rule's pattern is searched for."""
        return True

    def not_prose_here(self, analysis: Analysis, start: int, end: int) -> bool:
        """Is ``[start, end)`` part of a written-out URL or e-mail address, or in
        a block kind this rule skips (its ``skip_blocks`` option, such as
        headings)? Such a match is no claim of the page's prose."""
        if analysis.in_url(start, end):
            return True
        skipped = self.options.get("skip_blocks")
        return bool(skipped) and analysis.block_kind(start) in skipped

    def page_patterns(self) -> Iterable[regex.Pattern[str]]:
        """The patterns this kind looks for anywhere on a page with
        :meth:`Analysis.matches`. The engine watches them with its one
        prefilter pass, so that a page without them costs no regex search."""
        return ()

    def at(self, analysis: Analysis, match: regex.Match[str]) -> Iterable[Hit]:
        return ()

    def scan(self, analysis: Analysis) -> Iterable[Hit]:
        return ()


def _invalid_pattern(spec: RuleSpec, key: str, exc: Exception) -> RuleError:
    """A user's pattern that does not compile, as a rule error naming its file
    and line. The regex module has also failed on some odd but valid-looking
    classes with an AttributeError (``[^\\p{L}\\p{^L}]`` ignoring case, in
    regex 2026.9.29): those are the user's to see too, not a traceback."""
    if isinstance(exc, (regex.error, ValueError)):
        return spec.origin.error(f"key '{key}': invalid pattern: {exc}", key)
    return spec.origin.error(f"key '{key}': the regex module cannot compile this pattern ({type(exc).__name__}: {exc})", key)


def builtin_kinds() -> dict[str, type[RuleKind]]:
    from .consistency import ConsistencyKind
    from .contact import ContactKind
    from .evidence import EvidenceKind
    from .meta import MetaKind
    from .phrase import PhraseKind

    return {
        "phrase": PhraseKind,
        "evidence": EvidenceKind,
        "contact": ContactKind,
        "consistency": ConsistencyKind,
        "meta": MetaKind,
    }
