#!/usr/bin/env python3
"""Where one worker's time goes: prints figures, asserts nothing.

    python bench/stages.py [--files 400] [--repeat 3]

Generates the benchmark's corpus (a smaller one by default), then checks it in
this process with all built-in rules and the Hyperscan prefilter, timing each
step of the engine separately: reading (Markdown and HTML to prose), sentence
splitting, the prefilter pass, the rules that fire at pattern matches (their
searches and context checks), the page-level rules (contacts, contradictions)
and building the findings. Each figure is the best of ``--repeat`` rounds, so
that a busy moment on the machine does not count. The stages call the engine's
own steps in the engine's order; the findings are checked against
``Engine.check`` so that the split cannot drift from what a run does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchmark  # noqa: E402

from claimlint.analysis import Analysis  # noqa: E402
from claimlint.decoding import decode  # noqa: E402
from claimlint.engine import _KEPT, Engine, _hits, _searches  # noqa: E402
from claimlint.pipeline import page_allows  # noqa: E402
from claimlint.readers import read_document  # noqa: E402
from claimlint.runner import Linter  # noqa: E402

STAGES = ("read", "sentences", "prefilter", "rules at matches", "page-level rules", "findings")


def _one_round(engine: Engine, pages: list[tuple[str, str, str]]) -> tuple[Counter[str], Counter[str], int]:
    stages: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    found = 0
    clock = time.perf_counter
    for path, text, fmt in pages:
        start = clock()
        document = read_document(path, text, fmt)
        analysis = Analysis(document, engine.index, engine.cues)
        stages["read"] += clock() - start
        start = clock()
        analysis.sentences  # noqa: B018 - computed here to be timed on its own
        stages["sentences"] += clock() - start
        start = clock()
        searches = [_searches(analysis, rule) for rule in engine._triggered]
        stages["prefilter"] += clock() - start
        start = clock()
        hits = list(engine._scan_triggers(analysis, [], False))
        stages["rules at matches"] += clock() - start
        for rule, rule_searches in zip(engine._triggered, searches, strict=True):
            # Each rule on its own, again, for the per-rule figures only.
            before = clock()
            pipeline = rule.pipeline
            assert pipeline is not None
            if pipeline.applies_to(analysis):
                for _, hit in _hits(analysis, rule, rule_searches, None):
                    pipeline.judge(analysis, hit.start, hit.end, hit.severity)
            rules[rule.spec.code] += clock() - before
        start = clock()
        for rule in engine._document_level:
            before = clock()
            require, cancel = engine._document_pages[rule.spec.code]
            if (require or cancel) and not page_allows(analysis, require, cancel):
                continue
            hits.extend((rule, hit, _KEPT) for hit in rule.checker.scan(analysis))
            rules[rule.spec.code] += clock() - before
        stages["page-level rules"] += clock() - start
        start = clock()
        found += len(engine._findings(analysis, hits))
        stages["findings"] += clock() - start
    return stages, rules, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    benchmark.CORPUS = Path(tempfile.gettempdir()) / "claimlint-stages-corpus"
    files, size = benchmark.generate(args.files)
    paths = sorted(p for p in benchmark.CORPUS.rglob("*") if p.is_file())
    pages = [(str(p), decode(p.read_bytes()).text, "html" if p.suffix == ".html" else "markdown") for p in paths]
    linter = Linter()
    with tempfile.TemporaryDirectory() as cache:
        linter.prepare(10**12, Path(cache))  # compiles the Hyperscan database, as a large run does
    engine = linter.engine
    expected = sum(len(engine.check(read_document(*page))) for page in pages)  # also compiles every lazy pattern
    rounds = [_one_round(engine, pages) for _ in range(args.repeat)]
    if any(found != expected for _, _, found in rounds):
        print(f"the stages found {rounds[0][2]} findings where Engine.check finds {expected}: update this script")
        return 1
    best = {stage: min(stages[stage] for stages, _, _ in rounds) for stage in STAGES}
    per_rule = {code: min(rules[code] for _, rules, _ in rounds) for code in rounds[0][1]}
    total = sum(best.values())
    mb = size / 1e6
    print(f"corpus: {files} files, {mb:.2f} MB; one worker, in process: {total:.3f} s, {mb / total:.2f} MB/s "
          f"(best of {args.repeat}; {expected} findings)")
    for stage in STAGES:
        print(f"  {stage:18s} {best[stage]:7.3f} s  {100 * best[stage] / total:4.0f}%")
    print("slowest rules (searches and context checks; page conditions shared by several rules not counted):")
    for code, seconds in sorted(per_rule.items(), key=lambda item: -item[1])[:8]:
        print(f"  {code} {seconds:7.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
