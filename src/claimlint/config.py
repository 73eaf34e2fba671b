"""Configuration: ``[tool.claimlint]`` in ``pyproject.toml`` or a
``.claimlint.yaml``, found by walking up from the checked paths (then from the
working directory), or named with ``--config``. Unknown keys and wrong types
are errors naming the file, the line and the key."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import regex

from .model import Severity

CONFIG_NAMES = (".claimlint.yaml", ".claimlint.yml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(Exception):
    pass


_SIZE = regex.compile(r"(?i)^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$")
_SIZE_UNITS = {"b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: str | int) -> int:
    """``5MB``, ``500k``, ``2.5 MiB`` or a plain number of bytes (units are
    powers of 1024, as file managers count). Raises ``ValueError``."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        match = _SIZE.match(str(value))
        if match is None:
            raise ValueError(f"{value!r} is not a size (examples: 500k, 5MB, 1GB, 2000000)")
        unit = (match.group(2) or "b")[0].lower()
        size = int(float(match.group(1)) * _SIZE_UNITS[unit])
    if size <= 0:
        raise ValueError(f"{value!r} is not a positive size")
    return size


def _is_size(value: Any) -> bool:
    try:
        parse_size(value)
    except (ValueError, TypeError):
        return False
    return True


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: tuple[Path, ...] = ()
    plugins: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    front_matter_keys: tuple[str, ...] = ()
    extensions: Mapping[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    respect_gitignore: bool = True
    force_exclude: bool = False
    preview: bool = False
    """Run the rules marked preview (new rules whose figures do not hold yet)."""
    path: Path | None = None
    """The file this configuration came from, if any."""
    root: Path = field(default_factory=Path.cwd)
    """Paths in reports and globs are relative to this folder."""
    origins: Mapping[str, str] = field(default_factory=dict)
    """Where each value came from: the file and line, or 'default' / 'command line'."""

    def with_overrides(self, **values: Any) -> Config:
        """Command-line values on top of the file's."""
        given = {k: v for k, v in values.items() if v not in (None, ())}
        origins = {**self.origins, **{k.replace("_", "-"): "command line" for k in given}}
        return replace(self, **given, origins=origins)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


_SCHEMA: dict[str, tuple[Callable[[Any], bool], str]] = {
    "select": (_strings, "a list of rule codes, prefixes, names or categories"),
    "ignore": (_strings, "a list of rule codes, prefixes, names or categories"),
    "extend-select": (_strings, "a list of rule codes, prefixes, names or categories"),
    "per-file-ignores": (lambda v: isinstance(v, dict) and all(isinstance(k, str) and _strings(x) for k, x in v.items()), "a mapping of glob to a list of rules"),
    "severity": (lambda v: isinstance(v, dict) and all(isinstance(x, str) and x.lower() in ("error", "warning", "info") for x in v.values()), "a mapping of rule to error, warning or info"),
    "rules": (_strings, "a list of folders of YAML rule packs"),
    "plugins": (_strings, "a list of plugin module names"),
    "include": (_strings, "a list of glob patterns"),
    "exclude": (_strings, "a list of glob patterns"),
    "front-matter-keys": (_strings, "a list of front-matter keys"),
    "extensions": (lambda v: isinstance(v, dict) and all(isinstance(x, str) and x in ("text", "markdown", "html") for x in v.values()), "a mapping of extension to text, markdown or html"),
    "fail-on": (lambda v: v in ("error", "warning", "info", "never"), "one of error, warning, info, never"),
    "max-file-size": (_is_size, "a positive size such as 5MB, 500k or a number of bytes"),
    "respect-gitignore": (lambda v: isinstance(v, bool), "true or false"),
    "force-exclude": (lambda v: isinstance(v, bool), "true or false"),
    "preview": (lambda v: isinstance(v, bool), "true or false"),
}
KEYS: tuple[str, ...] = tuple(_SCHEMA)


def key_values(config: Config) -> dict[str, Any]:
    """Every configuration key with its resolved value, as a configuration file
    would spell it (for ``claimlint config``)."""
    return {
        "select": list(config.select),
        "ignore": list(config.ignore),
        "extend-select": list(config.extend_select),
        "per-file-ignores": {glob: list(codes) for glob, codes in config.per_file_ignores},
        "severity": {selector: level.label for selector, level in config.severity.items()},
        "rules": [str(folder) for folder in config.rules],
        "plugins": list(config.plugins),
        "include": list(config.include),
        "exclude": list(config.exclude),
        "front-matter-keys": list(config.front_matter_keys),
        "extensions": dict(config.extensions),
        "fail-on": config.fail_on,
        "max-file-size": config.max_file_size,
        "respect-gitignore": config.respect_gitignore,
        "force-exclude": config.force_exclude,
        "preview": config.preview,
    }


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return regex.search(r"(?m)^\[tool\.claimlint\]", pyproject.read_text(encoding="utf-8")) is not None
    except OSError:
        return False


def configs_for_paths(paths: Sequence[str], path: Path | None = None, *, isolated: bool = False,
                      stdin_filename: str | None = None) -> list[tuple[Config, list[str]]]:
    """The checked paths grouped by the configuration that governs each: the
    nearest configuration file at or above the path, else the one found from
    the working directory, else the defaults. Standard input (``-``) is placed
    where ``stdin_filename`` says, or in the working directory. ``--config``
    and ``--isolated`` give every path the same configuration."""
    if isolated or path is not None or not paths:
        return [(load_config(path, isolated=isolated), list(paths))]
    fallback: Path | None = None
    fallback_found = False
    groups: dict[Path | None, list[str]] = {}
    for raw in paths:
        located = (stdin_filename or os.curdir) if raw == "-" else raw
        given = Path(os.path.abspath(located))
        found = find_config(given if given.is_dir() else given.parent)
        if found is None:
            if not fallback_found:
                fallback, fallback_found = find_config(Path.cwd().resolve()), True
            found = fallback
        groups.setdefault(found, []).append(raw)
    return [(load_config(found) if found else Config(), members) for found, members in groups.items()]


def load_config(path: Path | None = None, *, isolated: bool = False, start: Path | None = None) -> Config:
    if isolated:
        return Config()
    if path is None:
        path = find_config((start or Path.cwd()).resolve())
        if path is None:
            return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    if path.name.endswith(".toml"):
        data, lines = _read_toml(path)
    else:
        data, lines = _read_yaml(path)
    return _build(data, lines, path)


def _read_toml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    text = path.read_text(encoding="utf-8")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = regex.search(r"line (\d+)", str(exc))
        raise ConfigError(f"{path}:{line.group(1) if line else '?'}: invalid TOML: {exc}") from None
    data = document.get("tool", {}).get("claimlint", {})
    # tomllib keeps no positions: find each key's line inside [tool.claimlint].
    lines: dict[str, int] = {}
    section = regex.search(r"(?m)^\[tool\.claimlint\]", text)
    base = text.count("\n", 0, section.start()) + 1 if section else 1
    for key in data:
        found = regex.search(rf"(?m)^[ \t]*\"?{regex.escape(key)}\"?[ \t]*=", text, pos=section.end() if section else 0)
        lines[key] = text.count("\n", 0, found.start()) + 1 if found else base
    return data, lines


def _read_yaml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    import yaml

    from .packs import _make_loader
    from .rulespec import RuleError

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_make_loader(str(path))) or {}  # noqa: S506 - SafeLoader subclass
    except RuleError as exc:
        raise ConfigError(str(exc)) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise ConfigError(f"{path}:{line}: invalid YAML: {exc.problem or exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: configuration must be a mapping of keys to values")
    return dict(data), dict(getattr(data, "key_lines", {}))


def _build(data: Mapping[str, Any], lines: Mapping[str, int], path: Path) -> Config:
    for key, value in data.items():
        where = f"{path}:{lines.get(key, 1)}"
        if key not in _SCHEMA:
            raise ConfigError(f"{where}: unknown key '{key}' (known keys: {', '.join(sorted(_SCHEMA))})")
        check, describe = _SCHEMA[key]
        if not check(value):
            raise ConfigError(f"{where}: key '{key}' must be {describe}, not {value!r}")
    root = path.parent
    origins = {key: f"{path}:{lines.get(key, 1)}" for key in data}
    return Config(
        select=tuple(data.get("select", ("ALL",))),
        ignore=tuple(data.get("ignore", ())),
        extend_select=tuple(data.get("extend-select", ())),
        per_file_ignores=tuple((glob, tuple(codes)) for glob, codes in data.get("per-file-ignores", {}).items()),
        severity={code: Severity.parse(level) for code, level in data.get("severity", {}).items()},
        rules=tuple((root / folder).resolve() for folder in data.get("rules", ())),
        plugins=tuple(data.get("plugins", ())),
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        front_matter_keys=tuple(data.get("front-matter-keys", ())),
        extensions={(k if k.startswith(".") else "." + k).lower(): v for k, v in data.get("extensions", {}).items()},
        fail_on=data.get("fail-on", "warning"),
        max_file_size=parse_size(data.get("max-file-size", DEFAULT_MAX_FILE_SIZE)),
        respect_gitignore=data.get("respect-gitignore", True),
        force_exclude=data.get("force-exclude", False),
        preview=data.get("preview", False),
        path=path,
        root=root,
        origins=origins,
    )
