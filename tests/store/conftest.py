"""Store tests: a database fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.store_helpers import load_plan


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database file holding the plan of store_helpers and no entries."""
    path = tmp_path / "huddle.json"
    load_plan(path)
    return path
