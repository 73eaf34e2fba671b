"""Baselines for legacy content: today's findings recorded once, so that a
check reports only what is new.

An entry is keyed by rule, file (relative to the baseline file's folder, so
the baseline works from any working directory) and the fingerprint of the
offending text and its sentence (:mod:`claimlint.fingerprint`), never by line:
inserting lines above a finding does not bring it back. Entries are counted,
so two identical findings in one file need two entries and a third copy is
new. Writing the baseline again records exactly today's findings, so fixed
ones drop out of it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from .files import write_atomically
from .fingerprint import finding_fingerprint, normalize, relative_path
from .model import ContextNote, Finding

BASELINE_VERSION = 1
Key = tuple[str, str, str]
"""(rule, path, fingerprint)."""


class BaselineError(Exception):
    pass


@dataclass(frozen=True)
class Filtered:
    new: list[Finding]
    """Findings not in the baseline: the ones to report."""
    known: int
    """Findings the baseline accounted for."""
    accounted: list[Finding] = field(default_factory=list)
    """Those findings, each noting the baseline in :attr:`Finding.dropped`."""


def _key(finding: Finding, folder: Path) -> Key:
    path = relative_path(finding.path, folder)
    return finding.rule, path, finding_fingerprint(finding, path)


def _folder(baseline: Path) -> Path:
    return Path(os.path.abspath(baseline)).parent


def render(findings: Iterable[Finding], baseline: Path) -> str:
    """The baseline file's text: sorted, so rewriting an unchanged baseline
    changes nothing and diffs of it are readable."""
    folder = _folder(baseline)
    counts: Counter[Key] = Counter()
    texts: dict[Key, str] = {}
    for finding in findings:
        key = _key(finding, folder)
        counts[key] += 1
        texts.setdefault(key, normalize(finding.text))
    entries = [
        {"rule": rule, "path": path, "fingerprint": digest, "count": counts[(rule, path, digest)], "text": texts[(rule, path, digest)]}
        for rule, path, digest in sorted(counts, key=lambda key: (key[1], key[0], texts[key], key[2]))
    ]
    document = {
        "version": BASELINE_VERSION,
        "tool": "claimlint",
        "about": "Findings accepted when this baseline was written; 'claimlint check --baseline FILE' reports only others. "
                 "Paths are relative to this file. Regenerate with 'claimlint check --write-baseline FILE'.",
        "findings": entries,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_baseline(findings: Sequence[Finding], baseline: Path) -> None:
    write_atomically(baseline, render(findings, baseline))


def load_baseline(baseline: Path) -> Counter[Key]:
    try:
        text = baseline.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"baseline {baseline} does not exist (create it with 'claimlint check --write-baseline {baseline} PATHS')") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {baseline}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{baseline}:{exc.lineno}: baseline is not valid JSON: {exc.msg}") from None
    return _entries(document, baseline)


def _entries(document: Any, baseline: Path) -> Counter[Key]:
    if not isinstance(document, dict) or document.get("tool") != "claimlint" or "findings" not in document:
        raise BaselineError(f"{baseline}: not a claimlint baseline (expected an object with \"tool\": \"claimlint\" and \"findings\")")
    if document.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{baseline}: baseline version {document.get('version')!r} is not supported "
                            f"(expected {BASELINE_VERSION}); rewrite it with --write-baseline")
    entries: Counter[Key] = Counter()
    findings = document["findings"]
    if not isinstance(findings, list):
        raise BaselineError(f"{baseline}: \"findings\" must be a list")
    for number, entry in enumerate(findings, start=1):
        valid = (isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("rule", "path", "fingerprint"))
                 and isinstance(entry.get("count", 1), int) and not isinstance(entry.get("count", 1), bool) and entry.get("count", 1) > 0)
        if not valid:
            raise BaselineError(f"{baseline}: finding {number} must have string rule, path and fingerprint and a positive count")
        entries[(entry["rule"], entry["path"], entry["fingerprint"])] += entry.get("count", 1)
    return entries


def filter_known(findings: Sequence[Finding], baseline: Path, remaining: Counter[Key]) -> Filtered:
    """Split findings into new ones and those the baseline accounts for, each
    baseline entry used at most ``count`` times. ``remaining`` is used up as
    entries match (pass the same counter for every batch of one run)."""
    folder = _folder(baseline)
    new: list[Finding] = []
    accounted: list[Finding] = []
    note = ContextNote("baseline", baseline.name, f"in the baseline {baseline}")
    for finding in findings:
        key = _key(finding, folder)
        if remaining[key] > 0:
            remaining[key] -= 1
            accounted.append(replace(finding, dropped=note))
        else:
            new.append(finding)
    return Filtered(new, len(accounted), accounted)
