"""``--explain``: why a match was not reported, and what shaped a finding that was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimlint.cli import main

TEXT = (
    "There is no cure for MS.\n\n"
    "Our drops may cure arthritis.\n\n"
    "Clinics that claim to cure MS are breaking the law.\n\n"
    "We claim our therapy cures MS.\n"
)


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")

    def invoke(*args: str) -> str:
        assert main(["check", "--isolated", "--no-color", *args, str(page)]) == 1
        return capsys.readouterr().out

    return invoke


def test_json_names_the_cue_that_dropped_each_match_and_where_it_stands(run) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(run("--explain", "--format", "json", "--select", "CL101"))
    dropped = {(d["line"], d["dropped"]["name"], d["dropped"]["line"], d["dropped"]["column"]) for d in report["dropped"]}
    assert dropped == {(1, "negation", 1, 10), (5, "reported", 5, 14)}
    kept = {(f["line"], f["severity"]) for f in report["findings"]}
    # The page's own voice: "we claim" does not make the claim someone else's.
    assert kept == {(3, "warning"), (7, "error")}
    hedged = next(f for f in report["findings"] if f["line"] == 3)
    assert hedged["context"] == [{"what": "cue", "name": "hedge", "detail": "hedge 'may'; severity lowered to warning",
                                  "line": 3, "column": 11, "end_line": 3, "end_column": 14}]


def test_without_explain_nothing_dropped_is_reported(run) -> None:  # type: ignore[no-untyped-def]
    report = json.loads(run("--format", "json", "--select", "CL101"))
    assert "dropped" not in report
    assert len(report["findings"]) == 2


def test_text_output_lists_dropped_matches_under_their_file(run) -> None:  # type: ignore[no-untyped-def]
    out = run("--explain", "--select", "CL101")
    assert "1:13  dropped  CL101 cure-claim  'cure'" in out
    assert "    negation 'no' (1:10)" in out
    assert "    context: hedge 'may'; severity lowered to warning (3:11)" in out
    assert "Found 2 problems" in out


def test_json_lines_marks_dropped_matches(run) -> None:  # type: ignore[no-untyped-def]
    lines = [json.loads(line) for line in run("--explain", "--format", "json-lines", "--select", "CL101").splitlines()]
    assert sorted(line["type"] for line in lines) == ["dropped", "dropped", "finding", "finding"]
