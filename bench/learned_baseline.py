#!/usr/bin/env python3
"""A learned baseline next to the rules: does a sentence classifier find
claims on unseen pages that the patterns miss?

An experiment, not part of claimlint: it needs scikit-learn, which claimlint
does not depend on (``pip install scikit-learn`` in a separate environment with
claimlint installed). It reads pages with claimlint's own readers and sentence
splitter, labels each sentence from the pages' ``labels.yaml`` (a sentence is a
claim of a category when a required label of that category covers one of its
lines; sentences under optional labels are left out of that category's
training), and trains one logistic regression per category over TF-IDF word
1-2-grams and character 3-5-grams.

    # score rules, model and both on held-out labelled pages
    python bench/learned_baseline.py score --train tests/corpus,bench/fresh2/clinic \\
        --test bench/fresh3/mixed1,bench/fresh3/mixed2 --threshold 0.85

    # rules plus model as one command, for ../shared/validate.py --cmd
    python bench/learned_baseline.py train --train DIRS --model /tmp/model.pkl
    python ../shared/validate.py --cmd "python bench/learned_baseline.py findings --model /tmp/model.pkl"

Findings are scored by line, as ``../shared/score.py`` does.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from claimlint.analysis import Analysis
from claimlint.decoding import decode
from claimlint.readers import format_for, read_document

from evaluate import _lines  # bench/evaluate.py: a label's lines, as the scorers read them

CATEGORIES = ("overstatement", "safety-claim", "uncited-evidence", "solicitation", "contradiction", "testimonial", "disease-claim")
Sentence = tuple[str, int, int]  # words, first line, last line


def sentences(path: str) -> list[Sentence]:
    document = read_document(path, decode(Path(path).read_bytes()).text, format_for(path) or "text")
    analysis = Analysis(document)
    found = []
    for index in range(len(analysis.sentences)):
        start, end = analysis.sentences.bounds(index)
        words = " ".join(analysis.prose[start:end].split())
        if len(words) >= 3:
            found.append((words, document.span(start, start + 1).line, document.span(max(start, end - 1), end).line))
    return found


def labelled(folders: list[str]) -> list[dict[str, Any]]:
    """Every sentence of every labelled page, with 1, 0 or None (optional) per category."""
    rows = []
    for folder in folders:
        for name, page in yaml.safe_load((Path(folder) / "labels.yaml").read_text())["docs"].items():
            path = Path(folder) / name
            if not path.exists():
                continue
            labels = page.get("expect") or []
            for words, first, last in sentences(str(path)):
                lines = set(range(first, last + 1))
                target = {}
                for category in CATEGORIES:
                    covering = [label for label in labels if label["cat"] == category and _lines(label) & lines]
                    required = any(not label.get("optional") for label in covering)
                    target[category] = 1 if required else None if covering else 0
                rows.append({"path": str(path), "words": words, "line": first, "target": target})
    return rows


def train(folders: list[str]) -> Any:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = labelled(folders)
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    texts = [row["words"] for row in rows]
    features = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    models = {}
    for category in CATEGORIES:
        kept = [i for i, row in enumerate(rows) if row["target"][category] is not None]
        targets = [rows[i]["target"][category] for i in kept]
        if sum(targets) >= 5:
            models[category] = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000).fit(features[kept], targets)
    return word, char, models


def predict(model: Any, paths: list[str], threshold: float) -> list[dict[str, Any]]:
    from scipy.sparse import hstack

    word, char, models = model
    found = []
    for path in paths:
        page = sentences(path)
        if not page:
            continue
        texts = [words for words, _, _ in page]
        features = hstack([word.transform(texts), char.transform(texts)]).tocsr()
        for category, classifier in models.items():
            for (_, first, _), probability in zip(page, classifier.predict_proba(features)[:, 1], strict=True):
                if probability >= threshold:
                    found.append({"path": path, "line": first, "category": category, "rule": "learned"})
    return found


def rule_findings(paths: list[str]) -> list[dict[str, Any]]:
    claimlint = Path(sys.executable).with_name("claimlint")
    report = subprocess.run([str(claimlint), "check", "--format", "json", *paths], capture_output=True, text=True, check=False)
    return json.loads(report.stdout)["findings"]


def score(found: list[dict[str, Any]], folders: list[str]) -> tuple[float, float, dict[str, str]]:
    """Recall and precision by line, optional labels neither required nor penalised."""
    by_category: dict[str, set[tuple[str, int]]] = {c: set() for c in CATEGORIES}
    for finding in found:
        if finding["category"] in by_category:
            by_category[finding["category"]].add((str(Path(finding["path"])), finding["line"]))
    pages = {str(Path(folder) / name): page.get("expect") or []
             for folder in folders for name, page in yaml.safe_load((Path(folder) / "labels.yaml").read_text())["docs"].items()}
    hits = labels = true = reported = 0
    detail = {}
    for category, findings in by_category.items():
        used: set[tuple[str, int]] = set()
        tolerated: set[tuple[str, int]] = set()
        caught = count = 0
        for path, page_labels in pages.items():
            for label in page_labels:
                if label["cat"] != category:
                    continue
                matched = {(path, line) for line in _lines(label)} & findings
                if label.get("optional"):
                    tolerated |= matched
                    continue
                count += 1
                if matched:
                    caught += 1
                    used |= matched
        counted = findings - (tolerated - used)
        hits, labels, true, reported = hits + caught, labels + count, true + len(counted & used), reported + len(counted)
        detail[category] = f"{caught}/{count} p{len(counted & used)}/{len(counted)}"
    return hits / max(labels, 1), true / max(reported, 1), detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("score", "train", "findings"))
    parser.add_argument("paths", nargs="*", help="pages (findings)")
    parser.add_argument("--train", default="", help="comma-separated labelled folders to learn from")
    parser.add_argument("--test", default="", help="comma-separated labelled folders to score (score)")
    parser.add_argument("--model", type=Path, help="where the trained model is kept (train, findings)")
    parser.add_argument("--threshold", type=float, default=0.85)
    args = parser.parse_intermixed_args(argv)
    if args.command == "train":
        args.model.write_bytes(pickle.dumps(train(args.train.split(","))))
        return 0
    if args.command == "findings":
        model = pickle.loads(args.model.read_bytes())  # noqa: S301 - a file this script wrote
        print(json.dumps({"findings": rule_findings(args.paths) + predict(model, args.paths, args.threshold)}))
        return 0
    folders = args.test.split(",")
    paths = sorted({row["path"] for row in labelled(folders)})
    model = train(args.train.split(","))
    rules, learned = rule_findings(paths), predict(model, paths, args.threshold)
    for name, found in (("rules", rules), ("learned", learned), ("both", rules + learned)):
        recall, precision, detail = score(found, folders)
        print(f"{name:8} recall {recall:.3f} precision {precision:.3f}  " + "  ".join(f"{c[:7]} {d}" for c, d in detail.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
