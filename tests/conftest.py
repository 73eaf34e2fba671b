from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

from claimlint.config import Config
from claimlint.runner import Linter

# Compiled prefilters go to a cache folder of the test session, never the
# user's; subprocesses inherit it. The process that loads this file first (the
# only one, or pytest-xdist's controller, which loads it before it starts its
# workers) makes the folder and removes it when the session ends (a database is
# a few megabytes); workers inherit its name, so a database compiled by one is
# loaded by the others. Cache entries are written atomically.
if "CLAIMLINT_TEST_CACHE" not in os.environ:
    os.environ["CLAIMLINT_TEST_CACHE"] = tempfile.mkdtemp(prefix="claimlint-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CLAIMLINT_TEST_CACHE"], ignore_errors=True)
os.environ["CLAIMLINT_CACHE_DIR"] = os.environ["CLAIMLINT_TEST_CACHE"]


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
