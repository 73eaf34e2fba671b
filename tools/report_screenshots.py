#!/usr/bin/env python3
"""Screenshots of the HTML review report on ``examples/``, for the README.

    python tools/report_screenshots.py [--out docs]

Needs Playwright and a Chromium (``apt-get install chromium``). Writes
``report-summary.png`` (the top of the report: totals, filters, summary) and
``report-page.png`` (a page with its findings marked, after pressing "n" to
move to the second finding)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        subprocess.run([sys.executable, "-m", "claimlint", "check", "--exit-zero", "--format", "html", "-o", str(report), "examples"],
                       cwd=ROOT, check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 820}, device_scale_factor=1)
            page.goto(report.as_uri())
            page.screenshot(path=str(out / "report-summary.png"))
            page.keyboard.press("n")
            page.keyboard.press("n")
            page.screenshot(path=str(out / "report-page.png"))
            browser.close()
    print(f"wrote {out / 'report-summary.png'} and {out / 'report-page.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
