"""The HTML review report (``--format html``): each page as its reader sees it,
with every finding marked on the right words, and nothing of a checked page
able to run, load or break out of its text.

Browser tests (opening the report in headless Chromium) are in
``test_html_report_browser.py``; these read the report's HTML and the page
views it is built from."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from claimlint.api import lint_paths
from claimlint.document import Document
from claimlint.readers import read_document
from claimlint.review import render_report
from claimlint.review.pageview import Mark, page_view

HOSTILE = """<html><head><title>Stem cells cure MS</title>
<script>alert("head")</script><style>body { display: none }</style>
<link rel="stylesheet" href="https://evil.example/x.css"></head>
<body>
<h1 onclick="alert(1)">Our stem cell therapy cures multiple sclerosis</h1>
<p>It is <b onmouseover="alert(2)">completely safe</b> with no side effects.</p>
<img src="https://evil.example/pixel.gif" onerror="alert(3)" alt="Miracle cure for MS">
<p><a href="javascript:alert(4)">Book your consultation today</a> &lt;script&gt;alert(5)&lt;/script&gt;</p>
<p>&lt;/textarea&gt;&lt;img src=x onerror=alert(6)&gt; &lt;/p&gt;&lt;/div&gt;&lt;/details&gt;&lt;/main&gt; {{ 7*7 }} {% raw %} this miracle cure</p>
<iframe src="https://evil.example/frame"></iframe>
<p>&lt;!-- --&gt; ]]&gt; &lt;![CDATA[ this breakthrough treatment ]]&gt; &#x202e;reversed</p>
</body></html>
"""


def _report(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[str, object]:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    report = lint_paths([str(tmp_path / name) for name in files])
    return render_report(report), report


def _marked_words(document: Document, findings: list, number: int) -> str:
    view = page_view(document, list(enumerate(findings)))
    own = Mark(number)
    return "".join(segment.text for block in view.blocks for segment in block.segments if own in segment.marks)


@pytest.mark.parametrize(("fmt", "text"), [
    ("markdown", "# Clinic\n\nOur drops have **no side** effects at all.\n"),
    ("markdown", "Our drops have\r\nno side effects.\r\n\r\nBook now.\r\n"),
    ("markdown", "Müller’s Klinik — unsere Tropfen: our drops have no side effects.\n"),
    ("html", "<p>Our dr&ouml;ps have <em>no side</em>\n   effects.</p>"),
    ("html", "<ul><li>Naïve café owners: our tea has no side effects!</li></ul>"),
    ("text", "Our drops are safe and have no side\r\n    effects, say our doctors.\r\n"),
])
def test_the_highlight_sits_on_the_words_the_finding_names(linter, fmt: str, text: str) -> None:
    """Across bold and italics, entities, CRLF line ends, hard wraps and text
    outside ASCII, the marked words are the finding's, as the reader sees them."""
    findings = sorted(linter.check_text(text, fmt, "page"), key=lambda f: f.sort_key())
    number = next(i for i, f in enumerate(findings) if f.rule == "CL201")
    document = read_document("page", text, fmt)
    assert " ".join(_marked_words(document, findings, number).split()) == "no side effects"


def test_the_other_side_of_a_contradiction_is_marked_and_linked(tmp_path: Path) -> None:
    page = ("# Our trial\n\nThe Northfield University trial enrolled 12 patients.\n\n"
            "More about the clinic and its team.\n\nThe Northfield University trial included 20 patients.\n")
    html, report = _report(tmp_path, {"trial.md": page})
    contradictions = [f for f in report.findings if f.category == "contradiction"]  # type: ignore[attr-defined]
    assert contradictions, "the fixture should give a contradiction"
    number = sorted(report.findings, key=lambda f: f.sort_key()).index(contradictions[0])  # type: ignore[attr-defined]
    assert f'id="m-{number}-r0"' in html
    assert f'href="#m-{number}-r0"' in html


def test_a_hostile_page_is_shown_as_text_and_nothing_of_it_can_run_or_load(tmp_path: Path) -> None:
    html, _ = _report(tmp_path, {"hostile.html": HOSTILE, 'odd "name" <x>.md': "Our tea cures <b>arthritis</b>."})
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    scripts = tree.findall(".//script")
    assert len(scripts) == 1 and "alert" not in (scripts[0].text or "")
    assert len(tree.findall(".//style")) == 1
    for tag in ("iframe", "img", "link", "object", "embed", "form", "textarea", "base", "svg", "math"):
        assert tree.findall(f".//{tag}") == [], tag
    for element in tree.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert not value.strip().lower().startswith(("javascript:", "data:", "http:", "https:", "//")), (element.tag, name, value)
    text = "".join(tree.find(".//main").itertext())
    assert "{{ 7*7 }}" in text  # not evaluated by the template engine
    assert '<script>alert("head")' not in text and "alert(5)" in text  # the page's visible words, as text
    policy = tree.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy and "script-src 'sha256-" in policy


def test_the_report_parses_without_errors_and_has_its_landmarks(tmp_path: Path) -> None:
    html, _ = _report(tmp_path, {"hostile.html": HOSTILE, "guide.md": "# Guide\n\nThere is currently no cure for MS.\n",
                                 "crlf.txt": "Our capsules cure diabetes.\r\nCall +1 305 555 0101 to order.\r\n"})
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(html)
    for landmark in ("header", "nav", "main", "footer"):
        assert tree.find(f".//{landmark}") is not None, landmark
    assert tree.tag == "html" and tree.get("lang") == "en"
    assert "1 file with no findings" in html


def test_the_cli_writes_the_report_and_keeps_its_exit_code(tmp_path: Path) -> None:
    page = tmp_path / "clinic.md"
    page.write_text("Our stem cell therapy cures MS. Book your consultation today.\n", encoding="utf-8")
    out = tmp_path / "report.html"
    result = subprocess.run([sys.executable, "-m", "claimlint", "check", "--isolated", "--format", "html", "-o", str(out), str(page)],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "CL101" in html and str(page) in html
    assert re.search(r'<a class="hl cat-overstatement[^>]*>cures</a>', html)


CONTRAST_MIN = 4.5


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_category_colours_keep_text_readable_and_focus_is_visible() -> None:
    from claimlint.review.render import _asset

    css = _asset("report.css")
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6})", css))
    ink, paper = colours["ink"], colours["paper"]
    backgrounds = [name for name in colours if f"{name}-edge" in colours]
    assert len(backgrounds) >= 7
    for name in backgrounds:
        assert _contrast(ink, colours[name]) >= CONTRAST_MIN, name  # marked words
        assert _contrast(colours[f"{name}-edge"], paper) >= CONTRAST_MIN, name  # the category's name on a card
    assert ":focus-visible" in css and "outline" in css.split(":focus-visible", 1)[1].split("}", 1)[0]


def test_silenced_findings_are_shown_on_request_and_marked_as_such(tmp_path: Path) -> None:
    page = tmp_path / "clinic.md"
    page.write_text("<!-- claimlint-disable-next-line CL101 -- quoted from an FDA letter -->\nOur therapy cures MS.\n\n"
                    "Our drops have no side effects.\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    out = tmp_path / "report.html"

    def claimlint(*args: str) -> None:
        subprocess.run([sys.executable, "-m", "claimlint", "check", "--isolated", *args, str(page)], capture_output=True, text=True,
                       check=False, cwd=tmp_path)

    claimlint("--write-baseline", str(baseline), "--select", "CL201")
    claimlint("--format", "html", "-o", str(out), "--baseline", str(baseline))
    plain = out.read_text(encoding="utf-8")
    assert "Suppressed:" not in plain and "Baselined:" not in plain and "suppressed or baselined" not in plain
    claimlint("--format", "html", "-o", str(out), "--baseline", str(baseline), "--show-suppressed")
    shown = out.read_text(encoding="utf-8")
    assert "show 2 suppressed or baselined findings" in shown
    tree = html5lib.parse(shown, namespaceHTMLElements=False)
    silenced = [card for card in tree.iter("aside") if "suppressed" in card.get("class", "").split()]
    notes = sorted(" ".join("".join(card.find("p").itertext()).split()) for card in silenced)
    assert len(notes) == 2
    assert notes[0].startswith("Baselined: in the baseline")
    assert notes[1] == "Suppressed: claimlint-disable-next-line CL101 on line 1 (quoted from an FDA letter)"
    refused = subprocess.run([sys.executable, "-m", "claimlint", "check", "--isolated", "--show-suppressed", str(page)],
                             capture_output=True, text=True)
    assert refused.returncode == 2 and "--format html only" in refused.stderr


def test_the_python_api_gives_the_same_report_as_the_command(tmp_path: Path) -> None:
    import claimlint

    page = tmp_path / "clinic.md"
    page.write_text("Our stem cell therapy cures MS.\n", encoding="utf-8")
    html = claimlint.render_report(claimlint.lint_paths([page]), title="Weekly review")
    assert "<title>Weekly review</title>" in html and 'id="f-0"' in html and "CL101" in html


def test_a_large_report_keeps_its_pages_as_json_that_parses_to_valid_html(tmp_path: Path) -> None:
    import json

    files: dict[str, str | bytes] = {f"page{i}.md": f"Our tea number {i} cures arthritis. </script><!-- x\n" for i in range(30)}
    html, _ = _report(tmp_path, {**files, "hostile.html": HOSTILE})
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    lazy = [script for script in tree.iter("script") if script.get("type") == "application/json"]
    assert len(lazy) == 31 and len(tree.findall(".//div[@class='lazy']")) == 31
    fragment_parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for script in lazy:
        body = json.loads(script.text)
        fragment = fragment_parser.parseFragment(body, container="details")
        assert fragment.findall(".//script") == [] and fragment.findall(".//img") == []
        assert all(not name.startswith("on") for element in fragment.iter() for name in element.attrib)
