"""Snapshots of goals set together, at 80×24 and on a wall (200×50), on a small fixed
database (tests/factories/proposal_db.py): Ana's returned proposal open in her form
(the lead's comment above it), and the lead's proposals screen, p1 beside its parent.

Local time is UTC and nothing blinks or animates (tests/tui/conftest.py). Regenerate
with `pytest tests/tui/test_proposal_snapshots.py --snapshot-update` only on purpose,
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
from tests.factories.board_db import TODAY
from tests.factories.proposal_db import make_proposal_db

SnapCompare = Callable[..., bool]
pytestmark = pytest.mark.slow  # renders whole screens to SVG

SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])


def app_for(tmp_path: Path, os_user: str) -> HuddleApp:
    path = make_proposal_db(tmp_path / "huddle.json")
    app = HuddleApp(Store(path), Clock.pinned(TODAY), poll_interval=60, os_user=os_user)
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None]) -> None:
    """Press p, then wait until two frames 50 ms apart are alike."""
    await pilot.press("p")
    previous = None
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
        frame = pilot.app.export_screenshot()
        if frame == previous:
            return
        previous = frame
    raise AssertionError("the screen never settled")


@SIZES
def test_agent_revises_a_returned_proposal(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(app_for(tmp_path, "ana"), terminal_size=size, run_before=settle)


@SIZES
def test_lead_proposals_screen(
    snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(app_for(tmp_path, "max"), terminal_size=size, run_before=settle)


def test_every_snapshot_file_belongs_to_a_test() -> None:
    folder = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
    tests = [name for name in globals() if name.startswith("test_") and "snapshot" not in name]
    expected = {f"{test}[{size}].svg" for test in tests for size in ("80x24", "200x50")}
    assert {path.name for path in folder.glob("*.svg")} == expected
