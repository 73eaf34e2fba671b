"""Detection quality on the project's own labelled corpus (tests/corpus: 32
marketing pages and 39 careful pages full of traps). The thresholds sit just
under the figures measured when they were set, so a change that makes
detection worse fails here; raise them as detection improves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from evaluate import evaluate  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="module")
def result(linter):  # type: ignore[no-untyped-def]
    return evaluate(CORPUS, linter)


def test_corpus_has_enough_documents_of_both_kinds() -> None:
    import yaml

    docs = yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))["docs"]
    kinds = [doc["kind"] for doc in docs.values()]
    assert kinds.count("marketing") >= 20 and kinds.count("reputable") >= 20
    assert {Path(name).suffix for name in docs} == {".md", ".txt", ".html"}


def test_overall_precision_and_recall_do_not_regress(result) -> None:  # type: ignore[no-untyped-def]
    total = result.total()
    assert total.precision >= 0.98, total
    assert total.recall >= 0.96, total


def test_noise_on_careful_text_does_not_regress(result) -> None:  # type: ignore[no-untyped-def]
    assert result.noise <= 0.5


@pytest.mark.parametrize("category", ["overstatement", "safety-claim", "uncited-evidence", "solicitation", "testimonial", "contradiction"])
def test_core_categories_are_caught(result, category: str) -> None:  # type: ignore[no-untyped-def]
    score = result.per_category[category]
    assert score.recall >= 0.85 and score.precision >= 0.80, score
