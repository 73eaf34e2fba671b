"""Write the review report: one self-contained HTML file.

Everything a checked page contributes (its words, its path, the findings'
quotes) goes through Jinja2 with autoescaping on, so it can only ever be text.
A Content-Security-Policy allows exactly the report's own style sheet and
script (by their hashes) and nothing else: no other script, no network, no
frames, no images beyond inline data. Large runs stay quick to open: each
file is a collapsed section when there are many."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, TextIO

from markupsafe import Markup

from ..model import CATEGORIES, Finding, Severity
from .pageview import PageView, page_view

if TYPE_CHECKING:
    import jinja2

    from ..runner import Report

# Above this many files, sections start collapsed: a browser lays out only the
# open ones, so a report of thousands of pages opens in about a second.
OPEN_SECTIONS_UP_TO = 25


@dataclass
class FileSection:
    number: int
    path: str
    findings: list[tuple[int, Finding]]
    view: PageView | None
    problem: str = ""
    suppressed: list[tuple[str, Finding]] = field(default_factory=list)
    """Findings a suppression comment or the baseline silenced (shown on request)."""

    @property
    def body(self) -> Markup:
        """The page with its findings, rendered (and escaped) by the section template."""
        return Markup(_environment().get_template("section.html.j2").render(section=self))


def render_report(report: Report, *, sources: dict[str, str] | None = None, title: str = "claimlint review report") -> str:
    """The report as one HTML document (the Python API for embedding it)."""
    from io import StringIO

    out = StringIO()
    write_report(report, out, sources=sources, title=title)
    return out.getvalue()


def write_report(report: Report, out: TextIO, *, sources: dict[str, str] | None = None,
                 title: str = "claimlint review report") -> None:
    sections = list(_sections(report, sources or {}))
    shown = {section.path for section in sections}
    css, script = _asset("report.css"), _asset("report.js")
    template = _environment().get_template("report.html.j2")
    categories = _ordered_categories(report.findings)
    for chunk in template.generate(
        title=title,
        css=css,
        script=script,
        policy=_policy(css, script),
        report=report,
        sections=sections,
        ranked=sorted((s for s in sections if s.findings), key=lambda s: (-len(s.findings), s.path)),
        clean=[path for path in report.checked if path not in shown],
        categories=categories,
        by_category=_count(f.category for f in report.findings),
        by_severity=_count(f.severity.label for f in report.findings),
        severities=[s.label for s in sorted(Severity, reverse=True)],
        collapsed=len(sections) > OPEN_SECTIONS_UP_TO,
        suppressed_total=len(report.suppressed),
        counts=_count(f"{f.category}|{f.severity.label}" for f in report.findings),
    ):
        out.write(chunk)


def _sections(report: Report, sources: dict[str, str]) -> Iterable[FileSection]:
    findings = _by_path(report.findings)
    suppressed = _by_path(report.suppressed)
    formats = dict(zip(report.checked, report.formats)) if report.formats else {}
    number = silenced = 0
    for index, path in enumerate(sorted(findings.keys() | suppressed.keys())):
        numbered = [(number + i, f) for i, f in enumerate(findings.get(path, []))]
        number += len(numbered)
        quiet = [(f"s{silenced + i}", f) for i, f in enumerate(suppressed.get(path, []))]
        silenced += len(quiet)
        view, problem = _view(path, formats.get(path), sources.get(path), numbered)
        yield FileSection(index, path, numbered, view, problem, quiet)


def _view(path: str, fmt: str | None, source: str | None, numbered: list[tuple[int, Finding]]) -> tuple[PageView | None, str]:
    from ..decoding import decode
    from ..readers import format_for, read_document

    fmt = fmt or format_for(path) or "text"
    try:
        text = source if source is not None else decode(Path(path).read_bytes()).text
        return page_view(read_document(path, text, fmt), numbered), ""
    except Exception as exc:  # noqa: BLE001 - the findings are still listed
        return None, f"the page could not be shown ({type(exc).__name__}: {exc}); its findings are listed with their lines"


def _by_path(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        grouped.setdefault(finding.path, []).append(finding)
    return grouped


def _count(values: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def _ordered_categories(findings: Iterable[Finding]) -> list[str]:
    extra = sorted({f.category for f in findings} - set(CATEGORIES))
    return [*CATEGORIES, "disease-claim", *(c for c in extra if c != "disease-claim")]


def _policy(css: str, script: str) -> str:
    """Only this report's own style and script may run; nothing may load."""
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"

    scripts = digest(script) if script else "'none'"
    return (f"default-src 'none'; style-src {digest(css)}; script-src {scripts}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,  # every string from a checked page is hostile input
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["json_string"] = _json_string
    return environment


def _json_string(html: Markup) -> Markup:
    """``html`` as a JSON string that cannot end the script element holding it:
    "</" is written "<\\/" (so no "</script" can appear) and "<!--" with an
    escaped "<" (so the parser never enters a script's escaped state). Escaping
    every "<" would make a large report half as large again."""
    encoded = json.dumps(str(html), ensure_ascii=False)
    return Markup(encoded.replace("</", "<\\/").replace("<!--", "\\u003c!--"))


def render_audit(sites: list[dict[str, Any]], skipped: dict[str, int], summary_line: str,
                 title: str = "claimlint audit") -> str:
    """The summary page of a crawl audit: sites ranked by findings, each with
    its worst pages and their top findings (``sites`` as in ``sites.jsonl``)."""
    css = _asset("report.css")
    by_category: dict[str, int] = {}
    for site in sites:
        for category, count in site["by_category"].items():
            by_category[category] = by_category.get(category, 0) + count
    return _environment().get_template("audit.html.j2").render(
        title=title, css=css, policy=_policy(css, ""), sites=sites, summary_line=summary_line,
        by_category=sorted(by_category.items(), key=lambda item: (-item[1], item[0])), skipped=sorted(skipped.items()))
