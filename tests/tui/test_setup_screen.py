"""The leads' setup screen (docs/screens.md): on the board's snapshot database (cycle Nov
2 … 27, today Nov 18; max is its lead, ana an agent, each logged in as their id)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.screens.setup import SetupScreen
from huddle.store.store import Store
from huddle.widgets import KeyResultRow
from tests.factories.board_db import START, TODAY, make_snapshot_db

SnapCompare = Callable[..., bool]
SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])


def setup_app(tmp_path: Path, os_user: str = "max") -> HuddleApp:
    path = make_snapshot_db(tmp_path / "huddle.json")
    app = HuddleApp(Store(path), Clock.pinned(TODAY), poll_interval=60, os_user=os_user)
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_setup(pilot: Pilot[None], item: str | None = None) -> SetupScreen:
    """The setup screen through the command palette, `item` highlighted in its list."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Setup")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SetupScreen)
    if item is not None:
        options = screen.query_one(OptionList)
        ids = [option.id for option in options.options]
        options.highlighted = ids.index(item)
        await settle(pilot)
    return screen


async def type_into(pilot: Pilot[None], widget_id: str, text: str) -> None:
    field = pilot.app.screen.query_one(f"#{widget_id}", Input)
    field.value = ""
    field.focus()
    await pilot.pause()
    await pilot.press(*text)


async def save(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)
    await settle(pilot)


def text_of(app: HuddleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


FCR = "objectives-0-key_results-1"


async def test_a_lead_changes_a_target_with_a_reason_and_the_board_shows_it(
    tmp_path: Path,
) -> None:
    app = setup_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(pilot, FCR)
        await type_into(pilot, "f-target", "85")
        await save(pilot)
        assert "is required: fcr target 80 → 85" in text_of(app, "#reason-error")
        assert Store(app.store.path).read().plan == app.shown.file.plan  # nothing written
        assert app.shown.file.plan is not None
        assert app.shown.file.plan.key_result("fcr")[1].target == 80  # type: ignore[index]
        await type_into(pilot, "setup-reason", "new hires are up to speed")
        await save(pilot)
        assert "✓ saved" in text_of(app, "#setup-status")
        snapshot = Store(app.store.path).read()
        assert snapshot.plan is not None
        assert snapshot.plan.key_result("fcr")[1].target == 85  # type: ignore[index]
        change = snapshot.changes[-1]
        assert (change.kr, change.field, change.old, change.new) == ("fcr", "target", 80, 85)
        assert change.by == "max" and "new hires are up to speed" in change.reason
        await pilot.press("escape")
        await settle(pilot)
        assert app.board is not None
        assert app.board.kr("fcr").target == 85  # type: ignore[union-attr]
        row = next(r for r in app.screen.query(KeyResultRow) if r.key == "fcr")
        assert "85 %" in str(row.render())


async def test_an_invalid_value_is_refused_at_its_field_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    app = setup_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.store.path.read_bytes()
        await open_setup(pilot, FCR)
        await type_into(pilot, "f-baseline", "90")
        await type_into(pilot, "setup-reason", "typo test")
        await save(pilot)
        assert text_of(app, "#f-baseline-error") == (
            "✗ must be below the target (80) for direction 'up'"
        )
        assert app.screen.query_one("#f-baseline").has_class("-invalid")
        assert "not saved" in text_of(app, "#setup-status")
        await type_into(pilot, "f-window", "soon")
        await save(pilot)
        assert "valid integer" in text_of(app, "#f-window-error")
        assert app.store.path.read_bytes() == before


async def test_a_lead_lengthens_the_cycle_but_starts_no_new_one_here(tmp_path: Path) -> None:
    app = setup_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(pilot, "cycle")
        # after its last day (Nov 27): that would be the next cycle
        await type_into(pilot, "f-start", "2026-11-30")
        await type_into(pilot, "f-end", "2026-12-11")
        before = app.store.path.read_bytes()
        await save(pilot)
        assert "starts the next cycle" in text_of(app, "#f-start-error")
        assert app.store.path.read_bytes() == before
        await type_into(pilot, "f-start", str(START))
        await type_into(pilot, "f-end", "2026-12-04")  # a week longer: the same cycle
        await save(pilot)
        assert "✓ saved" in text_of(app, "#setup-status")
        snapshot = Store(app.store.path).read()
        assert snapshot.plan is not None and str(snapshot.plan.cycle.end) == "2026-12-04"
        assert snapshot.changes[-1].field == "cycle.end"


async def test_someone_who_is_no_lead_sees_it_read_only(tmp_path: Path) -> None:
    app = setup_app(tmp_path, os_user="ana")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot, FCR)
        assert text_of(app, "#setup-state") == (
            "Read only: only a lead may edit the plan; Ana Silva (agent) may not."
        )
        assert all(field.disabled for field in screen.query(Input))
        await save(pilot)
        assert "not saved: only a lead" in text_of(app, "#setup-status")


async def test_a_lead_adds_a_member(tmp_path: Path) -> None:
    app = setup_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_setup(pilot, "members-2")
        await type_into(pilot, "f-id", "ana")
        await type_into(pilot, "f-name", "Zoë [new] Novak")
        await save(pilot)
        assert text_of(app, "#f-id-error") == "✗ id 'ana' is used twice"
        await type_into(pilot, "f-id", "zoe")
        await type_into(pilot, "f-os_user", "znovak")
        await save(pilot)
        plan = Store(app.store.path).read().plan
        assert plan is not None
        zoe = plan.member("zoe")
        assert zoe is not None and (zoe.name, zoe.os_user) == ("Zoë [new] Novak", "znovak")
        options = app.screen.query_one(OptionList)
        assert options.highlighted_option is not None
        assert str(options.highlighted_option.prompt) == "Member zoe"


@pytest.mark.slow
@SIZES
def test_setup_key_result_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def on_fcr(pilot: Pilot[None]) -> None:
        await open_setup(pilot, FCR)

    assert snap_compare(setup_app(tmp_path), terminal_size=size, run_before=on_fcr)


@pytest.mark.slow
@SIZES
def test_setup_team_snapshot(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    async def on_team(pilot: Pilot[None]) -> None:
        await open_setup(pilot, "team")

    assert snap_compare(setup_app(tmp_path), terminal_size=size, run_before=on_team)
