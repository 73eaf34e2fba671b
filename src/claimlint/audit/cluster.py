"""The audit on a Dask cluster: one task per WARC file, run where a worker is
free; each task returns its part (the pages' records, gzipped) and this
process writes it, exactly as the single-machine audit does, so the results
are the same byte for byte. ``local`` starts a cluster on this machine; an
address (``tcp://scheduler:8786``) uses a running one, whose workers must see
the WARC files at the same paths (a shared or copied folder).

Needs the ``cluster`` extra (``pip install 'claimlint[cluster]'``). A worker
holds one WARC file's results at a time, so memory is bounded by the largest
WARC file's findings, not by the crawl."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any, Sequence

from ..config import Config
from .outputs import part_path, write_part_bytes
from .pages import check_warc
from .run import AuditResult, summarise

_LINTERS: dict[bytes, Any] = {}


def audit_on_cluster(warcs: Sequence[Path], out: Path, config: Config, scheduler: str, *, workers: int | None = None,
                     resume: bool = True) -> AuditResult:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ImportError("the cluster audit needs the cluster extra: pip install 'claimlint[cluster]'") from None
    out.mkdir(parents=True, exist_ok=True)
    parts = {warc: part_path(out, warc) for warc in warcs}
    todo = [warc for warc in warcs if not (resume and parts[warc].exists())]
    cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=None) \
        if scheduler == "local" else None
    try:
        with Client(cluster if cluster is not None else scheduler) as client:
            futures = {client.submit(_check_remote, str(warc.resolve()), config, pure=False): warc for warc in todo}
            for future in as_completed(futures):
                write_part_bytes(parts[futures[future]], future.result())
                future.release()
    finally:
        if cluster is not None:
            cluster.close()
    return summarise(out, [parts[warc] for warc in warcs], resumed=len(warcs) - len(todo))


def _check_remote(warc: str, config: Config) -> bytes:
    """On a worker: one WARC file's part, gzipped. The worker keeps its linter
    (rules compiled once) for the tasks that follow."""
    import pickle

    from ..cachefiles import cache_dir
    from ..runner import Linter

    key = pickle.dumps(config)
    linter = _LINTERS.get(key)
    if linter is None:
        # The worker machine's own cache: its prefilter is compiled once, ever.
        linter = _LINTERS[key] = Linter(config, cache=cache_dir())
        linter.prepare(Path(warc).stat().st_size, cache_dir())
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:
        for record in check_warc(linter, Path(warc)):
            handle.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    return buffer.getvalue()
