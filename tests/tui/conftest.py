"""Fixtures for the pilot tests: the board database, apps on it, local time in UTC."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.store.store import Store
from tests.factories.apps import LogApp
from tests.factories.board_db import TODAY, board_plan, make_board_db


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_board_db(tmp_path / "huddle.json", board_plan())


@pytest.fixture
def make_app() -> Iterator[Callable[..., HuddleApp]]:
    def make(path: Path, *, today: date = TODAY, **kwargs: object) -> HuddleApp:
        app = HuddleApp(Store(path), Clock.pinned(today), **kwargs)  # type: ignore[arg-type]
        app.animation_level = "none"
        return app

    yield make


@pytest.fixture
def log_app(store: Store, clock: Clock) -> Callable[..., LogApp]:
    """The logging team's app with the form open (`store` and `clock`: tests/conftest.py)."""

    def make(**kwargs: object) -> LogApp:
        return LogApp(store, clock, **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times on screen are local: pin the zone so every run renders the same."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
