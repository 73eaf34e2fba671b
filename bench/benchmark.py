#!/usr/bin/env python3
"""Speed benchmark: prints figures, asserts nothing.

    python bench/benchmark.py [--files 4000] [--keep]

Generates a deterministic corpus of Markdown and HTML pages (about 5.5 kB each,
clinic copy mixed with careful text) in the temporary folder, then measures with
all built-in rules and JSON output (claimlint's modules byte-compiled first, as
an installed copy has them):

- the first run, which compiles the Hyperscan prefilter and parses the rule
  packs, and stores both in a cache folder of its own (CLAIMLINT_CACHE_DIR);
- throughput (MB/s and files/s) on one worker and on all cores with the cache
  warm, and the speed-up;
- peak memory (largest resident set of any claimlint process);
- wall time of `claimlint check` on one small file (the pre-commit case) with
  a cache of its own: the first run, which compiles and stores the prefilter,
  and every run after it; and with no cache at all; next to bare
  `python -c pass`;
- proselint on the same corpus, when it is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Outside the repository, so that its .gitignore and configuration do not apply.
CORPUS = Path(tempfile.gettempdir()) / "claimlint-bench-corpus"
CACHE = str(Path(tempfile.gettempdir()) / "claimlint-bench-cache")

MARKETING = [
    "Our {treatment} cures {disease} in as little as {n} weeks.",
    "This groundbreaking protocol may reverse the damage caused by {disease}.",
    "Studies have shown that {n}0% of patients improved after one session.",
    "Book your free consultation today on WhatsApp +52 998 555 01{n}{n}.",
    "The treatment is completely safe, natural and has no side effects.",
    "“After my second infusion I could walk again,” says {name}.",
    "Researchers at Northfield University found remarkable results in 20{n}1.",
    "Packages start at ${n},900 per treatment, all-inclusive.",
]
CAREFUL = [
    "There is currently no cure for {disease}, and treatments aim to slow progression.",
    "{treatment} cannot reverse damage that has already happened.",
    "In a trial of {n}0 people, the treatment reduced relapses (Smith et al., 2021).",
    "Several trials of {treatment} are under way, and more research is needed.",
    "Side effects include fever, infection and fatigue; talk to your doctor about the risks.",
    "The clinic's claims were not supported by the evidence reviewed by regulators.",
    "Patients should ask whether a treatment is part of a registered trial (NCT0{n}123456).",
    "Stem cells have the remarkable ability to become many different cell types.",
]
# Most sentences on real health pages claim nothing: they describe a condition,
# daily life with it, or how a service works. Built from parts so that pages
# do not repeat a handful of sentences.
NEUTRAL_SUBJECTS = ["Many people with {disease}", "Your care team", "A specialist nurse", "The first appointment",
                    "Family members", "Most clinics", "A physiotherapist", "People newly diagnosed with {disease}",
                    "The waiting room", "Our reception staff", "An occupational therapist", "Support groups"]
NEUTRAL_VERBS = ["usually talk about", "will ask about", "often keep a diary of", "can explain", "may want to discuss",
                 "find it useful to plan", "take time to review", "write down", "look at", "sometimes worry about"]
NEUTRAL_OBJECTS = ["sleep, diet and exercise", "changes in mood over the day", "how symptoms affect work",
                   "the medicines already being taken", "travel to and from appointments", "questions for the next visit",
                   "the results of blood tests", "what a normal week looks like", "the cost of parking nearby",
                   "how to reach the ward at night", "local walking groups", "the forms needed for sick leave"]
NEUTRAL_TAILS = ["", " before the next review", " with a relative present", " over several weeks",
                 " in plain language", " at their own pace", " after the summer break", " once the scans are back"]
DISEASES = ["MS", "Parkinson's disease", "type 2 diabetes", "knee arthritis", "autism", "long COVID"]
TREATMENTS = ["stem cell therapy", "exosome infusion", "PRP injection", "IV vitamin therapy", "ozone therapy"]
NAMES = ["Maria", "Tom", "Aisha", "Kenji", "Lucía"]
# Share of claim sentences and of careful-text traps. With these shares the
# generated pages hold about 10 findings per 10 kB, twice as many as the real
# clinic, news and reference pages of the labelled development corpus (4 per
# 10 kB); the benchmark prints the figure so that runs can be compared.
CLAIM_SHARE = 0.05
TRAP_SHARE = 0.15


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    values = dict(treatment=rng.choice(TREATMENTS), disease=rng.choice(DISEASES), n=rng.randint(1, 9), name=rng.choice(NAMES))
    if roll < CLAIM_SHARE:
        return rng.choice(MARKETING).format(**values)
    if roll < CLAIM_SHARE + TRAP_SHARE:
        return rng.choice(CAREFUL).format(**values)
    subject = rng.choice(NEUTRAL_SUBJECTS).format(**values)
    return f"{subject} {rng.choice(NEUTRAL_VERBS)} {rng.choice(NEUTRAL_OBJECTS)}{rng.choice(NEUTRAL_TAILS)}."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def _markdown(rng: random.Random, index: int) -> str:
    parts = [f"---\ntitle: Page {index} on {rng.choice(DISEASES)}\ndescription: {_sentence(rng)}\ntags: [cure, health]\n---\n",
             f"# {rng.choice(TREATMENTS).title()} for {rng.choice(DISEASES)}\n"]
    while sum(len(p) for p in parts) < 5200:
        kind = rng.random()
        if kind < 0.6:
            parts.append(_paragraph(rng) + "\n")
        elif kind < 0.75:
            parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(3)) + "\n")
        elif kind < 0.85:
            parts.append("| Package | Notes |\n|---|---|\n" + "\n".join(f"| {rng.choice(NAMES)} | {_sentence(rng)} |" for _ in range(3)) + "\n")
        elif kind < 0.92:
            parts.append(f"```\ncure = {index}\n```\n")
        else:
            parts.append(f"See [the study](https://example.org/{index}) and `code()` for details.\n")
    return "\n".join(parts)


def _html(rng: random.Random, index: int) -> str:
    body: list[str] = []
    while sum(len(p) for p in body) < 4800:
        body.append(f"<p>{_paragraph(rng).replace('&', '&amp;')}</p>")
        if rng.random() < 0.2:
            body.append(f"<ul><li>{_sentence(rng)}</li><li>{_sentence(rng)}</li></ul>")
    return (f"<!doctype html><html><head><title>Page {index}</title>"
            f"<meta name=\"description\" content=\"{_sentence(rng)}\"><style>.cure{{}}</style></head><body>\n"
            + "\n".join(body) + "\n<script>var cure = 1;</script></body></html>\n")


def generate(files: int) -> tuple[int, int]:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    rng = random.Random(20261121)
    total = 0
    for index in range(files):
        folder = CORPUS / f"section{index % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        if index % 3 == 2:
            text, name = _html(rng, index), f"page{index:05d}.html"
        else:
            text, name = _markdown(rng, index), f"page{index:05d}.md"
        (folder / name).write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return files, total


def _claimlint() -> list[str]:
    venv = HERE.parent / ".venv" / "bin" / "claimlint"
    return [str(venv)] if venv.exists() else [sys.executable, "-m", "claimlint"]


def _python() -> str:
    venv = HERE.parent / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _byte_compile() -> None:
    """Compile claimlint's modules as pip does when it installs a package. An
    editable install under PYTHONDONTWRITEBYTECODE (set on some CI machines)
    has none, and would compile every module on every start: about 40 ms that
    no installed copy pays."""
    python = _python()
    folder = subprocess.run([python, "-c", "import claimlint, os; print(os.path.dirname(claimlint.__file__))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", folder], stdout=subprocess.DEVNULL, check=True)


def _timed(argv: list[str], cache: str | None = None) -> float:
    env = dict(os.environ, CLAIMLINT_CACHE_DIR=CACHE if cache is None else cache)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def _findings(argv: list[str]) -> int:
    env = dict(os.environ, CLAIMLINT_CACHE_DIR=CACHE)
    output = subprocess.run(argv, capture_output=True, text=True, check=False, env=env).stdout
    return len(json.loads(output)["findings"])


def _median(argv: list[str], runs: int, cache: str | None = None) -> float:
    return statistics.median(_timed(argv, cache) for _ in range(runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=4000)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus afterwards")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    _byte_compile()
    files, size = generate(args.files)
    mb = size / 1e6
    print(f"corpus: {files} files, {mb:.1f} MB (Markdown and HTML), {cores} cores")
    check = _claimlint() + ["check", "--isolated", "--format", "json", "--exit-zero"]
    shutil.rmtree(CACHE, ignore_errors=True)
    first = _timed(check + ["--jobs", str(cores), str(CORPUS)])
    print(f"first run, {cores} workers, compiling the prefilter into an empty cache: {first:6.2f} s  {mb / first:6.2f} MB/s")
    one = _timed(check + ["--jobs", "1", str(CORPUS)])
    print(f"1 worker : {one:6.2f} s  {mb / one:6.2f} MB/s  {files / one:8.0f} files/s")
    many = _timed(check + ["--jobs", str(cores), str(CORPUS)])
    print(f"{cores} workers: {many:6.2f} s  {mb / many:6.2f} MB/s  {files / many:8.0f} files/s  speed-up {one / many:.2f}x")
    found = _findings(check + [str(CORPUS)])
    print(f"findings: {found} ({found / (size / 1e4):.1f} per 10 kB)")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (largest claimlint process): {peak_mb:.0f} MB")
    small = CORPUS / "small.md"
    small.write_text("# Clinic\n\nOur therapy cures MS with no side effects.\n", encoding="utf-8")
    # A cache of its own, as on a machine that only ever runs the hook: its
    # first run compiles the prefilter and stores it, every later run loads it.
    hook_cache = tempfile.mkdtemp(prefix="claimlint-bench-hook-cache-")
    one_file = _claimlint() + ["check", "--isolated", str(small)]
    bare = _median([sys.executable, "-c", "pass"], 15)
    first_ever = _timed(one_file, cache=hook_cache)
    single = _median(one_file, 15, cache=hook_cache)
    uncached = _median(one_file, 15, cache="")
    shutil.rmtree(hook_cache, ignore_errors=True)
    print(f"one small file (bare python -c pass: {bare:.3f} s):\n"
          f"  every run after the first: {single:.3f} s wall, {single - bare:.3f} s above bare Python\n"
          f"  the first run with an empty cache (compiles and stores the prefilter, once): {first_ever:.3f} s\n"
          f"  with no cache at all (CLAIMLINT_CACHE_DIR=''): {uncached:.3f} s wall, {uncached - bare:.3f} s above bare Python")
    proselint = shutil.which("proselint")
    if proselint:
        paths = [str(p) for p in sorted(CORPUS.rglob("*.md"))]
        md_size = sum(Path(p).stat().st_size for p in paths) / 1e6
        # proselint 0.14 and later take a "check" command; earlier ones take the files.
        usage = subprocess.run([proselint, "--help"], capture_output=True, text=True, check=False).stdout
        argv = [proselint, "check", *paths] if "check" in usage else [proselint, *paths]
        start = time.perf_counter()
        result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode in (0, 1) and result.stdout:
            print(f"proselint on the Markdown files ({md_size:.1f} MB): {md_size / elapsed:.2f} MB/s "
                  f"(claimlint on {cores} workers is {(mb / many) / (md_size / elapsed):.1f}x as fast)")
        else:
            print(f"proselint: failed (exit {result.returncode}); no comparison")
    else:
        print("proselint: not installed (pip install proselint to compare)")
    if not args.keep:
        shutil.rmtree(CORPUS)
    shutil.rmtree(CACHE, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
