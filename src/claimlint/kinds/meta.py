"""``meta``: rules whose findings come from a pipeline stage rather than from a
scan of the prose (the unused-suppression rule). The kind only carries the
rule's data so that it can be listed, explained, selected and re-graded like
any other rule."""

from __future__ import annotations

from . import RuleKind


class MetaKind(RuleKind):
    OPTIONS = {}
