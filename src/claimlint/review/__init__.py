"""The review report: each checked page as its reader sees it, with every
finding marked in place and explained beside it (``--format html``).

:mod:`.pageview` turns a document and its findings into blocks of text split
where findings start and end; :mod:`.render` writes them, with a summary,
through a Jinja2 template with autoescaping on. Nothing of a checked page
reaches the report except as escaped text."""

from __future__ import annotations

from .render import render_report, write_report

__all__ = ["render_report", "write_report"]
