"""Where each pattern may match, from one Hyperscan pass over the document.

Every watched pattern is rewritten as a looser pattern over folded text
(:mod:`claimlint.prefilter.superset`), and one Hyperscan database holds them
all. Scanning a document reports every offset at which a rewritten pattern's
match ends; a real match ends at one of them, so the sentence holding that
offset is a candidate. On the benchmark corpus this leaves about 4,000
candidate sentences where literal anchors leave 120,000.

Compiling the database takes a second or two, so it is done only for runs that
gain from it (see :func:`claimlint.prefilter.build_index`) and kept in a cache
folder, keyed by everything that goes into it.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

from . import superset as rewriting
from .superset import Unsupported, fold, superset

try:  # an optional accelerator: wheels exist for the common platforms only
    import hyperscan
except ImportError:  # pragma: no cover - depends on the platform
    hyperscan = None

_FLAGS = 1 | 128  # HS_FLAG_CASELESS | HS_FLAG_PREFILTER
_FORMAT = "claimlint-hyperscan-1"


def available() -> bool:
    return hyperscan is not None


class HyperscanIndex:
    """Candidate sentences per pattern, for the patterns Hyperscan can take.

    ``covered[i]`` says whether pattern ``i`` is in the database; the caller
    asks another index about the others."""

    def __init__(self, sources: Sequence[str], database: Any, covered: list[bool]) -> None:
        self.sources = list(sources)
        self.covered = covered
        self._database = database

    @classmethod
    def load(cls, sources: Sequence[str], cache: Path | None) -> HyperscanIndex | None:
        """The index for ``sources`` from the cache, if one was stored."""
        stored = _load(cache, _cache_key(sources))
        return cls(sources, *stored) if stored is not None else None

    @classmethod
    def build(cls, sources: Sequence[str], cache: Path | None) -> HyperscanIndex:
        """Load the index from the cache, or compile it (a second or two) and store it."""
        loaded = cls.load(sources, cache)
        if loaded is not None:
            return loaded
        rewritten: list[str | None] = []
        for source in sources:
            try:
                rewritten.append(superset(source))
            except Unsupported:
                rewritten.append(None)
        database = _compile(rewritten)
        covered = [item is not None for item in rewritten]
        _store(cache, _cache_key(sources), database, covered)
        return cls(sources, database, covered)

    def __getstate__(self) -> tuple[list[str], bytes | None, list[bool]]:
        # Worker processes get the compiled database, not the job of compiling it.
        serialized = hyperscan.dumpb(self._database) if self._database is not None else None
        return self.sources, serialized, self.covered

    def __setstate__(self, state: tuple[list[str], bytes | None, list[bool]]) -> None:
        self.sources, serialized, self.covered = state
        self._database = _deserialize(serialized) if serialized is not None else None

    def candidates(self, prose: str, starts: list[int]) -> list[list[int]]:
        """For each pattern, the sorted indexes of the sentences (by their
        ``starts``) in which one of its matches may end; empty lists for
        patterns not covered."""
        found: list[set[int]] = [set() for _ in self.sources]
        if self._database is None or not prose:
            return [[] for _ in self.sources]
        ends: list[tuple[int, int]] = []
        record = ends.append
        self._database.scan(fold(prose), match_event_handler=lambda pattern, _start, end, _flags, _context: record((pattern, end)))
        last_end = -1
        last_sentence = -1
        for pattern, end in ends:
            if end != last_end:
                last_end = end
                last_sentence = bisect.bisect_right(starts, end - 1) - 1
            if last_sentence >= 0:
                found[pattern].add(last_sentence)
        return [sorted(sentences) for sentences in found]


def _compile(rewritten: list[str | None]) -> Any:
    expressions = [(index, text) for index, text in enumerate(rewritten) if text is not None]
    if not expressions:
        return None
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        database.compile(expressions=[text.encode("ascii") for _, text in expressions],
                         ids=[index for index, _ in expressions], elements=len(expressions),
                         flags=[_FLAGS] * len(expressions))
    except hyperscan.error:
        # One rewritten pattern Hyperscan rejects (a pattern that can match
        # the empty string, say) would sink the rest: compile them one by one
        # and leave out the rejected ones.
        accepted = []
        for index, text in expressions:
            try:
                hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK).compile(expressions=[text.encode("ascii")], ids=[index], elements=1, flags=[_FLAGS])
            except hyperscan.error:
                rewritten[index] = None
                continue
            accepted.append((index, text))
        return _compile(rewritten) if accepted else None
    return database


def _deserialize(serialized: bytes) -> Any:
    database = hyperscan.loadb(serialized, hyperscan.HS_MODE_BLOCK)
    # A loaded database comes without the scratch space a scan needs.
    database.scratch = hyperscan.Scratch(database)
    return database


def _cache_key(sources: Sequence[str]) -> str:
    digest = hashlib.sha256()
    # The rewriting module's own text is part of the key, so that a changed
    # rewriting never meets a database compiled by the old one.
    digest.update(Path(rewriting.__file__).read_bytes())
    for part in (_FORMAT, getattr(hyperscan, "__version__", ""), sys.platform, str(_FLAGS), *sources):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:32]


def _cache_file(cache: Path, key: str) -> Path:
    return cache / f"hyperscan-{key}.db"


def _load(cache: Path | None, key: str) -> tuple[Any, list[bool]] | None:
    if cache is None:
        return None
    try:
        data = _cache_file(cache, key).read_bytes()
        header, _, serialized = data.partition(b"\n")
        if not header.startswith(_FORMAT.encode() + b" "):
            return None
        covered = [flag == ord("1") for flag in header.split(b" ", 1)[1]]
        return (_deserialize(serialized) if serialized else None), covered
    except (OSError, hyperscan.error, IndexError):
        # Missing, unreadable, or built for another CPU or library version.
        return None


def _store(cache: Path | None, key: str, database: Any, covered: list[bool]) -> None:
    if cache is None:
        return
    header = f"{_FORMAT} {''.join('1' if flag else '0' for flag in covered)}\n".encode()
    temporary: str | None = None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=cache, prefix=".hyperscan-")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(header + (hyperscan.dumpb(database) if database is not None else b""))
        os.replace(temporary, _cache_file(cache, key))
    except OSError:
        # A cache that cannot be written only costs time next run.
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
