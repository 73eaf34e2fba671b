"""Baselines: today's findings recorded, only new ones reported, keyed by what
a finding says rather than where it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimlint.cli import main

LEGACY = (
    "# Our clinic\n"
    "\n"
    "Our stem cell therapy cures MS.\n"
    "\n"
    "It is completely safe, with no side effects.\n"
)


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "clinic.md").write_text(LEGACY, encoding="utf-8")
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple[str, int]], str]:
    status = main(["check", "--isolated", "--format", "json", *args])
    captured = capsys.readouterr()
    findings = [(f["rule"], f["line"]) for f in json.loads(captured.out)["findings"]] if captured.out else []
    return status, findings, captured.err


def write_baseline(capsys: pytest.CaptureFixture[str], *paths: str) -> dict:
    assert main(["check", "--isolated", "--write-baseline", "baseline.json", *paths]) == 0
    capsys.readouterr()
    return json.loads(Path("baseline.json").read_text(encoding="utf-8"))


def test_written_baseline_is_versioned_sorted_and_relative(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = write_baseline(capsys, "content")
    assert document["version"] == 1 and document["tool"] == "claimlint"
    entries = document["findings"]
    assert {(e["rule"], e["path"], e["count"]) for e in entries} == {
        ("CL101", "content/clinic.md", 1), ("CL201", "content/clinic.md", 1), ("CL204", "content/clinic.md", 1)}
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["text"], e["fingerprint"]))
    assert all("line" not in e for e in entries)
    # Rewriting an unchanged baseline changes nothing.
    first = (site / "baseline.json").read_bytes()
    write_baseline(capsys, "content")
    assert (site / "baseline.json").read_bytes() == first


def test_baseline_hides_known_findings_even_when_lines_move(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_baseline(capsys, "content")
    status, findings, err = check(capsys, "--baseline", "baseline.json", "content")
    assert (status, findings) == (0, [])
    assert "3 findings in baseline baseline.json not reported" in err
    page = site / "content" / "clinic.md"
    page.write_text("---\ntitle: Welcome\n---\n\nA new introduction.\n\n" + LEGACY, encoding="utf-8")
    assert check(capsys, "--baseline", "baseline.json", "content")[:2] == (0, [])


def test_a_new_claim_fails_the_check(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_baseline(capsys, "content")
    page = site / "content" / "clinic.md"
    page.write_text(LEGACY + "\nOur infusions reverse Parkinson's disease.\n", encoding="utf-8")
    status, findings, _ = check(capsys, "--baseline", "baseline.json", "content")
    assert (status, findings) == (1, [("CL102", 7)])


def test_baseline_counts_identical_findings(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = site / "content" / "clinic.md"
    page.write_text("It cures MS.\n\nIt cures MS.\n", encoding="utf-8")
    entries = write_baseline(capsys, "content")["findings"]
    assert [(e["rule"], e["count"]) for e in entries] == [("CL101", 2)]
    page.write_text("It cures MS.\n\nIt cures MS.\n\nIt cures MS.\n", encoding="utf-8")
    status, findings, _ = check(capsys, "--baseline", "baseline.json", "content")
    assert (status, findings) == (1, [("CL101", 5)])


def test_the_same_words_in_another_sentence_are_new(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_baseline(capsys, "content")
    page = site / "content" / "clinic.md"
    page.write_text(LEGACY.replace("Our stem cell therapy cures MS.", "Our exosome drip cures MS."), encoding="utf-8")
    assert check(capsys, "--baseline", "baseline.json", "content")[:2] == (1, [("CL101", 3)])


def test_rewriting_drops_fixed_findings(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_baseline(capsys, "content")
    page = site / "content" / "clinic.md"
    page.write_text(LEGACY.replace("Our stem cell therapy cures MS.", "Stem cell therapy for MS is being studied in trials."), encoding="utf-8")
    rules = [e["rule"] for e in write_baseline(capsys, "content")["findings"]]
    assert "CL101" not in rules and rules
    # ...so the claim, written again, is new.
    page.write_text(LEGACY, encoding="utf-8")
    assert check(capsys, "--baseline", "baseline.json", "content")[:2] == (1, [("CL101", 3)])


def test_baseline_works_from_another_working_directory(site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    write_baseline(capsys, "content")
    monkeypatch.chdir(site / "content")
    assert check(capsys, "--baseline", "../baseline.json", "clinic.md")[:2] == (0, [])


@pytest.mark.parametrize(("content", "message"), [
    (None, "baseline.json does not exist"),
    ('{"version": 1,\n "findings": [', "baseline.json:2: baseline is not valid JSON"),
    ('{"version": 1, "tool": "claimlint", "findings": [{"rule": "CL101"}]}', "finding 1 must have string rule, path and fingerprint"),
    ('{"version": 7, "tool": "claimlint", "findings": []}', "baseline version 7 is not supported"),
    ("[1, 2]", "not a claimlint baseline"),
])
def test_missing_or_corrupt_baseline_is_a_usage_error(site: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str) -> None:
    if content is not None:
        (site / "baseline.json").write_text(content, encoding="utf-8")
    status, findings, err = check(capsys, "--baseline", "baseline.json", "content")
    assert (status, findings) == (2, [])
    assert message in err and err.startswith("claimlint: error:")


def test_baseline_and_write_baseline_together_is_a_usage_error(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = check(capsys, "--baseline", "a.json", "--write-baseline", "b.json", "content")
    assert status == 2 and "cannot be combined" in err
