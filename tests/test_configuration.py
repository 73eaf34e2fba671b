"""Configuration: found by walking up from the checked files, per-file ignores
relative to the configuration's folder, errors that name file and line, the
`config` command's provenance, and `init`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimlint.cli import main
from claimlint.config import Config, key_values, load_config

CURE = "Our stem cell therapy cures MS.\n"


def rules_found(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple[str, str]]]:
    status = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    return status, [(Path(f["path"]).name, f["rule"]) for f in json.loads(out)["findings"]] if out else []


@pytest.fixture()
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose config sits in a nested folder; the run starts elsewhere."""
    project = tmp_path / "projects" / "clinic-site"
    (project / "pages" / "press").mkdir(parents=True)
    (project / ".claimlint.yaml").write_text(
        "# house style\nseverity:\n  cure-claim: info\nfail-on: error\nper-file-ignores:\n  \"pages/press/**\": [overstatement]\n",
        encoding="utf-8")
    (project / "pages" / "home.md").write_text(CURE, encoding="utf-8")
    (project / "pages" / "press" / "release.md").write_text(CURE, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "note.txt").write_text(CURE, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "elsewhere")
    return project


def test_config_is_found_by_walking_up_from_the_checked_files(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", "--format", "json", str(workspace / "pages" / "home.md")])
    findings = json.loads(capsys.readouterr().out)["findings"]
    # The nested folder's severity override and fail-on apply although the run starts outside it.
    assert [(f["rule"], f["severity"]) for f in findings] == [("CL101", "info")]
    assert status == 0


def test_each_path_gets_its_own_configuration(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", "--format", "json", "note.txt", str(workspace / "pages")])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(Path(f["path"]).name, f["severity"]) for f in findings] == [("note.txt", "error"), ("home.md", "info")]
    assert status == 1  # note.txt is under the defaults: an error fails at fail-on warning


def test_per_file_ignores_are_relative_to_the_configuration(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert rules_found(capsys, str(workspace / "pages"))[1] == [("home.md", "CL101")]
    # The same with --config naming the file.
    assert rules_found(capsys, "--config", str(workspace / ".claimlint.yaml"), str(workspace / "pages"))[1] == [("home.md", "CL101")]


def test_isolated_ignores_the_nested_configuration(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert rules_found(capsys, "--isolated", str(workspace / "pages")) == (1, [("home.md", "CL101"), ("release.md", "CL101")])


def test_pyproject_table_is_found_and_other_pyprojects_are_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.claimlint]\nignore = [\"CL101\"]\n", encoding="utf-8")
    inner = tmp_path / "docs"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'docs'\n", encoding="utf-8")
    (inner / "page.md").write_text(CURE + "\nA miracle.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path.parent)
    assert rules_found(capsys, str(inner / "page.md"))[1] == [("page.md", "CL107")]


def test_yaml_config_error_names_file_line_and_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".claimlint.yaml").write_text("select: [ALL]\nseverity:\n  CL101: loud\n", encoding="utf-8")
    (tmp_path / "page.md").write_text(CURE, encoding="utf-8")
    assert main(["check", str(tmp_path / "page.md")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / '.claimlint.yaml'}:2: key 'severity' must be a mapping of rule to error, warning or info" in err


def test_force_exclude_applies_excludes_to_named_files(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / ".claimlint.yaml").write_text("exclude: [\"pages/press/**\"]\n", encoding="utf-8")
    release = str(workspace / "pages" / "press" / "release.md")
    assert rules_found(capsys, release)[1] == [("release.md", "CL101")]
    assert rules_found(capsys, "--force-exclude", release) == (0, [])
    assert rules_found(capsys, "--force-exclude", release, str(workspace / "pages" / "home.md")) == (1, [("home.md", "CL101")])


def test_config_command_shows_values_and_where_they_came_from(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_file = workspace / ".claimlint.yaml"
    assert main(["config", "--ignore", "CL107", str(workspace / "pages")]) == 0
    out = capsys.readouterr().out
    lines = {line.split("=")[0].strip(): line for line in out.splitlines() if "=" in line and not line.startswith("#")}
    assert lines["severity"].endswith(f"# {config_file}:2") and '"cure-claim": "info"' in lines["severity"]
    assert lines["fail-on"].endswith(f"# {config_file}:4")
    assert lines["ignore"].startswith('ignore = ["CL107"]') and lines["ignore"].endswith("# command line")
    assert lines["select"].startswith('select = ["ALL"]') and lines["select"].endswith("# default")
    assert f"# configuration file: {config_file}" in out
    assert "not enabled: CL107" in out


def test_config_command_json_and_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["config", "--format", "json", "--fail-on", "error"]) == 0
    [group] = json.loads(capsys.readouterr().out)
    assert group["file"] is None and group["paths"] == ["."]
    assert group["values"]["fail-on"] == {"value": "error", "origin": "command line"}
    assert group["values"]["exclude"] == {"value": [], "origin": "default"}
    # Only the rules in preview are off by default.
    from claimlint.packs import load_rules

    preview = sorted(rule.spec.code for rule in load_rules() if rule.spec.preview)
    assert "CL101" in group["rules_enabled"] and group["rules_not_enabled"] == preview


def test_config_command_reports_config_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".claimlint.yaml").write_text("select: [ALL]\nfail_on: error\n", encoding="utf-8")
    assert main(["config", str(tmp_path)]) == 2
    assert f"{tmp_path / '.claimlint.yaml'}:2: unknown key 'fail_on'" in capsys.readouterr().err


def test_init_writes_a_starter_that_loads_as_the_defaults(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path)]) == 0
    written = tmp_path / ".claimlint.yaml"
    assert f"wrote {written}" in capsys.readouterr().out
    text = written.read_text(encoding="utf-8")
    assert text.count("\n#") > 10  # commented
    loaded = load_config(written)
    assert key_values(loaded) == key_values(Config())
    assert set(loaded.origins) == set(key_values(Config()))  # every key is spelled out
    # It refuses to overwrite, unless told to.
    written.write_text("ignore: [CL107]\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "already exists (use --force" in capsys.readouterr().err
    assert written.read_text(encoding="utf-8") == "ignore: [CL107]\n"
    assert main(["init", "--force", str(tmp_path)]) == 0
    assert written.read_text(encoding="utf-8") == text


def test_init_pyproject_appends_a_table_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\nname = \"site\"\n", encoding="utf-8")
    assert main(["init", "--pyproject", str(tmp_path)]) == 0
    text = pyproject.read_text(encoding="utf-8")
    assert text.startswith("[project]\nname = \"site\"\n\n[tool.claimlint]\n")
    assert key_values(load_config(pyproject)) == key_values(Config())
    assert main(["init", "--pyproject", str(tmp_path)]) == 2
    assert "already has a [tool.claimlint] table" in capsys.readouterr().err
    assert pyproject.read_text(encoding="utf-8") == text
