"""claimlint's cache folder: things that are slow to build and the same from
one run to the next (the compiled prefilter, the parsed rule packs).

Each entry is one file whose name is a checksum of its key material; the file
starts with the whole key material, which is compared on reading, so an entry
is only ever used for exactly what it was built from. Entries are written
atomically, and only the most recently used few of each kind are kept. A
cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path


def cache_dir() -> Path | None:
    """Where claimlint keeps its cache: ``$CLAIMLINT_CACHE_DIR`` (empty to keep
    none), else the platform's user cache folder."""
    configured = os.environ.get("CLAIMLINT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "claimlint" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "claimlint"


def writable(cache: Path | None, room: int = 64_000_000) -> bool:
    """Can entries be stored in ``cache`` (created if need be), with ``room``
    bytes to spare? Something slow is only built ahead of need when it will be
    kept: a cache that silently fails every write would have it built again on
    every run. A file is written and removed to find out (access checks are
    wrong on some network shares)."""
    if cache is None:
        return False
    import shutil
    import tempfile

    try:
        cache.mkdir(parents=True, exist_ok=True)
        if shutil.disk_usage(cache).free < room:
            return False
        descriptor, probe = tempfile.mkstemp(dir=cache, prefix=".probe-")
        try:
            os.write(descriptor, b"claimlint")
        finally:
            os.close(descriptor)
            os.unlink(probe)
    except OSError:
        return False
    return True


def entry_path(cache: Path, kind: str, material: bytes, suffix: str) -> Path:
    return cache / f"{kind}-{zlib.crc32(material):08x}{zlib.adler32(material):08x}{suffix}"


def read_entry(cache: Path | None, kind: str, material: bytes, suffix: str) -> bytes | None:
    """The payload stored for ``material``, or None if there is none (or the
    file is damaged, or was stored for other material under the same name)."""
    if cache is None:
        return None
    path = entry_path(cache, kind, material, suffix)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    length, newline, rest = data.partition(b"\n")
    if not newline or not length.isdigit() or len(length) > 12 or rest[: int(length)] != material:
        return None
    try:
        os.utime(path)  # recently used: kept when the cache is pruned
    except OSError:
        pass  # a read-only cache is still a cache
    return rest[int(length) :]


def write_entry(cache: Path | None, kind: str, material: bytes, suffix: str, payload: bytes, keep: int) -> None:
    """Store ``payload`` for ``material`` atomically; keep the ``keep`` most
    recently used entries of this kind."""
    if cache is None:
        return
    import tempfile  # only when something was built

    temporary: str | None = None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=cache, prefix=f".{kind}-")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(f"{len(material)}\n".encode() + material + payload)
        os.replace(temporary, entry_path(cache, kind, material, suffix))
        temporary = None
        _prune(cache, kind, suffix, keep)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(cache: Path, kind: str, suffix: str, keep: int) -> None:
    entries = []
    for path in cache.glob(f"{kind}-*{suffix}"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue  # pruned by another run at the same moment
    entries.sort(reverse=True)
    for _, stale in entries[keep:]:
        stale.unlink(missing_ok=True)
