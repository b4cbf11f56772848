"""The close screen (docs/screens.md): on the board's snapshot database (cycle Nov 2 … Fri
Nov 27; max is its lead, ana an agent, each logged in as their id), on the last day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.domain.closing import reflections, scores
from huddle.screens.close import SAVE_AFTER, CloseScreen
from huddle.store.store import Store
from tests.factories.board_db import make_snapshot_db

LAST_DAY = date(2026, 11, 27)
SnapCompare = Callable[..., bool]
SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])


def close_app(tmp_path: Path, os_user: str = "max", today: date = LAST_DAY) -> HuddleApp:
    path = make_snapshot_db(tmp_path / "huddle.json")
    app = HuddleApp(Store(path), Clock.pinned(today), poll_interval=60, os_user=os_user)
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def typed(pilot: Pilot[None], field: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field}", Input).focus()
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(SAVE_AFTER + 0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(app: HuddleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_board_offers_closing_only_once_the_cycle_is_over(tmp_path: Path) -> None:
    for today, offered in ((date(2026, 11, 18), False), (LAST_DAY, True)):
        app = close_app(tmp_path / today.isoformat(), today=today)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert bool(app.screen.check_action("close_cycle", ())) is offered
            await settle(pilot, "c")
            assert isinstance(app.screen, CloseScreen) is offered


async def test_a_lead_closes_overrides_and_reflects(tmp_path: Path) -> None:
    app = close_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "c")
        screen = app.screen
        assert isinstance(screen, CloseScreen)
        assert text_of(app, "#computed-solved") == "today 0.61"  # 61 of 100 so far
        assert screen.query_one("#score-fcr", Input).disabled  # overrides once closed
        screen.query_one("#close-button", Button).press()
        await pilot.pause()
        await settle(pilot, "y")
        store = Store(app.store.path)
        snapshot = store.read()
        assert snapshot.plan is not None and snapshot.plan.cycle.closed
        assert (
            text_of(app, "#computed-fcr")
            == f"computed {scores(snapshot.changes)['fcr'].computed:.2f}"
        )
        assert not screen.query_one("#close-row").display
        await typed(pilot, "score-fcr", "0.7")
        await typed(pilot, "note-fcr", "survey broke")
        await typed(pilot, "well-service", "Teamwork")
        await typed(pilot, "learned-service", "Macros")
        changes = store.read().changes
        fcr = scores(changes)["fcr"]
        assert (fcr.score, fcr.note) == (0.7, "survey broke")
        said = reflections(changes)["service"]
        assert (said.well, said.learned) == ("Teamwork", "Macros")
        assert "✓ saved" in text_of(app, "#close-status")


async def test_a_bad_score_is_not_saved_and_says_why(tmp_path: Path) -> None:
    app = close_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_close_cycle()
        await pilot.pause()
        app.screen.query_one("#close-button", Button).press()
        await pilot.pause()
        await settle(pilot, "y")
        before = app.store.path.read_bytes()
        await typed(pilot, "note-solved", "counted twice")
        await typed(pilot, "score-solved", "2")
        assert (
            text_of(app, "#close-status")
            == "⚠ not saved: solved score: 2 is not a score from 0 to 1"
        )
        assert app.store.path.read_bytes() == before


async def test_an_agent_sees_it_read_only_and_why(tmp_path: Path) -> None:
    app = close_app(tmp_path, os_user="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "c")
        screen = app.screen
        assert isinstance(screen, CloseScreen)
        assert text_of(app, "#close-state") == (
            "Read only: only a lead may close the cycle; Ana Silva (agent) may not."
        )
        assert all(field.disabled for field in screen.query(Input))
        assert screen.query_one("#close-button", Button).disabled


@pytest.mark.slow
@SIZES
def test_close_screen_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(
        close_app(tmp_path), terminal_size=size, run_before=lambda pilot: settle(pilot, "c")
    )


@pytest.mark.slow
@SIZES
def test_close_screen_closed_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def closed(pilot: Pilot[None]) -> None:
        await settle(pilot, "c")
        pilot.app.screen.query_one("#close-button", Button).press()
        await pilot.pause()
        await settle(pilot, "y")

    assert snap_compare(close_app(tmp_path), terminal_size=size, run_before=closed)
