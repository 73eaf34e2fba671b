"""Immutable values that flow out of the engine: severities, locations, findings.

Nothing here knows about terminals or file formats; reporters turn these into
text, JSON, SARIF and the rest.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``a >= b`` means *a is at least as serious as b*."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            allowed = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {allowed})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


CATEGORIES: tuple[str, ...] = (
    "overstatement",
    "safety-claim",
    "uncited-evidence",
    "solicitation",
    "contradiction",
    "testimonial",
)
"""The six claim categories of the labelling guide. Rules may add their own
(for example ``suppression`` for stale suppression comments)."""


@dataclass(frozen=True, order=True)
class Span:
    """A located stretch of the original file. Lines and columns are 1-based;
    columns count Unicode code points (a tab is one column), ``end_column`` is
    exclusive, so ``column == end_column`` never happens for non-empty text."""

    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int


@dataclass(frozen=True)
class Related:
    """The other side of a contradiction, or any other location a finding points to."""

    span: Span
    text: str
    message: str = ""


@dataclass(frozen=True)
class ContextNote:
    """What the context model made of a match: a cue that lowered (or, for a
    dropped match, cancelled) it, a filter that ruled it out, or the page class
    it was read under. ``span`` is where the cue stands, when it stands somewhere."""

    what: str
    """"cue", "filter" or "page"."""
    name: str
    detail: str
    span: Span | None = None

    def describe(self) -> str:
        """"negation 'no' (1:10)", "filter exclude: the sentence says 'include'"."""
        where = f" ({self.span.line}:{self.span.column})" if self.span is not None else ""
        if self.what == "cue":
            return f"{self.detail}{where}" if self.detail.startswith(self.name) else f"{self.detail}{where} [cue {self.name}]"
        return f"{self.what} {self.name}{where}: {self.detail}"


@dataclass(frozen=True)
class Finding:
    path: str
    span: Span
    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    text: str
    """The offending words exactly as they stand in the file."""
    sentence: str = ""
    """The sentence the words stand in (prose text); keys baselines and fingerprints."""
    suggestion: str | None = None
    references: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    extra: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    context: tuple[ContextNote, ...] = field(default=(), compare=False)
    """Cues and page classes that shaped the finding (a hedge that lowered it)."""
    dropped: ContextNote | None = field(default=None, compare=False)
    """Set only when explaining a run: this match was not reported, for this reason."""

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.offset, self.span.end_offset, self.rule)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def with_path(self, path: str) -> Finding:
        return replace(self, path=path)


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked (unreadable, undecodable, internal error).
    Reported next to findings; turns the exit code to 2."""

    path: str
    message: str


@dataclass(frozen=True)
class FileNote:
    """Something the user should know about a file that was passed over on purpose
    (binary, too large). Does not change the exit code."""

    path: str
    message: str


class RuleTimeout(Exception):
    """Rules whose patterns ran past their time limit on one document
    (catastrophic backtracking in a user's rule). Carries the findings of the
    other rules; the runner reports the timeout as that file's error."""

    def __init__(self, codes: tuple[str, ...], seconds: float, findings: tuple[Finding, ...] = ()) -> None:
        super().__init__(f"rule {', '.join(codes)} timed out after {seconds:g}s")
        self.codes = codes
        self.seconds = seconds
        self.findings = findings
