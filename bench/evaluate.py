#!/usr/bin/env python3
"""Measure claimlint against a labelled corpus (the project's own is
tests/corpus): precision, recall and noise per category.

    python bench/evaluate.py [CORPUS] [--show]

A corpus is a folder of documents and a labels.yaml:

    docs:
      page.md:
        kind: marketing | reputable
        expect:
          - {line: 12, cat: overstatement}
          - {lines: [3, 41], cat: contradiction}     # either line
          - {span: [50, 54], cat: solicitation}      # any line in the range
          - {line: 20, cat: uncited-evidence, optional: true}

A finding matches a label of its category on one of the label's lines;
optional labels neither reward nor cost. Noise is findings per 1,000 words of
reputable documents.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimlint.model import CATEGORIES
from claimlint.readers import format_for
from claimlint.runner import Linter


@dataclass
class Score:
    labels: int = 0
    hit: int = 0
    found: int = 0
    true: int = 0

    @property
    def recall(self) -> float:
        return self.hit / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return self.true / self.found if self.found else 1.0


@dataclass
class Evaluation:
    per_category: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    noise: float = 0.0
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def total(self) -> Score:
        total = Score()
        for score in self.per_category.values():
            total.labels += score.labels
            total.hit += score.hit
            total.found += score.found
            total.true += score.true
        return total


def _lines(label: dict) -> set[int]:
    if "line" in label:
        return {int(label["line"])}
    if "lines" in label:
        return {int(x) for x in label["lines"]}
    start, end = label["span"]
    return set(range(int(start), int(end) + 1))


def evaluate(corpus: Path, linter: Linter | None = None, categories: tuple[str, ...] = CATEGORIES) -> Evaluation:
    """Score ``corpus``; findings and labels outside ``categories`` are left out
    (the project's own corpus labels the guide's six; bench/fresh labels all)."""
    linter = linter or Linter()
    docs = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))["docs"]
    result = Evaluation(per_category={c: Score() for c in categories})
    noisy = words = 0
    for name, doc in sorted(docs.items()):
        text = (corpus / name).read_bytes().decode("utf-8")
        findings = linter.check_text(text, format_for(name) or "text", name)
        found = {(f.line, f.category) for f in findings if f.category in categories}
        if doc.get("kind") in ("reputable", "careful"):
            noisy += len(findings)
            words += len(text.split())
        matched: set[tuple[int, str]] = set()
        tolerated: set[tuple[int, str]] = set()
        for label in doc.get("expect") or []:
            if label["cat"] not in categories:
                continue
            keys = {(line, label["cat"]) for line in _lines(label)}
            if label.get("optional"):
                tolerated |= keys & found
                continue
            score = result.per_category[label["cat"]]
            score.labels += 1
            if keys & found:
                score.hit += 1
                matched |= keys & found
            else:
                result.missed.append(f"{name}:{min(_lines(label))} {label['cat']}  {label.get('note', '')}")
        for line, category in sorted(found - (tolerated - matched)):
            result.per_category[category].found += 1
            if (line, category) in matched:
                result.per_category[category].true += 1
            else:
                result.false_positives.append(f"{name}:{line} {category}")
    result.noise = 1000.0 * noisy / words if words else 0.0
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent / "tests" / "corpus")
    parser.add_argument("--show", action="store_true", help="list every miss and false positive")
    parser.add_argument("--all-categories", action="store_true",
                        help="score disease claims and disclosure too (bench/fresh labels them; tests/corpus does not)")
    args = parser.parse_args(argv)
    categories = (*CATEGORIES, "disease-claim", "disclosure") if args.all_categories else CATEGORIES
    result = evaluate(args.corpus, categories=categories)
    print(f"{'category':18} {'labels':>6} {'recall':>7} {'found':>6} {'precision':>9}")
    for category, score in result.per_category.items():
        print(f"{category:18} {score.labels:6d} {score.recall:7.2f} {score.found:6d} {score.precision:9.2f}")
    total = result.total()
    print(f"{'all':18} {total.labels:6d} {total.recall:7.2f} {total.found:6d} {total.precision:9.2f}")
    print(f"noise on reputable text: {result.noise:.2f} findings per 1,000 words")
    if args.show:
        for line in result.missed:
            print("MISSED ", line)
        for line in result.false_positives:
            print("FALSE+ ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
