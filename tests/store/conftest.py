"""Store tests: make the shared builders in store_helpers importable; a database fixture."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_helpers import load_plan


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database file holding the plan of store_helpers and no entries."""
    path = tmp_path / "huddle.json"
    load_plan(path)
    return path
