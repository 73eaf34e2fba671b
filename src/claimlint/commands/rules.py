"""``claimlint rules`` and ``claimlint rule CODE``: what the rules are and why."""

from __future__ import annotations

import textwrap

import click

from ..rulespec import unmarked
from .common import UserError, load_config, make_linter


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--isolated", is_flag=True)
def list_rules(output_format: str, config_path: str | None, isolated: bool) -> None:
    """List every rule: code, name, category, severity and summary."""
    linter = make_linter(load_config(config_path, isolated))
    enabled = {rule.spec.code for rule in linter.rules}
    if output_format == "json":
        import json

        data = [{"code": r.spec.code, "name": r.spec.name, "category": r.spec.category, "severity": r.spec.severity.label,
                 "kind": r.spec.kind, "summary": r.spec.summary, "enabled": r.spec.code in enabled,
                 "preview": r.spec.preview} for r in linter.all_rules]
        click.echo(json.dumps(data, indent=2))
        return
    for rule in sorted(linter.all_rules, key=lambda r: r.spec.code):
        spec = rule.spec
        mark = " " if spec.code in enabled else "-"
        preview = " (preview)" if spec.preview else ""
        click.echo(f"{mark}{spec.code}  {spec.name:30} {spec.category:17} {spec.severity.label:8} {spec.summary}{preview}")


@click.command("rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--isolated", is_flag=True)
def explain_rule(code: str, config_path: str | None, isolated: bool) -> None:
    """Explain one rule (by code or name): rationale, references and examples."""
    linter = make_linter(load_config(config_path, isolated))
    matches = [r for r in linter.all_rules if code.upper() == r.spec.code or code == r.spec.name]
    if not matches:
        raise UserError(f"unknown rule {code!r} (see 'claimlint rules')")
    spec = matches[0].spec
    lines = [
        f"{spec.code} {spec.name}",
        "",
        f"Category: {spec.category}    Default severity: {spec.severity.label}    Kind: {spec.kind}    Pack: {spec.pack}",
        *([f"Preview: runs with --preview (or 'preview: true'), or when selected by code ('--select {spec.code}')"]
          if spec.preview else []),
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
        lines += ["", "Flagged (the flagged words in «»)", *(f"  ✗ {example}" for example in spec.fires)]
    if spec.passes or spec.near:
        lines += ["", "Not flagged", *(f"  ✓ {unmarked(example)}" for example in (*spec.passes, *spec.near))]
    click.echo("\n".join(lines))


def _indent(text: str, width: int = 88) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, initial_indent="  ", subsequent_indent="  ")
