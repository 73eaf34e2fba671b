"""Golden positions: every reader points at the exact line and column of the
original file, and reads only what a visitor sees."""

from __future__ import annotations

from claimlint.runner import Linter


def found(linter: Linter, text: str, fmt: str) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.rule, f.text) for f in linter.check_text(text, fmt, "doc")]


MARKDOWN = """---
title: Our Miracle Therapy
tags: [miracle, cure]
slug: miracle-cure
---
# Stem cells for MS

```
const miracle = cure();
```

Inline `cure()` code and a [link](https://example.com/miracle-cure) stay quiet.
<!-- a comment that says miracle cure -->
<https://example.org/miracle>

| Package | Claim |
|---------|-------|
| Gold    | Our protocol cures MS |

- first item
- Patients call it a miracle.
"""


def test_markdown_reads_only_what_a_reader_sees(linter: Linter) -> None:
    results = found(linter, MARKDOWN, "markdown")
    assert (2, 12, "CL107", "Miracle") in results  # front-matter title
    assert (18, 26, "CL101", "cures") in results  # table cell
    assert (21, 22, "CL107", "miracle") in results  # list item
    lines = {line for line, *_ in results}
    assert not lines & {3, 4, 9, 12, 13, 14}  # tags, slug, fence, inline code/URL, comment, autolink


def test_markdown_link_text_and_alt_text_are_prose(linter: Linter) -> None:
    text = "See [our miracle results](https://x.example/a) and ![a miracle cure](pic.png).\n"
    results = found(linter, text, "markdown")
    assert (1, 10, "CL107", "miracle") in results
    assert (1, 64, "CL101", "cure") in results


HTML = """<!doctype html>
<html><head>
<title>Clinic &amp; Miracle Stem Cells</title>
<meta name="description" content="Our therapy cures MS">
<meta name="keywords" content="miracle, cure">
<style>.miracle { color: red }</style>
<script>var cure = "miracle";</script>
</head><body>
<p>Patients&nbsp;travel from abroad for our
   <b>treatment</b>, which we describe
   as a groundbreaking option.</p>
<img src="miracle.png" alt="A miracle recovery">
<pre>cure</pre>
</body></html>
"""


def test_html_reads_visible_text_title_and_alt_text_only(linter: Linter) -> None:
    results = found(linter, HTML, "html")
    assert (3, 21, "CL107", "Miracle") in results  # title, after an entity
    assert (11, 9, "CL107", "groundbreaking") in results  # wrapped paragraph with entity and <b>
    assert (12, 31, "CL107", "miracle") in results  # alt text
    lines = {line for line, *_ in results}
    # The meta description and keywords are attributes, which the labelling
    # guide leaves out; style, script and pre are not prose.
    assert not lines & {4, 5, 6, 7, 13}


def test_crlf_and_accented_characters_keep_columns_exact(linter: Linter) -> None:
    text = "Clínica São Paulo — überblick\r\nÀ São Paulo, nossa clínica: this therapy cures MS.\r\n"
    results = found(linter, text, "text")
    assert results == [(2, 42, "CL101", "cures")]


def test_tabs_and_bom_count_as_one_column(linter: Linter) -> None:
    text = "\ufeff\tOur therapy cures MS.\n"
    assert found(linter, text.lstrip("\ufeff"), "text") == [(1, 14, "CL101", "cures")]


def test_sentence_wrapped_over_lines_points_at_the_physical_line(linter: Linter) -> None:
    text = "Our stem cell therapy is\nclinically proven to restore\nmyelin and has no side\neffects at all.\n"
    results = found(linter, text, "text")
    assert (2, 1, "CL111", "clinically proven") in results
    assert (3, 16, "CL201", "no side\neffects") in results


def test_same_prose_gives_same_findings_in_every_format(linter: Linter) -> None:
    prose = ["Our clinic offers a groundbreaking therapy.", "It cures MS with no side effects.", "Studies have shown remarkable results."]
    as_text = "\n\n".join(prose) + "\n"
    as_markdown = "# Clinic\n\n" + as_text
    as_html = "<html><body><h1>Clinic</h1>" + "".join(f"<p>{p}</p>" for p in prose) + "</body></html>"
    rules = [sorted((f.rule, f.text) for f in linter.check_text(doc, fmt)) for doc, fmt in
             ((as_text, "text"), (as_markdown, "markdown"), (as_html, "html"))]
    assert rules[0] == rules[1] == rules[2]
    assert len(rules[0]) >= 4


def test_markdown_nested_far_beyond_any_real_page_is_read_not_crashed(linter: Linter) -> None:
    # The Rust parser recurses once per container level and overflowed its
    # stack (a segmentation fault, not an exception) at ~24k levels on a line.
    for prefix in (">" * 100_000, "- " * 50_000, "1. " * 30_000, "> - " * 30_000):
        source = f"Intro line.\n\n{prefix}Our serum cures eczema.\n"
        findings = linter.check_text(source, "markdown", "deep.md")
        assert [(f.rule, f.span.line, f.span.column) for f in findings] == [("CL101", 3, len(prefix) + 11)]


def test_markdown_node_starting_between_two_non_ascii_characters_keeps_its_column(linter: Linter) -> None:
    # The parser maps nodes in UTF-8 bytes; a backslash before "éé" splits the
    # run of accented letters between two nodes (found by the property tests).
    findings = linter.check_text("\\ééOur therapy cures MS.\n", "markdown", "escape.md")
    assert [(f.rule, f.span.line, f.span.column, f.text) for f in findings] == [("CL101", 1, 16, "cures")]


def test_markdown_input_that_panics_the_rust_parser_is_read_by_the_fallback(linter: Linter, capfd) -> None:  # type: ignore[no-untyped-def]
    # markdown-it-pyrs 0.4 panics on some bracket/backtick runs; the page must
    # still be read (by markdown-it-py) and nothing may leak to stderr.
    findings = linter.check_text("a>\n[`&\n1 Our therapy cures MS.\n", "markdown", "panic.md")
    assert [(f.rule, f.span.line, f.span.column) for f in findings] == [("CL101", 3, 15)]
    assert capfd.readouterr().err == ""


def test_html_marked_section_without_a_name_is_text_at_its_own_position(linter: Linter) -> None:
    # CPython's HTML parser asserts on "<![<" and moves its position; the reader
    # must neither crash nor shift the claim after it.
    source = "<p>a <![< b</p>\n<p>Our therapy cures MS.</p>\n"
    findings = linter.check_text(source, "html", "page.html")
    assert [(f.rule, f.span.line, f.span.column, f.text) for f in findings] == [("CL101", 2, 16, "cures")]


def test_without_the_rust_parser_markdown_is_read_by_markdown_it_py(linter: Linter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # markdown-it-pyrs has no wheel for Python 3.13 and later: the pure-Python
    # parser must then read every page, with the same findings.
    import sys

    from claimlint.readers import markdown

    page = ("---\ntitle: Renew\n---\n# Stem cells\n\nOur therapy *cures* MS.\n\n- No side effects\n\n"
            "| Plan | Notes |\n|---|---|\n| Gold | A miracle cure |\n\n```\ncure()\n```\n")
    expected = [(f.rule, f.span.line, f.span.column) for f in linter.check_text(page, "markdown", "page.md")]
    monkeypatch.setitem(sys.modules, "markdown_it_pyrs", None)  # import fails
    monkeypatch.setattr(markdown, "_PARSER", None)
    assert markdown._parser() is None
    assert [(f.rule, f.span.line, f.span.column) for f in linter.check_text(page, "markdown", "page.md")] == expected
    assert len(expected) >= 4


def test_typographic_hyphens_read_as_hyphens_at_exact_columns(linter: Linter) -> None:
    """A non-breaking hyphen ("risk\u2011free", "risk&#8209;free") or a Unicode
    hyphen is the hyphen of "risk-free"; the finding still points at the
    characters in the file."""
    for text, fmt, column in (
        ("Our therapy is risk\u2011free.\n", "text", 16),
        ("<p>Our therapy is risk&#8209;free.</p>\n", "html", 19),
        ("Our drops are side\u2010effect free.\n", "markdown", 15),
    ):
        found = [(f.rule, f.span.line, f.span.column) for f in linter.check_text(text, fmt) if f.category == "safety-claim"]
        assert found and found[0][1:] == (1, column), (text, found)
