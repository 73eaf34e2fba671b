"""Rule packs: YAML files of rules, read with a safe loader that remembers line
numbers so every mistake is reported as ``file:line: what is wrong``.

A pack file holds ``pack`` (its name), an optional ``define`` mapping of
vocabulary entries (``{disease}`` and the like, shared by every pack loaded
together) and a list of ``rules``. The built-in packs ship inside the package
as ``claimlint.rules``; users add folders of their own by configuration and
plugins add theirs through entry points.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from . import cachefiles
from .context.cues import CueBook, build_cue_book
from .kinds import PatternCompiler, RuleKind, builtin_kinds
from .pipeline import Pipeline
from .rulespec import Origin, RuleError, RuleSpec, build_spec
from .vocabulary import Entry, Vocabulary, VocabularyError


class LineDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int] = {}


@functools.cache
def _line_loader() -> type[Any]:
    """PyYAML's safe loader, remembering lines. Built on first use: importing
    PyYAML is a tenth of a one-file run, and a run with cached packs needs none."""
    import yaml

    # libyaml's parser with PyYAML's safe constructors: the packs load ~5x
    # faster than with the pure-Python parser, with the same marks for line numbers.
    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        name = "<rules>"

    def construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> Any:
        loader.flatten_mapping(node)
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in data.key_lines:
                raise RuleError(loader.name, key_node.start_mark.line + 1, f"duplicate key '{key}'")
            if key is not None:
                data.key_lines[key] = key_node.start_mark.line + 1
        yield data
        data.update(loader.construct_mapping(node, deep=True))

    LineLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    return LineLoader


@dataclass(frozen=True)
class PackFile:
    path: str
    name: str
    defines: Mapping[str, Mapping[str, Any]]
    """Vocabulary entries by name: ``{"pattern": ...}``, ``{"terms": [...],
    "case_sensitive": bool}`` or ``{"forms": {selector: [...]}}`` (a word
    family, expanded), each with its ``"line"``."""
    rules: tuple[tuple[Mapping[str, Any], Origin], ...]
    context: Mapping[str, Any] = field(default_factory=dict)
    """The pack's ``cues`` and ``pages`` (see :mod:`claimlint.context`), as read."""


def builtin_pack_dir() -> Path:
    from . import rules

    # The packs sit beside the package's __init__ in every ordinary install;
    # importlib.resources (several milliseconds to import) is the fallback.
    folder = Path(rules.__file__).parent
    if folder.is_dir():
        return folder
    from importlib import resources

    return Path(str(resources.files("claimlint.rules")))


def read_pack_file(path: Path) -> PackFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(str(path), None, f"cannot read rule file: {exc}") from None
    import yaml

    try:
        data = yaml.load(text, Loader=_make_loader(str(path)))  # noqa: S506 - a SafeLoader subclass
    except RuleError:
        raise
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RuleError(str(path), line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(str(path), None, f"invalid YAML: {exc}") from None
    if data is None:
        data = LineDict()
    if not isinstance(data, dict):
        raise RuleError(str(path), 1, "a rule file must be a mapping with 'pack' and 'rules'")
    unknown = sorted(set(data) - _PACK_KEYS)
    if unknown:
        raise RuleError(str(path), _line(data, unknown[0]), f"unknown key '{unknown[0]}' (allowed: {', '.join(sorted(_PACK_KEYS))})")
    vocabulary = _read_defines(path, data)
    vocabulary.update(_read_families(path, data, vocabulary))
    context: dict[str, dict[str, Any]] = {}
    for key in ("cues", "pages"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise RuleError(str(path), _line(data, key), f"'{key}' must be a mapping of names to definitions")
        # Lines are kept beside each definition, so that a mistake found when
        # the cues are compiled names its line even when the pack came from the cache.
        context[key] = {name: {"spec": dict(spec) if isinstance(spec, dict) else spec,
                               "line": value.key_lines.get(name),
                               "key_lines": dict(getattr(spec, "key_lines", {}))}
                        for name, spec in value.items()}
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        raise RuleError(str(path), _line(data, "rules"), "'rules' must be a list")
    entries: list[tuple[Mapping[str, Any], Origin]] = []
    for entry in rules:
        if not isinstance(entry, LineDict):
            raise RuleError(str(path), _line(data, "rules"), "each rule must be a mapping")
        entries.append((entry, Origin(str(path), entry.line, dict(entry.key_lines))))
    try:
        plain_context = _plain_value(context)
    except TypeError as error:
        # YAML reads an unquoted date or a set as such: a cue takes text only.
        raise RuleError(str(path), _line(data, "cues") or _line(data, "pages"),
                        f"cues and page classes take text, numbers and lists only ({error}); quote the value") from None
    return PackFile(str(path), str(data.get("pack") or path.stem), vocabulary, tuple(entries), plain_context)


_PACK_KEYS = frozenset({"pack", "description", "define", "families", "cues", "pages", "rules"})


def _read_defines(path: Path, data: Any) -> dict[str, dict[str, Any]]:
    vocabulary: dict[str, dict[str, Any]] = {}
    for name, value, line in _named_entries(path, data, "define", "'define' must map names to patterns"):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "|".join(f"(?:{v})" for v in value)
        if isinstance(value, str):
            vocabulary[name] = {"pattern": value, "line": line}
        elif isinstance(value, dict) and set(value) <= {"terms", "case_sensitive"} and "terms" in value:
            terms = value["terms"]
            if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
                raise RuleError(str(path), line, f"vocabulary entry '{name}': 'terms' must be a list of phrases")
            if not isinstance(value.get("case_sensitive", False), bool):
                raise RuleError(str(path), line, f"vocabulary entry '{name}': 'case_sensitive' must be true or false")
            vocabulary[name] = {"terms": [" ".join(t.split()) for t in terms], "case_sensitive": value.get("case_sensitive", False), "line": line}
        else:
            raise RuleError(str(path), line, f"vocabulary entry '{name}' must be a pattern, a list of patterns, or a mapping with 'terms'")
    return vocabulary


def _read_families(path: Path, data: Any, defined: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    from .lexicon import LexiconError, expand_family

    expanded: dict[str, dict[str, Any]] = {}
    for name, spec, line in _named_entries(path, data, "families", "'families' must map names to word families"):
        if name in defined:
            raise RuleError(str(path), line, f"'{name}' is both a word family and a vocabulary entry")
        if not isinstance(spec, dict):
            raise RuleError(str(path), line, f"word family '{name}' must map parts of speech (verb, noun, adj, adv, forms) to lemmas")
        try:
            expanded[name] = {"forms": expand_family(spec), "line": line}
        except LexiconError as exc:
            raise RuleError(str(path), line, f"word family '{name}': {exc}") from None
    return expanded


_ENTRY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _named_entries(path: Path, data: Any, key: str, not_a_mapping: str) -> Iterator[tuple[str, Any, int | None]]:
    """Each (name, value, line) of a pack's top-level mapping of named
    entries ('define', 'families'), its name checked."""
    entries = data.get(key) or {}
    if not isinstance(entries, dict):
        raise RuleError(str(path), _line(data, key), not_a_mapping)
    for name, value in entries.items():
        line = getattr(entries, "key_lines", {}).get(name)
        _check_name(path, line, name)
        yield name, value, line


def _check_name(path: Path, line: int | None, name: Any) -> None:
    if not isinstance(name, str) or not _ENTRY_NAME.match(name):
        raise RuleError(str(path), line, f"vocabulary name {name!r} must be lower-case letters, digits and underscores, starting with a letter")


def _make_loader(name: str) -> type[Any]:
    class Loader(_line_loader()):  # type: ignore[misc, valid-type]
        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            self.name = name

    return Loader


def _line(data: Any, key: str) -> int | None:
    return getattr(data, "key_lines", {}).get(key) or getattr(data, "line", None)


# Parsed packs are kept in the cache folder as JSON (never pickle: a cache
# folder is not trusted with code). The key holds every pack's path and whole
# text, not its modification time: a file swapped in with its old time kept
# (``cp -p``, ``rsync -a``, a symlink moved) must not be read stale, and reading
# the files costs a fraction of a millisecond.
_PACKS_FORMAT = "claimlint-packs-3"
KEEP_PACK_SETS = 8


def read_packs(paths: Sequence[Path], cache: Path | None) -> list[PackFile]:
    """Every pack in ``paths``, parsed, from ``cache`` when it holds them."""
    material = _packs_key(paths) if cache is not None else None
    if material is None:
        return [read_pack_file(path) for path in paths]
    payload = cachefiles.read_entry(cache, "packs", material, ".json")
    if payload is not None:
        try:
            items = json.loads(payload)
            if len(items) == len(paths):
                return [_unplain(item, path) for item, path in zip(items, paths, strict=True)]
        except (ValueError, TypeError, KeyError, AttributeError):
            pass  # damaged: parsed again and stored again below
    packs = [read_pack_file(path) for path in paths]
    try:
        stored = json.dumps([_plain(pack) for pack in packs], ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (TypeError, ValueError):
        return packs  # a value JSON cannot hold exactly (a date, a number key): not cached
    cachefiles.write_entry(cache, "packs", material, ".json", stored, KEEP_PACK_SETS)
    return packs


def _packs_key(paths: Sequence[Path]) -> bytes | None:
    """The packs' paths and texts, with the code that reads them; None when a
    file cannot be read (parsing reports it) or the code is not on disk."""
    try:
        from . import lexicon

        # Word families are expanded when a pack is read: the code and the
        # morphology library's version are part of what the cache holds.
        parts = [_PACKS_FORMAT.encode(), sys.version.encode(), Path(__file__).read_bytes(),
                 Path(lexicon.__file__).read_bytes(), _lemminflect_version().encode()]
        for path in paths:
            parts += [os.path.abspath(path).encode("utf-8", "surrogateescape"), path.read_bytes()]
    except OSError:
        return None
    return b"\0\0".join(f"{len(part)}:".encode() + part for part in parts)


def _lemminflect_version() -> str:
    """What identifies the installed morphology library, without importing it
    or importlib.metadata (25 ms of a pre-commit run): its files' sizes and times."""
    from importlib.util import find_spec

    spec = find_spec("lemminflect")
    if spec is None or spec.origin is None:
        return "none"
    folder = Path(spec.origin).parent
    try:
        return ";".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(folder.glob("*.py")))
    except OSError:
        return "unreadable"


def _plain(pack: PackFile) -> dict[str, Any]:
    return {"name": pack.name, "defines": _plain_value(dict(pack.defines)), "context": _plain_value(dict(pack.context)),
            "rules": [[_plain_value(entry), origin.line, dict(origin.key_lines)] for entry, origin in pack.rules]}


def _plain_value(value: Any) -> Any:
    """``value`` as JSON holds it, or TypeError: JSON would turn a tuple into
    a list and a number key into a string, and the rule would change."""
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("a key that is not a string")
        return {key: _plain_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_value(item) for item in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _unplain(item: dict[str, Any], path: Path) -> PackFile:
    # Named as this run names it (the key holds the absolute path only).
    name = str(path)
    rules = tuple((dict(entry), Origin(name, int(line), dict(key_lines))) for entry, line, key_lines in item["rules"])
    return PackFile(name, str(item["name"]), dict(item["defines"]), rules, dict(item["context"]))


def pack_files(folders: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for folder in folders:
        if folder.is_file():
            files.append(folder)
            continue
        if not folder.is_dir():
            raise RuleError(str(folder), None, "rule folder does not exist")
        files.extend(sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")))
    return files


@dataclass(frozen=True)
class Rule:
    """A rule ready to run: its spec, the checker its kind built, and for a
    triggered kind the pipeline its matches go through."""

    spec: RuleSpec
    checker: RuleKind
    pipeline: Pipeline | None = None


class RuleSet(list):  # type: ignore[type-arg]
    """The rules of a run (a list of :class:`Rule`), with the context cues and
    page classes their packs define."""

    def __init__(self, rules: Iterable[Rule] = (), cues: CueBook | None = None) -> None:
        super().__init__(rules)
        self.cues = cues if cues is not None else CueBook()


def load_rules(
    folders: Iterable[Path] = (),
    *,
    include_builtin: bool = True,
    kinds: Mapping[str, type[RuleKind]] | None = None,
    cache: Path | None = None,
) -> RuleSet:
    """Read every pack in the built-in folder and ``folders`` and build the
    rules; parsed packs are kept in ``cache``, if given."""
    all_kinds = {**builtin_kinds(), **(kinds or {})}
    builtin_dir = builtin_pack_dir()
    paths = pack_files(([builtin_dir] if include_builtin else []) + list(folders))
    packs = read_packs(paths, cache)
    builtin = builtin_dir.resolve()
    is_builtin = [Path(pack.path).resolve().parent == builtin for pack in packs]
    compiler = PatternCompiler(_vocabulary(packs, is_builtin))
    book = build_cue_book([((pack.name, pack.path), own, pack.context) for pack, own in zip(packs, is_builtin, strict=True)],
                          lambda namespace, own: compiler.for_pack(namespace, own))
    rules = RuleSet(cues=book)
    seen: dict[str, Origin] = {}
    for pack, own in zip(packs, is_builtin, strict=True):
        pack_compiler = compiler.for_pack(pack.name, own)
        for entry, origin in pack.rules:
            kind_name = entry.get("kind")
            kind = all_kinds.get(kind_name) if isinstance(kind_name, str) else None
            if kind is None:
                raise origin.error(f"unknown rule kind {kind_name!r} (known: {', '.join(sorted(all_kinds))})", "kind")
            spec = build_spec(entry, origin, pack.name, frozenset(kind.option_types()))
            _check_options(spec, kind)
            for key in (spec.code, spec.name):
                if key in seen:
                    first = seen[key]
                    raise origin.error(f"duplicate rule '{key}' (first defined at {first.path}:{first.line})", "code")
                seen[key] = origin
            checker = kind(spec, pack_compiler)
            pipeline = Pipeline(spec, checker.options, checker, book, kind.DEFAULT_CANCEL) if kind.PIPELINE else None
            rules.append(Rule(spec, checker, pipeline))
    return rules


def _vocabulary(packs: Sequence[PackFile], is_builtin: Sequence[bool]) -> Vocabulary:
    vocabulary = Vocabulary()
    for pack, own in zip(packs, is_builtin, strict=True):
        for name, value in pack.defines.items():
            entry = Entry(name, pack.name, pack.path, value.get("line"), pattern=value.get("pattern"),
                          terms=tuple(value.get("terms", ())), case_sensitive=bool(value.get("case_sensitive")),
                          forms={selector: tuple(forms) for selector, forms in (value.get("forms") or {}).items()})
            try:
                vocabulary.add(entry, builtin=own)
            except VocabularyError as exc:
                raise RuleError(pack.path, entry.line, str(exc)) from None
    return vocabulary


def _check_options(spec: RuleSpec, kind: type[RuleKind]) -> None:
    types = kind.option_types()
    for name, value in spec.options.items():
        option = types[name]
        if not option.check(value):
            hint = ""
            if isinstance(value, list) and any(isinstance(item, dict) for item in value):
                hint = " (YAML read an entry as a mapping: quote a pattern that holds ': ')"
            raise spec.origin.error(f"key '{name}' must be {option.describe}, not {value!r}{hint}", name)
