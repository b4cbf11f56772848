"""From the board: `l` opens the form, saving returns to the board with the new numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import textual.app

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.present import value_text
from huddle.screens.board import BoardScreen
from huddle.screens.log import LogScreen
from huddle.store.store import Store
from huddle.widgets import KeyResultRow
from tests.factories.logging_team import typed

MakeApp = Callable[..., HuddleApp]


def focused_key(app: HuddleApp) -> str | None:
    focused = app.focused
    return focused.key if isinstance(focused, KeyResultRow) else None


@pytest.mark.slow
async def test_log_from_the_board_and_see_the_new_numbers(store: Store, clock: Clock) -> None:
    with store.transaction(by="bnovak", action="seed") as tx:
        tx.add_entries([typed("solved", "ben", value=10, by="ben")])
    # ana at the keyboard; no poll: the save must refresh the board
    app = HuddleApp(store, clock, poll_interval=60, os_user="asilva")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        row = board.row("solved")
        assert row is not None and row.kr.current == 10
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogScreen) and form.member_id == "ana"
        await pilot.press("tab", "tab", *"34", "tab", *"40", "tab", *"50")  # past who, date
        reloads: list[None] = []
        app.reload = lambda: reloads.append(None)  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is board
        assert reloads == []  # the board the form computed for its toast is the one shown
        assert isinstance(board, BoardScreen)
        row = board.row("solved")
        fcr = board.row("fcr")
        assert row is not None and fcr is not None
        # solved: 0 + ben's 10 + ana's 34 = 44; fcr: 100·40/50 = 80 %
        assert row.kr.current == 44 and fcr.kr.current == 80
        assert value_text(row.kr) == "44 / 1,000"
        painted = "".join(segment.text for segment in row.render_line(0))
        assert "44 / 1,000" in painted  # what the row shows on screen
    assert [(e.kr, e.member) for e in store.read().entries] == [
        ("solved", "ben"), ("solved", "ana"), ("fcr", "ana"),
    ]  # fmt: skip


async def test_open_log_starts_with_the_form_over_the_board(db: Path, make_app: MakeApp) -> None:
    app = make_app(db, open_log=True, member="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "LogScreen"
        assert isinstance(app.screen_stack[0], BoardScreen)
        await pilot.press("q")  # typed into the form, never quits from here
        assert app.is_running
        await pilot.press("escape")  # something was typed: it asks first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert focused_key(app) == "solved"


@pytest.mark.slow
async def test_l_opens_the_log_form(db: Path, make_app: MakeApp) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "l")
        await pilot.pause()
        assert type(app.screen).__name__ == "LogScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert focused_key(app) == "fcr"


async def _no_wait(*args: object, **kwargs: object) -> None:
    """In place of the pilot's wait for the app to go idle after each key."""


async def test_l_and_the_numbers_in_one_burst_land_in_the_form(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Keys typed while the form opens wait for it, in order; the form's own handling of
    # keys typed ahead takes over once they are through (huddle/key_order.py).
    app = HuddleApp(store, clock, poll_interval=60, os_user="asilva")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with monkeypatch.context() as patch:
            patch.setattr(textual.app, "wait_for_idle", _no_wait)
            await pilot.press("l", "tab", "tab", *"34", "tab", *"40", "tab", *"50", "ctrl+s")
        for _ in range(300):  # every key handed on, the form saved and closed
            await pilot.pause(0.02)
            await app.workers.wait_for_complete()
            if app.keys_held == 0 and isinstance(app.screen, BoardScreen):
                break
    saved = {(e.kr, e.member): e for e in store.read().entries}
    assert saved[("solved", "ana")].value == 34
    fcr = saved[("fcr", "ana")]
    assert (fcr.numerator, fcr.denominator) == (40, 50)
