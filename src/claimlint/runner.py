"""From configuration and paths to findings: the straight path of a run.

    paths -> discovery -> bytes -> decoding -> reader -> Document
          -> engine -> suppressions -> per-file ignores -> Report

Files are checked in parallel worker processes when there are several; the
report is in the same order whatever the number of workers.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .config import Config
from .decoding import BinaryFile, decode
from .discovery import Missing, Target, discover
from .document import Document
from .engine import Engine
from .model import FileError, FileNote, Finding, Severity
from .packs import Rule, load_rules
from .plugins import load_plugins
from .readers import read_document
from .selection import Selection, selects
from .suppressions import apply_suppressions, excuses

UNUSED_SUPPRESSION = "CL901"


@dataclass(frozen=True)
class FileResult:
    findings: tuple[Finding, ...] = ()
    error: FileError | None = None
    note: FileNote | None = None


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    errors: tuple[FileError, ...]
    notes: tuple[FileNote, ...]
    files_checked: int
    rules: tuple[Rule, ...] = ()
    checked: tuple[str, ...] = ()
    """The paths checked, as reported (for reports that list clean files too)."""


class Linter:
    """The rules of one configuration, compiled once, ready to check documents."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        plugins = load_plugins(self.config.plugins)
        all_rules = load_rules([*plugins.packs, *self.config.rules], kinds=plugins.kinds)
        selection = Selection(self.config.select + self.config.extend_select, self.config.ignore)
        self.all_rules = all_rules
        self.rules = [rule for rule in all_rules if selection.enabled(rule.spec)]
        severities = _resolve_severities(self.config, all_rules)
        self.engine = Engine([r for r in self.rules if r.spec.kind != "meta"], severities)
        self._unused = self._unused_template(severities)

    def _unused_template(self, severities: dict[str, Severity]) -> Finding | None:
        for rule in self.rules:
            if rule.spec.code == UNUSED_SUPPRESSION:
                spec = rule.spec
                return Finding("", None, spec.code, spec.name, spec.category, severities.get(spec.code, spec.severity),  # type: ignore[arg-type]
                               spec.message, "", suggestion=spec.suggestion, references=spec.references)
        return None

    def check_document(self, document: Document) -> list[Finding]:
        findings = self.engine.check(document)
        return apply_suppressions(document, findings, self._unused)

    def check_text(self, text: str, fmt: str = "text", path: str = "<text>") -> list[Finding]:
        document = read_document(path, text, fmt, self.config.front_matter_keys)
        return self._per_file(path, self.check_document(document))

    def check_target(self, target: Target) -> FileResult:
        try:
            size = target.path.stat().st_size
            if size > self.config.max_file_size:
                return FileResult(note=FileNote(target.display, f"skipped: {size:,} bytes is over max-file-size ({self.config.max_file_size:,})"))
            data = target.path.read_bytes()
        except OSError as exc:
            return FileResult(error=FileError(target.display, f"cannot read file: {exc.strerror or exc}"))
        try:
            decoded = decode(data)
        except BinaryFile as exc:
            return FileResult(note=FileNote(target.display, f"skipped: {exc}"))
        try:
            document = read_document(target.display, decoded.text, target.format, self.config.front_matter_keys)
            findings = self._per_file(target.display, self.check_document(document))
        except TimeoutError as exc:
            return FileResult(error=FileError(target.display, f"a rule pattern timed out ({exc}); check custom rules for catastrophic backtracking"))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
            return FileResult(error=FileError(target.display, f"internal error: {type(exc).__name__}: {exc} (please report this)"))
        note = FileNote(target.display, f"decoded as {decoded.encoding} with undecodable bytes replaced") if decoded.lossy else None
        return FileResult(findings=tuple(findings), note=note)

    def _per_file(self, path: str, findings: list[Finding]) -> list[Finding]:
        if not self.config.per_file_ignores:
            return findings
        import pathspec

        ignored: list[str] = []
        relative = _relative_to(path, self.config.root)
        for glob, codes in self.config.per_file_ignores:
            if pathspec.GitIgnoreSpec.from_lines([glob]).match_file(relative):
                ignored.extend(codes)
        if not ignored:
            return findings
        return [f for f in findings if not excuses(tuple(ignored), f)]


def _relative_to(path: str, root: Path) -> str:
    """Globs in a configuration file are relative to the folder it sits in,
    wherever claimlint is run from."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def _resolve_severities(config: Config, rules: Sequence[Rule]) -> dict[str, Severity]:
    resolved: dict[str, Severity] = {}
    for selector, severity in config.severity.items():
        for rule in rules:
            if selects([selector], rule.spec.code, rule.spec.name, rule.spec.category):
                resolved[rule.spec.code] = severity
    return resolved


_WORKER: Linter | None = None


def _init_worker(config: Config) -> None:
    global _WORKER
    _WORKER = Linter(config)


def _check_in_worker(target: Target) -> FileResult:
    assert _WORKER is not None
    return _WORKER.check_target(target)


def run(paths: Sequence[str], config: Config, *, jobs: int | None = None, format_hint: str | None = None,
        linter: Linter | None = None) -> tuple[Report, list[str]]:
    """Check ``paths``. Returns the report and the paths that do not exist."""
    linter = linter or Linter(config)
    targets: list[Target] = []
    missing: list[str] = []
    for item in discover(paths, root=config.root, include=config.include, exclude=config.exclude,
                         extensions=config.extensions, format_hint=format_hint, respect_gitignore=config.respect_gitignore,
                         force_exclude=config.force_exclude):
        if isinstance(item, Missing):
            missing.append(item.display)
        else:
            targets.append(item)
    results = list(_check_all(linter, targets, jobs))
    findings: list[Finding] = []
    errors: list[FileError] = []
    notes: list[FileNote] = []
    for result in results:
        findings.extend(result.findings)
        if result.error:
            errors.append(result.error)
        if result.note:
            notes.append(result.note)
    checked = tuple(target.display for target in targets)
    report = Report(tuple(findings), tuple(errors), tuple(notes), len(targets), tuple(linter.rules), checked)
    return report, missing


def _check_all(linter: Linter, targets: list[Target], jobs: int | None) -> Iterable[FileResult]:
    workers = min(jobs or os.cpu_count() or 1, len(targets))
    if workers <= 1 or len(targets) < 4:
        return [linter.check_target(t) for t in targets]
    chunk = max(1, min(64, len(targets) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(linter.config,)) as pool:
        return list(pool.map(_check_in_worker, targets, chunksize=chunk))

