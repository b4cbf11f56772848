"""No number on the board loses a digit: a count of a million or more is written
`1.23 M` (three significant figures) in its row, and a value still wider than its
column takes cells from the bar and the title, so the columns right of it stay in line.

On a board of seven-digit values (tests/factories/large_numbers.py), at 80 and 120
columns, and in snapshots at 80×24 and 200×50. Regenerate the snapshots with
`pytest tests/tui/test_numbers_never_cut.py --snapshot-update` only on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.store.store import Store
from tests.factories.board_db import TODAY
from tests.factories.demo_board import terminal_lines
from tests.factories.large_numbers import make_large_numbers_db

SnapCompare = Callable[..., bool]


@pytest.fixture
def app(tmp_path: Path) -> HuddleApp:
    path = make_large_numbers_db(tmp_path / "huddle.json")
    return HuddleApp(Store(path), Clock.pinned(TODAY), poll_interval=60, os_user="ana")


async def shown(pilot: Pilot[None]) -> None:
    """Until every row of the board is drawn, and the screen is still."""
    previous = None
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
        frame = pilot.app.export_screenshot()
        if frame == previous and "fcr" in frame:
            return
        previous = frame
    raise AssertionError("the board never settled")


def row_line(app: HuddleApp, key: str) -> str:
    """The card's line of the KR `key` (not the reason line below the cards)."""
    # "│", the status edge or a blank, the cursor or a blank, then the key
    return next(line for line in terminal_lines(app) if line[3:].startswith(f"{key} "))


@pytest.mark.parametrize("width", [80, 120])
async def test_seven_digit_values_keep_every_digit(app: HuddleApp, width: int) -> None:
    async with app.run_test(size=(width, 24)) as pilot:
        await shown(pilot)
        calls = row_line(app, "calls")
        assert "1.23 M / 1.50 M" in calls
        assert "▲+1.23 M" in calls
        assert "7.09 M / 8.00 M" in row_line(app, "visits")
        # below a million nothing is rounded: the column makes room instead
        handled = row_line(app, "handled")
        assert "987,653.5 / 999,999" in handled
        assert "▲+82,304" in handled
        # and the status column stays where it is on every row
        starts = {row_line(app, key).index("✓ on track") for key in ("calls", "handled")}
        assert starts == {row_line(app, "fcr").index("✗ off track")}


@pytest.mark.slow  # renders the whole screen to SVG
@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_board_of_seven_digit_values(
    snap_compare: SnapCompare, app: HuddleApp, size: tuple[int, int]
) -> None:
    assert snap_compare(app, terminal_size=size, run_before=shown)
