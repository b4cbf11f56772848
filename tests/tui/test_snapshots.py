"""Snapshots of the board, the KR detail, the at-risk list, the log form, huddle mode
(scoreboard and an attention page) and help, at 80×24 and on a wall (200×50), on a
database the tests build: the hand-computed board of tests/factories/board_db.py
(`make_snapshot_db`), with its entries, the lead's confidence and its last write all at
fixed times.

Today is pinned to Wed 2026-11-18, local time is UTC, cursors do not blink and nothing
animates (tests/tui/conftest.py), and huddle mode's countdown stands still, so a frame
depends on nothing but the code. Regenerate with
`pytest tests/tui/test_snapshots.py --snapshot-update` only on purpose, and read the
new SVGs' text before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.screens import KrDetailScreen, huddle_mode
from huddle.store.store import Store
from tests.factories.apps import LogApp
from tests.factories.board_db import TODAY, make_snapshot_db, rollup_plan

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]
pytestmark = pytest.mark.slow  # renders whole screens to SVG and waits for still frames

SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])


@pytest.fixture
def snapshot_db(tmp_path: Path) -> Path:
    return make_snapshot_db(tmp_path / "huddle.json")


@pytest.fixture
def app(snapshot_db: Path) -> HuddleApp:
    """The board, as ana (an agent) sees it; no poll during a snapshot."""
    return HuddleApp(Store(snapshot_db), Clock.pinned(TODAY), poll_interval=60, os_user="ana")


@pytest.fixture
def still_countdown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Huddle mode's clock stands still: its countdown always shows 15:00 left."""
    monkeypatch.setattr(huddle_mode, "time", SimpleNamespace(monotonic=lambda: 1000.0))


def pressing(*keys: str, until: Callable[[HuddleApp], bool] | None = None) -> RunBefore:
    """Press `keys`, wait `until` the app is ready (when given), then until the screen
    stops changing (`wait_for_idle` alone is not enough on a busy machine)."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        app = pilot.app
        assert isinstance(app, HuddleApp)
        for _ in range(100):
            if until is None or until(app):
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError("the app never got ready")
        await settle(pilot)

    return run_before


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker runs and two frames 50 ms apart are alike."""
    previous = None
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
        frame = pilot.app.export_screenshot()
        if frame == previous:
            return
        previous = frame
    raise AssertionError("the screen never settled")


def detail_shown(app: HuddleApp) -> bool:
    """The KR detail is open and its worker has handed it the detail."""
    return isinstance(app.screen, KrDetailScreen) and app.screen.detail is not None


async def open_detail(pilot: Pilot[None]) -> None:
    """Enter on the first row (solved), then redraw the detail's tables once it is shown.

    Textual 8.2.8's DataTable measures new rows when idle; a frame painted between
    `add_row` and that measuring caches the header line at the old column widths, and
    nothing repaints it, so on a busy machine the entries' header can stay narrower
    than its rows. Toggling `show_header` clears the table's caches and repaints it.
    """
    await pressing("enter", until=detail_shown)(pilot)
    for table in pilot.app.screen.query(DataTable):
        table.show_header = False
        table.show_header = True
    await settle(pilot)


@SIZES
def test_board(snap_compare: SnapCompare, app: HuddleApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=pressing())


@SIZES
def test_board_rolling_up_aligned_objectives(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    # the team card's roll-up counts ana's objective: "62 % incl. 1 aligned"
    db = make_snapshot_db(tmp_path / "rollup.json", rollup_plan())
    app = HuddleApp(Store(db), Clock.pinned(TODAY), poll_interval=60, os_user="ana")
    assert snap_compare(app, terminal_size=size, run_before=pressing())


@SIZES
def test_kr_detail(snap_compare: SnapCompare, app: HuddleApp, size: tuple[int, int]) -> None:
    # solved, the first row: a correction, the entry it replaced, the member breakdown
    assert snap_compare(app, terminal_size=size, run_before=open_detail)


@SIZES
def test_at_risk(snap_compare: SnapCompare, app: HuddleApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=pressing("r"))


@SIZES
def test_log_form(snap_compare: SnapCompare, snapshot_db: Path, size: tuple[int, int]) -> None:
    form = LogApp(Store(snapshot_db), Clock.pinned(TODAY), os_user="ana")
    assert snap_compare(form, terminal_size=size, run_before=pressing())


@SIZES
@pytest.mark.usefixtures("still_countdown")
def test_huddle_scoreboard(
    snap_compare: SnapCompare, app: HuddleApp, size: tuple[int, int]
) -> None:
    # page 1 is who hasn't logged; the scoreboard is page 2
    assert snap_compare(app, terminal_size=size, run_before=pressing("h", "n"))


@SIZES
@pytest.mark.usefixtures("still_countdown")
def test_huddle_attention_page(
    snap_compare: SnapCompare, app: HuddleApp, size: tuple[int, int]
) -> None:
    # the first KR that needs attention: fcr, off track, with the lead's confidence
    assert snap_compare(app, terminal_size=size, run_before=pressing("h", "n", "n"))


@SIZES
def test_help(snap_compare: SnapCompare, app: HuddleApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=pressing("question_mark"))


def test_every_snapshot_file_belongs_to_a_test() -> None:
    """Under pytest-xdist syrupy does not report unused snapshots: check it here."""
    folder = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
    tests = [name for name in globals() if name.startswith("test_") and "snapshot" not in name]
    expected = {f"{test}[{size}].svg" for test in tests for size in ("80x24", "200x50")}
    assert {path.name for path in folder.glob("*.svg")} == expected
