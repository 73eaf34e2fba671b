"""What the commands share: exit codes, the one way a user's mistake is
reported, and loading configuration and rules with their errors turned into
usage errors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

import click

if TYPE_CHECKING:
    from ..config import Config
    from ..runner import Linter

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_LEVELS = ("error", "warning", "info", "never")


class UserError(click.ClickException):
    """A usage, configuration, rule-file or baseline error: one line, exit 2."""

    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"claimlint: error: {self.format_message()}", err=True)


def split(values: Sequence[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` -> ``('a', 'b', 'c')``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def load_configs(paths: Sequence[str], config_path: str | None, isolated: bool,
                 stdin_filename: str | None = None) -> list[tuple[Config, list[str]]]:
    from ..config import ConfigError, configs_for_paths

    try:
        return configs_for_paths(paths, Path(config_path) if config_path else None, isolated=isolated, stdin_filename=stdin_filename)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def load_config(config_path: str | None, isolated: bool) -> Config:
    return load_configs([], config_path, isolated)[0][0]


def make_linter(config: Config, cache: Path | None = None, explain: bool = False, keep_suppressed: bool = False) -> Linter:
    from ..plugins import PluginError
    from ..rulespec import RuleError
    from ..runner import Linter

    try:
        return Linter(config, cache=cache, explain=explain, keep_suppressed=keep_suppressed)
    except (RuleError, PluginError) as exc:
        raise UserError(str(exc)) from None


def apply_overrides(config: Config, *, select: Sequence[str] = (), ignore: Sequence[str] = (), extend_select: Sequence[str] = (),
                    fail_on: str | None = None, exclude: Sequence[str] = (), include: Sequence[str] = (),
                    force_exclude: bool = False, max_file_size: int | None = None, preview: bool | None = None) -> Config:
    """Command-line values on top of a file's. ``--ignore`` adds to the
    configured ignores rather than replacing them."""
    extra_ignores = split(ignore)
    return config.with_overrides(
        select=split(select),
        ignore=config.ignore + extra_ignores if extra_ignores else (),
        extend_select=split(extend_select),
        fail_on=fail_on,
        exclude=tuple(exclude),
        include=tuple(include),
        force_exclude=True if force_exclude else None,
        max_file_size=max_file_size,
        preview=preview,
    )


def parse_size_option(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """Click callback for ``--max-file-size 5MB``."""
    from ..config import parse_size

    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options that shape a configuration, shared by ``check`` and ``config``."""
    options = [
        click.option("--select", multiple=True, help="Rules to run: codes, code prefixes, names or categories (comma-separated)."),
        click.option("--ignore", multiple=True, help="Rules to skip: codes, code prefixes, names or categories."),
        click.option("--extend-select", multiple=True, help="Rules to add to the configured selection."),
        click.option("--fail-on", type=click.Choice(FAIL_LEVELS), help="Lowest severity that makes the exit code 1 [default: warning]."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--exclude", multiple=True, help="Glob of paths to skip when walking folders (replaces the configured ones)."),
        click.option("--include", multiple=True, help="Glob of paths to check when walking folders (replaces the extension filter)."),
        click.option("--force-exclude", is_flag=True, help="Apply the exclude globs to files named on the command line too (for pre-commit)."),
        click.option("--preview/--no-preview", default=None, help="Run the rules marked preview (new rules whose figures do not hold yet)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command
