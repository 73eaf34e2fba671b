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
import sys
from pathlib import Path
from typing import Any, Sequence

from .. import cachefiles
from . import superset as rewriting
from . import branches as splitting
from .branches import branches
from .superset import Unsupported, fold

try:  # an optional accelerator: wheels exist for the common platforms only
    import hyperscan
except ImportError:  # pragma: no cover - depends on the platform
    hyperscan = None

_FLAGS = 1 | 128  # HS_FLAG_CASELESS | HS_FLAG_PREFILTER
_FORMAT = "claimlint-hyperscan-3"


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
        stored = _load(cache, _key_material(sources))
        if stored is None or len(stored[1]) != len(sources):
            return None
        return cls(sources, *stored)

    @classmethod
    def build(cls, sources: Sequence[str], cache: Path | None) -> HyperscanIndex:
        """Load the index from the cache, or compile it (a second or two) and store it."""
        loaded = cls.load(sources, cache)
        if loaded is not None:
            return loaded
        rewritten: list[list[str] | None] = []
        for source in sources:
            try:
                rewritten.append(branches(source))
            except Unsupported:
                rewritten.append(None)
        database = _compile(rewritten)
        covered = [item is not None for item in rewritten]
        _store(cache, _key_material(sources), database, covered)
        return cls(sources, database, covered)

    def __getstate__(self) -> tuple[list[str], bytes | None, list[bool]]:
        # Worker processes get the compiled database, not the job of compiling it.
        serialized = hyperscan.dumpb(self._database) if self._database is not None else None
        return self.sources, serialized, self.covered

    def __setstate__(self, state: tuple[list[str], bytes | None, list[bool]]) -> None:
        self.sources, serialized, self.covered = state
        self._database = _deserialize(serialized) if serialized is not None else None

    def candidates(self, prose: str, starts: list[int]) -> list[Sequence[int]]:
        """For each pattern, the sorted indexes of the sentences (by their
        ``starts``) in which one of its matches may end; empty for patterns
        not covered or not found."""
        nothing: Sequence[int] = ()
        if self._database is None or not prose:
            return [nothing] * len(self.sources)
        # Most patterns find nothing in a page: sets are made only for those
        # that do (one set per pattern per page cost a tenth of a run).
        found: dict[int, set[int]] = {}
        # Each match is placed in its sentence as it is reported: a list of every
        # match first held millions of tuples on a 25 MB page. Matches arrive in
        # order of their ends, so the sentence of the last end is remembered.
        last = [-1, -1]  # the last end, and the sentence it lies in

        def place(pattern: int, _start: int, end: int, _flags: int, _context: object) -> None:
            if end != last[0]:
                last[0] = end
                last[1] = bisect.bisect_right(starts, end - 1) - 1
            if last[1] >= 0:
                sentences = found.get(pattern)
                if sentences is None:
                    sentences = found[pattern] = set()
                sentences.add(last[1])

        self._database.scan(fold(prose), match_event_handler=place)
        result = [nothing] * len(self.sources)
        for pattern, sentences in found.items():
            result[pattern] = sorted(sentences)
        return result


def _compile(rewritten: list[list[str] | None]) -> Any:
    # Each branch of a pattern is an expression of its own, reporting the
    # pattern's number (one expression per rule was too large for Hyperscan).
    expressions = [(index, text) for index, texts in enumerate(rewritten) if texts is not None for text in texts]
    if not expressions:
        return None
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        database.compile(expressions=[text.encode("ascii") for _, text in expressions],
                         ids=[index for index, _ in expressions], elements=len(expressions),
                         flags=[_FLAGS] * len(expressions))
    except hyperscan.error:
        # One rewritten pattern Hyperscan rejects (a pattern that can match
        # the empty string, say) would sink the rest: compile each pattern on
        # its own and leave out the rejected ones, which are then searched
        # without the index.
        accepted = False
        for index, texts in enumerate(rewritten):
            if texts is None:
                continue
            try:
                hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK).compile(
                    expressions=[text.encode("ascii") for text in texts], ids=[index] * len(texts), elements=len(texts),
                    flags=[_FLAGS] * len(texts))
            except hyperscan.error:
                rewritten[index] = None
                continue
            accepted = True
        return _compile(rewritten) if accepted else None
    return database


def _deserialize(serialized: bytes) -> Any:
    database = hyperscan.loadb(serialized, hyperscan.HS_MODE_BLOCK)
    # A loaded database comes without the scratch space a scan needs.
    database.scratch = hyperscan.Scratch(database)
    return database


def _key_material(sources: Sequence[str]) -> bytes:
    """Everything a compiled database depends on. It is stored in the cache
    file and compared on loading, so that a database is only ever used for the
    exact patterns, rewriting code and library it was compiled from."""
    parts = [_FORMAT, getattr(hyperscan, "__version__", ""), sys.platform, str(_FLAGS), *sources]
    code = b"".join(Path(str(module.__file__)).read_bytes() for module in (rewriting, splitting))
    return code + b"\0".join(part.encode("utf-8", "surrogatepass") for part in parts)


def _load(cache: Path | None, material: bytes) -> tuple[Any, list[bool]] | None:
    payload = cachefiles.read_entry(cache, "hyperscan", material, ".db")
    if payload is None:
        return None
    covered_flags, _, serialized = payload.partition(b"\n")
    if not serialized and b"1" in covered_flags:
        return None  # cut short: patterns marked covered with no database would never be candidates
    try:
        database = _deserialize(serialized) if serialized else None
    except hyperscan.error:
        return None  # built for another CPU or library version
    return database, [flag == ord("1") for flag in covered_flags.strip(b"-")]


# Each set of rules (a changed rule pack, another project's selection or
# configuration group) gets a database of its own, about 3 MB each; only the
# most recently used stay. Enough that a monorepo's groups, run in turn, do not
# push each other out and recompile on every run.
KEEP_DATABASES = 16


def _store(cache: Path | None, material: bytes, database: Any, covered: list[bool]) -> None:
    flags = "".join("1" if flag else "0" for flag in covered) or "-"
    serialized = hyperscan.dumpb(database) if database is not None else b""
    cachefiles.write_entry(cache, "hyperscan", material, ".db", flags.encode() + b"\n" + serialized, KEEP_DATABASES)
