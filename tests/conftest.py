from __future__ import annotations

import pytest

from claimlint.runner import Linter


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()
