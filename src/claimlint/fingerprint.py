"""Stable identities for findings, shared by the baseline, SARIF and GitLab reports.

A finding is identified by its rule, its file and *what it says*: the offending
words and the sentence they stand in, with white space collapsed. Line and
column are left out on purpose, so inserting lines above a finding, or
re-wrapping its paragraph, does not turn an old finding into a new one. Two
identical findings in one file (the same words in the same sentence, twice) get
the same fingerprint and are told apart by an occurrence number, in file order.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path
from typing import Callable, Sequence

from .model import Finding

FINGERPRINT_VERSION = 1


def normalize(text: str) -> str:
    """NFC and single spaces: what a reader would call the same words."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(rule: str, path: str, text: str, sentence: str) -> str:
    """A hex digest of rule + path + normalised text + normalised sentence."""
    key = "\0".join((f"v{FINGERPRINT_VERSION}", rule, path, normalize(text), normalize(sentence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def finding_fingerprint(finding: Finding, path: str) -> str:
    """The fingerprint of ``finding`` with its file named as ``path`` (the caller
    decides what paths are relative to: the repository, or the baseline file)."""
    return fingerprint(finding.rule, path, finding.text, finding.sentence or finding.text)


def numbered_fingerprints(findings: Sequence[Finding], path_of: Callable[[Finding], str]) -> list[tuple[str, int]]:
    """``(fingerprint, occurrence)`` for each finding, in order; occurrence counts
    from 1 among earlier findings with the same fingerprint."""
    seen: dict[str, int] = {}
    numbered: list[tuple[str, int]] = []
    for finding in findings:
        digest = finding_fingerprint(finding, path_of(finding))
        seen[digest] = seen.get(digest, 0) + 1
        numbered.append((digest, seen[digest]))
    return numbered


def repository_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or the
    file a worktree has), else ``start`` itself. Paths in SARIF and GitLab reports
    are relative to it, which is what code-scanning services expect."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def relative_path(path: str, root: Path) -> str:
    """``path`` (as reported, relative to the working directory) relative to
    ``root``, with forward slashes. Paths outside ``root`` keep ``..`` steps;
    names that are not files (``<stdin>``) are left alone."""
    if path.startswith("<"):
        return path
    absolute = Path(os.path.abspath(path))
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return absolute.as_posix()
    return Path(relative).as_posix()


def paths_relative_to(root: Path) -> Callable[[Finding], str]:
    cache: dict[str, str] = {}

    def path_of(finding: Finding) -> str:
        if finding.path not in cache:
            cache[finding.path] = relative_path(finding.path, root)
        return cache[finding.path]

    return path_of
