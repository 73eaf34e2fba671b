"""``claimlint audit``: lint the HTML pages of web crawls (WARC files) and sum
the findings up per site (see :mod:`claimlint.audit`)."""

from __future__ import annotations

from pathlib import Path

import click

from .common import UserError, apply_overrides, load_config

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@click.command()
@click.argument("warc_files", nargs=-1, type=str)
@click.option("--out", "-o", "out", default="claimlint-audit", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the results: sites.jsonl, sites.csv, pages.csv, summary.txt and the per-WARC parts.")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="WARC files checked in parallel [default: all cores]; with --cluster local, the workers started [default: 2].")
@click.option("--cluster", "scheduler", metavar="local|ADDRESS",
              help="Run on a Dask cluster: 'local' starts one on this machine, an address (tcp://host:8786) uses a running "
                   "one whose workers see the WARC files at the same paths. Needs pip install 'claimlint[cluster]'.")
@click.option("--restart", is_flag=True, help="Check every WARC file again, even those an earlier run finished.")
@click.option("--select", multiple=True, help="Rules to run: codes, code prefixes, names or categories (comma-separated).")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, code prefixes, names or categories.")
@click.option("--preview/--no-preview", default=None, help="Run the rules marked preview.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of compiled prefilters and parsed rule packs.")
def audit(warc_files: tuple[str, ...], out: str, jobs: int | None, scheduler: str | None, restart: bool, select: tuple[str, ...],
          ignore: tuple[str, ...], preview: bool | None, config_path: str | None, isolated: bool, no_cache: bool) -> None:
    """Audit web crawls: check every HTML response in WARC_FILES (WARC or
    WARC.gz files, or folders of them) and sum the findings up per site.
    An interrupted audit run again with the same --out resumes: WARC files
    already finished are not checked again. Opens no network connection."""
    try:
        import tldextract  # noqa: F401
        import warcio  # noqa: F401
    except ImportError:
        raise UserError("claimlint audit needs the audit extra: pip install 'claimlint[audit]'") from None
    from ..audit.run import audit as run_audit
    from ..cachefiles import cache_dir

    warcs = _warc_files(warc_files)
    config = apply_overrides(load_config(config_path, isolated), select=select, ignore=ignore, preview=preview)
    if scheduler:
        try:
            from ..audit.cluster import audit_on_cluster
            result = audit_on_cluster(warcs, Path(out), config, scheduler, workers=jobs, resume=not restart)
        except ImportError as exc:
            raise UserError(str(exc)) from None
    else:
        result = run_audit(warcs, Path(out), config, jobs=jobs, resume=not restart, cache=None if no_cache else cache_dir())
    click.echo(result.summary, nl=False)
    click.echo(f"\nwrote {', '.join(result.written)} in {out}", err=True)


def _warc_files(arguments: tuple[str, ...]) -> list[Path]:
    if not arguments:
        raise UserError("no WARC files given (try 'claimlint audit crawl.warc.gz')")
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(WARC_SUFFIXES)))
        elif path.is_file():
            found.append(path)
        else:
            raise UserError(f"{argument}: no such file or directory")
    if not found:
        raise UserError(f"no WARC files found in {', '.join(arguments)} (claimlint audit reads {', '.join(WARC_SUFFIXES)})")
    return list(dict.fromkeys(found))
