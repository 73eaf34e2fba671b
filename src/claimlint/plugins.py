"""Plugins: third-party rule kinds and rule packs.

A plugin is a module (named in the ``plugins`` configuration key, or exposed
through the ``claimlint.plugins`` entry-point group) with either or both of:

- ``KINDS``: a mapping of kind name to a :class:`~claimlint.kinds.RuleKind` subclass;
- ``RULE_PACKS``: a list of folders or files of YAML rule packs.

Nothing else is imported: plugins load only from installed entry points or
modules the user names.
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .kinds import RuleKind

ENTRY_POINT_GROUP = "claimlint.plugins"


class PluginError(Exception):
    pass


@dataclass
class Plugins:
    kinds: dict[str, type[RuleKind]] = field(default_factory=dict)
    packs: list[Path] = field(default_factory=list)


def _entry_point_modules() -> list[tuple[str, Any]]:
    if not _may_declare_plugins(sys.path):
        return []
    from importlib.metadata import entry_points

    return [(ep.name, ep) for ep in entry_points(group=ENTRY_POINT_GROUP)]


def _may_declare_plugins(search_path: Iterable[str]) -> bool:
    """Does any installed distribution on ``search_path`` name the plugin
    group in its entry points? importlib.metadata (and the e-mail, zip and
    socket modules it pulls in) takes longer to import than a pre-commit run
    takes to check a file, and most installations have no plugin; this looks
    for the group's name in the few entry-point files there are. Anything it
    cannot read as a folder (a zip on the path) counts as a maybe."""
    marker = ENTRY_POINT_GROUP.encode()
    for entry in search_path:
        folder = Path(entry or ".")
        if not folder.is_dir():
            if folder.exists():
                return True
            continue
        try:
            names = [name for name in os.listdir(folder) if name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            return True
        # An egg on the path keeps its metadata in EGG-INFO.
        for metadata in [folder / name for name in names] + [folder / "EGG-INFO"]:
            try:
                if marker in (metadata / "entry_points.txt").read_bytes():
                    return True
            except OSError:
                continue  # no entry points
    return False


def load_plugins(modules: Iterable[str] = (), *, entry_points: bool = True) -> Plugins:
    found = Plugins()
    loaded: list[tuple[str, Any]] = []
    if entry_points:
        for name, entry_point in _entry_point_modules():
            try:
                loaded.append((f"entry point {name!r}", entry_point.load()))
            except Exception as exc:  # noqa: BLE001 - a broken plugin must not crash the run
                raise PluginError(f"plugin entry point {name!r} failed to load: {exc}") from None
    for module_name in modules:
        try:
            loaded.append((f"plugin {module_name!r}", importlib.import_module(module_name)))
        except Exception as exc:  # noqa: BLE001
            raise PluginError(f"plugin {module_name!r} failed to import: {exc}") from None
    for label, plugin in loaded:
        kinds = getattr(plugin, "KINDS", {}) or {}
        for kind_name, kind in dict(kinds).items():
            if not (isinstance(kind, type) and issubclass(kind, RuleKind)):
                raise PluginError(f"{label}: KINDS[{kind_name!r}] is not a RuleKind subclass")
            found.kinds[kind_name] = kind
        base = Path(getattr(plugin, "__file__", ".") or ".").parent
        for pack in getattr(plugin, "RULE_PACKS", []) or []:
            found.packs.append((base / pack) if not Path(pack).is_absolute() else Path(pack))
    return found
