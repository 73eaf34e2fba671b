"""Behavioural test suites in the style of CheckList (Ribeiro et al., 2020).

Each YAML file in ``tests/behaviour/`` (except ``lexicon.yaml``, the shared slot
lists) is one suite: a title, a default category, optional local slot lists and
cases. A case's template is filled with every combination of its slots' values
(``{name}``; a value may hold slots of its own; ``{{``/``}}`` are literal
braces), a deterministic sample of ``max`` sentences (default 60, seeded by the
case name) is checked, and the case expects either ``fire`` (a finding of its
category, overlapping the ``at`` slot's text if given) or ``quiet`` (no finding
of its category). One pytest test per case; run this file directly for a
CheckList-style failure table::

    python tests/test_behaviour.py [--suite NAME] [--verbose] [--update-known]

Failures the detector still has are recorded, case by case, in
``behaviour/known_failures.yaml``: a case fails when it has more failing
sentences than recorded there (so a case that passes today cannot regress,
and a known gap cannot widen). ``--update-known`` writes the current counts,
which only ever go down as detection improves.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import re
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest
import yaml

HERE = Path(__file__).parent / "behaviour"
LEXICON = HERE / "lexicon.yaml"
KNOWN = HERE / "known_failures.yaml"
CATEGORIES = frozenset({"overstatement", "safety-claim", "uncited-evidence", "solicitation",
                        "testimonial", "contradiction", "disease-claim"})
FORMATS = frozenset({"text", "markdown", "html"})
SUITE_KEYS = frozenset({"suite", "category", "slots", "cases"})
CASE_KEYS = frozenset({"name", "template", "expect", "at", "category", "format", "max"})
DEFAULT_MAX = 60
MAX_DEPTH = 4
_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|[{}]")

Spans = dict[str, list[tuple[int, int]]]


class SuiteError(ValueError):
    """A malformed suite or lexicon; the message names the file and case."""


class _Finding(Protocol):
    category: str
    rule: str
    text: str
    span: Any


class _Linter(Protocol):
    def check_text(self, text: str, fmt: str = ...) -> Sequence[_Finding]: ...


@dataclass(frozen=True)
class Filled:
    """A generated text and where each slot's value stands in it."""

    text: str
    spans: Spans = field(default_factory=dict)


def parse_template(template: str) -> list[str | tuple[str]]:
    """Literal strings and ``(slot_name,)`` tuples; raises on a stray brace."""
    tokens: list[str | tuple[str]] = []
    pos = 0
    for match in _TOKEN.finditer(template):
        tokens.append(template[pos:match.start()])
        if match.group(1):
            tokens.append((match.group(1),))
        elif match.group(0) in ("{{", "}}"):
            tokens.append(match.group(0)[0])
        else:
            raise SuiteError(f"stray {match.group(0)!r} at column {match.start() + 1} of {template!r} (write {{{{ or }}}} for a literal brace)")
        pos = match.end()
    tokens.append(template[pos:])
    return [t for t in tokens if t != ""]


def _alternatives(name: str, slots: Mapping[str, Sequence[str]], depth: int) -> list[Filled]:
    if name not in slots:
        raise SuiteError(f"unknown slot {{{name}}}")
    if depth > MAX_DEPTH:
        raise SuiteError(f"slot {{{name}}} nests more than {MAX_DEPTH} levels deep (a cycle?)")
    return [filled for value in slots[name] for filled in expand(value, slots, depth + 1)]


def _assemble(tokens: list[str | tuple[str]], chosen: Mapping[str, Filled]) -> Filled:
    parts: list[str] = []
    spans: Spans = {}
    pos = 0
    for token in tokens:
        if isinstance(token, str):
            parts.append(token)
            pos += len(token)
            continue
        value = chosen[token[0]]
        spans.setdefault(token[0], []).append((pos, pos + len(value.text)))
        for inner, places in value.spans.items():
            spans.setdefault(inner, []).extend((pos + s, pos + e) for s, e in places)
        parts.append(value.text)
        pos += len(value.text)
    return Filled("".join(parts), spans)


def _plan(template: str, slots: Mapping[str, Sequence[str]], depth: int) -> tuple[list[str | tuple[str]], list[str], list[list[Filled]]]:
    tokens = parse_template(template)
    names = list(dict.fromkeys(t[0] for t in tokens if isinstance(t, tuple)))
    return tokens, names, [_alternatives(n, slots, depth) for n in names]


def expand(template: str, slots: Mapping[str, Sequence[str]], depth: int = 0) -> Iterator[Filled]:
    """Every filling of ``template`` (a slot used twice gets the same value)."""
    tokens, names, choices = _plan(template, slots, depth)
    for combo in itertools.product(*choices):
        yield _assemble(tokens, dict(zip(names, combo)))


def generate(template: str, slots: Mapping[str, Sequence[str]], limit: int, seed: str) -> list[Filled]:
    """The cartesian product of the slots, or a sample of ``limit`` of it seeded by ``seed``."""
    tokens, names, choices = _plan(template, slots, 0)
    sizes = [len(c) for c in choices]
    total = math.prod(sizes)
    picks = range(total) if total <= limit else sorted(random.Random(seed).sample(range(total), limit))
    out: dict[str, Filled] = {}
    for index in picks:
        chosen: dict[str, Filled] = {}
        for name, options, size in zip(reversed(names), reversed(choices), reversed(sizes)):
            index, digit = divmod(index, size)
            chosen[name] = options[digit]
        filled = _assemble(tokens, chosen)
        out.setdefault(filled.text, filled)
    return list(out.values())


def _reachable(template: str, slots: Mapping[str, Sequence[str]], depth: int = 0) -> set[str]:
    names = {t[0] for t in parse_template(template) if isinstance(t, tuple)}
    found = set(names)
    if depth < MAX_DEPTH:
        for name in names:
            for value in slots.get(name, ()):
                found |= _reachable(value, slots, depth + 1)
    return found


@dataclass(frozen=True)
class Case:
    """One case of a suite, validated."""

    file: Path
    suite: str
    name: str
    template: str
    expect: str
    category: str
    fmt: str
    at: str | None
    max: int
    slots: Mapping[str, Sequence[str]]

    @property
    def id(self) -> str:
        return f"{self.file.stem}::{self.name}"

    def sentences(self) -> list[Filled]:
        return generate(self.template, self.slots, self.max, self.name)


def _slot_lists(data: Any, where: str) -> dict[str, list[str]]:
    if not isinstance(data, dict):
        raise SuiteError(f"{where}: slots must be a mapping of name -> list of strings")
    for name, values in data.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise SuiteError(f"{where}: bad slot name {name!r}")
        if not isinstance(values, list) or not values:
            raise SuiteError(f"{where}: slot {name!r} must be a non-empty list")
        for value in values:
            if not isinstance(value, str):
                raise SuiteError(f"{where}: slot {name!r} has a value that is not a string: {value!r} (quote it)")
    return data


def load_lexicon(path: Path = LEXICON) -> dict[str, list[str]]:
    where = _rel(path)
    lexicon = _slot_lists(yaml.safe_load(path.read_text(encoding="utf-8")) or {}, where)
    for name, values in lexicon.items():
        for value in values:
            try:
                for _ in expand(value, lexicon, 1):
                    pass
            except SuiteError as exc:
                raise SuiteError(f"{where}: slot {name!r}, value {value!r}: {exc}") from None
    return lexicon


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _case(raw: Any, index: int, path: Path, suite: str, default_category: str,
          slots: Mapping[str, Sequence[str]]) -> Case:
    name = raw.get("name") if isinstance(raw, dict) else None
    where = f"{_rel(path)}: case {name!r}" if isinstance(name, str) and name else f"{_rel(path)}: case #{index + 1}"
    if not isinstance(raw, dict):
        raise SuiteError(f"{where}: a case must be a mapping")
    unknown = set(raw) - CASE_KEYS
    if unknown:
        raise SuiteError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))} (allowed: {', '.join(sorted(CASE_KEYS))})")
    for key in ("name", "template", "expect"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise SuiteError(f"{where}: {key!r} is required and must be a non-empty string")
    if raw["expect"] not in ("fire", "quiet"):
        raise SuiteError(f"{where}: expect must be 'fire' or 'quiet', not {raw['expect']!r}")
    category = raw.get("category", default_category)
    if not category:
        raise SuiteError(f"{where}: no category (set one on the suite or on the case)")
    if category not in CATEGORIES:
        raise SuiteError(f"{where}: unknown category {category!r} (one of {', '.join(sorted(CATEGORIES))})")
    fmt = raw.get("format", "text")
    if fmt not in FORMATS:
        raise SuiteError(f"{where}: format must be one of {', '.join(sorted(FORMATS))}, not {fmt!r}")
    limit = raw.get("max", DEFAULT_MAX)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise SuiteError(f"{where}: max must be a positive integer, not {limit!r}")
    at = raw.get("at")
    try:
        _plan(raw["template"], slots, 0)
        reachable = _reachable(raw["template"], slots)
    except SuiteError as exc:
        raise SuiteError(f"{where}: {exc}") from None
    if at is not None and (not isinstance(at, str) or at not in reachable):
        raise SuiteError(f"{where}: 'at' names {at!r}, which is not a slot of the template")
    return Case(path, suite, raw["name"], raw["template"], raw["expect"], category, fmt, at, limit, slots)


def load_suite(path: Path, lexicon: Mapping[str, Sequence[str]]) -> tuple[list[Case], list[tuple[str, str]]]:
    """The valid cases of one file and ``(id, message)`` for each malformed part."""
    where = _rel(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return [], [(f"{path.stem}::<file>", f"{where}: not valid YAML: {exc}")]
    try:
        if not isinstance(data, dict):
            raise SuiteError(f"{where}: a suite must be a mapping")
        unknown = set(data) - SUITE_KEYS
        if unknown:
            raise SuiteError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))} (allowed: {', '.join(sorted(SUITE_KEYS))})")
        if not isinstance(data.get("suite"), str) or not data["suite"]:
            raise SuiteError(f"{where}: 'suite' (a title) is required")
        if not isinstance(data.get("cases"), list) or not data["cases"]:
            raise SuiteError(f"{where}: 'cases' must be a non-empty list")
        category = data.get("category")
        slots = {**lexicon, **_slot_lists(data.get("slots", {}), where)}
        if category is not None and category not in CATEGORIES:
            raise SuiteError(f"{where}: unknown category {category!r}")
    except SuiteError as exc:
        return [], [(f"{path.stem}::<file>", str(exc))]
    cases: list[Case] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["cases"]):
        try:
            case = _case(raw, index, path, data["suite"], category or "", slots)
            if case.name in seen:
                raise SuiteError(f"{where}: case {case.name!r}: duplicate case name")
            seen.add(case.name)
            cases.append(case)
        except SuiteError as exc:
            errors.append((f"{path.stem}::#{index + 1}", str(exc)))
    return cases, errors


def load_all(folder: Path = HERE) -> tuple[list[Case], list[tuple[str, str]]]:
    try:
        lexicon = load_lexicon(folder / "lexicon.yaml")
    except SuiteError as exc:
        return [], [("lexicon::<file>", str(exc))]
    cases: list[Case] = []
    errors: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name not in (LEXICON.name, KNOWN.name):
            found, bad = load_suite(path, lexicon)
            cases += found
            errors += bad
    return cases, errors


def _overlaps(finding: _Finding, spans: Sequence[tuple[int, int]]) -> bool:
    start, end = finding.span.offset, max(finding.span.end_offset, finding.span.offset + 1)
    return any(start < e and s < end for s, e in spans)


def failure(linter: _Linter, case: Case, filled: Filled) -> str | None:
    """Why ``filled`` fails ``case``, or None if it passes."""
    try:
        findings = linter.check_text(filled.text, case.fmt)
    except Exception as exc:  # noqa: BLE001 - a crash is a failure of the case, not of the harness
        return f"linter raised {type(exc).__name__}: {exc}"
    hits = [f for f in findings if f.category == case.category]
    if case.expect == "quiet":
        return "; ".join(f"{f.rule} on {f.text!r}" for f in hits) or None
    if case.at is not None:
        if any(_overlaps(f, filled.spans.get(case.at, [])) for f in hits):
            return None
        return "found " + ", ".join(f"{f.rule} on {f.text!r}" for f in hits) + f" but none on {{{case.at}}}" if hits else "no finding"
    if hits:
        return None
    others = sorted({f"{f.category}/{f.rule}" for f in findings})
    return "no finding" + (f" (only {', '.join(others)})" if others else "")


@dataclass
class Result:
    case: Case
    n: int
    failures: list[tuple[str, str]]  # (text, reason)

    @property
    def rate(self) -> float:
        return len(self.failures) / self.n if self.n else 0.0

    def report(self, limit: int = 10) -> str:
        lines = [f"{len(self.failures)}/{self.n} failed ({self.rate:.0%}) "
                 f"[expect {self.case.expect} {self.case.category}{f' at {{{self.case.at}}}' if self.case.at else ''}, {self.case.fmt}]:"]
        lines += [f"  - {_show(text)}  <- {reason}" for text, reason in self.failures[:limit]]
        return "\n".join(lines)


def run_case(linter: _Linter, case: Case) -> Result:
    sentences = case.sentences()
    fails = [(s.text, why) for s in sentences if (why := failure(linter, case, s)) is not None]
    return Result(case, len(sentences), fails)


def _show(text: str, width: int = 0) -> str:
    shown = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    return shown if not width or len(shown) <= width else shown[: width - 1] + "…"


# --- pytest -------------------------------------------------------------------

_CASES, _ERRORS = load_all()
_PARAMS = ([pytest.param(c, id=c.id.replace(" ", "-")) for c in _CASES]
           + [pytest.param(msg, id=ident.replace(" ", "-")) for ident, msg in _ERRORS])


def known_failures() -> dict[str, int]:
    """Failing sentences each case is known to have (case id -> count)."""
    if not KNOWN.exists():
        return {}
    data = yaml.safe_load(KNOWN.read_text(encoding="utf-8")) or {}
    return {str(key): int(value) for key, value in data.items()}


_KNOWN = known_failures()


@pytest.mark.parametrize("case", _PARAMS)
def test_behaviour(every_rule: _Linter, case: Case | str) -> None:
    if isinstance(case, str):
        pytest.fail(f"malformed suite: {case}", pytrace=False)
    result = run_case(every_rule, case)
    allowed = _KNOWN.get(case.id, 0)
    if len(result.failures) > allowed:
        known = f" (known failures: {allowed})" if allowed else ""
        pytest.fail(f"{case.file.name} / {case.name}: {result.report()}{known}", pytrace=False)


# --- command line -------------------------------------------------------------

def _table(rows: list[list[str]], right: set[int]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    fmt = lambda row: "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths)))  # noqa: E731
    return "\n".join([fmt(rows[0]), "  ".join("-" * w for w in widths), *map(fmt, rows[1:])])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the behavioural suites and print a CheckList-style failure table.")
    parser.add_argument("--suite", action="append", help="a suite's file name (without .yaml) or a word of its title; repeatable")
    parser.add_argument("--verbose", "-v", action="store_true", help="list up to 10 failing sentences per case, with the reason")
    parser.add_argument("--update-known", action="store_true", help=f"record today's failure counts in {KNOWN.name} (never raises one)")
    args = parser.parse_args(argv)

    from claimlint.config import Config
    from claimlint.runner import Linter

    cases, errors = load_all()
    for _, message in errors:
        print(f"MALFORMED: {message}", file=sys.stderr)
    if args.suite:
        wanted = [s.lower() for s in args.suite]
        cases = [c for c in cases if any(w == c.file.stem.lower() or w in c.suite.lower() for w in wanted)]
        if not cases:
            print(f"no suite matches {', '.join(args.suite)}", file=sys.stderr)
            return 2
    started = time.perf_counter()
    linter = Linter(Config(preview=True))  # the suites cover the rules in preview too
    results = [run_case(linter, c) for c in cases]
    elapsed = time.perf_counter() - started

    rows = [["suite", "case", "expect", "n", "fail", "rate"]]
    for r in results:
        rows.append([r.case.file.stem, _show(r.case.name, 60), f"{r.case.expect} {r.case.category}", str(r.n), str(len(r.failures)), f"{r.rate:.0%}"])
    print(_table(rows, {3, 4, 5}))
    print("\nFailures" + ("" if args.verbose else " (one example per case; --verbose for up to 10 with reasons)") + ":")
    for r in results:
        if not r.failures:
            continue
        print(f"\n[{r.case.file.stem}] {r.case.name}: {len(r.failures)}/{r.n} ({r.rate:.0%}), expect {r.case.expect} {r.case.category}")
        for text, reason in r.failures[: 10 if args.verbose else 1]:
            print(f"    {_show(text, 0 if args.verbose else 140)}" + (f"\n        <- {reason}" if args.verbose else ""))

    print("\nBy suite:")
    rows = [["suite", "cases", "failing cases", "sentences", "failed", "rate"]]
    by_suite: dict[str, list[Result]] = {}
    for r in results:
        by_suite.setdefault(r.case.file.stem, []).append(r)
    for name, group in [*by_suite.items(), ("TOTAL", results)]:
        n = sum(r.n for r in group)
        failed = sum(len(r.failures) for r in group)
        rows.append([name, str(len(group)), str(sum(1 for r in group if r.failures)), str(n), str(failed), f"{failed / n:.0%}" if n else "-"])
    print(_table(rows, {1, 2, 3, 4, 5}))
    print(f"\n{len(by_suite)} suites, {len(results)} cases, {sum(r.n for r in results)} sentences in {elapsed:.1f}s"
          + (f"; {len(errors)} malformed case(s)" if errors else ""))
    known = known_failures()
    worse = [r for r in results if len(r.failures) > known.get(r.case.id, 0)]
    better = [r for r in results if len(r.failures) < known.get(r.case.id, 0)]
    print(f"against {KNOWN.name}: {len(worse)} case(s) worse, {len(better)} better")
    if args.update_known:
        if worse and KNOWN.exists():
            print("not updated: some cases are worse than recorded; fix them first", file=sys.stderr)
            return 1
        counts = {**known, **{r.case.id: len(r.failures) for r in results}}
        counts = {key: value for key, value in sorted(counts.items()) if value}
        header = ("# Failing sentences each behavioural case is known to have (written by\n"
                  "# tests/test_behaviour.py --update-known). A case may not fail more often than this.\n")
        KNOWN.write_text(header + yaml.safe_dump(counts, sort_keys=True, allow_unicode=True), encoding="utf-8")
        print(f"wrote {KNOWN}")
    return 2 if errors else (1 if any(r.failures for r in results) else 0)


if __name__ == "__main__":
    sys.exit(main())
