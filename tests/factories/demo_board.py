"""The demo board as the TUI tests drive it: a copy of the demo data, today pinned to the
demo's date (Mon 2026-11-23), and what a test reads off the board and the KR detail."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from huddle.app import HuddleApp
from huddle.demo import DEMO_TODAY
from huddle.domain.clock import Clock
from huddle.domain.entry import Entry
from huddle.screens import BoardScreen, KrDetailScreen
from huddle.store.store import Store
from tests.factories.terminal import terminal_text


def demo_app(path: Path, **kwargs: Any) -> HuddleApp:
    return HuddleApp(Store(path), Clock.pinned(DEMO_TODAY), poll_interval=60, **kwargs)


def board(app: HuddleApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def reason(app: HuddleApp) -> str:
    return str(board(app).query_one("#reason").render())


def row_text(app: HuddleApp, key: str) -> str:
    found = board(app).row(key)
    assert found is not None
    return found.render().plain


def terminal_lines(app: HuddleApp) -> list[str]:
    """The terminal's text, line by line, without trailing blanks."""
    return [line.rstrip() for line in terminal_text(app).splitlines()]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_detail_of(pilot: Pilot[Any], key: str) -> KrDetailScreen:
    app = pilot.app
    row = board(app).row(key)
    assert row is not None
    board(app).set_focus(row)
    await pilot.press("enter")
    for _ in range(100):
        await pilot.pause(0.02)
        screen = app.screen
        if isinstance(screen, KrDetailScreen) and screen.detail is not None:
            await settle(pilot)
            return screen
    raise AssertionError("the detail never showed")


def log_fcr_for_ana(path: Path) -> None:
    """`huddle --db r.json --today 2026-11-23 log fcr 18/24 --member ana`, as typed."""
    with Store(path).transaction(by="test", action="log fcr") as tx:
        tx.add_entries([
            Entry(kr="fcr", member="ana", date=DEMO_TODAY, numerator=18, denominator=24,
                  typed_by="ana", typed_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        ])  # fmt: skip
