"""``claimlint config`` shows the configuration a check would use and where
each value came from; ``claimlint init`` writes a commented starter one."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from .common import UserError, apply_overrides, load_configs, make_linter, selection_options

STARTER_YAML = """\
# claimlint configuration. Every key is optional; the values below are the defaults.
# 'claimlint config' shows what a check will use and where each value came from.

# Rules to run and to skip: codes (CL101), code prefixes (CL1), rule names
# (cure-claim) or categories (overstatement). 'claimlint rules' lists them.
select: [ALL]
ignore: []
extend-select: []

# Rules to skip in some files: glob (relative to this file) -> rules.
per-file-ignores: {}
#   "press-releases/**": [uncited-evidence]
#   "legal/*.md": [CL1, solicitation]

# Severity overrides: rule (code, prefix, name or category) -> error, warning or info.
severity: {}
#   hype-word: info

# The lowest severity that fails the check (exit code 1): error, warning, info or never.
fail-on: warning

# Which files folders are walked for. Globs are relative to this file;
# .gitignore files are honoured unless respect-gitignore is false.
include: []
exclude: []
#   - "drafts/**"
#   - "vendor/**"
respect-gitignore: true
# Apply 'exclude' to files named on the command line too (pre-commit names every changed file).
force-exclude: false
# Run the rules marked preview: new rules whose figures do not hold yet ('claimlint rules' marks them).
preview: false
max-file-size: 10485760

# More file extensions to read: extension -> text, markdown or html.
extensions: {}
#   .mdwn: markdown

# Front-matter keys whose values are read as prose, besides title, description and summary.
front-matter-keys: []

# Extra folders of YAML rule packs (relative to this file), and plugin modules.
rules: []
plugins: []
"""

STARTER_TOML = """\
[tool.claimlint]
# Every key is optional; the values below are the defaults.
# 'claimlint config' shows what a check will use and where each value came from.
# Rules: codes (CL101), code prefixes (CL1), rule names (cure-claim) or categories (overstatement).
select = ["ALL"]
ignore = []
extend-select = []
# Rules to skip in some files: glob (relative to this file) -> rules,
# e.g. { "press-releases/**" = ["uncited-evidence"] }
per-file-ignores = {}
# Severity overrides, e.g. { hype-word = "info" }
severity = {}
# The lowest severity that fails the check: error, warning, info or never.
fail-on = "warning"
# Globs relative to this file, e.g. exclude = ["drafts/**"]
include = []
exclude = []
respect-gitignore = true
# Apply 'exclude' to files named on the command line too (pre-commit).
force-exclude = false
# Run the rules marked preview (new rules whose figures do not hold yet).
preview = false
front-matter-keys = []
# Extra folders of YAML rule packs (relative to this file), and plugin modules.
rules = []
plugins = []
"""


@click.command("config")
@click.argument("paths", nargs=-1, type=str)
@selection_options
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
def show_config(paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...],
                fail_on: str | None, config_path: str | None, isolated: bool, exclude: tuple[str, ...],
                include: tuple[str, ...], force_exclude: bool, preview: bool | None, output_format: str) -> None:
    """Show the configuration that checking PATHS (default: .) would use, and where each value came from."""
    from ..config import KEYS, key_values

    described: list[dict[str, Any]] = []
    for loaded, members in load_configs(paths or (os.curdir,), config_path, isolated):
        config = apply_overrides(loaded, select=select, ignore=ignore, extend_select=extend_select, fail_on=fail_on,
                                 exclude=exclude, include=include, force_exclude=force_exclude, preview=preview)
        linter = make_linter(config)
        values = key_values(config)
        enabled = sorted(rule.spec.code for rule in linter.rules)
        described.append({
            "paths": members,
            "file": str(config.path) if config.path else None,
            "root": str(config.root),
            "values": {key: {"value": values[key], "origin": config.origins.get(key, "default")} for key in KEYS},
            "rules_enabled": enabled,
            "rules_not_enabled": sorted(rule.spec.code for rule in linter.all_rules if rule.spec.code not in enabled),
        })
    if output_format == "json":
        click.echo(json.dumps(described, indent=2))
        return
    for number, group in enumerate(described):
        if number:
            click.echo()
        click.echo(f"# paths: {' '.join(group['paths'])}")
        click.echo(f"# configuration file: {group['file'] or 'none found (defaults)'}")
        click.echo(f"# globs relative to: {group['root']}")
        width = max(len(f"{key} = {json.dumps(item['value'])}") for key, item in group["values"].items())
        for key, item in group["values"].items():
            setting = f"{key} = {json.dumps(item['value'])}"
            click.echo(f"{setting:{width}}  # {item['origin']}")
        total = len(group["rules_enabled"]) + len(group["rules_not_enabled"])
        click.echo(f"# rules enabled: {len(group['rules_enabled'])} of {total}"
                   + (f"; not enabled: {', '.join(group['rules_not_enabled'])}" if group["rules_not_enabled"] else ""))


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False), default=os.curdir)
@click.option("--force", is_flag=True, help="Overwrite an existing .claimlint.yaml.")
@click.option("--pyproject", is_flag=True, help="Append a [tool.claimlint] table to pyproject.toml instead.")
def init(directory: str, force: bool, pyproject: bool) -> None:
    """Write a commented starter configuration (.claimlint.yaml) in DIRECTORY (default: .)."""
    from ..files import write_atomically

    folder = Path(directory)
    if not folder.is_dir():
        raise UserError(f"{directory}: no such directory")
    if pyproject:
        target = folder / "pyproject.toml"
        existing = target.read_text(encoding="utf-8") if target.is_file() else ""
        if any(line.strip() == "[tool.claimlint]" for line in existing.splitlines()):
            raise UserError(f"{target} already has a [tool.claimlint] table; edit it there ('claimlint config' shows it)")
        separator = "" if not existing else ("\n" if existing.endswith("\n") else "\n\n")
        text = existing + separator + STARTER_TOML
    else:
        target = folder / ".claimlint.yaml"
        if target.exists() and not force:
            raise UserError(f"{target} already exists (use --force to overwrite it)")
        text = STARTER_YAML
    try:
        write_atomically(target, text)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    click.echo(f"claimlint: wrote {'a [tool.claimlint] table to ' if pyproject else ''}{target}")
