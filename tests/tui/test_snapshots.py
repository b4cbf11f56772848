"""Snapshots of the board and the KR detail on the demo data, today pinned to 2026-11-23.

The live line shows the demo file's own last-write time (fixed in data/demo.json) in UTC
(the autouse fixture pins TZ), so nothing here depends on the wall clock. Regenerate
with `pytest tests/ui --snapshot-update` only on purpose, and look at the SVGs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from huddle.app import HuddleApp
from huddle.demo import demo_database
from huddle.domain.clock import Clock
from huddle.store.store import Store

SnapCompare = Callable[..., bool]
TODAY = date(2026, 11, 23)  # the demo's "today" (huddle.demo.DEMO_TODAY), pinned here


@pytest.fixture
def demo_app(tmp_path: Path) -> HuddleApp:
    copy = tmp_path / "demo.json"
    shutil.copyfile(demo_database(), copy)
    app = HuddleApp(Store(copy), Clock.pinned(TODAY), poll_interval=60)
    app.animation_level = "none"
    return app


def test_board_80x24(snap_compare: SnapCompare, demo_app: HuddleApp) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24))


def test_board_160x45(snap_compare: SnapCompare, demo_app: HuddleApp) -> None:
    assert snap_compare(demo_app, terminal_size=(160, 45))


def test_board_200x50_wall(snap_compare: SnapCompare, demo_app: HuddleApp) -> None:
    assert snap_compare(demo_app, terminal_size=(200, 50))


async def open_detail(pilot: Pilot[None], *keys: str) -> None:
    """Press `keys`, then wait for the detail the app computes in a worker."""
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_kr_detail_80x24(snap_compare: SnapCompare, demo_app: HuddleApp) -> None:
    # the first row is fcr; Enter opens its detail
    assert snap_compare(
        demo_app, terminal_size=(80, 24), run_before=lambda pilot: open_detail(pilot, "enter")
    )


def test_kr_detail_160x45(snap_compare: SnapCompare, demo_app: HuddleApp) -> None:
    assert snap_compare(
        demo_app, terminal_size=(160, 45), run_before=lambda pilot: open_detail(pilot, "j", "enter")
    )


def test_at_risk_80x24(snap_compare: SnapCompare, demo_app: HuddleApp) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24), press=["r"])
