from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

from claimlint.config import Config
from claimlint.runner import Linter

# Compiled prefilters go to a cache folder of the test session, never the
# user's; subprocesses inherit it. Removed when the session ends (a database
# is a few megabytes).
_CACHE = tempfile.mkdtemp(prefix="claimlint-test-cache-")
os.environ["CLAIMLINT_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="session")
def explaining() -> Linter:
    """A linter that keeps the matches its pipeline drops (``--explain``)."""
    return Linter(explain=True)


@pytest.fixture(scope="session")
def every_rule() -> Linter:
    """A linter with the preview rules on too (rule examples cover every rule)."""
    return Linter(Config(preview=True))


@pytest.fixture(scope="session")
def explaining_every_rule() -> Linter:
    return Linter(Config(preview=True), explain=True)
