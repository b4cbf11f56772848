"""Snapshots of every huddle-mode page at 80x24 and on a wall (200x50).

The database is tests/huddle_factories.py's, with today's huddle under way (a win, an
escalated blocker, an action added and one closed), written with fixed times. The
countdown stands still (15:00 left; the last test: 16 minutes later, time's up), today
is pinned, and nothing on these pages shows the wall clock. Regenerate with
`pytest tests/tui/test_huddle_snapshots.py --snapshot-update` only on purpose, and look
at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.pilot import Pilot

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.domain.huddle import Action, ActionDone, Note
from huddle.screens import huddle_mode
from huddle.store.store import Store
from tests.huddle_factories import TODAY, huddle_db

SnapCompare = Callable[..., bool]
Size = tuple[int, int]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]
SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
AT = datetime(2026, 11, 18, 9, 5, tzinfo=UTC)

pytestmark = pytest.mark.slow  # renders whole screens to SVG and waits for still frames


def snapshot_db(path: Path) -> Path:
    huddle_db(path)
    with Store(path).transaction(by="test", action="today's huddle") as tx:
        tx.add_huddle(
            notes=[
                Note(
                    id="t1",
                    date=TODAY,
                    kind="win",
                    text="Backlog under 40 for the first time",
                    member="ana",
                    typed_by="max",
                    typed_at=AT,
                ),
                Note(
                    id="t2",
                    date=TODAY,
                    kind="blocker",
                    escalate=True,
                    text="Refund macro [missing] since the release",
                    member="ben",
                    typed_by="max",
                    typed_at=AT,
                ),
            ],
            actions=[
                Action(
                    id=4,
                    date=TODAY,
                    text="Write the refund macro",
                    owner="ben",
                    due=TODAY + timedelta(days=1),
                    escalate=True,
                    typed_by="max",
                    typed_at=AT,
                ),
            ],
            closings=[ActionDone(action=2, done_on=TODAY, typed_by="ana", typed_at=AT)],
        )
    return path


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HuddleApp:
    """The board as max (the lead) sees it; huddle mode's clock stands still."""
    monkeypatch.setattr(huddle_mode, "time", SimpleNamespace(monotonic=lambda: 1000.0))
    db = snapshot_db(tmp_path / "huddle.json")
    app = HuddleApp(Store(db), Clock.pinned(TODAY), poll_interval=60, os_user="max-os")
    app.animation_level = "none"
    return app


def page(steps: int) -> RunBefore:
    """Open huddle mode and turn `steps` pages."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("h", *["n"] * steps)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.1)

    return run_before


@SIZES
def test_who_has_not_logged(snap_compare: SnapCompare, app: HuddleApp, size: Size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=page(0))


@SIZES
def test_scoreboard(snap_compare: SnapCompare, app: HuddleApp, size: Size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=page(1))


@SIZES
def test_needs_attention(snap_compare: SnapCompare, app: HuddleApp, size: Size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=page(2))  # fcr, off track


@SIZES
def test_wins_and_blockers(snap_compare: SnapCompare, app: HuddleApp, size: Size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=page(4))


@SIZES
def test_actions(snap_compare: SnapCompare, app: HuddleApp, size: Size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=page(5))


@SIZES
def test_wrap_up(snap_compare: SnapCompare, app: HuddleApp, size: Size) -> None:
    assert snap_compare(app, terminal_size=size, run_before=page(6))


@SIZES
def test_time_is_up(
    snap_compare: SnapCompare,
    app: HuddleApp,
    size: Size,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await page(1)(pilot)
        later = SimpleNamespace(monotonic=lambda: 1000.0 + 16 * 60)
        monkeypatch.setattr(huddle_mode, "time", later)
        pilot.app.screen._tick()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_every_snapshot_file_belongs_to_a_test() -> None:
    folder = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
    tests = [name for name in globals() if name.startswith("test_") and "snapshot" not in name]
    expected = {f"{test}[{size}].svg" for test in tests for size in ("80x24", "200x50")}
    assert {path.name for path in folder.glob("*.svg")} == expected
