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
from typing import Any, Callable, ClassVar, Iterable, Mapping, Sequence

import regex

from ..analysis import Analysis
from ..model import Severity
from ..rulespec import RuleError, RuleSpec
from ..lazyregex import LazyPattern
from ..timeouts import TimedPattern
from ..gazetteer import FILL, MAX_LISTS, GazetteerPattern, Gazetteers
from ..prefilter.superset import LOOSE_MARK
from ..vocabulary import Entry, Vocabulary

FLAGS = regex.IGNORECASE | regex.VERSION0
_MACRO = regex.compile(r"\{([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?)(?::([a-z0-9]+))?\}")
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
    """Compiles rule patterns: ``{name}`` expands to a vocabulary entry (see
    :mod:`claimlint.vocabulary`; ``{family:ing}`` to some forms of a word
    family), a space outside a character class matches any run of white space
    (prose wraps), and the whole is case-insensitive and anchored at word
    edges. Spaces are read in each pattern and each vocabulary entry on its
    own, so a character class must open and close within one of them."""

    def __init__(self, vocabulary: Vocabulary | Mapping[str, str] | None = None, namespace: str = "") -> None:
        if vocabulary is None or isinstance(vocabulary, Mapping):
            # A plain mapping of names to patterns (tests, simple embedders).
            plain = Vocabulary()
            for name, source in (vocabulary or {}).items():
                plain.add(Entry(name, "", "<vocabulary>", None, pattern=source), builtin=True)
            vocabulary = plain
        self.vocabulary = vocabulary
        self.namespace = namespace
        self._expanded: dict[tuple[str, str, str | None], str] = {}
        self.lazy = False  # see claimlint.lazyregex
        term_lists = [entry for entry in vocabulary if entry.terms]
        if len(term_lists) > MAX_LISTS:
            extra = term_lists[MAX_LISTS]
            raise RuleError(extra.path, extra.line, f"term list '{extra.name}': at most {MAX_LISTS} term lists can be "
                            f"defined across all packs, and this is number {MAX_LISTS + 1}; merge it into another list "
                            "or write it as a pattern")
        self.gazetteers = Gazetteers([(_qualified(e), e.terms, e.case_sensitive) for e in term_lists])

    def for_pack(self, namespace: str, lazy: bool) -> PatternCompiler:
        """The compiler for one pack's patterns (its names resolve in its own
        namespace first); expansions and term lists are shared."""
        compiler = PatternCompiler.__new__(PatternCompiler)
        compiler.__dict__.update(self.__dict__)
        compiler.namespace = namespace
        compiler.lazy = lazy
        return compiler

    def expand(self, pattern: str, namespace: str | None = None, seen: tuple[tuple[str, str], ...] = ()) -> str:
        namespace = self.namespace if namespace is None else namespace

        def replace(match: regex.Match[str]) -> str:
            reference, selector = match.group(1), match.group(2)
            entry = self.vocabulary.lookup(reference, namespace)
            identity = (entry.namespace, entry.name)
            if identity in seen:
                raise ValueError(f"vocabulary entry {{{entry.name}}} refers to itself")
            key = (entry.namespace, entry.name, selector)
            if key not in self._expanded:
                if entry.terms:
                    if selector is not None:
                        raise ValueError(f"{{{entry.name}:{selector}}}: only word families have forms to choose")
                    # A term list is found by the gazetteer pass; in the masked
                    # text a term is a marker, and the prefilter's rewriting
                    # stands a short run of any text for it.
                    self._expanded[key] = LOOSE_MARK + "(?:" + self.gazetteers.marker_class(_qualified(entry)) + ")"
                else:
                    source = entry.source(selector)
                    # A pattern entry may refer to others, named as its own pack names them.
                    self._expanded[key] = source if entry.pattern is None else self.expand(source, entry.namespace, seen + (identity,))
            return f"(?:{self._expanded[key]})"

        # Spaces become white space before the expansion, so that each
        # vocabulary entry (some are thousands of characters) is rewritten
        # once, not once for every rule that uses it.
        return _MACRO.sub(replace, _spaces_to_whitespace(pattern))

    def source(self, patterns: Iterable[str]) -> str:
        parts = [self.expand(p) for p in patterns]
        # A leading \b lets the regex engine skip ahead quickly (measured 1.7x
        # faster than a look-behind); it only fits parts that start with a word
        # character, so parts that start with a quote or a currency sign keep
        # the look-behind. A term list's marker is a letter, so \b fits it too
        # (the disease rule searched a fifth faster).
        words = [p for p in parts if not _SYMBOL_START.match(p)]
        symbols = [p for p in parts if _SYMBOL_START.match(p)]
        branches = []
        if words:
            branches.append(r"\b(?:" + "|".join(f"(?:{p})" for p in words) + ")")
        if symbols:
            branches.append(r"(?<![\p{L}\p{N}])(?:" + "|".join(f"(?:{p})" for p in symbols) + ")")
        return "(?:" + "|".join(branches) + r")(?![\p{L}\p{N}])"

    def compile(self, patterns: Iterable[str]) -> regex.Pattern[str]:
        source = self.source(patterns)
        compiled: Any = LazyPattern(source, FLAGS) if self.lazy else TimedPattern(regex.compile(source, FLAGS))
        # (A user's pattern: every search it makes has a time limit.)
        if FILL in source:
            compiled = GazetteerPattern(compiled, self.gazetteers)
        return compiled  # type: ignore[no-any-return]


def _qualified(entry: Entry) -> str:
    return f"{entry.namespace}.{entry.name}"


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


def _is_context(value: Any) -> bool:
    if not isinstance(value, dict) or set(value) - {"cancel", "downgrade", "cancel_on"}:
        return False
    cancel = value.get("cancel", [])
    downgrade = value.get("downgrade", {})
    cancel_on = value.get("cancel_on", {})
    return (_is_strings(cancel) and isinstance(downgrade, dict)
            and all(isinstance(k, str) and SEVERITY.check(v) for k, v in downgrade.items())
            and isinstance(cancel_on, dict) and all(isinstance(k, str) and _is_strings(v) for k, v in cancel_on.items()))


def _is_page(value: Any) -> bool:
    if not isinstance(value, dict) or set(value) - {"require", "cancel", "downgrade"}:
        return False
    downgrade = value.get("downgrade", {})
    return (_is_strings(value.get("require", [])) and _is_strings(value.get("cancel", [])) and isinstance(downgrade, dict)
            and all(isinstance(k, str) and SEVERITY.check(v) for k, v in downgrade.items()))


CONTEXT = Option(_is_context, "a mapping with 'cancel' (a list of cue types), 'downgrade' (cue type: severity) and "
                           "'cancel_on' (page class: a list of cue types)")
PAGE = Option(_is_page, "a mapping with 'require', 'cancel' (lists of page classes) and 'downgrade' (page class: severity)")
# The options of the shared filter pipeline (see claimlint.pipeline), which
# every triggered kind accepts.
PIPELINE_OPTIONS: Mapping[str, Option] = {
    "context": CONTEXT,
    "page": PAGE,
    "require": STRINGS,
    "require_all": STRINGS,
    "require_window": Option(INT.check, INT.describe, 0),
    "exclude": STRINGS,
    "exclude_before": STRINGS,
    "exclude_after": STRINGS,
    "exclude_match": STRINGS,
    "exclude_near": STRINGS,
    "near_before": Option(INT.check, INT.describe, 200),
    "near_after": Option(INT.check, INT.describe, 200),
    "lenient_require": STRINGS,
    "lenient_exclude": STRINGS,
    "lenient_exclude_before": STRINGS,
    "resolved_by_document": STRINGS,
    "require_document": STRINGS,
    "skip_blocks": STRINGS,
    "citation_sentences_after": INT,
}


class RuleKind:
    """Base class of every rule kind.

    A *triggered* kind (``PIPELINE = True``) offers a ``trigger`` pattern; the
    engine finds its matches and runs each through the rule's
    :class:`~claimlint.pipeline.Pipeline`, built from the options in
    :data:`PIPELINE_OPTIONS` (which such a kind accepts besides its own). Other
    kinds implement :meth:`scan` for document-level checks."""

    OPTIONS: ClassVar[Mapping[str, Option]] = {}
    PIPELINE: ClassVar[bool] = False
    # The cue types that cancel a match when the rule names none.
    DEFAULT_CANCEL: ClassVar[tuple[str, ...]] = ("negation", "contrast", "question", "reported", "warning", "mention", "hypothetical",
                                                 "research-question")
    trigger: regex.Pattern[str] | None = None
    # The trigger's alternatives compiled one by one (empty when it has one):
    # the engine searches each only in the sentences the prefilter names for
    # it, so one branch built on a common word does not make every sentence a
    # candidate for all the others.
    branches: Sequence[regex.Pattern[str]] = ()
    # Where a trigger match may lie: within one sentence, or within one block
    # (for patterns such as quotations that span sentences).
    scope: str = "sentence"
    # The format a rule's examples are written in: "markdown" for kinds that
    # read what plain text cannot hold (links).
    EXAMPLE_FORMAT: ClassVar[str] = "text"

    @classmethod
    def option_types(cls) -> Mapping[str, Option]:
        return {**PIPELINE_OPTIONS, **cls.OPTIONS} if cls.PIPELINE else cls.OPTIONS

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        self.spec = spec
        self.compiler = compiler
        self.options = {name: spec.options.get(name, option.default) for name, option in self.option_types().items()}

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

    def required_pattern(self, key: str) -> regex.Pattern[str]:
        """Compile option ``key``, which this kind cannot do without."""
        compiled = self.pattern(key)
        if compiled is None:
            raise self.spec.origin.error(f"a {self.spec.kind} rule needs '{key}' patterns", key)
        return compiled

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

    # The pipeline compiles its options through the kind: compile_(key), compile_.each(key).
    def __call__(self, key: str) -> regex.Pattern[str] | None:
        return self.pattern(key)

    def each(self, key: str) -> list[regex.Pattern[str]]:
        return self.patterns_each(key)

    def severity_option(self, key: str) -> Severity | None:
        value = self.options.get(key)
        return Severity.parse(value) if value else None

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
    from .disclosure import DisclosureKind
    from .evidence import EvidenceKind
    from .link import LinkKind
    from .listed import ListedKind
    from .meta import MetaKind
    from .phrase import PhraseKind

    return {
        "phrase": PhraseKind,
        "evidence": EvidenceKind,
        "contact": ContactKind,
        "consistency": ConsistencyKind,
        "disclosure": DisclosureKind,
        "listed": ListedKind,
        "link": LinkKind,
        "meta": MetaKind,
    }
