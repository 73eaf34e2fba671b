"""The HTML review report in a real browser (headless Chromium driven by
Playwright): highlights on the right words, filters, keyboard navigation, and
a hostile page that runs nothing and loads nothing.

The tests need Playwright's Python package and a Chromium: Debian's
(``apt-get install chromium``, found at /usr/bin/chromium or by $CHROMIUM).
Where either is missing they are skipped with a message saying so; ``.ci/run``
installs both and sets CLAIMLINT_BROWSER_REQUIRED=1, so that in CI a missing
browser fails instead."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from claimlint.api import lint_paths
from claimlint.review import render_report

from test_html_report import HOSTILE


def _chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    required = os.environ.get("CLAIMLINT_BROWSER_REQUIRED") == "1"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            raise
        pytest.skip("browser tests skipped: Playwright is not installed (pip install playwright)")
    executable = _chromium()
    if executable is None:
        if required:
            pytest.fail("CLAIMLINT_BROWSER_REQUIRED is set but no Chromium was found")
        pytest.skip("browser tests skipped: no Chromium found (apt-get install chromium, or set $CHROMIUM)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


class Page:
    """A report opened in the browser, with everything the page tried to do recorded."""

    def __init__(self, browser: object, report: Path) -> None:
        self.url = report.as_uri()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1100, "height": 800})  # type: ignore[attr-defined]
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(self.url)

    def marked(self, number: int) -> str:
        """The words marked for finding ``number``, as the browser shows them."""
        return " ".join(self.page.eval_on_selector_all(
            "a.hl", "(marks, n) => marks.filter(m => m.dataset.f.trim().split(/\\s+/).includes(String(n)))"
                    ".map(m => m.innerText).join('')", number).split())


def _open(browser: object, tmp_path: Path, files: dict[str, str | bytes]) -> tuple[Page, list]:
    for name, content in files.items():
        (tmp_path / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    report = lint_paths([str(tmp_path / name) for name in files])
    out = tmp_path / "report.html"
    out.write_text(render_report(report), encoding="utf-8")
    return Page(browser, out), sorted(report.findings, key=lambda f: (sorted({x.path for x in report.findings}).index(f.path), f.sort_key()))


PAGES = {
    "clinic.md": "# Clinic\r\n\r\nOur drops have **no side** effects at all.\r\n\r\nMüller’s Klinik — our stem cell therapy cures MS.\r\n",
    "shop.html": "<html><body><h1>Naïve café</h1><p>Our tea has <em>no side</em>\n   effects. It cures arthritis.</p></body></html>",
    "notes.txt": "Our capsules are safe and have no side\r\n    effects, say our doctors.\r\n",
}


def test_highlights_sit_on_the_right_words_in_markdown_html_and_text(browser: object, tmp_path: Path) -> None:
    page, findings = _open(browser, tmp_path, {name: text.encode("utf-8") for name, text in PAGES.items()})
    safety = [number for number, finding in enumerate(findings) if finding.rule == "CL201"]
    assert len(safety) == 3
    for number in safety:
        assert page.marked(number) == "no side effects", findings[number].path
        box = page.page.locator(f"#m-{number} + a.hl").bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0
    cures = [number for number, finding in enumerate(findings) if finding.rule == "CL101"]
    assert cures and all(page.marked(number) == "cures" for number in cures)
    assert page.errors == [] and page.dialogs == []


def test_filters_hide_and_show_findings_and_their_highlights(browser: object, tmp_path: Path) -> None:
    page, findings = _open(browser, tmp_path, {name: text.encode("utf-8") for name, text in PAGES.items()})
    cards = page.page.locator("aside.finding[data-cat='safety-claim']")
    assert cards.count() >= 3 and cards.first.is_visible()
    page.page.locator("input[data-filter='cat'][value='safety-claim']").uncheck()
    assert all(not cards.nth(i).is_visible() for i in range(cards.count()))
    number = next(n for n, f in enumerate(findings) if f.rule == "CL201")
    assert "off" in page.page.locator(f"#m-{number} + a.hl").get_attribute("class")
    assert page.page.locator("aside.finding[data-cat='overstatement']").first.is_visible()
    assert "Showing" in page.page.locator(".shown").inner_text()
    page.page.locator("input[data-filter='cat'][value='safety-claim']").check()
    assert cards.first.is_visible()
    assert "off" not in page.page.locator(f"#m-{number} + a.hl").get_attribute("class")
    page.page.locator("input[data-filter='sev'][value='warning']").uncheck()
    assert page.page.locator("aside.finding[data-sev='warning']").first.is_hidden()


def test_keys_move_from_one_finding_to_the_next(browser: object, tmp_path: Path) -> None:
    page, findings = _open(browser, tmp_path, {name: text.encode("utf-8") for name, text in PAGES.items()})
    current = "document.activeElement && document.activeElement.id"
    page.page.keyboard.press("n")
    assert page.page.evaluate(current) == "f-0"
    page.page.keyboard.press("n")
    assert page.page.evaluate(current) == "f-1"
    page.page.keyboard.press("p")
    assert page.page.evaluate(current) == "f-0"
    page.page.keyboard.press("p")
    assert page.page.evaluate(current) == f"f-{len(findings) - 1}"
    assert "current" in page.page.locator("aside.finding.current").get_attribute("class")


@pytest.mark.parametrize("others", [0, 30], ids=["sections-open", "sections-opened-from-json"])
def test_a_hostile_page_runs_nothing_and_loads_nothing(browser: object, tmp_path: Path, others: int) -> None:
    """Shown in place, or (in a report of many pages) kept as a JSON string
    until its section is opened."""
    fillers = {f"page{i}.md": f"Our tea number {i} cures arthritis.\n" for i in range(others)}
    page, _ = _open(browser, tmp_path, {"hostile.html": HOSTILE, **fillers})
    # Touch everything: open every section, follow every highlight, walk every finding.
    closed = page.page.locator("details.file:not([open]) > summary")
    while closed.count():
        closed.first.click()
    page.page.wait_for_function("document.querySelectorAll('.lazy').length === 0")  # "toggle" comes a moment after the click
    for index in range(page.page.locator("a.hl").count()):
        page.page.locator("a.hl").nth(index).click()
    for _ in range(5):
        page.page.keyboard.press("n")
    page.page.mouse.move(200, 300)
    page.page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.errors == []
    assert set(page.requests) == {page.url}
    assert "alert(5)" in page.page.locator("main").inner_text()


def test_print_shows_every_section_without_the_filters(browser: object, tmp_path: Path) -> None:
    files = {f"page{i}.md": f"Our tea number {i} cures arthritis.\n" for i in range(30)}
    page, _ = _open(browser, tmp_path, files)
    assert page.page.locator("details.file[open]").count() == 0  # many files: collapsed
    page.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.page.emulate_media(media="print")
    assert page.page.locator("details.file[open]").count() == 30
    assert page.page.locator("nav.filters").is_hidden()


def test_silenced_findings_stay_hidden_until_asked_for(browser: object, tmp_path: Path) -> None:
    from claimlint.config import Config
    from claimlint.runner import Linter, run

    page = tmp_path / "clinic.md"
    page.write_text("<!-- claimlint-disable-next-line CL101 -->\nOur therapy cures MS.\n\nOur drops have no side effects.\n",
                    encoding="utf-8")
    config = Config()
    report, _ = run([str(page)], config, linter=Linter(config, keep_suppressed=True), cache=None)
    out = tmp_path / "report.html"
    out.write_text(render_report(report), encoding="utf-8")
    opened = Page(browser, out)
    silenced = opened.page.locator("aside.finding.suppressed")
    assert silenced.count() == 1 and silenced.first.is_hidden()
    opened.page.locator("input[data-filter='suppressed']").check()
    assert silenced.first.is_visible()
    assert "and 1 silenced" in opened.page.locator(".shown").inner_text()
    assert opened.errors == []
