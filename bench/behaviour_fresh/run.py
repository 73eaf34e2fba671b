#!/usr/bin/env python3
"""Run an independently written behavioural suite (CheckList style) against claimlint.

    python bench/behaviour_fresh/run.py [SUITE] [--half work|held|all] [--show]

Each case names a category, sentences that must be flagged in it (``flag``) and
sentences that must give no finding at all (``quiet``). Every sentence is checked
on its own, as a one-line Markdown page. ``--half work`` keeps the even-numbered
cases (read for failure classes), ``--half held`` the odd-numbered ones (held out:
report their figures, never their sentences).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

from claimlint.runner import Linter

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", nargs="?", type=Path, default=HERE / "suite.yaml")
    parser.add_argument("--half", choices=("work", "held", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="print failing sentences (never with --half held)")
    args = parser.parse_args(argv)
    cases = yaml.safe_load(args.suite.read_text(encoding="utf-8"))["cases"]
    if args.half != "all":
        cases = [case for index, case in enumerate(cases) if index % 2 == (0 if args.half == "work" else 1)]
    linter = Linter()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # flag ok, flag n, quiet ok, quiet n
    for case in cases:
        category = case["category"]
        for sentence in case.get("flag") or []:
            found = {f.category for f in linter.check_text(sentence, "markdown", "case.md")}
            ok = category in found
            totals[category][0] += ok
            totals[category][1] += 1
            if not ok and args.show and args.half != "held":
                print(f"MISS  {case['name']:28} {sentence}")
        for sentence in case.get("quiet") or []:
            found = linter.check_text(sentence, "markdown", "case.md")
            ok = not found
            totals[category][2] += ok
            totals[category][3] += 1
            if not ok and args.show and args.half != "held":
                rules = ",".join(sorted({f.rule for f in found}))
                print(f"NOISE {case['name']:28} [{rules}] {sentence}")
    print(f"{'category':18} {'flagged':>12} {'quiet':>12}")
    all_flag = [0, 0]
    all_quiet = [0, 0]
    for category, (flag_ok, flag_n, quiet_ok, quiet_n) in sorted(totals.items()):
        print(f"{category:18} {flag_ok:4}/{flag_n:<4} {flag_ok / max(flag_n, 1):4.2f} {quiet_ok:4}/{quiet_n:<4} {quiet_ok / max(quiet_n, 1):4.2f}")
        all_flag = [all_flag[0] + flag_ok, all_flag[1] + flag_n]
        all_quiet = [all_quiet[0] + quiet_ok, all_quiet[1] + quiet_n]
    print(f"{'all':18} {all_flag[0]:4}/{all_flag[1]:<4} {all_flag[0] / max(all_flag[1], 1):4.2f} {all_quiet[0]:4}/{all_quiet[1]:<4} {all_quiet[0] / max(all_quiet[1], 1):4.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
