"""Preview rules (as ruff has them): a new rule whose figures do not hold yet
ships marked ``preview: true`` and runs only when asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimlint.cli import main

RULE = """\
pack: house
rules:
  - code: XT901
    name: wonder-word
    kind: phrase
    category: overstatement
    severity: warning
    preview: {preview}
    summary: A house rule in preview.
    message: "'{{match}}' is a house-style problem."
    rationale: House style.
    patterns: [wonder serum]
"""


def _project(tmp_path: Path, preview: str = "true", config: str = "") -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(RULE.format(preview=preview))
    (tmp_path / ".claimlint.yaml").write_text("rules: [rules]\n" + config)
    (tmp_path / "page.txt").write_text("Try our wonder serum today.\n")
    return tmp_path


def _rules_found(tmp_path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> list[str]:
    code = main(["check", "--config", str(tmp_path / ".claimlint.yaml"), "--format", "json", *options, str(tmp_path / "page.txt")])
    assert code in (0, 1)
    return [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]]


@pytest.mark.parametrize(("options", "config", "runs"), [
    ((), "", False),
    (("--preview",), "", True),
    ((), "preview: true\n", True),
    (("--no-preview",), "preview: true\n", False),
    # Selected by code or name it runs; a prefix or a category does not reach it.
    (("--select", "XT901"), "", True),
    (("--extend-select", "wonder-word"), "", True),
    (("--select", "XT9"), "", False),
    (("--select", "overstatement"), "", False),
    (("--preview", "--ignore", "XT901"), "", False),
])
def test_a_preview_rule_runs_only_when_asked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 options: tuple[str, ...], config: str, runs: bool) -> None:
    found = _rules_found(_project(tmp_path, config=config), capsys, *options)
    assert ("XT901" in found) is runs


def test_rules_lists_mark_preview_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    assert main(["rules", "--config", str(project / ".claimlint.yaml")]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "XT901" in line]
    assert line.startswith("-XT901") and line.endswith("(preview)")
    assert main(["rules", "--config", str(project / ".claimlint.yaml"), "--format", "json"]) == 0
    (entry,) = [r for r in json.loads(capsys.readouterr().out) if r["code"] == "XT901"]
    assert entry["preview"] is True and entry["enabled"] is False
    assert main(["rule", "XT901", "--config", str(project / ".claimlint.yaml")]) == 0
    assert "Preview: runs with --preview" in capsys.readouterr().out


def test_preview_must_be_true_or_false(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path, preview="'yes'")
    assert main(["check", "--config", str(project / ".claimlint.yaml"), str(project / "page.txt")]) == 2
    assert "key 'preview' must be true or false" in capsys.readouterr().err
