"""Paths to files: directories are walked for the formats claimlint reads,
honouring ``.gitignore`` files (with the ``pathspec`` package, which implements
git's wildcard rules exactly) and ``include``/``exclude`` globs. A file named
explicitly is always checked. Symlinked directories are followed once, so a
link loop cannot hang the walk."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from .readers import format_for

ALWAYS_SKIPPED = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"})


@dataclass(frozen=True)
class Target:
    path: Path
    display: str
    format: str


@dataclass(frozen=True)
class Missing:
    display: str


@dataclass(frozen=True)
class Unreadable:
    """A folder that could not be listed (no permission, say): reported, not skipped in silence."""

    display: str
    reason: str


def _spec(patterns: Sequence[str]):  # type: ignore[no-untyped-def]
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None


@functools.lru_cache(maxsize=64)
def _globs(patterns: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return _spec(patterns)


def _matched(patterns: Sequence[str], relative_path: str) -> bool:
    """Does a glob of ``patterns`` match? pathspec is imported only when one
    is tried: a pre-commit run over two named files never needs it."""
    return bool(patterns) and _globs(tuple(patterns)).match_file(relative_path)


class _GitIgnores:
    """The .gitignore files that apply below a root, loaded as the walk descends."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._specs: dict[Path, object] = {}
        self._chains: dict[Path, list[tuple[Path, object]]] = {}

    def ignored(self, path: Path, is_dir: bool) -> bool:
        if not self.enabled:
            return False
        for folder, spec in self._chain(path.parent):
            relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            if spec.match_file(relative):  # type: ignore[attr-defined]
                return True
        return False

    def _chain(self, start: Path) -> list[tuple[Path, object]]:
        """The .gitignore specs that govern files in ``start``: its own and its
        ancestors', up to the repository's root. Worked out once per folder,
        not once per file (a site of thousands of pages in a few folders)."""
        chain = self._chains.get(start)
        if chain is None:
            spec = self._load(start)
            own = [(start, spec)] if spec is not None else []
            at_root = (start / ".git").exists() or start.parent == start
            chain = self._chains[start] = own + ([] if at_root else self._chain(start.parent))
        return chain

    def _load(self, folder: Path) -> object | None:
        if folder not in self._specs:
            ignore_file = folder / ".gitignore"
            try:
                lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines() if ignore_file.is_file() else []
            except OSError:
                lines = []
            self._specs[folder] = _spec(lines)
        return self._specs[folder]


def discover(
    paths: Sequence[str],
    *,
    root: Path,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    extensions: Mapping[str, str] | None = None,
    format_hint: str | None = None,
    respect_gitignore: bool = True,
    force_exclude: bool = False,
) -> Iterator[Target | Missing | Unreadable]:
    """``force_exclude`` applies the exclude globs to files named explicitly too,
    as a pre-commit hook needs: pre-commit names every changed file."""
    gitignores = _GitIgnores(respect_gitignore)
    seen: set[Path] = set()
    real_root = _resolved(root)
    real_folders: dict[Path, Path] = {}

    def relative(path: Path) -> str:
        # Resolving each file's folder once, not each file, keeps discovery
        # of a large site cheap; a linked file is still resolved itself.
        if os.path.islink(path):
            real = _resolved(path)
        else:
            folder = real_folders.get(path.parent)
            if folder is None:
                folder = real_folders[path.parent] = _resolved(path.parent)
            real = folder / path.name
        try:
            return real.relative_to(real_root).as_posix()
        except ValueError:
            return path.as_posix()

    def wanted(path: Path, is_dir: bool) -> bool:
        rel = relative(path) + ("/" if is_dir else "")
        if _matched(exclude, rel):
            return False
        return not gitignores.ignored(path.absolute(), is_dir)

    for raw in paths:
        path = Path(raw)
        # A symbolic link that leads nowhere (or round in a loop) is named on
        # purpose: it is reported as unreadable rather than as missing.
        if path.is_file() or (path.is_symlink() and not path.is_dir()):
            if force_exclude and _matched(exclude, relative(path)):
                continue
            fmt = format_hint or format_for(path.name, dict(extensions or {})) or "text"
            yield Target(path, os.path.normpath(raw), fmt)
            continue
        if not path.is_dir():
            yield Missing(raw)
            continue
        failures: list[OSError] = []
        for current, dirs, files in os.walk(path, followlinks=True, onerror=failures.append):
            yield from _unreadable(failures)
            folder = Path(current)
            real = _resolved(folder)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = sorted(d for d in dirs if d not in ALWAYS_SKIPPED and wanted(folder / d, True))
            for name in sorted(files):
                file_path = folder / name
                fmt = format_for(name, dict(extensions or {}))
                rel = relative(file_path)
                if include:
                    if not _matched(include, rel):
                        continue
                elif fmt is None:
                    continue
                if not wanted(file_path, False):
                    continue
                yield Target(file_path, os.path.normpath(str(file_path)), format_hint or fmt or "text")
        yield from _unreadable(failures)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: Python 3.10-3.12 raise RuntimeError
        return Path(os.path.abspath(path))


def _unreadable(failures: list[OSError]) -> Iterator[Unreadable]:
    while failures:
        failure = failures.pop(0)
        yield Unreadable(os.path.normpath(str(failure.filename)), failure.strerror or str(failure))
