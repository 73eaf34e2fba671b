"""Content claimlint did not write: binary files, broken encodings, absurd
sizes and nesting, malformed markup, unreadable paths, symbolic-link loops.
Every one ends in findings, a note or a per-file error, never a traceback, and
one bad file never stops the others being checked."""

from __future__ import annotations

import codecs
import json
import multiprocessing
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimlint.api import lint_text
from claimlint.cli import main
from claimlint.decoding import BinaryFile, decode
from claimlint.discovery import Target
from claimlint.document import LineIndex
from claimlint.readers import read_document
from claimlint.runner import Linter

CLAIM = "Our stem cell therapy cures MS.\n"
FORMATS = ("text", "markdown", "html")


def _check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main(["check", "--isolated", "--format", "json", "--jobs", "1", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, json.loads(captured.out), captured.err


def _rules(report: dict) -> list[tuple[str, str]]:
    return [(Path(f["path"]).name, f["rule"]) for f in report["findings"]]


# -- bytes and encodings --------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_are_a_note_or_findings_never_an_error(tmp_path: Path, seed: int, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "noise.txt"
    page.write_bytes(random.Random(seed).randbytes(20_000))
    code, report, _ = _check_json(capsys, str(page))
    assert report["errors"] == [] and code in (0, 1)
    assert report["files_checked"] == 1


def test_invalid_utf8_is_decoded_and_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "legacy.txt"
    page.write_bytes(b"Caf\xe9 \xff\xfe du coin.\nOur stem cell therapy cures MS.\n")
    code, report, _ = _check_json(capsys, str(page))
    assert code == 1 and report["errors"] == []
    cure = next(f for f in report["findings"] if f["rule"] == "CL101")
    assert (cure["line"], cure["column"]) == (2, 23)


@pytest.mark.parametrize(("encoding", "bom"), [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b"")])
def test_utf16_files_are_checked_at_the_right_position(tmp_path: Path, encoding: str, bom: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "wide.md"
    page.write_bytes(bom + ("# Clinic\n\n" + CLAIM).encode(encoding))
    code, report, _ = _check_json(capsys, str(page))
    assert code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in report["findings"]] == [("CL101", 3, 23)]


def test_empty_and_blank_files_are_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, content in (("empty.md", b""), ("blank.html", b"\n\n  \n"), ("bom.txt", codecs.BOM_UTF8)):
        (tmp_path / name).write_bytes(content)
    code, report, _ = _check_json(capsys, str(tmp_path))
    assert code == 0 and report["files_checked"] == 3 and report["findings"] == [] and report["errors"] == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_decoding_arbitrary_bytes_gives_text_or_refuses_binary(data: bytes) -> None:
    try:
        decoded = decode(data)
    except BinaryFile:
        return
    assert isinstance(decoded.text, str) and not decoded.text.startswith("\ufeff")


LINTER = Linter()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(FORMATS))
def test_arbitrary_bytes_through_the_whole_pipeline_never_error(tmp_path: Path, data: bytes, fmt: str) -> None:
    page = tmp_path / "page.bin"
    page.write_bytes(data)
    result = LINTER.check_target(Target(page, "page.bin", fmt))
    assert result.error is None, result.error


# Characters that mean something to one of the readers, so that generated text
# is mostly markup rather than mostly letters.
MARKUP_ALPHABET = st.sampled_from(list("<>/!-[]()*_`#>|&;:=\"'\\~\n\t \r") + ["<div>", "</p>", "<!--", "-->", "&amp;", "![", "](", "```", "---\n",
                                                                              "cure", "MS", "é", "Σ", "\u0130", "\x00", "\ufeff"])
MARKUP_TEXT = st.lists(MARKUP_ALPHABET | st.text(max_size=5), max_size=300).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MARKUP_TEXT, fmt=st.sampled_from(FORMATS))
def test_the_public_api_reads_arbitrary_markup_with_findings_inside_the_file(text: str, fmt: str) -> None:
    lines = LineIndex(text)
    for finding in lint_text(text, format=fmt, path="fuzz"):
        span = finding.span
        assert 0 <= span.offset <= span.end_offset <= len(text)
        assert (span.line, span.column) == lines.position(span.offset)
        assert text[span.offset : span.end_offset] == finding.text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MARKUP_TEXT | st.text(max_size=400), fmt=st.sampled_from(FORMATS))
def test_every_reader_maps_every_prose_character_into_the_file(text: str, fmt: str) -> None:
    document = read_document("fuzz", text, fmt)
    for block in document.blocks:
        assert 0 <= block.start < block.end <= len(document.prose)
    for offset in range(0, len(document.prose), max(1, len(document.prose) // 50)):
        span = document.span(offset, offset + 1)
        assert 0 <= span.offset <= span.end_offset <= len(text)
        assert 1 <= span.line <= document.lines.line_count


# -- size -------------------------------------------------------------------


def test_a_25_mb_file_is_skipped_by_default_with_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as out:
        out.write(CLAIM.encode() * (25 * 1024 * 1024 // len(CLAIM) + 1))
    (tmp_path / "small.md").write_text(CLAIM)
    code, report, _ = _check_json(capsys, str(tmp_path))
    assert code == 1 and report["errors"] == []
    assert _rules(report) == [("small.md", "CL101")]
    note = report["notes"][0]
    assert Path(note["path"]).name == "big.md" and "over max-file-size (10,485,760)" in note["message"]
    assert "--max-file-size" in note["message"]


@pytest.mark.parametrize(("option", "checked"), [("500k", False), ("30MB", True), ("1GB", True), ("700000", True)])
def test_max_file_size_option_takes_units(tmp_path: Path, option: str, checked: bool, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text(CLAIM + "Nothing to see here.\n" * 30_000)  # about 660 kB
    code, report, _ = _check_json(capsys, "--max-file-size", option, str(page))
    assert (code, len(report["notes"]), _rules(report)) == ((1, 0, [("page.txt", "CL101")]) if checked else (0, 1, []))


def test_max_file_size_rejects_nonsense(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "page.txt").write_text(CLAIM)
    assert main(["check", "--isolated", "--max-file-size", "lots", str(tmp_path)]) == 2
    assert "'lots' is not a size" in capsys.readouterr().err


def test_max_file_size_setting_accepts_units(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".claimlint.yaml").write_text("max-file-size: 1k\n")
    (tmp_path / "page.txt").write_text(CLAIM * 100)
    code, report, _ = _check_json_with_config(capsys, tmp_path)
    assert code == 0 and "over max-file-size (1,024)" in report["notes"][0]["message"]


def _check_json_with_config(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[int, dict, str]:
    code = main(["check", "--config", str(folder / ".claimlint.yaml"), "--format", "json", str(folder)])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_one_megabyte_line_without_a_newline(fmt: str) -> None:
    words = ("lorem ipsum dolor sit amet " * 40_000)[:1_000_000]
    findings = lint_text(words + " Our stem cell therapy cures MS", format=fmt)
    assert [f.rule for f in findings] == ["CL101"]
    assert findings[0].span.line == 1 and findings[0].span.column == 1_000_024


def test_one_hundred_thousand_nested_divs() -> None:
    page = "<html><body>" + "<div>" * 100_000 + "<p>Our stem cell therapy cures MS.</p>" + "</div>" * 100_000
    findings = lint_text(page, format="html")
    assert [(f.rule, f.text) for f in findings] == [("CL101", "cures")]


MALFORMED = {
    "html": [
        "<p>Our therapy <b>cures MS.",  # never closed
        "<<<>>> </p></p></div> cures MS </html><html>",
        "<!-- unterminated comment cures MS",
        "<script>var cure = 1; // never closed",
        "<a href='x>cures</a> <img alt=\"cures MS",
        "&#99999999; &#x110000; &#0; &bogus; &amp cures",
        "<table><tr><td>cures<td><tr></table></td>",
        "</body></html><title>cures MS</title><head>",
        "<p " + "a=b " * 5000 + ">cures MS</p>",
    ],
    "markdown": [
        "```\nnever closed fence cures MS",
        "[link](http://x.example/cure\n\n[ref]: <broken",
        "| a | b\n|---\n| cures | MS | extra | cells |",
        "***bold _italic ~~strike cures MS",
        "> > > > quote\n>>>>>>>>>> deeper cures MS\n<div>\n</span>",
        "---\ntitle: [unclosed\n---\ncures MS",
        "+++\ntitle = \"x\n+++\n",
        "<!-- claimlint-disable-next-line\ncures MS",
        "![" * 50 + "cures" + "](x)" * 10,
        "\t- a\n\t\t- b\n\t\t\t- c\n\t\t\t\t\t\t- cures MS",
    ],
}


@pytest.mark.parametrize(("fmt", "text"), [(fmt, text) for fmt, texts in MALFORMED.items() for text in texts])
def test_malformed_markup_is_read(fmt: str, text: str) -> None:
    for finding in lint_text(text, format=fmt):
        assert text[finding.span.offset : finding.span.end_offset] == finding.text


DEEP_MARKDOWN = {
    # Each of these killed the process (SIGSEGV in the Rust parser's recursion)
    # or ran for minutes; they run in a child process so that a regression
    # fails this test instead of taking pytest down with it.
    "nested images": "![" * 50_000 + "x" + "](u)" * 50_000,
    "nested strong emphasis": "**a " * 50_000 + "b" + "**" * 50_000,
    "crossed emphasis": "*a _b " * 20_000 + "c" + "_*" * 20_000,
    "link definitions": "".join(f"[r{i}]: http://x.example/{i}\n" for i in range(10_000)) + "\n" + "[r1] " * 10_000,
}


@pytest.mark.parametrize("name", DEEP_MARKDOWN)
def test_pathologically_deep_markdown_is_read_in_bounded_time(tmp_path: Path, name: str) -> None:
    page = tmp_path / "deep.md"
    page.write_text(DEEP_MARKDOWN[name] + "\n\nOur stem cell therapy cures MS.\n")
    done = subprocess.run([sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "concise", str(page)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1, done.stderr
    assert "CL101" in done.stdout and "Traceback" not in done.stderr


# -- paths --------------------------------------------------------------------


def _deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """chmod 000 where it denies access; as root (where it does not), the read itself fails."""
    if os.geteuid() != 0:
        path.chmod(0)
        return
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == path.name:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_an_unreadable_file_is_an_error_and_the_others_are_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "locked.md").write_text(CLAIM)
    (tmp_path / "open.md").write_text(CLAIM)
    _deny_reading(monkeypatch, tmp_path / "locked.md")
    try:
        code, report, _ = _check_json(capsys, str(tmp_path))
    finally:
        (tmp_path / "locked.md").chmod(0o644)
    assert code == 2
    assert _rules(report) == [("open.md", "CL101")]
    assert [(Path(e["path"]).name, e["message"]) for e in report["errors"]] == [("locked.md", "cannot read file: Permission denied")]


def test_an_unreadable_folder_is_an_error_and_the_others_are_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "page.md").write_text(CLAIM)
    (tmp_path / "public.md").write_text(CLAIM)
    original = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    code, report, _ = _check_json(capsys, str(tmp_path))
    assert code == 2 and _rules(report) == [("public.md", "CL101")]
    assert [(Path(e["path"]).name, e["message"]) for e in report["errors"]] == [("private", "cannot read folder: Permission denied")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_symbolic_link_loops_of_files_and_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "page.md").write_text(CLAIM)
    os.symlink("b.md", site / "a.md")
    os.symlink("a.md", site / "b.md")
    os.symlink(".", site / "self")
    os.symlink("..", site / "sub" / "up")
    code, report, _ = _check_json(capsys, str(site))
    assert code == 2
    assert _rules(report) == [("page.md", "CL101")]
    assert sorted((Path(e["path"]).name, e["message"]) for e in report["errors"]) == [
        ("a.md", "cannot read file: Too many levels of symbolic links"),
        ("b.md", "cannot read file: Too many levels of symbolic links"),
    ]


# -- one bad file among many ---------------------------------------------------------


def _files(folder: Path, count: int) -> None:
    for index in range(count):
        (folder / f"page{index}.md").write_text(f"# Page {index}\n\n{CLAIM}")


def test_an_internal_error_in_one_file_is_reported_for_that_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from claimlint.readers import markdown

    _files(tmp_path, 3)
    original = markdown.read

    def read(path: str, source: str, **options: object) -> object:
        if path.endswith("page1.md"):
            raise ValueError("reader bug")
        return original(path, source, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(markdown, "read", read)
    code, report, _ = _check_json(capsys, str(tmp_path))
    assert code == 2
    assert _rules(report) == [("page0.md", "CL101"), ("page2.md", "CL101")]
    [error] = report["errors"]
    assert Path(error["path"]).name == "page1.md"
    assert error["message"].startswith("internal error: ValueError: reader bug; the other files were checked")


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the injected crash reaches workers through fork")
def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from claimlint.readers import markdown

    _files(tmp_path, 8)
    original = markdown.read

    def read(path: str, source: str, **options: object) -> object:
        if path.endswith("page5.md"):
            os._exit(70)  # as a native crash would: no exception, the process is gone
        return original(path, source, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(markdown, "read", read)
    code = main(["check", "--isolated", "--format", "json", "--jobs", "2", str(tmp_path)])
    report = json.loads(capsys.readouterr().out)
    assert code == 2
    assert [name for name, _ in _rules(report)] == [f"page{i}.md" for i in range(8) if i != 5]
    [error] = report["errors"]
    assert Path(error["path"]).name == "page5.md" and "crashed" in error["message"]


def test_any_unexpected_exception_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from claimlint import runner

    (tmp_path / "page.md").write_text(CLAIM)

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("discovery bug")

    monkeypatch.setattr(runner, "discover", broken)
    assert main(["check", "--isolated", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("claimlint: internal error: RuntimeError: discovery bug (please report this; "
                           "set CLAIMLINT_DEBUG=1 to see where it happened)")


def test_standard_input_gets_the_same_per_file_errors(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from claimlint.readers import html

    def read(path: str, source: str, **options: object) -> object:
        raise ValueError("reader bug")

    monkeypatch.setattr(html, "read", read)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CLAIM.encode())))
    assert main(["check", "--isolated", "--format", "json", "--stdin-filename", "page.html", "-"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert [(e["path"], e["message"][:34]) for e in report["errors"]] == [("page.html", "internal error: ValueError: reader")]

