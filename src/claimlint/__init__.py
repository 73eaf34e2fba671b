"""claimlint: a linter for health-marketing claims."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_paths", "render_report", "Finding", "Severity"]

if TYPE_CHECKING:
    from .api import lint_paths, lint_text, render_report
    from .model import Finding, Severity


def __getattr__(name: str) -> Any:
    # Imported on first use so that `claimlint --version` and the CLI's start-up
    # do not pay for the engine.
    if name in ("lint_text", "lint_paths", "render_report"):
        from . import api

        return getattr(api, name)
    if name in ("Finding", "Severity"):
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
