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
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from . import cachefiles
from .kinds import PatternCompiler, RuleKind, builtin_kinds
from .rulespec import Origin, RuleError, RuleSpec, build_spec


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
    defines: Mapping[str, str]
    rules: tuple[tuple[Mapping[str, Any], Origin], ...]


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
    unknown = sorted(set(data) - {"pack", "description", "define", "rules"})
    if unknown:
        raise RuleError(str(path), _line(data, unknown[0]), f"unknown key '{unknown[0]}' (allowed: pack, description, define, rules)")
    defines = data.get("define") or {}
    if not isinstance(defines, dict):
        raise RuleError(str(path), _line(data, "define"), "'define' must map names to patterns")
    vocabulary: dict[str, str] = {}
    for name, value in defines.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "|".join(f"(?:{v})" for v in value)
        if not isinstance(value, str):
            raise RuleError(str(path), defines.key_lines.get(name), f"vocabulary entry '{name}' must be a pattern or a list of patterns")
        vocabulary[str(name)] = value
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        raise RuleError(str(path), _line(data, "rules"), "'rules' must be a list")
    entries: list[tuple[Mapping[str, Any], Origin]] = []
    for entry in rules:
        if not isinstance(entry, LineDict):
            raise RuleError(str(path), _line(data, "rules"), "each rule must be a mapping")
        entries.append((entry, Origin(str(path), entry.line, dict(entry.key_lines))))
    return PackFile(str(path), str(data.get("pack") or path.stem), vocabulary, tuple(entries))


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
_PACKS_FORMAT = "claimlint-packs-2"
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
        parts = [_PACKS_FORMAT.encode(), sys.version.encode(), Path(__file__).read_bytes()]
        for path in paths:
            parts += [os.path.abspath(path).encode("utf-8", "surrogateescape"), path.read_bytes()]
    except OSError:
        return None
    return b"\0\0".join(f"{len(part)}:".encode() + part for part in parts)


def _plain(pack: PackFile) -> dict[str, Any]:
    return {"name": pack.name, "defines": dict(pack.defines),
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
    return PackFile(name, str(item["name"]), dict(item["defines"]), rules)


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
    """A rule ready to run: its spec and the checker its kind built."""

    spec: RuleSpec
    checker: RuleKind


def load_rules(
    folders: Iterable[Path] = (),
    *,
    include_builtin: bool = True,
    kinds: Mapping[str, type[RuleKind]] | None = None,
    cache: Path | None = None,
) -> list[Rule]:
    """Read every pack in the built-in folder and ``folders`` and build the
    rules; parsed packs are kept in ``cache``, if given."""
    all_kinds = {**builtin_kinds(), **(kinds or {})}
    paths = pack_files(([builtin_pack_dir()] if include_builtin else []) + list(folders))
    packs = read_packs(paths, cache)
    macros: dict[str, str] = {}
    for pack in packs:
        macros.update(pack.defines)
    compiler = PatternCompiler(macros)
    rules: list[Rule] = []
    seen: dict[str, Origin] = {}
    builtin = builtin_pack_dir().resolve()
    for pack in packs:
        compiler.lazy = Path(pack.path).resolve().parent == builtin
        for entry, origin in pack.rules:
            kind_name = entry.get("kind")
            kind = all_kinds.get(kind_name) if isinstance(kind_name, str) else None
            if kind is None:
                raise origin.error(f"unknown rule kind {kind_name!r} (known: {', '.join(sorted(all_kinds))})", "kind")
            spec = build_spec(entry, origin, pack.name, frozenset(kind.OPTIONS))
            _check_options(spec, kind)
            for key in (spec.code, spec.name):
                if key in seen:
                    first = seen[key]
                    raise origin.error(f"duplicate rule '{key}' (first defined at {first.path}:{first.line})", "code")
                seen[key] = origin
            rules.append(Rule(spec, kind(spec, compiler)))
    return rules


def _check_options(spec: RuleSpec, kind: type[RuleKind]) -> None:
    for name, value in spec.options.items():
        option = kind.OPTIONS[name]
        if not option.check(value):
            raise spec.origin.error(f"key '{name}' must be {option.describe}, not {value!r}", name)
