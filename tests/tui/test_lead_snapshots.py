"""Snapshots of what a lead works with, on the demo data (today pinned to 2026-11-23):
the at-risk review with since when and who drags, the adjust form (empty and refusing),
the confidence picker, a folded card with an at-risk KR, and the detail as an agent
sees it (both actions off, and why).

Maria (OS user mkeller) is a lead of the demo plan, Ana (asilva) an agent. Local time
is UTC and nothing blinks or animates (tests/tui/conftest.py). Regenerate with
`pytest tests/tui/test_lead_snapshots.py --snapshot-update` only on purpose, and look
at the SVGs.
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
from huddle.widgets import ObjectiveCard

SnapCompare = Callable[..., bool]
pytestmark = pytest.mark.slow  # renders whole screens to SVG
TODAY = date(2026, 11, 23)
LEAD, AGENT = "mkeller", "asilva"


@pytest.fixture(autouse=True)
def in_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


def demo_app(tmp_path: Path, os_user: str) -> HuddleApp:
    copy = tmp_path / "demo.json"
    shutil.copyfile(demo_database(), copy)
    app = HuddleApp(Store(copy), Clock.pinned(TODAY), poll_interval=60, os_user=os_user)
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None], *keys: str) -> None:
    """Press `keys` one by one, letting the app's workers finish after each."""
    for key in keys:
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_at_risk_review_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(
        demo_app(tmp_path, LEAD),
        terminal_size=(80, 24),
        run_before=lambda pilot: settle(pilot, "r"),
    )


def test_at_risk_review_120x30(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(
        demo_app(tmp_path, LEAD),
        terminal_size=(120, 30),
        run_before=lambda pilot: settle(pilot, "r", "j"),
    )


def test_adjust_form_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    # the first row is fcr: Enter opens its detail, `a` the form
    assert snap_compare(
        demo_app(tmp_path, LEAD),
        terminal_size=(80, 24),
        run_before=lambda pilot: settle(pilot, "enter", "a"),
    )


def test_adjust_form_refuses_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    # a target below fcr's baseline (65 %) and no reason: both named, nothing saved
    assert snap_compare(
        demo_app(tmp_path, LEAD),
        terminal_size=(80, 24),
        run_before=lambda pilot: settle(pilot, "enter", "a", "6", "0", "ctrl+s"),
    )


def test_confidence_picker_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(
        demo_app(tmp_path, LEAD),
        terminal_size=(80, 24),
        run_before=lambda pilot: settle(pilot, "enter", "c"),
    )


def test_folded_card_with_an_at_risk_kr_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    async def focus_chloe(pilot: Pilot[None]) -> None:
        await pilot.pause()
        card = pilot.app.screen.query_one("#objective-chloe-quality", ObjectiveCard)
        assert card.collapsed
        card.focus()
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path, LEAD), terminal_size=(80, 24), run_before=focus_chloe)


def test_detail_as_an_agent_sees_it_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(
        demo_app(tmp_path, AGENT),
        terminal_size=(80, 24),
        run_before=lambda pilot: settle(pilot, "enter"),
    )
