"""Reading files as published: encodings, binary files, discovery (.gitignore,
globs, symlink loops), front-matter keys from configuration."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from claimlint.cli import main
from claimlint.config import Config
from claimlint.decoding import BinaryFile, decode
from claimlint.discovery import Missing, Target, discover
from claimlint.runner import Linter, run

CLAIM = "Unsere Klinik: this therapy cures MS.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + CLAIM.encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + CLAIM.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + CLAIM.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + CLAIM.encode("utf-32-le"), "utf-32-le"),
        (CLAIM.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_unicode_encodings_decode_without_bom_in_text(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == CLAIM and decoded.encoding == encoding and not decoded.lossy


def test_legacy_encoding_falls_back_and_keeps_columns() -> None:
    text = "Clínica São Paulo: à nossa terapia cura. Our therapy cures MS, é verdade, não é?\n" * 3
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text


def test_binary_files_are_refused() -> None:
    with pytest.raises(BinaryFile):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_binary_file_is_skipped_with_a_note_and_others_still_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "logo.txt").write_bytes(b"\x00\x01\x02\x03binary\x00" * 50)
    (tmp_path / "page.txt").write_text(CLAIM, encoding="utf-8")
    assert main(["check", "--isolated", "--format", "json", str(tmp_path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in report["findings"]] == ["CL101"]
    assert any("binary" in note["message"] for note in report["notes"])


def _targets(paths: list[str], root: Path, **options: object) -> list[str]:
    return sorted(Path(t.display).relative_to(root).as_posix() for t in discover(paths, root=root, **options) if isinstance(t, Target))  # type: ignore[arg-type]


def test_discovery_walks_readable_formats_and_honours_gitignore(tmp_path: Path) -> None:
    for name in ("a.md", "b.html", "c.txt", "d.py", "build/e.md", "drafts/f.md", "sub/g.markdown", "sub/h.htm"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(CLAIM)
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "sub" / ".gitignore").write_text("*.htm\n")
    found = _targets([str(tmp_path)], tmp_path, exclude=["drafts/**"])
    assert found == ["a.md", "b.html", "c.txt", "sub/g.markdown"]


def test_include_globs_replace_the_extension_filter(tmp_path: Path) -> None:
    (tmp_path / "page.njk").write_text(CLAIM)
    (tmp_path / "page.md").write_text(CLAIM)
    assert _targets([str(tmp_path)], tmp_path, include=["*.njk"]) == ["page.njk"]


def test_file_named_explicitly_is_always_checked_and_missing_paths_are_reported(tmp_path: Path) -> None:
    odd = tmp_path / "notes.data"
    odd.write_text(CLAIM)
    items = list(discover([str(odd), str(tmp_path / "nope.md")], root=tmp_path))
    assert isinstance(items[0], Target) and items[0].format == "text"
    assert isinstance(items[1], Missing)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.md").write_text(CLAIM)
    os.symlink(tmp_path / "site", tmp_path / "site" / "loop")
    assert _targets([str(tmp_path / "site")], tmp_path) == ["site/page.md"]


def test_format_hint_reads_stdin_like_files_as_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Our therapy `cures` MS.\n")
    assert main(["check", "--isolated", "--format-hint", "markdown", str(page)]) == 0


def test_front_matter_keys_come_from_configuration(tmp_path: Path) -> None:
    text = "---\ntitle: Clinic\nexcerpt: Our therapy cures MS.\n---\nHello.\n"
    assert Linter(Config()).check_text(text, "markdown") == []
    findings = Linter(Config(front_matter_keys=("excerpt",))).check_text(text, "markdown")
    assert [(f.rule, f.line, f.column) for f in findings] == [("CL101", 3, 22)]


def test_report_order_is_the_same_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    for index in range(12):
        (tmp_path / f"page{index:02d}.md").write_text(f"# Page {index}\n\n{CLAIM}\nNo side effects at all.\n")
    config = Config(root=tmp_path)
    one, _ = run([str(tmp_path)], config, jobs=1)
    two, _ = run([str(tmp_path)], config, jobs=2)
    assert one.findings == two.findings and len(one.findings) == 24
