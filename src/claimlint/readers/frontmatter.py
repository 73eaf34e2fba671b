"""YAML (``---``) and TOML (``+++``) front matter: only the values of
reader-facing keys are prose; every other key is metadata a reader never sees."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..lazyregex import lazy

from ..document import ProseBuilder
from .align import align, emit


DEFAULT_KEYS: tuple[str, ...] = ("title", "description", "summary")

_YAML_FENCE = lazy(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.DOTALL)
_TOML_FENCE = lazy(r"\A\+\+\+[ \t]*\r?\n(?P<body>.*?\r?\n)?\+\+\+[ \t]*(?:\r?\n|\Z)", regex.DOTALL)
_TOML_PAIR = lazy(r'^[ \t]*(?P<key>[A-Za-z_][\w-]*)[ \t]*=[ \t]*(?P<q>"|\')(?P<value>.*)(?P=q)[ \t]*\r?$', regex.MULTILINE)

# Most pages have no front matter; they need neither fence pattern compiled.
_FENCES = ("---", "\ufeff---", "+++")


@dataclass(frozen=True)
class FrontMatter:
    end: int
    """Source offset just after the closing fence."""


def find_front_matter(source: str) -> FrontMatter | None:
    if not source.startswith(_FENCES):
        return None
    match = _YAML_FENCE.match(source) or _TOML_FENCE.match(source)
    return FrontMatter(match.end()) if match else None


def add_front_matter(source: str, builder: ProseBuilder, keys: tuple[str, ...]) -> FrontMatter | None:
    """Add the reader-facing values to ``builder``, one block each."""
    if not source.startswith(_FENCES):
        return None
    wanted = set(DEFAULT_KEYS) | set(keys)
    yaml_match = _YAML_FENCE.match(source)
    if yaml_match:
        body_start = yaml_match.start("body") if yaml_match.group("body") else yaml_match.end()
        _add_yaml_values(yaml_match.group("body") or "", body_start, source, builder, wanted)
        return FrontMatter(yaml_match.end())
    toml_match = _TOML_FENCE.match(source)
    if toml_match:
        body = toml_match.group("body") or ""
        base = toml_match.start("body") if body else toml_match.end()
        for pair in _TOML_PAIR.finditer(body):
            if pair.group("key") in wanted:
                _add_value(pair.group("value"), source, base + pair.start("value"), base + pair.end("value"), builder)
        return FrontMatter(toml_match.end())
    return None


def _add_yaml_values(body: str, base: int, source: str, builder: ProseBuilder, wanted: set[str]) -> None:
    import yaml  # only for pages with YAML front matter

    # libyaml's safe loader composes ~15x faster than the pure-Python one and
    # reports the same character offsets; PyYAML builds without libyaml fall back.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(body, Loader=loader)
    except yaml.YAMLError:
        return  # broken front matter is not prose; the page body is still read
    if not isinstance(root, yaml.MappingNode):
        return
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value not in wanted:
            continue
        values = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for node in values:
            if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and node.value.strip():
                start, end = base + node.start_mark.index, base + node.end_mark.index
                _add_value(node.value, source, start, end, builder)


def _add_value(value: str, source: str, start: int, end: int, builder: ProseBuilder) -> None:
    builder.open_block("front-matter")
    pieces, _ = align(value, source, start, end)
    emit(pieces, lambda raw: raw, builder.add)
    builder.close_block()
