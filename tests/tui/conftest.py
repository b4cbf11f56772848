"""Fixtures for the pilot tests: the board database, a copy of the demo database, apps on
them; and for every TUI test, local time in UTC, no blinking cursors and no animations,
so that runs repeat."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from textual import constants
from textual.widgets import Input, TextArea

from huddle.app import HuddleApp
from huddle.demo import demo_database
from huddle.domain.clock import Clock
from huddle.store.store import Store
from tests.factories.apps import LogApp
from tests.factories.board_db import TODAY, board_plan, make_board_db


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_board_db(tmp_path / "huddle.json", board_plan())


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """A copy of the demo database (its today: `huddle.demo.DEMO_TODAY`)."""
    return Path(shutil.copyfile(demo_database(), tmp_path / "demo.json"))


@pytest.fixture
def make_app() -> Iterator[Callable[..., HuddleApp]]:
    def make(path: Path, *, today: date = TODAY, **kwargs: object) -> HuddleApp:
        return HuddleApp(Store(path), Clock.pinned(today), **kwargs)  # type: ignore[arg-type]

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


@pytest.fixture(autouse=True)
def no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Frames that repeat: text cursors stay on instead of blinking every half second,
    and nothing animates (each app reads `TEXTUAL_ANIMATIONS` when it is created)."""
    monkeypatch.setattr(constants, "TEXTUAL_ANIMATIONS", "none")
    for widget in (Input, TextArea):
        monkeypatch.setattr(widget, "__init__", _without_blink(widget))


def _without_blink(widget: type[Input] | type[TextArea]) -> Callable[..., None]:
    original = widget.__init__

    def init(self: Input | TextArea, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.set_reactive(widget.cursor_blink, False)  # type: ignore[arg-type]

    return init
