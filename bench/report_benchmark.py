#!/usr/bin/env python3
"""The HTML review report on a large run: prints figures, asserts nothing.

    python bench/report_benchmark.py [--files 4000]

Generates the speed benchmark's corpus (``bench/benchmark.py``: Markdown and
HTML pages of clinic copy mixed with careful text), then measures:

- ``claimlint check --format html`` against ``--format json`` on the same run
  (warm cache, all cores): the wall time the report adds, and its size;
- with a Chromium and Playwright installed: how long the report takes to open
  (the browser's load event, and the first keypress that moves to a finding),
  and the page's JavaScript heap.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import benchmark  # noqa: E402

CLAIMLINT = [sys.executable, "-m", "claimlint", "check", "--isolated", "--exit-zero"]


def _timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _open_in_browser(report: Path) -> dict[str, float] | None:
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        page.goto(report.as_uri(), wait_until="load", timeout=120_000)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        page.keyboard.press("n")
        page.wait_for_function("document.activeElement && document.activeElement.id === 'f-0'")
        first_key = time.perf_counter() - start
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
        browser.close()
    return {"load": loaded, "first key": first_key, "heap MB": heap / 1e6}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=4000)
    args = parser.parse_args()
    files, size = benchmark.generate(args.files)
    env = {**os.environ, "CLAIMLINT_CACHE_DIR": benchmark.CACHE}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        subprocess.run([*CLAIMLINT, "--format", "json", "-o", str(out / "warm.json"), str(benchmark.CORPUS)], env=env, check=True)
        json_seconds = min(_timed([*CLAIMLINT, "--format", "json", "-o", str(out / "r.json"), str(benchmark.CORPUS)], env)
                           for _ in range(2))
        html_seconds = min(_timed([*CLAIMLINT, "--format", "html", "-o", str(out / "r.html"), str(benchmark.CORPUS)], env)
                           for _ in range(2))
        report = out / "r.html"
        print(f"corpus: {files} files, {size / 1e6:.1f} MB")
        print(f"claimlint check --format json: {json_seconds:.1f} s; --format html: {html_seconds:.1f} s "
              f"(the report adds {html_seconds - json_seconds:.1f} s)")
        print(f"report: {report.stat().st_size / 1e6:.1f} MB (JSON report: {(out / 'r.json').stat().st_size / 1e6:.1f} MB)")
        opened = _open_in_browser(report)
        if opened is None:
            print("browser: skipped (needs Playwright and a Chromium)")
        else:
            print(f"browser: load event after {opened['load']:.2f} s; first 'n' keypress {opened['first key'] * 1000:.0f} ms; "
                  f"JavaScript heap {opened['heap MB']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
