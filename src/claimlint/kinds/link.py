"""``link``: what a page links to. A shop rarely writes "buy": it links the
product's name to its product page, its cart or its booking form. A link whose
target matches the rule's ``targets`` patterns is a finding on its visible
text, unless that text is only navigation (``exclude_text``: "Shop", "My
account"), which a site repeats on every page whatever the page says.

Targets are read from the document's links (Markdown and HTML); a plain-text
file has none. One finding per run of such links (``group_lines``: links at
most that many lines apart are one run): a product card that links its
picture, its name and its button, or a list of products, is one offer."""

from __future__ import annotations

from typing import Iterable

import regex

from ..analysis import Analysis
from ..rulespec import RuleSpec
from . import INT, PAGE, STRINGS, Hit, Option, PatternCompiler, RuleKind


class LinkKind(RuleKind):
    EXAMPLE_FORMAT = "markdown"
    OPTIONS = {
        "page": PAGE,
        "targets": STRINGS,
        "exclude_text": STRINGS,
        "group_lines": Option(INT.check, INT.describe, 2),
    }

    def __init__(self, spec: RuleSpec, compiler: PatternCompiler) -> None:
        super().__init__(spec, compiler)
        self.targets = self.required_pattern("targets")
        self.exclude_text = self.pattern("exclude_text")

    def scan(self, analysis: Analysis) -> Iterable[Hit]:
        prose, document = analysis.prose, analysis.document
        gap = self.options["group_lines"]
        last_line = -10**9
        for link in document.links:
            text = prose[link.start : link.end]
            if not text.strip() or self.targets.search(link.target) is None:
                continue
            if self.exclude_text is not None and self.exclude_text.fullmatch(text.strip()) is not None:
                continue
            span = document.span(link.start, link.end)
            in_run = span.line - last_line <= gap
            last_line = span.end_line
            if in_run:
                continue
            start = link.start + len(text) - len(text.lstrip())
            end = link.end - (len(text) - len(text.rstrip()))
            yield Hit(start, end, values={"target": link.target})
