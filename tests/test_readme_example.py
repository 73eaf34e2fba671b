"""The README's worked example of a house rule works as the README says."""

from __future__ import annotations

import re
from pathlib import Path

from claimlint.config import Config
from claimlint.runner import Linter

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_worked_example_rule_fires_and_passes_as_documented(tmp_path: Path) -> None:
    block = re.search(r"```yaml\n(pack: house\n.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block is not None, "the README's worked example is missing"
    (tmp_path / "detox.yaml").write_text(block.group(1), encoding="utf-8")
    linter = Linter(Config(rules=(tmp_path,)))
    rule = next(r for r in linter.rules if r.spec.code == "HS101")
    assert [(f.rule, f.text) for f in linter.check_text("Our tea flushes your liver in three days.") if f.rule == "HS101"] == [
        ("HS101", "flushes your liver")]
    hedged = [f for f in linter.check_text("Our drops may cleanse heavy metals.") if f.rule == "HS101"]
    assert [(f.text, f.severity.label) for f in hedged] == [("cleanse heavy metals", "info")]
    for text in (*rule.spec.passes, *rule.spec.near):
        assert "HS101" not in [f.rule for f in linter.check_text(text)]
