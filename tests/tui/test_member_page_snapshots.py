"""Snapshots of the member page at 80×24 and on a wall (200×50), on the feedback
database (tests/factories/feedback_db.py, today pinned to Wed 2026-11-18): Ana's own
page (her day on top, then her review) and the lead's page of Ana, through the picker.

Local time is UTC and nothing blinks or animates (tests/tui/conftest.py). Regenerate
with `pytest tests/tui/test_member_page_snapshots.py --snapshot-update` only on purpose,
and read the new SVGs' text before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.store.store import Store
from tests.factories.feedback_db import feedback_db
from tests.huddle_factories import TODAY

SnapCompare = Callable[..., bool]
pytestmark = pytest.mark.slow  # renders whole screens to SVG

SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])


def app_for(tmp_path: Path, os_user: str) -> HuddleApp:
    path = feedback_db(tmp_path / "huddle.json")
    app = HuddleApp(Store(path), Clock.pinned(TODAY), poll_interval=60, os_user=os_user)
    app.animation_level = "none"
    return app


def pressing(*keys: str) -> Callable[[Pilot[None]], object]:
    async def settle(pilot: Pilot[None]) -> None:
        """Press `keys`, then wait until two frames 50 ms apart are alike."""
        for key in keys:
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        previous = None
        for _ in range(100):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause(0.05)
            frame = pilot.app.export_screenshot()
            if frame == previous:
                return
            previous = frame
        raise AssertionError("the screen never settled")

    return settle


@SIZES
def test_agent_my_day_and_review(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(tmp_path, "ana-os")
    assert snap_compare(app, terminal_size=size, run_before=pressing("m"))


@SIZES
def test_lead_review_of_a_member(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_for(tmp_path, "max-os")
    assert snap_compare(app, terminal_size=size, run_before=pressing("m", "enter"))


def test_every_snapshot_file_belongs_to_a_test() -> None:
    folder = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
    tests = [name for name in globals() if name.startswith("test_") and "snapshot" not in name]
    expected = {f"{test}[{size}].svg" for test in tests for size in ("80x24", "200x50")}
    assert {path.name for path in folder.glob("*.svg")} == expected
