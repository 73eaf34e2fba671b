"""Bounded cost: checking time grows linearly with the input, for realistic
pages and for inputs built to find quadratic corners (runs of punctuation,
one endless sentence, thousands of links, addresses or table rows, deep
markup), and a 25 MB page is checked in bounded memory (under 25 times its
size).

Each case is timed on a small and an eight (or sixteen) times larger input
(the best of a few runs, as the machine is shared); quadratic work would make
the larger input cost eight (sixteen) times more per byte, so a per-byte ratio
under 3 is a generous pass. These tests take about a minute, half of it the
25 MB page; ``-m 'not slow'`` leaves them out."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from claimlint.config import Config
from claimlint.runner import Linter

pytestmark = pytest.mark.slow

SCALE = 8
MAX_PER_BYTE_RATIO = 3.0

CLAIMS = [
    "Our regenerative clinic offers stem cell therapy for multiple sclerosis and Parkinson's disease.",
    "A 2022 study showed that 78% of patients improved their walking distance within three months.",
    "Book your free consultation today: call +1 305 555 0172 or write to care@renewclinic.example.",
    "The protocol is completely safe and has no side effects.",
    "“I can finally climb stairs again,” says Maria, 54, from Houston.",
    "Packages start at $14,900 and include accommodation and airport transfers.",
    "Our exosome serum reverses ageing and restores collagen naturally — clinically proven.",
    "The phase II trial enrolled 120 participants across three sites.",
]
CAREFUL = [
    "There is currently no cure for MS, but several approved medicines slow its progression.",
    "Talk to your neurologist before you consider any experimental treatment.",
    "Results vary from person to person, and the evidence is still preliminary (Smith et al., 2021).",
    "Some clinics claim to cure autism; the FDA warns against these unapproved products.",
    "Parking is available behind the main building, next to the pharmacy.",
    "Bring a list of your current medicines to the first appointment.",
]
PLAIN = [
    "The reception desk is open from nine to five on weekdays.",
    "Our newsletter comes out on the first Monday of each month.",
    "The waiting room has free wifi, water and a children's corner.",
]


def _prose(size: int, seed: int = 7, claim_share: float = 0.4) -> list[str]:
    """Paragraphs of marketing copy, a share of them claims, about ``size`` characters."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        paragraph = " ".join(rng.choice(CLAIMS if rng.random() < claim_share else CAREFUL) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return paragraphs


def realistic_text(size: int) -> str:
    return "\n\n".join(_prose(size))[:size]


def realistic_markdown(size: int) -> str:
    blocks = []
    for index, paragraph in enumerate(_prose(size)):
        if index % 7 == 0:
            blocks.append(f"## {paragraph.split('.')[0]}")
        elif index % 5 == 0:
            blocks.append("\n".join(f"- {sentence.strip()}." for sentence in paragraph.split(". ") if sentence.strip()))
        else:
            blocks.append(paragraph.replace("stem cell therapy", "[stem cell therapy](https://renew.example/therapy)"))
    return "\n\n".join(blocks)[:size]


def realistic_html(size: int) -> str:
    body = "".join(f"<h2>{p.split('.')[0]}</h2>" if i % 7 == 0 else f"<p>{p.replace('study', '<b>study</b>')}</p>\n"
                   for i, p in enumerate(_prose(size)))
    return f"<html><head><title>Renew Clinic</title></head><body>{body}</body></html>"


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


CASES: dict[str, tuple[str, Callable[[int], str], int]] = {
    # name: (format, generator, small size in characters)
    "realistic text": ("text", realistic_text, 25_000),
    "realistic markdown": ("markdown", realistic_markdown, 25_000),
    "realistic html": ("html", realistic_html, 25_000),
    "punctuation runs": ("text", _repeat("....!!!???,,,;;;:::…… "), 25_000),
    "a run of dots": ("text", lambda size: "." * size, 25_000),
    "open parentheses": ("markdown", lambda size: "(((" * (size // 3), 25_000),
    "numbers": ("text", _repeat("12,345 67.8% 2023-2024 +1 212 555 "), 25_000),
    "e-mail addresses": ("text", _repeat("care.team+ms@renew-clinic.example "), 25_000),
    "links": ("markdown", _repeat("A study showed [it cures](https://x.example/c?q=1) "), 8_000),
    "one endless sentence": ("text", _repeat("miracle cure guaranteed results with no side effects "), 12_500),
    "a claim on every line": ("text", _repeat("cure\n"), 4_000),
    "one giant table": ("markdown", lambda size: "| a | b |\n|---|---|\n" + _repeat("| cures MS | a 2023 study showed |\n")(size), 12_500),
    "one giant list": ("markdown", _repeat("- our therapy cures MS\n"), 25_000),
    "nested html": ("html", lambda size: "<div>" * (size // 10) + _repeat("cures <b>")(size // 2), 12_500),
    "crossed emphasis": ("markdown", _repeat("*a _b "), 25_000),
    "link definitions": ("markdown", lambda size: "".join(f"[r{i}]: https://x.example/{i}\n" for i in range(size // 26)), 25_000),
}
# Document-level steps timed with only the rules that exercise them, so that
# their own cost is not hidden behind the rest of the engine; sixteen times
# larger, as their quadratic forms had small constants.
FOCUSED_SCALE = 16
FOCUSED: dict[str, tuple[str, Callable[[int], str], int, tuple[str, ...]]] = {
    "dated results (year contradictions)": ("text", _repeat("In 2023 the study showed results. "), 25_000, ("CL601",)),
    "suppression comments": ("text", _repeat("claimlint-disable-next-line CL999\nOur therapy cures MS.\n\n"), 25_000, ("CL101", "CL901")),
    "overlapping findings": ("text", _repeat("Our miracle cure is a miracle cure. "), 12_500, ("overstatement",)),
}

LINTER = Linter()


def _best_time(linter: Linter, text: str, fmt: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        linter.check_text(text, fmt)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("case", [*CASES, *FOCUSED])
def test_time_grows_linearly(case: str) -> None:
    if case in CASES:
        fmt, generate, small = CASES[case]
        linter, scale = LINTER, SCALE
    else:
        fmt, generate, small, selection = FOCUSED[case]
        linter, scale = Linter(Config(select=selection)), FOCUSED_SCALE
    linter.check_text("warm up: our therapy cures MS.", fmt)
    small_text, large_text = generate(small), generate(small * scale)
    small_time = _best_time(linter, small_text, fmt, runs=3)
    large_time = _best_time(linter, large_text, fmt, runs=2)
    ratio = (large_time / len(large_text)) / (small_time / len(small_text))
    print(f"\n{case}: {len(small_text):,} chars {small_time:.3f}s, {len(large_text):,} chars {large_time:.3f}s, per-byte ratio {ratio:.2f}")
    assert ratio < MAX_PER_BYTE_RATIO, f"{case}: {small_time:.3f}s for {len(small_text):,} -> {large_time:.3f}s for {len(large_text):,} (x{ratio:.1f} per byte)"


# Measured: 17-19x for a Markdown page with typographic quotes (Python keeps
# such text at two bytes a character, in the source, the prose and its
# lower-cased copy; the Rust parser's tree is about ten times the page while it
# is read), 13x for the same page as plain text or HTML.
MAX_MEMORY_PER_BYTE = 25


def _peak_rss(arguments: list[str]) -> tuple[int, subprocess.CompletedProcess[str]]:
    """Run claimlint in a child process; its peak resident memory in bytes."""
    script = ("import resource, sys\nfrom claimlint.cli import main\ncode = main(sys.argv[1:])\n"
              "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
              "print(peak * (1 if sys.platform == 'darwin' else 1024), file=sys.stderr)\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", script, *arguments], capture_output=True, text=True, timeout=600, check=False)
    return int(done.stderr.strip().splitlines()[-1]), done


def test_a_25_mb_page_is_checked_in_bounded_memory(tmp_path: Path) -> None:
    page = tmp_path / "big.md"
    rng = random.Random(3)
    with page.open("w", encoding="utf-8") as out:
        written = 0
        while written < 25 * 1024 * 1024:
            chunk = "\n\n".join(" ".join(rng.choice(CLAIMS if rng.random() < 0.1 else CAREFUL + PLAIN) for _ in range(4)) for _ in range(200))
            written += out.write(chunk + "\n\n")
    size = page.stat().st_size
    report = tmp_path / "report.json"
    started = time.monotonic()
    peak, done = _peak_rss(["check", "--isolated", "--max-file-size", "30MB", "--format", "json", "--output", str(report), str(page)])
    elapsed = time.monotonic() - started
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    findings = json.loads(report.read_text())["findings"]
    assert len(findings) > 10_000
    print(f"\n25 MB page: {elapsed:.1f}s, peak {peak / 2**20:.0f} MB ({peak / size:.1f}x the file), {len(findings):,} findings")
    assert peak < MAX_MEMORY_PER_BYTE * size, f"peak {peak / 2**20:.0f} MB for a {size / 2**20:.0f} MB page"
