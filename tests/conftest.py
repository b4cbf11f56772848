"""Fixtures the service's and the TUI's tests share: the logging team's database, today."""

from __future__ import annotations

from pathlib import Path

import pytest

from huddle.domain.clock import Clock
from huddle.store.store import Store
from tests.factories.logging_team import TODAY, make_logging_store


@pytest.fixture(autouse=True)
def _no_site_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the machine's /etc/huddle/config.toml (docs/storage.md)."""
    monkeypatch.setenv("HUDDLE_CONFIG", str(tmp_path / "no-site-config.toml"))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return make_logging_store(tmp_path / "huddle.json")


@pytest.fixture
def shared_store(tmp_path: Path) -> Store:
    return make_logging_store(tmp_path / "shared.json", shared=True)


@pytest.fixture
def clock() -> Clock:
    return Clock.pinned(TODAY)
