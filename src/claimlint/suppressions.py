"""Inline suppressions: findings excused by ``claimlint-disable...`` comments,
and the comments that excused nothing (reported so stale ones get cleaned up)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .document import Directive, Document
from .model import ContextNote, Finding, Severity, Span
from .selection import selects


def excuses(codes: tuple[str, ...], finding: Finding) -> bool:
    """Does a directive (or per-file ignore) naming ``codes`` cover ``finding``?
    No codes means every rule."""
    return not codes or selects(codes, finding.rule, finding.name, finding.category)


@dataclass
class _Scope:
    directive: Directive
    first_line: int
    last_line: int
    used: bool = field(default=False)


def _scopes(document: Document) -> list[_Scope]:
    scopes: list[_Scope] = []
    open_ranges: list[_Scope] = []
    last_line = document.lines.line_count
    for directive in sorted(document.directives, key=lambda d: d.line):
        if directive.action == "disable-file":
            scopes.append(_Scope(directive, 1, last_line))
        elif directive.action == "disable-next-line":
            target = _next_content_line(document, directive.end_line)
            scopes.append(_Scope(directive, target, target))
        elif directive.action == "disable-line":
            scopes.append(_Scope(directive, directive.line, directive.end_line))
        elif directive.action == "disable":
            scope = _Scope(directive, directive.line, last_line)
            open_ranges.append(scope)
            scopes.append(scope)
        elif directive.action == "enable":
            for scope in open_ranges:
                if scope.last_line == last_line and (not directive.codes or set(directive.codes) & set(scope.directive.codes) or not scope.directive.codes):
                    scope.last_line = directive.line
            open_ranges = [s for s in open_ranges if s.last_line == last_line]
    return scopes


def _next_content_line(document: Document, line: int) -> int:
    lines = document.lines
    for candidate in range(line + 1, lines.line_count + 1):
        start = lines.line_start(candidate)
        end = lines.line_start(candidate + 1) if candidate < lines.line_count else len(document.source)
        if document.source[start:end].strip():
            return candidate
    return line + 1


def apply_suppressions(document: Document, findings: list[Finding], unused: Finding | None) -> list[Finding]:
    """Drop suppressed findings. ``unused`` is a template finding for the
    unused-suppression rule (or None when that rule is not selected)."""
    return split_suppressed(document, findings, unused)[0]


def split_suppressed(document: Document, findings: list[Finding], unused: Finding | None) -> tuple[list[Finding], list[Finding]]:
    """The findings to report and those a suppression comment silenced (each
    with the comment in :attr:`Finding.dropped`, for a report that shows them)."""
    if not document.directives:
        return findings, []
    scopes = _scopes(document)
    # A sweep down the lines: a finding is compared with the scopes open at
    # its line only (comparing it with every scope was quadratic on pages with
    # thousands of suppression comments).
    waiting = sorted(scopes, key=lambda scope: scope.first_line)
    next_waiting = 0
    open_scopes: list[_Scope] = []
    line = 0
    kept: list[Finding] = []
    silenced: list[Finding] = []
    for finding in sorted(findings, key=lambda finding: finding.span.line):
        if finding.span.line != line:
            line = finding.span.line
            while next_waiting < len(waiting) and waiting[next_waiting].first_line <= line:
                open_scopes.append(waiting[next_waiting])
                next_waiting += 1
            open_scopes = [scope for scope in open_scopes if scope.last_line >= line]
        excused: _Scope | None = None
        for scope in open_scopes:
            if excuses(scope.directive.codes, finding):
                scope.used = True
                excused = scope
        if excused is None:
            kept.append(finding)
        else:
            silenced.append(_silenced(finding, excused.directive))
    if unused is not None:
        for scope in scopes:
            if not scope.used and scope.directive.action != "enable":
                kept.append(_unused_finding(document, scope.directive, unused))
    kept.sort(key=Finding.sort_key)
    return kept, silenced


def _silenced(finding: Finding, directive: Directive) -> Finding:
    codes = " ".join(directive.codes) or "all rules"
    reason = f" ({directive.reason})" if directive.reason else ""
    note = ContextNote("suppression", directive.action, f"claimlint-{directive.action} {codes} on line {directive.line}{reason}")
    return replace(finding, dropped=note)


def _unused_finding(document: Document, directive: Directive, template: Finding) -> Finding:
    start = document.lines.line_start(directive.line)
    end = document.source.find("\n", start)
    end = len(document.source) if end == -1 else end
    text = document.source[start:end].rstrip("\r")
    column_offset = len(text) - len(text.lstrip())
    span = Span(directive.line, column_offset + 1, directive.line, len(text) + 1, start + column_offset, start + len(text))
    codes = " ".join(directive.codes) or "all rules"
    return Finding(
        path=document.path,
        span=span,
        rule=template.rule,
        name=template.name,
        category=template.category,
        severity=template.severity if template.severity else Severity.WARNING,
        message=template.message.replace("{directive}", f"claimlint-{directive.action} ({codes})"),
        text=text.strip(),
        sentence=text.strip(),
        suggestion=template.suggestion,
        references=template.references,
    )
