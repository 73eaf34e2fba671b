"""A rule as data: everything about one rule lives together in its YAML entry.

This module holds the typed value and its validation; :mod:`claimlint.packs`
reads YAML files into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .lazyregex import lazy
from .model import Severity

CODE = lazy(r"^[A-Z]{1,4}\d{2,4}$")
MARKS = "«»"


def unmarked(example: str) -> str:
    """An example as a reader sees it: without the marks of where a rule fires."""
    return example.replace("«", "").replace("»", "")


def marked_span(example: str) -> tuple[int, int] | None:
    """Where the marks put the rule's finding, in the unmarked text."""
    start = example.find("«")
    end = example.find("»")
    if start < 0 or end < start:
        return None
    return start, end - 1
NAME = lazy(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RuleError(Exception):
    """A broken rule file. ``str()`` names the file, the line and the key."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Origin:
    path: str
    line: int
    key_lines: Mapping[str, int] = field(default_factory=dict)

    def error(self, message: str, key: str | None = None) -> RuleError:
        line = self.key_lines.get(key, self.line) if key else self.line
        return RuleError(self.path, line, f"rule at line {self.line}: {message}" if key else message)


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    kind: str
    category: str
    severity: Severity
    summary: str
    message: str
    rationale: str
    references: tuple[str, ...]
    suggestion: str | None
    fires: tuple[str, ...]
    """Texts the rule flags; ``«`` and ``»`` mark the words it points at."""
    passes: tuple[str, ...]
    """Texts the rule's trigger matches but its context or filters rule out."""
    options: Mapping[str, Any]
    origin: Origin
    pack: str
    url: str | None = None
    near: tuple[str, ...] = ()
    """Near misses: texts that look alike but that the trigger itself does not match."""
    preview: bool = False
    """A new rule whose figures do not hold yet: it runs only when preview is
    on (``--preview``, ``preview: true``) or when its code or name is selected."""


COMMON_KEYS = frozenset({
    "code", "name", "kind", "category", "severity", "summary", "message", "rationale",
    "references", "suggestion", "examples", "url", "preview",
})


def _text(entry: Mapping[str, Any], key: str, origin: Origin, required: bool = True) -> str:
    value = entry.get(key)
    if value is None:
        if required:
            raise origin.error(f"missing required key '{key}'", key)
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise origin.error(f"key '{key}' must be a non-empty string", key)
    return value.strip()


def _strings(value: Any, key: str, origin: Origin) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise origin.error(f"key '{key}' must be a list of strings", key)
    return tuple(value)


def build_spec(entry: Mapping[str, Any], origin: Origin, pack: str, option_keys: frozenset[str]) -> RuleSpec:
    code = _text(entry, "code", origin)
    if not CODE.match(code):
        raise origin.error(f"code {code!r} must be 1-4 capital letters and 2-4 digits, like CL101", "code")
    name = _text(entry, "name", origin)
    if not NAME.match(name):
        raise origin.error(f"name {name!r} must be lower-case words joined by hyphens, like cure-claim", "name")
    unknown = sorted(set(entry) - COMMON_KEYS - option_keys)
    if unknown:
        allowed = ", ".join(sorted(COMMON_KEYS | option_keys))
        raise origin.error(f"unknown key '{unknown[0]}' (allowed here: {allowed})", unknown[0])
    try:
        severity = Severity.parse(_text(entry, "severity", origin))
    except ValueError as exc:
        raise origin.error(str(exc), "severity") from None
    examples = entry.get("examples") or {}
    if not isinstance(examples, Mapping) or set(examples) - {"fire", "pass", "near"}:
        raise origin.error("key 'examples' must be a mapping with 'fire', 'pass' and 'near' lists", "examples")
    category = _text(entry, "category", origin)
    if not NAME.match(category):
        raise origin.error(f"category {category!r} must be a lower-case hyphenated word", "category")
    suggestion = entry.get("suggestion")
    if suggestion is not None and not isinstance(suggestion, str):
        raise origin.error("key 'suggestion' must be a string", "suggestion")
    preview = entry.get("preview", False)
    if not isinstance(preview, bool):
        raise origin.error("key 'preview' must be true or false", "preview")
    return RuleSpec(
        code=code,
        name=name,
        kind=_text(entry, "kind", origin),
        category=category,
        severity=severity,
        summary=_text(entry, "summary", origin),
        message=_text(entry, "message", origin),
        rationale=_text(entry, "rationale", origin),
        references=_strings(entry.get("references"), "references", origin),
        suggestion=suggestion.strip() if suggestion else None,
        fires=_strings(examples.get("fire"), "examples", origin),
        passes=_strings(examples.get("pass"), "examples", origin),
        near=_strings(examples.get("near"), "examples", origin),
        options={k: v for k, v in entry.items() if k in option_keys},
        origin=origin,
        pack=pack,
        url=entry.get("url"),
        preview=preview,
    )
