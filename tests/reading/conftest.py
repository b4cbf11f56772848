"""Reading tests: a database fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.three_months import store_with_plan


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database file holding the three-month plan and no entries."""
    path = tmp_path / "huddle.json"
    store_with_plan(path)
    return path
