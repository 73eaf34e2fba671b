"""Which rules run: select/ignore by code, code prefix, rule name or category
(as ruff does). The most specific selector wins; on a tie, ignore wins."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .rulespec import RuleSpec


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()

    def enabled(self, spec: RuleSpec) -> bool:
        chosen = _specificity(spec, self.select)
        dropped = _specificity(spec, self.ignore)
        if chosen < 0:
            return False
        return dropped < chosen

    def filter(self, specs: Iterable[RuleSpec]) -> list[RuleSpec]:
        return [spec for spec in specs if self.enabled(spec)]


def _specificity(spec: RuleSpec, selectors: Sequence[str]) -> int:
    """How specifically ``selectors`` name this rule: -1 not at all, 0 ALL,
    1 category, 2+len a code prefix, 100 the exact code or name."""
    best = -1
    for raw in selectors:
        selector = raw.strip()
        if selector.upper() == "ALL":
            best = max(best, 0)
        elif selector in (spec.code, spec.name):
            best = max(best, 100)
        elif selector == spec.category:
            best = max(best, 1)
        elif selector and spec.code.startswith(selector.upper()):
            best = max(best, 2 + len(selector))
    return best


def unknown_selectors(selectors: Iterable[str], specs: Sequence[RuleSpec]) -> list[str]:
    return [s for s in selectors if all(_specificity(spec, [s]) < 0 for spec in specs) and s.upper() != "ALL"]
