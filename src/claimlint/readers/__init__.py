"""Readers turn a decoded file into the one :class:`~claimlint.document.Document`
model. Each format has its own module; the registry maps format names and file
extensions to them."""

from __future__ import annotations

from typing import Callable

from ..document import Document

Reader = Callable[..., Document]

FORMATS: dict[str, str] = {
    "text": "claimlint.readers.text",
    "markdown": "claimlint.readers.markdown",
    "html": "claimlint.readers.html",
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".mdx": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


def format_for(path: str, extensions: dict[str, str] | None = None) -> str | None:
    """The format of ``path`` by its extension, or None when claimlint does not read it."""
    table = {**EXTENSIONS, **(extensions or {})}
    dot = path.rfind(".")
    if dot == -1 or "/" in path[dot:]:
        return None
    return table.get(path[dot:].lower())


def read_document(path: str, source: str, fmt: str, front_matter_keys: tuple[str, ...] = ()) -> Document:
    # Readers import their parsers (markdown-it, html.parser) only when a file
    # of that format turns up.
    import importlib

    module = importlib.import_module(FORMATS[fmt])
    return module.read(path, source, front_matter_keys=front_matter_keys)
