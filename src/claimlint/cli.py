"""The command line: one group joining the sub-commands of
:mod:`claimlint.commands`.

``main(argv) -> int`` never raises for a user's mistake: usage, configuration,
rule-file and baseline errors print one clear line and return 2.
"""

from __future__ import annotations

import os
from typing import Sequence

import click

from . import __version__
from .commands.audit import audit
from .commands.check import check
from .commands.common import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, FAIL_LEVELS, UserError
from .commands.rules import explain_rule, list_rules
from .commands.settings import init, show_config

__all__ = ["main", "cli", "UserError", "EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_ERROR", "FAIL_LEVELS"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="claimlint", message="%(prog)s %(version)s")
def cli() -> None:
    """claimlint: find health-marketing claims that regulators forbid and patients act on."""


for command in (check, audit, list_rules, explain_rule, show_config, init):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="claimlint", standalone_mode=False)
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
    except Exception as exc:  # noqa: BLE001 - the last resort: a bug is one line and exit 2, never a traceback
        if os.environ.get("CLAIMLINT_DEBUG"):
            import traceback

            traceback.print_exc()
        click.echo(f"claimlint: internal error: {type(exc).__name__}: {exc} (please report this; "
                   "set CLAIMLINT_DEBUG=1 to see where it happened)", err=True)
        return EXIT_ERROR
    return EXIT_CLEAN
