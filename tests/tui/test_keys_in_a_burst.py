"""Keys typed in one burst (a fast typist, key repeat, SSH sending keys in batches) land
where they were typed: in the field a key opened, on the screen a key opened, and no
letter runs as a shortcut while a text field is opening or focused.

The pilot waits for the app to go idle after each key; a terminal does not. These tests
switch that wait off (`burst`), so the keys reach the app back to back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import textual.app
from textual.pilot import Pilot
from textual.widgets import OptionList

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.screens import BoardScreen
from huddle.screens.at_risk import AtRiskScreen
from huddle.screens.detail import KrDetailScreen
from huddle.screens.huddle_mode import HuddleModeScreen
from huddle.store.store import Store
from huddle.widgets import KeyResultRow
from huddle.widgets.notes_editor import SAVE_AFTER, NotesEditor
from tests.factories.demo_board import demo_app
from tests.huddle_factories import TODAY, huddle_db


async def _no_wait(*args: object, **kwargs: object) -> None:
    """Instead of the pilot's wait for idle between keys."""


async def burst(pilot: Pilot[None], monkeypatch: pytest.MonkeyPatch, *keys: str) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(textual.app, "wait_for_idle", _no_wait)
        await pilot.press(*keys)


async def settle(pilot: Pilot[None]) -> None:
    """Every key typed handed on (as a person waits to see it), then the saves done."""
    app = pilot.app
    assert isinstance(app, HuddleApp)
    for _ in range(500):
        if not app.keys_held:
            break
        await pilot.pause(0.01)
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)


async def huddle_notes_page(pilot: Pilot[None]) -> HuddleModeScreen:
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HuddleModeScreen)
    screen.go_to("notes")
    await pilot.pause()
    return screen


def huddle_app(tmp_path: Path) -> tuple[HuddleApp, Path]:
    db = huddle_db(tmp_path / "huddle.json")
    app = HuddleApp(Store(db), Clock.pinned(TODAY), poll_interval=0.1, os_user="max-os")
    app.animation_level = "none"
    return app, db


def rows_typed(screen: HuddleModeScreen, kind: str) -> list[str]:
    rows = screen.query_one(NotesEditor).rows(kind)  # type: ignore[arg-type]
    return [row.text for row in rows if row.text]


async def test_a_win_typed_in_one_burst_with_its_key_lands_in_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, db = huddle_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await huddle_notes_page(pilot)
        await burst(pilot, monkeypatch, "w", *"Billing tool down since 9")
        await pilot.pause(SAVE_AFTER + 0.1)
        await settle(pilot)
        assert app.screen is screen and screen.page == "notes"
        assert rows_typed(screen, "win") == ["Billing tool down since 9"]
    [win] = Store(db).read().huddle.on(TODAY).wins
    assert win.text == "Billing tool down since 9"


async def test_q_in_a_burst_types_into_the_blocker_and_never_quits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, db = huddle_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await huddle_notes_page(pilot)
        await burst(pilot, monkeypatch, "b", *"quick fix? no", "enter")
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert app.screen is screen and screen.page == "notes"
        assert rows_typed(screen, "blocker") == ["quick fix? no"]
    [blocker] = Store(db).read().huddle.on(TODAY).blockers
    assert blocker.text == "quick fix? no"


async def test_keys_typed_across_a_screen_change_go_to_the_new_screen(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`r j Enter`: `j` moves the at-risk list (not the board), Enter opens its second KR."""
    app = demo_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        focused = app.focused
        assert isinstance(focused, KeyResultRow)
        await burst(pilot, monkeypatch, "r", "j", "enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, KrDetailScreen)
        at_risk = app.screen_stack[-2]
        assert isinstance(at_risk, AtRiskScreen)
        options = at_risk.query_one(OptionList)
        second = options.get_option_at_index(1)
        assert options.highlighted == 1
        assert detail.key == second.id
        assert app.screen_stack[0].focused is focused  # the board did not move


async def test_enter_then_text_in_one_burst_goes_to_the_next_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter in a win opens the next row: the keys after it land there, and Ctrl+N
    moves on to a blocker, all in one burst."""
    app, _ = huddle_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await huddle_notes_page(pilot)
        keys = ["w", *"Win one", "enter", *"b?", "ctrl+n", *"blocker text"]
        await burst(pilot, monkeypatch, *keys)
        await pilot.pause(SAVE_AFTER + 0.1)
        await settle(pilot)
        assert rows_typed(screen, "win") == ["Win one", "b?"]
        assert rows_typed(screen, "blocker") == ["blocker text"]
