"""The review report: one self-contained HTML page per run, each checked page
shown as its reader sees it with the findings marked (see :mod:`claimlint.review`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..runner import Report


def write(report: Report, out: TextIO, *, sources: dict[str, str] | None = None, **_: object) -> None:
    from ..review import write_report

    write_report(report, out, sources=sources)
