"""Plugins add rule kinds and packs; user rule folders add YAML rules."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from claimlint.config import Config
from claimlint.plugins import PluginError
from claimlint.runner import Linter

PLUGIN = '''
import regex
from claimlint.kinds import Hit, RuleKind, STRINGS


class ExclamationKind(RuleKind):
    """Flags sentences that end in three or more exclamation marks."""
    OPTIONS = {"patterns": STRINGS}

    def scan(self, analysis):
        for match in regex.finditer(r"!{3,}", analysis.prose):
            yield Hit(match.start(), match.end())


KINDS = {"exclamation": ExclamationKind}
RULE_PACKS = ["pack"]
'''

PACK = '''
pack: shouting
rules:
  - code: XS100
    name: triple-exclamation
    kind: exclamation
    category: overstatement
    severity: info
    summary: Three exclamation marks.
    message: "'{match}' shouts."
    rationale: Shouting is hype.
    examples:
      fire: ["Amazing!!!"]
      pass: ["Fine."]
'''


@pytest.fixture()
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "shoutplugin").mkdir()
    (tmp_path / "shoutplugin" / "__init__.py").write_text(textwrap.dedent(PLUGIN))
    (tmp_path / "shoutplugin" / "pack").mkdir()
    (tmp_path / "shoutplugin" / "pack" / "shouting.yaml").write_text(PACK)
    monkeypatch.syspath_prepend(str(tmp_path))
    return "shoutplugin"


def test_plugin_module_adds_a_kind_and_a_pack(plugin: str) -> None:
    linter = Linter(Config(plugins=(plugin,)))
    findings = linter.check_text("We opened a new office!!!")
    assert [(f.rule, f.text, f.severity.label) for f in findings] == [("XS100", "!!!", "info")]


def test_missing_plugin_is_a_clear_error() -> None:
    with pytest.raises(PluginError, match="plugin 'no_such_plugin' failed to import"):
        Linter(Config(plugins=("no_such_plugin",)))


def test_user_rule_folder_can_use_the_shared_vocabulary(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(textwrap.dedent('''
        pack: house
        rules:
          - code: HS200
            name: fountain-of-youth
            kind: phrase
            category: overstatement
            severity: warning
            summary: Fountain of youth claims.
            message: "'{match}' promises eternal youth."
            rationale: House style.
            patterns: ["fountain of youth for {condition}"]
            examples:
              fire: ["A fountain of youth for arthritis."]
              pass: ["A fountain in the garden."]
    '''))
    findings = Linter(Config(rules=(tmp_path,))).check_text("Our serum is a fountain of youth for hair loss.")
    assert [f.rule for f in findings] == ["HS200"]
