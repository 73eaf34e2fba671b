"""Files claimlint writes (reports, baselines) are written atomically: to a
temporary file beside the target, then renamed over it, so an interrupted run
never leaves a half-written file and a failed one leaves the previous file as
it was."""

from __future__ import annotations

import io
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator, TextIO


@contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """A text file to write ``path`` through: it replaces ``path`` only when
    the ``with`` block finishes without an exception. A report can be streamed
    into it rather than built whole in memory first."""
    with atomic_binary_writer(path) as raw:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            yield out
            out.flush()
        finally:
            out.detach()  # the binary writer flushes, syncs and closes the file


@contextmanager
def atomic_binary_writer(path: Path) -> Iterator[BinaryIO]:
    """:func:`atomic_writer` for bytes (a gzipped part of a crawl audit)."""
    import tempfile  # a run that writes no file does not pay for importing it

    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        # mkstemp creates the file readable by its owner only; a report or a
        # baseline is shared like any file the user writes.
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_atomically(path: Path, text: str) -> None:
    with atomic_writer(path) as out:
        out.write(text)


def _mode_for(path: Path) -> int:
    """The mode the file keeps (when it exists) or would get from a plain open()."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
