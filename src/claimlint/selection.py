"""Which rules run: select/ignore by code, code prefix, rule name or category
(as ruff does). The most specific selector wins; on a tie, ignore wins.
A preview rule runs only with preview on, or when selected by its exact code
or name (a prefix or a category does not reach it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .rulespec import RuleSpec


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    preview: bool = False

    def enabled(self, spec: RuleSpec) -> bool:
        chosen = _specificity(spec, self.select)
        dropped = _specificity(spec, self.ignore)
        if chosen < 0 or (spec.preview and not self.preview and chosen < EXACT):
            return False
        return dropped < chosen

    def filter(self, specs: Iterable[RuleSpec]) -> list[RuleSpec]:
        return [spec for spec in specs if self.enabled(spec)]


EXACT = 100
"""The specificity of a selector that names a rule's code or name."""


def specificity(selector: str, code: str, name: str, category: str) -> int:
    """How specifically one selector names a rule: -1 not at all, 0 ALL,
    1 its category, 2+len a prefix of its code, 100 its exact code or name.
    The one definition of a selector, shared by select/ignore, suppression
    comments, per-file ignores and severity overrides."""
    selector = selector.strip()
    if selector.upper() == "ALL":
        return 0
    if selector in (code, name):
        return EXACT
    if selector == category:
        return 1
    if selector and code.startswith(selector.upper()):
        return 2 + len(selector)
    return -1


def selects(selectors: Iterable[str], code: str, name: str, category: str) -> bool:
    return any(specificity(s, code, name, category) >= 0 for s in selectors)


def _specificity(spec: RuleSpec, selectors: Sequence[str]) -> int:
    return max((specificity(s, spec.code, spec.name, spec.category) for s in selectors), default=-1)
