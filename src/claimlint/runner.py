"""From configuration and paths to findings: the straight path of a run.

    paths -> discovery -> bytes -> decoding -> reader -> Document
          -> engine -> suppressions -> per-file ignores -> Report

Files are checked in parallel worker processes when there are several; the
report is in the same order whatever the number of workers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .config import Config
from .decoding import BinaryFile, Decoded, decode
from .discovery import Missing, Target, Unreadable, discover
from .document import Document
from .engine import Engine, watched_patterns
from .model import FileError, FileNote, Finding, RuleTimeout, Severity
from .packs import Rule, load_rules
from .plugins import load_plugins
from .cachefiles import cache_dir
from .prefilter.hyperscan_index import HyperscanIndex
from .readers import read_document
from .selection import Selection, selects
from .suppressions import apply_suppressions, excuses, split_suppressed

UNUSED_SUPPRESSION = "CL901"


@dataclass(frozen=True)
class FileResult:
    findings: tuple[Finding, ...] = ()
    error: FileError | None = None
    note: FileNote | None = None
    dropped: tuple[Finding, ...] = ()
    """With explain on: the matches the context model or a filter ruled out."""
    suppressed: tuple[Finding, ...] = ()
    """When kept: the findings a suppression comment silenced."""


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    errors: tuple[FileError, ...]
    notes: tuple[FileNote, ...]
    files_checked: int
    rules: tuple[Rule, ...] = ()
    checked: tuple[str, ...] = ()
    """The paths checked, as reported (for reports that list clean files too)."""
    dropped: tuple[Finding, ...] = ()
    """With explain on: matches not reported, each with its reason (:attr:`Finding.dropped`)."""
    formats: tuple[str, ...] = ()
    """The format each of :attr:`checked` was read as (the HTML report reads it so again)."""
    suppressed: tuple[Finding, ...] = ()
    """Findings silenced by a suppression comment or a baseline, kept only when asked for."""


class Linter:
    """The rules of one configuration, compiled once, ready to check documents."""

    def __init__(self, config: Config | None = None, *, cache: Path | None = None, explain: bool = False,
                 keep_suppressed: bool = False) -> None:
        """``cache``: a folder where parsed rule packs may be kept (none by
        default). ``explain``: keep the matches the pipeline drops, with why."""
        self.config = config or Config()
        self.cache = cache
        self.explain = explain
        self.keep_suppressed = keep_suppressed
        plugins = load_plugins(self.config.plugins)
        all_rules = load_rules([*plugins.packs, *self.config.rules], kinds=plugins.kinds, cache=cache)
        selection = Selection(self.config.select + self.config.extend_select, self.config.ignore, self.config.preview)
        self.all_rules = all_rules
        self.rules = [rule for rule in all_rules if selection.enabled(rule.spec)]
        severities = _resolve_severities(self.config, all_rules)
        checked = [r for r in self.rules if r.spec.kind != "meta"]
        every = [r for r in all_rules if r.spec.kind != "meta"]
        self.engine = Engine(checked, severities, cues=all_rules.cues,
                             watch_also=watched_patterns(every, all_rules.cues) if len(every) > len(checked) else ())
        self._unused = self._unused_template(severities)

    def _unused_template(self, severities: dict[str, Severity]) -> Finding | None:
        for rule in self.rules:
            if rule.spec.code == UNUSED_SUPPRESSION:
                spec = rule.spec
                return Finding("", None, spec.code, spec.name, spec.category, severities.get(spec.code, spec.severity),  # type: ignore[arg-type]
                               spec.message, "", suggestion=spec.suggestion, references=spec.references)
        return None

    def prepare(self, total_bytes: int, cache: Path | None) -> None:
        """Ready the prefilter for a run over ``total_bytes`` of files: the
        Hyperscan pass, when one is cached or compiling it pays (see
        :meth:`CandidateIndex.fast_for`)."""
        index = self.engine.index
        self.engine.index = index.with_fast(index.fast_for(total_bytes, cache))

    def check_document(self, document: Document) -> list[Finding]:
        return self._check_split(document)[0]

    def _check_split(self, document: Document) -> tuple[list[Finding], list[Finding], list[Finding]]:
        """The findings (after suppressions), with explain on the dropped
        matches, and when kept the findings suppression comments silenced."""
        findings = self.engine.check(document, explain=self.explain)
        dropped = [f for f in findings if f.dropped is not None] if self.explain else []
        if dropped:
            findings = [f for f in findings if f.dropped is None]
        kept, suppressed = split_suppressed(document, findings, self._unused)
        return kept, dropped, (suppressed if self.keep_suppressed else [])

    def check_text(self, text: str, fmt: str = "text", path: str = "<text>") -> list[Finding]:
        document = read_document(path, text, fmt, self.config.front_matter_keys)
        return self._per_file(path, self.check_document(document))

    def check_target(self, target: Target) -> FileResult:
        """Check one file. Never raises: whatever goes wrong is that file's error or note."""
        limit = self.config.max_file_size
        try:
            size = target.path.stat().st_size
            if size > limit:
                return FileResult(note=FileNote(target.display, f"skipped: {size:,} bytes is over max-file-size ({limit:,}); "
                                                                "raise it with --max-file-size or the max-file-size setting to check it"))
            data = target.path.read_bytes()
        except OSError as exc:
            return FileResult(error=FileError(target.display, f"cannot read file: {exc.strerror or exc}"))
        try:
            decoded = decode(data)
        except BinaryFile as exc:
            return FileResult(note=FileNote(target.display, f"skipped: {exc}"))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
            return FileResult(error=_internal_error(target.display, exc))
        del data  # the text is all that is needed now; a large file's bytes need not stay
        return self.check_decoded(target.display, decoded, target.format)

    def check_decoded(self, display: str, decoded: Decoded, fmt: str) -> FileResult:
        """Check decoded text. Never raises: a rule that times out or a bug
        hit by this text is reported as this file's error."""
        error: FileError | None = None
        dropped: list[Finding] = []
        suppressed: list[Finding] = []
        try:
            document = read_document(display, decoded.text, fmt, self.config.front_matter_keys)
            try:
                findings, dropped, suppressed = self._check_split(document)
            except RuleTimeout as exc:
                # The other rules' findings stand. A suppression of the slow
                # rule cannot be judged unused, so that check is skipped.
                findings = apply_suppressions(document, list(exc.findings), None)
                error = FileError(display, _timeout_message(display, exc))
            findings = self._per_file(display, findings)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
            return FileResult(error=_internal_error(display, exc))
        note = FileNote(display, f"decoded as {decoded.encoding} with undecodable bytes replaced") if decoded.lossy else None
        return FileResult(findings=tuple(findings), error=error, note=note, dropped=tuple(dropped), suppressed=tuple(suppressed))

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


def _timeout_message(display: str, exc: RuleTimeout) -> str:
    codes = ", ".join(exc.codes)
    rules, them = ("rule", codes) if len(exc.codes) == 1 else ("rules", "them")
    return (f"{rules} {codes} timed out on {display} after {exc.seconds:g}s; simplify the pattern or ignore {them} "
            "for this file (per-file-ignores); the other rules' findings are reported")


def _internal_error(display: str, exc: BaseException) -> FileError:
    return FileError(display, f"internal error: {type(exc).__name__}: {exc}; the other files were checked "
                              "(please report this with the file, or exclude it)")


def _resolve_severities(config: Config, rules: Sequence[Rule]) -> dict[str, Severity]:
    resolved: dict[str, Severity] = {}
    for selector, severity in config.severity.items():
        for rule in rules:
            if selects([selector], rule.spec.code, rule.spec.name, rule.spec.category):
                resolved[rule.spec.code] = severity
    return resolved


_WORKER: Linter | None = None


def _init_worker(config: Config, fast: HyperscanIndex | None, cache: Path | None, explain: bool = False,
                 keep_suppressed: bool = False) -> None:
    global _WORKER
    _WORKER = Linter(config, cache=cache, explain=explain, keep_suppressed=keep_suppressed)
    # The parent's compiled prefilter, so that no worker compiles its own.
    _WORKER.engine.index = _WORKER.engine.index.with_fast(fast)


def _check_in_worker(targets: list[Target]) -> list[FileResult]:
    assert _WORKER is not None
    return [_WORKER.check_target(target) for target in targets]


def run(paths: Sequence[str], config: Config, *, jobs: int | None = None, format_hint: str | None = None,
        linter: Linter | None = None, cache: Path | None | bool = True, explain: bool = False) -> tuple[Report, list[str]]:
    """Check ``paths``. Returns the report and the paths that do not exist.
    ``cache`` is where compiled prefilters (and, for a linter built here,
    parsed rule packs) are kept: True for the user's cache folder, False or
    None for none. ``explain``: report the matches that were ruled out too."""
    folder = cache_dir() if cache is True else (cache or None)
    linter = linter or Linter(config, cache=folder, explain=explain)
    targets: list[Target] = []
    missing: list[str] = []
    unreadable: list[FileError] = []
    for item in discover(paths, root=config.root, include=config.include, exclude=config.exclude,
                         extensions=config.extensions, format_hint=format_hint, respect_gitignore=config.respect_gitignore,
                         force_exclude=config.force_exclude):
        if isinstance(item, Missing):
            missing.append(item.display)
        elif isinstance(item, Unreadable):
            unreadable.append(FileError(item.display, f"cannot read folder: {item.reason}"))
        else:
            targets.append(item)
    linter.prepare(_total_size(targets), folder)
    results = list(_check_all(linter, targets, jobs))
    findings: list[Finding] = []
    dropped: list[Finding] = []
    suppressed: list[Finding] = []
    errors: list[FileError] = list(unreadable)
    notes: list[FileNote] = []
    for result in results:
        findings.extend(result.findings)
        dropped.extend(result.dropped)
        suppressed.extend(result.suppressed)
        if result.error:
            errors.append(result.error)
        if result.note:
            notes.append(result.note)
    checked = tuple(target.display for target in targets)
    formats = tuple(target.format for target in targets)
    report = Report(tuple(findings), tuple(errors), tuple(notes), len(targets), tuple(linter.rules), checked, tuple(dropped),
                    formats, tuple(suppressed))
    return report, missing


def _total_size(targets: Sequence[Target]) -> int:
    total = 0
    for target in targets:
        try:
            total += target.path.stat().st_size
        except OSError:
            pass  # reported when the file is read
    return total


def _check_all(linter: Linter, targets: list[Target], jobs: int | None) -> Iterable[FileResult]:
    workers = min(jobs or os.cpu_count() or 1, len(targets))
    if workers <= 1 or len(targets) < 4:
        return [linter.check_target(t) for t in targets]
    # Imported here: a pre-commit run over a file or two never starts a pool.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(64, len(targets) // (workers * 4)))
    chunks = [targets[index : index + size] for index in range(0, len(targets), size)]
    results: list[FileResult] = []
    lost: list[Target] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(linter.config, linter.engine.index.fast, linter.cache, linter.explain, linter.keep_suppressed)) as pool:
        futures = [pool.submit(_check_in_worker, chunk) for chunk in chunks]
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                results.extend(future.result())
            except BrokenProcessPool:
                results.extend([FileResult()] * len(chunk))
                lost.extend(chunk)
    if lost:
        # A worker died (a crash in a native parser, say) and took its pool
        # with it. Check the lost files again one at a time, so that only the
        # file that kills a worker is reported and the others are checked.
        retried = _check_one_by_one(linter, lost)
        for index, target in enumerate(targets):
            if target in retried:
                results[index] = retried[target]
    return results


def _check_one_by_one(linter: Linter, targets: list[Target]) -> dict[Target, FileResult]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    results: dict[Target, FileResult] = {}
    remaining = list(targets)
    while remaining:
        with ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=(linter.config, linter.engine.index.fast, linter.cache, linter.explain, linter.keep_suppressed)) as pool:
            futures = [pool.submit(_check_in_worker, [target]) for target in remaining]
            for position, (target, future) in enumerate(zip(remaining, futures, strict=True)):
                try:
                    results[target] = future.result()[0]
                except BrokenProcessPool:
                    # One worker runs the files in order: the first lost one killed it.
                    results[target] = FileResult(error=FileError(target.display, "the process checking this file crashed; the other "
                                                                                 "files were checked (please report this with the file, or exclude it)"))
                    remaining = remaining[position + 1 :]
                    break
            else:
                remaining = []
    return results

