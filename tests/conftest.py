from __future__ import annotations

import os
import tempfile

import pytest

from claimlint.runner import Linter

# Compiled prefilters go to a cache folder of the test session, never the
# user's; subprocesses inherit it.
os.environ["CLAIMLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="claimlint-test-cache-")


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()
