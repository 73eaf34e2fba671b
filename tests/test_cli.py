"""The command line: output formats, exit codes and error messages."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from claimlint.cli import main

REQUIRED_KEYS = {"path", "line", "column", "end_line", "end_column", "rule", "name", "category", "severity", "message"}


@pytest.fixture()
def claim_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.md"
    path.write_text("# Clinic\n\nThere is no cure for MS.\n\nOur stem cell therapy cures MS.\n", encoding="utf-8")
    return path


def test_json_findings_carry_the_required_keys(claim_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--isolated", "--format", "json", str(claim_file)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == 1
    cure = next(f for f in report["findings"] if f["rule"] == "CL101")
    assert REQUIRED_KEYS <= set(cure)
    assert (cure["line"], cure["column"], cure["end_line"], cure["end_column"]) == (5, 23, 5, 28)
    assert cure["name"] == "cure-claim" and cure["category"] == "overstatement" and cure["severity"] == "error"
    assert cure["references"] and cure["suggestion"]
    contradiction = next(f for f in report["findings"] if f["rule"] == "CL605")
    assert contradiction["related"][0]["line"] == 3
    assert "line 3" in contradiction["message"]


def test_clean_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("There is currently no cure for MS. Talk to your neurologist about treatment options.\n")
    assert main(["check", "--isolated", str(clean)]) == 0
    assert "No problems found in 1 file" in capsys.readouterr().out


def test_text_output_shows_location_caret_suggestion_and_summary(claim_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--isolated", "--no-color", str(claim_file)])
    out = capsys.readouterr().out
    assert "5:23" in out and "CL101 cure-claim" in out
    assert "^^^^^" in out
    assert "suggestion:" in out
    assert out.strip().splitlines()[-1].startswith("Found 2 problems in 1 file (2 errors)")


def test_text_output_without_colour_carries_no_terminal_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Plain output is written without rich; a bell or form feed in the checked
    # line must not reach the terminal (rich drops them too).
    page = tmp_path / "page.txt"
    page.write_text("It is a \amiracle\b cure.\n")
    main(["check", "--isolated", "--no-color", str(page)])
    out = capsys.readouterr().out
    assert "It is a miracle cure." in out and "\a" not in out and "\b" not in out


def test_fail_on_and_exit_zero(claim_file: Path) -> None:
    warning_only = claim_file.parent / "hype.txt"
    warning_only.write_text("A groundbreaking new therapy.\n")
    assert main(["check", "--isolated", "--fail-on", "error", str(warning_only)]) == 0
    assert main(["check", "--isolated", "--fail-on", "warning", str(warning_only)]) == 1
    assert main(["check", "--isolated", "--exit-zero", str(claim_file)]) == 0


def test_missing_path_is_an_error_but_other_paths_are_checked(claim_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--isolated", "--format", "concise", "no/such/file.md", str(claim_file)]) == 2
    captured = capsys.readouterr()
    assert "no/such/file.md: no such file or directory" in captured.err
    assert "CL101" in captured.out


def test_select_and_ignore_by_code_prefix_name_and_category(claim_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--isolated", "--format", "json", "--select", "overstatement", str(claim_file)])
    assert {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]} == {"CL101"}
    main(["check", "--isolated", "--format", "json", "--ignore", "CL1,cure-contradiction", str(claim_file)])
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_stdin_with_filename(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<p>Our pills are <b>100% safe</b>.</p>")))
    assert main(["check", "--isolated", "--format", "concise", "--stdin-filename", "page.html", "-"]) == 1
    assert capsys.readouterr().out.startswith("page.html:1:21: CL204")


def test_no_files_to_check_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert main(["check", "--isolated", str(tmp_path)]) == 2
    assert "no files to check" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-such-option", "x"]) == 2


def test_rules_and_rule_explanations(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--isolated"]) == 0
    listing = capsys.readouterr().out
    assert "CL101" in listing and "cure-claim" in listing and "testimonial" in listing
    assert main(["rule", "cure-claim", "--isolated"]) == 0
    explained = capsys.readouterr().out
    assert "FD&C Act" in explained and "Not flagged" in explained and "There is currently no cure for MS." in explained
    assert main(["rule", "CL999", "--isolated"]) == 2


def test_broken_rule_file_names_file_and_line(tmp_path: Path, claim_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "mine.yaml").write_text(
        "pack: mine\nrules:\n  - code: XY100\n    name: my-rule\n    kind: phrase\n    category: overstatement\n"
        "    severity: loud\n    summary: s\n    message: m\n    rationale: r\n    patterns: [miracle]\n"
    )
    config = tmp_path / ".claimlint.yaml"
    config.write_text("rules: [rules]\n")
    assert main(["check", "--config", str(config), str(claim_file)]) == 2
    err = capsys.readouterr().err
    assert f"{pack / 'mine.yaml'}:7:" in err and "severity" in err


def test_config_error_names_file_line_and_key(tmp_path: Path, claim_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text("[project]\nname = 'x'\n\n[tool.claimlint]\nselect = ['CL1']\nfail_on = 'error'\n")
    assert main(["check", "--config", str(config), str(claim_file)]) == 2
    assert f"{config}:6: unknown key 'fail_on'" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("claimlint 0.1.0")


def test_statistics_count_findings_per_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text("It cures MS.\n\nIt also cures ALS. A miracle.\n", encoding="utf-8")
    assert main(["check", "--isolated", "--no-color", "--statistics", str(page)]) == 1
    lines = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["2", "CL101", "cure-claim"] in lines and ["1", "CL107", "hype-word"] in lines
    assert lines.index(["2", "CL101", "cure-claim"]) < lines.index(["1", "CL107", "hype-word"])


def test_severity_override_by_category_meets_fail_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text("It cures MS.\n", encoding="utf-8")
    config = tmp_path / ".claimlint.yaml"
    config.write_text("severity:\n  overstatement: info\n", encoding="utf-8")
    assert main(["check", "--format", "concise", str(page)]) == 0  # info is below the default fail-on (warning)
    assert "CL101 [info]" in capsys.readouterr().out
    assert main(["check", "--fail-on", "info", str(page)]) == 1
    assert main(["check", "--isolated", "--fail-on", "never", str(page)]) == 0
