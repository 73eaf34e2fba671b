"""The parsed-pack cache: a run with cached packs builds exactly the rules a
run without one builds, never uses an entry for files that changed, and
survives a damaged or unwritable cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint import packs
from claimlint.cli import main
from claimlint.packs import builtin_pack_dir, load_rules, pack_files, read_packs

PACK = """\
pack: house
rules:
  - code: HS101
    name: house-miracle
    kind: phrase
    category: overstatement
    severity: warning
    summary: Calls a remedy a miracle.
    message: "'{match}' overstates."
    rationale: A house rule.
    references: ["FTC Health Products Compliance Guidance (2022)"]
    patterns: ["miracle {word}"]
    examples:
      fire: ["A miracle remedy."]
      pass: ["No miracle here."]
define:
  word: remedy|cure
"""


def _source(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return [_source(item) for item in value]
    return getattr(value, "pattern", value)


def _specs(rules: list[packs.Rule]) -> list[object]:
    """Each rule's spec and the pattern sources its kind compiled."""
    return [(rule.spec, sorted((k, _source(v)) for k, v in vars(rule.checker).items() if k != "compiler")) for rule in rules]


def _forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packs, "read_pack_file", lambda path: pytest.fail(f"parsed {path} again"))


def test_rules_from_cached_packs_equal_rules_from_parsed_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = load_rules()
    stored = load_rules(cache=tmp_path)
    assert len(list(tmp_path.glob("packs-*.json"))) == 1
    _forbid_parsing(monkeypatch)
    cached = load_rules(cache=tmp_path)
    assert _specs(cached) == _specs(stored) == _specs(parsed)
    assert [rule.spec.origin for rule in cached] == [rule.spec.origin for rule in parsed]


def test_an_edited_pack_is_parsed_again(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    pack = folder / "house.yaml"
    pack.write_text(PACK)
    cache = tmp_path / "cache"
    first = load_rules([folder], include_builtin=False, cache=cache)
    assert first[0].spec.severity.label == "warning"
    pack.write_text(PACK.replace("severity: warning", "severity: error"))
    os.utime(pack, ns=(pack.stat().st_atime_ns, pack.stat().st_mtime_ns + 1_000_000))
    second = load_rules([folder], include_builtin=False, cache=cache)
    assert second[0].spec.severity.label == "error"


def test_a_damaged_entry_is_parsed_and_stored_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _specs(load_rules())
    load_rules(cache=tmp_path)
    (entry,) = tmp_path.glob("packs-*.json")
    entry.write_bytes(entry.read_bytes()[:-200])
    assert _specs(load_rules(cache=tmp_path)) == parsed
    _forbid_parsing(monkeypatch)
    assert _specs(load_rules(cache=tmp_path)) == parsed


def test_values_json_cannot_hold_exactly_are_not_cached(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    # A YAML date and a number key would come back from JSON as strings.
    (folder / "house.yaml").write_text(PACK.replace("rationale: A house rule.", "rationale: A house rule.\n    reviewed: 2026-01-02"))
    paths = pack_files([folder])
    assert read_packs(paths, tmp_path / "cache")[0].rules[0][0]["reviewed"].year == 2026
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_costs_only_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert _specs(load_rules(cache=blocker / "cache")) == _specs(load_rules())


def test_a_run_with_cached_packs_imports_no_yaml(tmp_path: Path) -> None:
    """The point of the cache: a pre-commit run over a page without front
    matter neither imports PyYAML nor parses a pack."""
    page = tmp_path / "page.md"
    page.write_text("# Clinic\n\nOur therapy cures MS.\n")
    probe = ("import sys; from claimlint.cli import main\n"
             "code = main(['check', '--isolated', '--format', 'json', sys.argv[1]])\n"
             "print('yaml' in sys.modules, code)")
    env = dict(os.environ, CLAIMLINT_CACHE_DIR=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, "-c", probe, str(page)], capture_output=True, text=True, env=env, check=True)
            for _ in range(2)]
    assert [run.stdout.split()[-2:] for run in runs] == [["True", "1"], ["False", "1"]]


def test_no_cache_leaves_no_parsed_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(cache))
    page = tmp_path / "page.md"
    page.write_text("Our therapy cures MS.\n")
    assert main(["check", "--isolated", "--no-cache", str(page)]) == 1
    assert not cache.exists()
    assert main(["check", "--isolated", str(page)]) == 1
    # The parsed packs, and the prefilter compiled once to be kept for later runs.
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == ["hyperscan", "packs"]


def test_the_builtin_packs_are_all_cacheable() -> None:
    """Every built-in pack holds only what JSON keeps exactly; otherwise every
    run would parse it again."""
    for pack in read_packs(pack_files([builtin_pack_dir()]), None):
        json.dumps(packs._plain(pack), allow_nan=False)


def test_a_pack_swapped_in_with_the_same_size_and_time_is_parsed_again(tmp_path: Path) -> None:
    """``cp -p``, ``rsync -a`` and moved symlinks keep a file's size and
    modification time; the key is the text, so the new rules are read."""
    folder = tmp_path / "rules"
    folder.mkdir()
    pack = folder / "house.yaml"
    pack.write_text(PACK)
    cache = tmp_path / "cache"
    assert load_rules([folder], include_builtin=False, cache=cache)[0].spec.severity.label == "warning"
    before = pack.stat()
    pack.write_text(PACK.replace("severity: warning", "severity: error  "))
    os.utime(pack, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert pack.stat().st_size == before.st_size and pack.stat().st_mtime_ns == before.st_mtime_ns
    assert load_rules([folder], include_builtin=False, cache=cache)[0].spec.severity.label == "error"


def test_origins_name_packs_as_this_run_names_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(PACK)
    cache = tmp_path / "cache"
    monkeypatch.chdir(tmp_path)
    assert load_rules([Path("rules")], include_builtin=False, cache=cache)[0].spec.origin.path == str(Path("rules/house.yaml"))
    monkeypatch.chdir(tmp_path / "rules")
    assert load_rules([Path(".")], include_builtin=False, cache=cache)[0].spec.origin.path == "house.yaml"


@pytest.mark.parametrize("payload", [b"[]", b"[1, 2]", b'{"a": 1}', b'[{"name": "x", "defines": {}, "rules": [[[], 1, {}]]}]'])
def test_an_entry_of_the_wrong_shape_is_parsed_again(tmp_path: Path, payload: bytes) -> None:
    parsed = _specs(load_rules())
    load_rules(cache=tmp_path)
    (entry,) = tmp_path.glob("packs-*.json")
    length, _, rest = entry.read_bytes().partition(b"\n")
    entry.write_bytes(length + b"\n" + rest[: int(length)] + payload)
    assert _specs(load_rules(cache=tmp_path)) == parsed


def test_packs_are_not_cached_when_the_reading_code_is_not_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An install that ships bytecode only, or a frozen one, has no packs.py
    to key on: the packs are parsed every run, and nothing fails."""
    monkeypatch.setattr(packs, "__file__", str(tmp_path / "missing" / "packs.py"))
    assert _specs(load_rules(cache=tmp_path / "cache")) == _specs(load_rules())
    assert not (tmp_path / "cache").exists()


def test_spaces_in_vocabulary_and_patterns_become_white_space_outside_classes() -> None:
    from claimlint.kinds import PatternCompiler

    compiler = PatternCompiler({"open": r"\(|\[", "pair": "a b"})
    source = compiler.source([r"{open} ?see note [0-9 ]+", "x {pair}", r"\[see note\] [0-9 ]+"])
    # An escaped bracket opens no class; a real class keeps its space.
    assert r"(?:\(|\[)\s*see\s+note\s+[0-9 ]+" in source
    assert r"\[see\s+note\]\s+[0-9 ]+" in source
    assert r"x\s+(?:a\s+b)" in source
