"""Every built-in rule's own examples: those under `fire` must trigger the rule,
those under `pass` must not."""

from __future__ import annotations

import pytest

from claimlint.packs import load_rules

RULES = load_rules()
FIRE = [(r.spec.code, text) for r in RULES for text in r.spec.fires]
PASS = [(r.spec.code, text) for r in RULES for text in r.spec.passes]


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES:
        assert rule.spec.fires, f"{rule.spec.code} has no example that fires"
        assert rule.spec.passes, f"{rule.spec.code} has no example that passes"


def test_at_least_25_rules_covering_all_six_categories() -> None:
    categories = {r.spec.category for r in RULES}
    assert len(RULES) >= 25
    assert {"overstatement", "safety-claim", "uncited-evidence", "solicitation", "contradiction", "testimonial"} <= categories


@pytest.mark.parametrize(("code", "text"), FIRE, ids=[f"{c}-fire-{i}" for i, (c, _) in enumerate(FIRE)])
def test_example_fires(linter, code: str, text: str) -> None:
    codes = [f.rule for f in linter.check_text(text)]
    assert code in codes, f"{code} did not fire on {text!r} (got {codes})"


@pytest.mark.parametrize(("code", "text"), PASS, ids=[f"{c}-pass-{i}" for i, (c, _) in enumerate(PASS)])
def test_example_passes(linter, code: str, text: str) -> None:
    codes = [f.rule for f in linter.check_text(text)]
    assert code not in codes, f"{code} fired on {text!r}"


def test_every_builtin_pattern_compiles() -> None:
    # Built-in patterns compile lazily (start-up time), so a broken one would
    # otherwise surface only when a document first needs it.
    from claimlint.kinds import LazyPattern
    from claimlint.packs import load_rules

    rules = load_rules()
    owners = [*(rule.checker for rule in rules), *(rule.pipeline for rule in rules if rule.pipeline), *rules.cues.cues]
    values = [value for owner in owners for value in vars(owner).values()]
    values += [signal for page in rules.cues.pages.values() for signal in page.signals]
    lazy = [value for value in [*values, *(v for value in values if isinstance(value, list) for v in value)] if isinstance(value, LazyPattern)]
    assert len(lazy) >= 80
    for pattern in lazy:
        assert pattern.compiled().pattern == pattern.pattern
