"""Context cues as data: the ``cues`` and ``pages`` of rule packs, checked and
compiled into one :class:`CueBook` per run.

A cue is a named list of patterns with a *type* (what rules cancel or
downgrade by), a *scope* (where it must stand to govern a claim) and options
(see ``rules/context.yaml`` for the built-in cues and what each scope means).
A page class (``pages``) is a set of signal patterns and how many distinct
signals make a page one of its kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

import regex

from ..lazyregex import LazyPattern
from ..rulespec import RuleError

if TYPE_CHECKING:
    from ..kinds import PatternCompiler

PATTERN_SCOPES = ("clause", "after", "sentence-before", "sentence", "within", "next-sentence", "section", "after-quotation")
STRUCTURAL_SCOPES = ("question", "quotation", "citation")
SCOPES = PATTERN_SCOPES + STRUCTURAL_SCOPES
SPEAKERS = ("not-own", "third-party")
_CUE_KEYS = frozenset({"type", "scope", "patterns", "reach", "ignore", "speaker", "unless_after", "unless_opening", "lead_ins", "sentences_after",
                       "description"})
_PAGE_KEYS = frozenset({"signals", "decisive", "min", "unless", "outweighs", "decisive_only", "description", "label"})
_NAME = regex.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Cue:
    name: str
    type: str
    scope: str
    patterns: regex.Pattern[str] | None = None
    reach: int | None = None
    """Words the cue may stand before the claim (clause and sentence-before scopes)."""
    ignore: regex.Pattern[str] | None = None
    speaker: str | None = None
    unless_after: regex.Pattern[str] | None = None
    """Words that take the cue back: searched in the rest of the sentence after the
    claim (clause and sentence-before scopes), matched at the start of the next
    sentence (question scope: the page's own answer)."""
    lead_ins: regex.Pattern[str] | None = None
    sentences_after: int = 1
    where: str = ""
    unless_opening: regex.Pattern[str] | None = None
    """Question scope: openings that make a question assert what it asks ("Did you know ...?")."""


@dataclass(frozen=True)
class PageClass:
    """A kind of page: ``minimum`` different ``signals``, or any one of the
    ``decisive`` ones, make a page one, unless it is one of ``unless``, which
    ``outweighs`` overrides with more signals (a pharmacy's leaflet that gives
    the pharmacy's number is still patient information); against such a class
    the signals are counted, and a decisive one is not enough alone."""

    name: str
    signals: tuple[regex.Pattern[str], ...]
    minimum: int = 1
    unless: tuple[str, ...] = ()
    label: str = ""
    where: str = ""
    decisive: tuple[regex.Pattern[str], ...] = ()
    outweighs: tuple[tuple[str, int], ...] = ()
    """``(class, n)`` for a class of ``unless``: n different signals make the page this class all the same."""
    decisive_only: tuple[str, ...] = ()
    """Classes of ``unless`` that stand in the way only when one of their
    decisive signals decided them: a news story that mentions a price and
    "customers" is still news, but not one with an order button."""


@dataclass(frozen=True)
class CueBook:
    """Every cue and page class of a run, and the speaker patterns."""

    cues: tuple[Cue, ...] = ()
    pages: Mapping[str, PageClass] = field(default_factory=dict)
    own_voice: regex.Pattern[str] | None = None
    third_party: regex.Pattern[str] | None = None
    regulator: regex.Pattern[str] | None = None

    @property
    def types(self) -> frozenset[str]:
        return frozenset(cue.type for cue in self.cues) | {cue.name for cue in self.cues}

    def of(self, names: Iterable[str]) -> tuple[Cue, ...]:
        """The cues a rule's list (of types or cue names) refers to."""
        wanted = set(names)
        return tuple(cue for cue in self.cues if cue.type in wanted or cue.name in wanted)

    def patterns(self) -> list[regex.Pattern[str]]:
        """Patterns searched over whole pages (page signals), for the prefilter to watch."""
        return [signal for page in self.pages.values() for signal in (*page.decisive, *page.signals)]

    def scope_unions(self) -> list[regex.Pattern[str]]:
        """Every scope's union (see :meth:`any_of_scope`), for the prefilter to
        watch: a sentence it names for no union needs no cue search at all."""
        unions = (self.any_of_scope(scope) for scope in dict.fromkeys(cue.scope for cue in self.cues))
        return [union for union in unions if union is not None]

    def any_of_scope(self, scope: str) -> regex.Pattern[str] | None:
        """One pattern matching wherever any cue of ``scope`` matches: a
        window it finds nothing in needs no search cue by cue (most claims are
        governed by no cue at all). None when a cue cannot join it (a user's
        pattern, which keeps its own time limit)."""
        unions = self.__dict__.setdefault("_unions", {})
        if scope not in unions:
            members = [cue.patterns for cue in self.cues if cue.scope == scope and cue.patterns is not None]
            if not members or not all(isinstance(member, LazyPattern) for member in members):
                unions[scope] = None
            else:
                flags = members[0].flags
                unions[scope] = LazyPattern("|".join(f"(?:{member.pattern})" for member in members), flags) \
                    if all(member.flags == flags for member in members) else None
        return unions[scope]  # type: ignore[no-any-return]


def build_cue_book(
    packs: Sequence[tuple[str, bool, Mapping[str, Any]]],
    compiler_for: Callable[[str, bool], PatternCompiler],
) -> CueBook:
    """``packs``: (namespace and path, built-in?, the pack's ``cues``/``pages``)."""
    cues: dict[str, Cue] = {}
    pages: dict[str, PageClass] = {}
    builtin_names: set[str] = set()
    for (namespace, path), builtin, context in ((p[0], p[1], p[2]) for p in packs):
        compiler = compiler_for(namespace, builtin)
        for name, entry in (context.get("cues") or {}).items():
            cue = _cue(path, name, _Located(entry), compiler)
            _check_new(path, name, cues, builtin_names, builtin, "cue")
            cues[name] = cue
        for name, entry in (context.get("pages") or {}).items():
            page = _page(path, name, _Located(entry), compiler)
            _check_new(path, name, pages, builtin_names, builtin, "page class")
            pages[name] = page
    for page in pages.values():
        for other in page.unless:
            if other not in pages:
                raise RuleError(page.where, None, f"page class '{page.name}': 'unless' names unknown page class '{other}'")
        _check_no_cycle(page, pages)
    builtin_compiler = compiler_for("", True)
    return CueBook(tuple(cues.values()), pages, *(_speaker(builtin_compiler, name) for name in ("own_voice", "third_party", "regulator")))


def _check_no_cycle(page: PageClass, pages: Mapping[str, PageClass]) -> None:
    """A page class judged 'unless' another that is judged 'unless' it again
    could never be decided."""
    path = [page.name]
    pending = [(other, (page.name, other)) for other in page.unless]
    while pending:
        name, chain = pending.pop()
        if name == page.name:
            raise RuleError(page.where, None, f"page class '{page.name}': 'unless' goes round in a circle ({' -> '.join(chain)})")
        if len(chain) > len(pages) + 1 or name in path[1:]:
            continue
        path.append(name)
        pending.extend((other, (*chain, other)) for other in pages[name].unless)


def _speaker(compiler: PatternCompiler, name: str) -> regex.Pattern[str] | None:
    try:
        return compiler.compile(["{" + name + "}"])
    except ValueError:
        return None  # no such vocabulary entry: speakers are not told apart


def _check_new(path: str, name: str, known: Mapping[str, Any], builtin_names: set[str], builtin: bool, what: str) -> None:
    if name in known:
        if name in builtin_names and not builtin:
            raise RuleError(path, None, f"{what} '{name}' redefines the built-in {what} of that name; choose another name")
        raise RuleError(path, None, f"{what} '{name}' is defined twice")
    if builtin:
        builtin_names.add(name)


def _cue(path: str, name: Any, spec: Any, compiler: PatternCompiler) -> Cue:
    line = getattr(spec, "line", None)
    where = f"{path}:{line}" if line else path
    if not isinstance(name, str) or not _NAME.match(name):
        raise RuleError(path, line, f"cue name {name!r} must be lower-case words joined by hyphens")
    if not getattr(spec, "valid", isinstance(spec, dict)):
        raise RuleError(path, line, f"cue '{name}' must be a mapping with 'type', 'scope' and 'patterns'")
    unknown = sorted(set(spec) - _CUE_KEYS)
    if unknown:
        raise RuleError(path, _key_line(spec, unknown[0]), f"cue '{name}': unknown key '{unknown[0]}' (allowed: {', '.join(sorted(_CUE_KEYS))})")
    scope = spec.get("scope")
    if scope not in SCOPES:
        raise RuleError(path, _key_line(spec, "scope"), f"cue '{name}': scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    cue_type = spec.get("type", name)
    if not isinstance(cue_type, str) or not _NAME.match(cue_type):
        raise RuleError(path, _key_line(spec, "type"), f"cue '{name}': type must be a lower-case hyphenated word")
    speaker = spec.get("speaker")
    if speaker is not None and speaker not in SPEAKERS:
        raise RuleError(path, _key_line(spec, "speaker"), f"cue '{name}': speaker must be one of {', '.join(SPEAKERS)}")
    for key in ("reach", "sentences_after"):
        value = spec.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise RuleError(path, _key_line(spec, key), f"cue '{name}': '{key}' must be a whole number >= 0")

    def compiled(key: str) -> regex.Pattern[str] | None:
        value = spec.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
            hint = " (YAML read one as a mapping: quote a pattern that holds ': ')" if isinstance(value, list) and any(isinstance(v, dict) for v in value) else ""
            raise RuleError(path, _key_line(spec, key), f"cue '{name}': '{key}' must be a list of patterns{hint}")
        try:
            return compiler.compile(value)
        except (regex.error, ValueError) as exc:
            raise RuleError(path, _key_line(spec, key), f"cue '{name}': key '{key}': invalid pattern: {exc}") from None

    patterns = compiled("patterns")
    if scope in PATTERN_SCOPES and patterns is None:
        raise RuleError(path, line, f"cue '{name}': a {scope} cue needs 'patterns'")
    return Cue(name, cue_type, scope, patterns, spec.get("reach"), compiled("ignore"), speaker, compiled("unless_after"),
               compiled("lead_ins"), spec.get("sentences_after", 1), where, compiled("unless_opening"))


def _page(path: str, name: Any, spec: Any, compiler: PatternCompiler) -> PageClass:
    line = getattr(spec, "line", None)
    if not isinstance(name, str) or not _NAME.match(name):
        raise RuleError(path, line, f"page class name {name!r} must be lower-case words joined by hyphens")
    if not getattr(spec, "valid", isinstance(spec, dict)) or not ({"signals", "decisive"} & set(spec)):
        raise RuleError(path, line, f"page class '{name}' must be a mapping with 'signals' or 'decisive'")
    spec.setdefault("signals", [])
    unknown = sorted(set(spec) - _PAGE_KEYS)
    if unknown:
        raise RuleError(path, _key_line(spec, unknown[0]), f"page class '{name}': unknown key '{unknown[0]}' (allowed: {', '.join(sorted(_PAGE_KEYS))})")
    signals = spec["signals"]
    decisive = spec.get("decisive", [])
    for key, value in (("signals", signals), ("decisive", decisive)):
        if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
            raise RuleError(path, _key_line(spec, key), f"page class '{name}': '{key}' must be a list of patterns (each one kind of signal)")
    if not signals and not decisive:
        raise RuleError(path, _key_line(spec, "signals"), f"page class '{name}' needs 'signals' or 'decisive' patterns")
    minimum = spec.get("min", 1)
    if not isinstance(minimum, int) or isinstance(minimum, bool) or not 1 <= minimum <= max(1, len(signals)):
        raise RuleError(path, _key_line(spec, "min"), f"page class '{name}': 'min' must be between 1 and the number of signals")
    unless = spec.get("unless", [])
    if not isinstance(unless, list) or not all(isinstance(u, str) for u in unless):
        raise RuleError(path, _key_line(spec, "unless"), f"page class '{name}': 'unless' must be a list of page classes")

    def compiled(key: str, patterns: list[str]) -> tuple[regex.Pattern[str], ...]:
        try:
            return tuple(compiler.compile([signal]) for signal in patterns)
        except (regex.error, ValueError) as exc:
            raise RuleError(path, _key_line(spec, key), f"page class '{name}': invalid {key} pattern: {exc}") from None

    outweighs = spec.get("outweighs", {})
    if not isinstance(outweighs, dict) or not all(
            other in unless and isinstance(n, int) and not isinstance(n, bool) and minimum <= n <= len(signals)
            for other, n in outweighs.items()):
        raise RuleError(path, _key_line(spec, "outweighs"), f"page class '{name}': 'outweighs' must map classes of 'unless' "
                        "to a number of signals between 'min' and the number of signals")
    decisive_only = spec.get("decisive_only", [])
    if not isinstance(decisive_only, list) or not all(other in unless for other in decisive_only):
        raise RuleError(path, _key_line(spec, "decisive_only"), f"page class '{name}': 'decisive_only' must list classes of 'unless'")
    label = spec.get("label", name)
    return PageClass(name, compiled("signals", signals), minimum, tuple(unless), str(label), f"{path}:{line}" if line else path,
                     compiled("decisive", decisive), tuple(outweighs.items()), tuple(decisive_only))


class _Located(dict):  # type: ignore[type-arg]
    """A cue or page definition with the lines its pack file gave it."""

    def __init__(self, entry: Mapping[str, Any]) -> None:
        spec = entry.get("spec")
        super().__init__(spec if isinstance(spec, dict) else {})
        self.valid = isinstance(spec, dict)
        self.line = entry.get("line")
        self.key_lines = entry.get("key_lines") or {}


def _key_line(spec: Any, key: str) -> int | None:
    return getattr(spec, "key_lines", {}).get(key) or getattr(spec, "line", None)
