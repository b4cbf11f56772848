"""Fixtures the service's and the TUI's tests share: the logging team's database, today."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.domain.clock import Clock
from huddle.store.store import Store
from tests.factories.logging_team import TODAY, make_logging_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return make_logging_store(tmp_path / "huddle.json")


@pytest.fixture
def shared_store(tmp_path: Path) -> Store:
    return make_logging_store(tmp_path / "shared.json", shared=True)


@pytest.fixture
def clock() -> Clock:
    return Clock.pinned(TODAY)
