"""One JSON object per line, for streaming into log pipelines and ``jq``.

Each line has a ``type``: ``finding`` (the same keys as a finding in
``--format json``), ``error``, ``note`` or, with ``--explain``, ``dropped``
(a match that was not reported, with the cue or filter that ruled it out)."""

from __future__ import annotations

import json
from typing import TextIO

from ..runner import Report
from .json import dropped_dict, finding_dict


def write(report: Report, out: TextIO, **_: object) -> None:
    for finding in report.findings:
        out.write(json.dumps({"type": "finding", **finding_dict(finding)}, ensure_ascii=False) + "\n")
    for match in report.dropped:
        out.write(json.dumps({"type": "dropped", **dropped_dict(match)}, ensure_ascii=False) + "\n")
    for error in report.errors:
        out.write(json.dumps({"type": "error", "path": error.path, "message": error.message}, ensure_ascii=False) + "\n")
    for note in report.notes:
        out.write(json.dumps({"type": "note", "path": note.path, "message": note.message}, ensure_ascii=False) + "\n")
