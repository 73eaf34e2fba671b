"""The command line: thin commands over the runner and the reporters.

``main(argv) -> int`` never raises for a user's mistake: usage, configuration
and rule-file errors print one clear line and return 2.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Sequence

import click

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_LEVELS = ("error", "warning", "info", "never")
OUTPUT_FORMATS = ("text", "concise", "json")


class UserError(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"claimlint: error: {self.format_message()}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="claimlint", message="%(prog)s %(version)s")
def cli() -> None:
    """claimlint: find health-marketing claims that regulators forbid and patients act on."""


def _config(config_path: str | None, isolated: bool, start: Path | None = None):  # type: ignore[no-untyped-def]
    from .config import ConfigError, load_config

    try:
        return load_config(Path(config_path) if config_path else None, isolated=isolated, start=start)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def _linter(config):  # type: ignore[no-untyped-def]
    from .plugins import PluginError
    from .rulespec import RuleError
    from .runner import Linter

    try:
        return Linter(config)
    except (RuleError, PluginError) as exc:
        raise UserError(str(exc)) from None


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@cli.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of standard output.")
@click.option("--select", multiple=True, help="Rules to run: codes, code prefixes, names or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, code prefixes, names or categories.")
@click.option("--extend-select", multiple=True, help="Rules to add to the configured selection.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--exclude", multiple=True, help="Glob of paths to skip when walking folders.")
@click.option("--include", multiple=True, help="Glob of paths to check when walking folders (replaces the extension filter).")
@click.option("--format-hint", type=click.Choice(("text", "markdown", "html")), help="Read every file (and standard input) as this format.")
@click.option("--stdin-filename", help="Name to report for standard input ('-'); its extension picks the format.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Files checked in parallel [default: all cores].")
@click.option("--statistics", is_flag=True, help="Count findings per rule (text output).")
@click.option("--color/--no-color", default=None, help="Force colour on or off [default: on for terminals].")
def check(paths: tuple[str, ...], output_format: str, output: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], fail_on: str | None, exit_zero: bool, config_path: str | None, isolated: bool,
          exclude: tuple[str, ...], include: tuple[str, ...], format_hint: str | None, stdin_filename: str | None,
          jobs: int | None, statistics: bool, color: bool | None) -> None:
    """Check files and folders (or '-' for standard input) for health-marketing claims."""
    from .model import Severity
    from .reporters import get_reporter
    from .runner import Report, run

    if not paths:
        raise UserError("no paths given (try 'claimlint check .' or 'claimlint check -' for standard input)")
    loaded = _config(config_path, isolated)
    # --ignore adds to the configured ignores rather than replacing them.
    extra_ignores = _split(ignore)
    config = loaded.with_overrides(
        select=_split(select), ignore=loaded.ignore + extra_ignores if extra_ignores else (), extend_select=_split(extend_select),
        fail_on=fail_on, exclude=tuple(exclude), include=tuple(include),
    )
    linter = _linter(config)
    file_paths = [p for p in paths if p != "-"]
    report, missing = run(file_paths, config, jobs=jobs, format_hint=format_hint, linter=linter) if file_paths else (Report((), (), (), 0, tuple(linter.rules)), [])
    sources: dict[str, str] = {}
    if "-" in paths:
        report, sources = _check_stdin(linter, report, stdin_filename, format_hint)
    for path in missing:
        click.echo(f"claimlint: error: {path}: no such file or directory", err=True)
    if report.files_checked == 0 and not missing and not report.errors:
        click.echo("claimlint: error: no files to check (claimlint reads .md, .markdown, .html, .htm and .txt)", err=True)
        sys.exit(EXIT_ERROR)
    buffer = io.StringIO()
    use_color = (color if color is not None else (output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ))
    get_reporter(output_format)(report, buffer, color=use_color, statistics=statistics, sources=sources)
    _emit(buffer.getvalue(), output)
    threshold = None if config.fail_on == "never" else Severity.parse(config.fail_on)
    failing = threshold is not None and any(f.severity >= threshold for f in report.findings)
    if missing or report.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _check_stdin(linter, report, stdin_filename: str | None, format_hint: str | None):  # type: ignore[no-untyped-def]
    from .decoding import BinaryFile, decode
    from .model import FileError
    from .readers import format_for
    from .runner import Report

    name = stdin_filename or "<stdin>"
    fmt = format_hint or format_for(name) or "text"
    try:
        text = decode(sys.stdin.buffer.read()).text
    except BinaryFile as exc:
        errors = report.errors + (FileError(name, str(exc)),)
        return Report(report.findings, errors, report.notes, report.files_checked, report.rules), {}
    findings = linter.check_text(text, fmt, name)
    return Report(report.findings + tuple(findings), report.errors, report.notes, report.files_checked + 1, report.rules), {name: text}


def _emit(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .files import write_atomically

    try:
        write_atomically(Path(output), text)
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--isolated", is_flag=True)
def list_rules(output_format: str, config_path: str | None, isolated: bool) -> None:
    """List every rule: code, name, category, severity and summary."""
    linter = _linter(_config(config_path, isolated))
    enabled = {rule.spec.code for rule in linter.rules}
    if output_format == "json":
        import json

        data = [{"code": r.spec.code, "name": r.spec.name, "category": r.spec.category, "severity": r.spec.severity.label,
                 "kind": r.spec.kind, "summary": r.spec.summary, "enabled": r.spec.code in enabled} for r in linter.all_rules]
        click.echo(json.dumps(data, indent=2))
        return
    for rule in sorted(linter.all_rules, key=lambda r: r.spec.code):
        spec = rule.spec
        mark = " " if spec.code in enabled else "-"
        click.echo(f"{mark}{spec.code}  {spec.name:30} {spec.category:17} {spec.severity.label:8} {spec.summary}")


@cli.command("rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--isolated", is_flag=True)
def explain_rule(code: str, config_path: str | None, isolated: bool) -> None:
    """Explain one rule (by code or name): rationale, references and examples."""
    linter = _linter(_config(config_path, isolated))
    matches = [r for r in linter.all_rules if code.upper() == r.spec.code or code == r.spec.name]
    if not matches:
        raise UserError(f"unknown rule {code!r} (see 'claimlint rules')")
    spec = matches[0].spec
    lines = [
        f"{spec.code} {spec.name}",
        "",
        f"Category: {spec.category}    Default severity: {spec.severity.label}    Kind: {spec.kind}    Pack: {spec.pack}",
        "",
        spec.summary,
        "",
        "Why it matters",
        *_indent(spec.rationale),
    ]
    if spec.references:
        lines += ["", "Regulatory basis", *(f"  - {ref}" for ref in spec.references)]
    if spec.suggestion:
        lines += ["", "What to write instead", *_indent(spec.suggestion)]
    if spec.fires:
        lines += ["", "Flagged", *(f"  ✗ {example}" for example in spec.fires)]
    if spec.passes:
        lines += ["", "Not flagged", *(f"  ✓ {example}" for example in spec.passes)]
    click.echo("\n".join(lines))


def _indent(text: str, width: int = 88) -> list[str]:
    import textwrap

    return textwrap.wrap(" ".join(text.split()), width=width, initial_indent="  ", subsequent_indent="  ")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="claimlint", standalone_mode=False)
    except UserError as exc:
        exc.show()
        return EXIT_ERROR
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_ERROR
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    except BrokenPipeError:
        return EXIT_CLEAN
    return EXIT_CLEAN
