"""Rule packs claimlint did not write: a catastrophic pattern cannot hang a
run, and a broken pack is one line naming the file, the line and the key."""

from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from claimlint import timeouts
from claimlint.cli import main
from claimlint.config import Config
from claimlint.model import RuleTimeout
from claimlint.runner import Linter

CLAIM = "Our stem cell therapy cures MS."


def _rule(code: str = "XT900", name: str = "slow-rule", kind: str = "phrase", **options: object) -> str:
    lines = [f"  - code: {code}", f"    name: {name}", f"    kind: {kind}", "    category: overstatement", "    severity: warning",
             "    summary: A house rule.", "    message: \"'{match}' is a house-style problem.\"", "    rationale: House style."]
    lines += [f"    {key}: {json.dumps(value)}" for key, value in options.items()]
    return "\n".join(lines) + "\n"


def _project(tmp_path: Path, *rules: str, pages: dict[str, str] | None = None) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text("pack: house\nrules:\n" + "".join(rules))
    (tmp_path / ".claimlint.yaml").write_text("rules: [rules]\n")
    for name, text in (pages or {}).items():
        (tmp_path / name).write_text(text)
    return tmp_path


def _check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["check", "--config", str(tmp_path / ".claimlint.yaml"), "--format", "json", "--jobs", "1", str(tmp_path)])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture()
def short_limit(monkeypatch: pytest.MonkeyPatch) -> float:
    """The time limit lowered from 5 s so that timing out costs the suite little."""
    monkeypatch.setattr(timeouts, "PATTERN_TIMEOUT", 0.3)
    return 0.3


BACKTRACKING = "Our wonder serum " + "a" * 40 + "!"


@pytest.mark.parametrize(("where", "rule"), [
    ("trigger pattern", _rule(patterns=["(a|aa)+$"])),
    ("exclude pattern", _rule(patterns=["wonder serum"], exclude=["(a|aa)+$"])),
    ("document-level claim pattern", _rule(kind="consistency", facet="opposition", claim=["(a|aa)+$"], counter=["no cure"])),
])
def test_a_catastrophic_pattern_times_out_and_names_rule_and_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 short_limit: float, where: str, rule: str) -> None:
    _project(tmp_path, rule, pages={"other.txt": f"{CLAIM}\n"})
    # The first run builds the prefilter for the new rule set (seconds, once);
    # the time limit is on checking.
    _check(tmp_path, capsys)
    (tmp_path / "slow.txt").write_text(f"{CLAIM}\n\n{BACKTRACKING}\n")
    started = time.monotonic()
    code, report = _check(tmp_path, capsys)
    assert time.monotonic() - started < 10
    assert code == 2
    [error] = report["errors"]
    assert Path(error["path"]).name == "slow.txt"
    assert error["message"].startswith(f"rule XT900 timed out on {error['path']} after 0.3s; simplify the pattern or ignore XT900 for this file")
    # The other rules on the same file, and every rule on the other files, still report.
    assert sorted((Path(f["path"]).name, f["rule"]) for f in report["findings"]) == [("other.txt", "CL101"), ("slow.txt", "CL101")]


def test_nested_quantifiers_over_a_long_run_finish_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``(a+)+$`` over 100,000 letters and an exclamation mark: searches stay
    within one sentence (cut at 1,000 characters), so it never needs the limit."""
    _project(tmp_path, _rule(patterns=["(a+)+$"]), pages={"page.txt": f"{CLAIM}\n"})
    # The first run builds the prefilter for the new rule set (seconds, once);
    # the time limit is on the search.
    _check(tmp_path, capsys)
    (tmp_path / "page.txt").write_text(f"{CLAIM}\n\n{'a' * 100_000}!\n")
    started = time.monotonic()
    code, report = _check(tmp_path, capsys)
    assert time.monotonic() - started < 5
    assert code == 1 and report["errors"] == []
    assert "CL101" in [f["rule"] for f in report["findings"]]


def test_the_api_raises_a_typed_timeout_with_the_other_findings(tmp_path: Path, short_limit: float) -> None:
    (tmp_path / "house.yaml").write_text("pack: house\nrules:\n" + _rule(patterns=["(a|aa)+$"]))
    linter = Linter(Config(rules=(tmp_path,)))
    with pytest.raises(RuleTimeout) as caught:
        linter.engine.check(_document(f"{CLAIM} {BACKTRACKING}"))
    assert caught.value.codes == ("XT900",) and caught.value.seconds == short_limit
    assert [f.rule for f in caught.value.findings] == ["CL101"]


def test_the_default_limit_is_five_seconds_per_search() -> None:
    assert timeouts.PATTERN_TIMEOUT == 5.0
    assert Linter().engine.timeout == 5.0


def test_a_long_harmless_page_does_not_time_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit is per search: regex's own finditer timeout counted the time
    spent between matches, so a rule with many matches on a long page timed out."""
    monkeypatch.setattr(timeouts, "PATTERN_TIMEOUT", 0.05)
    (tmp_path / "house.yaml").write_text("pack: house\nrules:\n" + _rule(patterns=["wonder serum"]))
    page = "Try our wonder serum today. " * 20_000
    findings = Linter(Config(rules=(tmp_path,))).check_text(page)
    assert len([f for f in findings if f.rule == "XT900"]) == 20_000


def _document(text: str):  # type: ignore[no-untyped-def]
    from claimlint.readers import read_document

    return read_document("page.txt", text, "text")


# -- broken packs: file, line and key ---------------------------------------------------------

GOOD = _rule()
BUILTIN_TERM_LISTS = sum(1 for pack in (Path(__file__).resolve().parents[1] / "rules").glob("*.yaml")
                         for entry in ((yaml.safe_load(pack.read_text("utf-8")) or {}).get("define") or {}).values()
                         if isinstance(entry, dict) and "terms" in entry)
BROKEN_PACKS = {
    "invalid YAML": ("pack: house\nrules:\n  - code: XT900\n    patterns: [unclosed\n", 5, "invalid YAML"),
    "unknown top-level key": ("pack: house\nrulez: []\n", 2, "unknown key 'rulez' (allowed: cues, define, description, families, pack, pages, rules)"),
    "unknown rule key": ("pack: house\nrules:\n" + GOOD + "    pattern: [miracle]\n", 11, "unknown key 'pattern'"),
    "wrong type for patterns": ("pack: house\nrules:\n" + GOOD + "    patterns: miracle\n", 11, "key 'patterns' must be a list of strings, not 'miracle'"),
    "wrong type for a common key": ("pack: house\nrules:\n" + GOOD.replace("severity: warning", "severity: 3") + "    patterns: [x]\n", 7,
                                    "key 'severity' must be a non-empty string"),
    "bad regular expression": ("pack: house\nrules:\n" + GOOD + "    patterns: [\"cure (unclosed\"]\n", 11, "key 'patterns': invalid pattern"),
    "unknown vocabulary entry": ("pack: house\nrules:\n" + GOOD + "    patterns: [\"{no_such_entry}\"]\n", 11, "unknown vocabulary entry {no_such_entry}"),
    "a listed rule without items": ("pack: house\nrules:\n" + _rule(kind="listed", lead=["conditions we treat"]), 3,
                                    "a listed rule needs 'item' patterns"),
    "a link rule without targets": ("pack: house\nrules:\n" + _rule(kind="link", exclude_text=["shop"]), 3,
                                    "a link rule needs 'targets' patterns"),
    "a disclosure rule without its statement": ("pack: house\nrules:\n" + _rule(kind="disclosure", claim=["supports"]), 3,
                                                "a disclosure rule needs 'disclosure' patterns"),
    "unknown kind": ("pack: house\nrules:\n" + _rule(kind="magic"), 5, "unknown rule kind 'magic'"),
    "duplicate key in a rule": ("pack: house\nrules:\n" + GOOD + "    patterns: [x]\n    patterns: [y]\n", 12, "duplicate key 'patterns'"),
    "duplicate of a built-in code": ("pack: house\nrules:\n" + _rule(code="CL101", patterns=["x"]), 3, "duplicate rule 'CL101' (first defined at"),
    "an unquoted date in a cue": ("pack: house\ncues:\n  house-negation:\n    type: negation\n    patterns: [2024-01-01]\n" + "rules:\n" + GOOD + "    patterns: [x]\n", 2,
                                  "cues and page classes take text, numbers and lists only"),
    "page classes judged unless each other": (
        "pack: house\npages:\n  first:\n    signals: [x]\n    unless: [second]\n  second:\n    signals: [y]\n    unless: [first]\n",
        3, "page class 'first': 'unless' goes round in a circle (first -> second -> first)"),
    "outweighing a class it is not judged unless": (
        "pack: house\npages:\n  first:\n    signals: [x, y]\n    unless: [second]\n    outweighs: {third: 2}\n  second:\n    signals: [z]\n",
        6, "page class 'first': 'outweighs' must map classes of 'unless' to a number of signals"),
    # The thirteenth list overall is the first past what the built-in packs hold.
    "more term lists than the gazetteer takes": (
        "pack: house\ndefine:\n" + "".join(f"  list_{i}:\n    terms: [term{i}]\n" for i in range(13)),
        3 + 2 * (12 - BUILTIN_TERM_LISTS), f"term list 'list_{12 - BUILTIN_TERM_LISTS}': at most 12 term lists"),
    "python object tag": ("pack: house\nrules:\n  - !!python/object/apply:os.system [\"touch owned\"]\n", 3,
                          "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
}


@pytest.mark.parametrize("case", BROKEN_PACKS)
def test_a_broken_rule_pack_names_file_line_and_key(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    content, line, message = BROKEN_PACKS[case]
    (tmp_path / "rules").mkdir()
    pack = tmp_path / "rules" / "house.yaml"
    pack.write_text(content)
    (tmp_path / ".claimlint.yaml").write_text("rules: [rules]\n")
    (tmp_path / "page.txt").write_text(CLAIM)
    assert main(["check", "--config", str(tmp_path / ".claimlint.yaml"), str(tmp_path / "page.txt")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err.startswith(f"claimlint: error: {pack}:{line}: "), captured.err
    assert message in captured.err
    assert not (tmp_path / "owned").exists()


def test_a_code_defined_twice_across_packs_names_both_places(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "a.yaml").write_text("pack: a\nrules:\n" + _rule(patterns=["x"]))
    (tmp_path / "rules" / "b.yaml").write_text("pack: b\nrules:\n" + _rule(name="other-name", patterns=["y"]))
    (tmp_path / ".claimlint.yaml").write_text("rules: [rules]\n")
    (tmp_path / "page.txt").write_text(CLAIM)
    assert main(["check", "--config", str(tmp_path / ".claimlint.yaml"), str(tmp_path / "page.txt")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (f"claimlint: error: {tmp_path / 'rules' / 'b.yaml'}:3: rule at line 3: duplicate rule 'XT900' "
                           f"(first defined at {tmp_path / 'rules' / 'a.yaml'}:3)")


def test_a_missing_rule_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".claimlint.yaml").write_text("rules: [no-such-folder]\n")
    (tmp_path / "page.txt").write_text(CLAIM)
    assert main(["check", "--config", str(tmp_path / ".claimlint.yaml"), str(tmp_path / "page.txt")]) == 2
    assert f"{tmp_path / 'no-such-folder'}: rule folder does not exist" in capsys.readouterr().err


def test_rule_pack_errors_are_never_tracebacks_whatever_the_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Odd but valid YAML in every position: each is a one-line error or a working pack."""
    (tmp_path / "rules").mkdir()
    (tmp_path / ".claimlint.yaml").write_text("rules: [rules]\n")
    (tmp_path / "page.txt").write_text(CLAIM)
    odd_values = ["null", "[]", "{}", "3", "true", "[1, 2]", "{a: b}", "''", "\"{\"", "[\"{match\"]", "&x [a]", "*x"]
    for key in ("pack", "define", "rules", "code", "name", "kind", "category", "severity", "message", "patterns", "examples", "negation"):
        for value in odd_values:
            entry = textwrap.dedent(GOOD).replace("    kind: phrase\n", "    kind: phrase\n    patterns: [x]\n")
            if key in ("pack", "define", "rules"):
                text = f"pack: house\n{key}: {value}\n" if key != "pack" else f"pack: {value}\nrules:\n{entry}"
            else:
                lines = [line for line in entry.splitlines() if not line.strip().startswith(f"{key}:")]
                text = "pack: house\nrules:\n" + "\n".join(lines) + f"\n    {key}: {value}\n"
            (tmp_path / "rules" / "house.yaml").write_text(text)
            code = main(["check", "--config", str(tmp_path / ".claimlint.yaml"), str(tmp_path / "page.txt")])
            captured = capsys.readouterr()
            assert "Traceback" not in captured.err and "internal error" not in captured.err, (key, value, captured.err)
            assert code in (0, 1) or (code == 2 and captured.err.startswith("claimlint: error: ")), (key, value, captured.err)


def test_a_pattern_the_regex_module_crashes_on_is_a_rule_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """regex 2026.9.29 raised AttributeError (not regex.error) compiling
    ``[^\\p{L}\\p{^L}]`` case-insensitively; whatever the library raises, a
    user's pattern is reported with its file and line."""
    import regex

    from claimlint import kinds

    real_compile = regex.compile

    def crashing_compile(pattern: str, flags: int = 0) -> object:
        if "p{^L}" in pattern:
            raise AttributeError("'AnyAll' object has no attribute 'rebuild'")
        return real_compile(pattern, flags)

    monkeypatch.setattr(kinds.regex, "compile", crashing_compile)
    _project(tmp_path, _rule(patterns=[r"wonder[^\p{L}\p{^L}]"]), pages={"page.txt": CLAIM})
    assert main(["check", "--config", str(tmp_path / ".claimlint.yaml"), str(tmp_path / "page.txt")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith(f"claimlint: error: {tmp_path / 'rules' / 'house.yaml'}:")
    assert "key 'patterns': the regex module cannot compile this pattern (AttributeError:" in err
