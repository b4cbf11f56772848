"""Looking ahead where a huddle acts: the KR detail, the at-risk list and huddle mode's KR
pages say where a KR lands at this pace and what it needs from here, and say nothing of
it where it is not defined (before the first completed working day, after the last).

On the snapshot database (tests/factories/board_db.py): cycle Nov 2 … 27, 20 working
days; on Wed Nov 18, c = 12 completed and r = 8 left.

- solved: 61 after 12 days → at this pace 61 + 61/12 · 8 = 101.7; needed (100 − 61) / 8
  = 4.9 a day, so far 61/12 = 5.1.
- fcr: 156 of 240 contacts (65 %); R = 240/12 · 8 = 160 still to come; even all of them
  resolved ends at (156 + 160) / 400 = 79.0 % < 80 %: out of reach.
- qa-ana: a mean of 86 on 12 answers (one a day), at least 85; R = 8: needed
  (85 · 20 − 86 · 12) / 8 = 83.5.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.screens import BoardScreen
from huddle.screens.at_risk import AtRiskScreen
from huddle.screens.huddle_mode import HuddleModeScreen
from huddle.store.store import Store
from huddle.widgets.status_style import status_style
from tests.factories.board_db import TODAY, make_snapshot_db
from tests.factories.demo_board import open_detail_of, settle, terminal_lines

BEFORE_THE_FIRST_DAY_ENDS = date(2026, 11, 2)  # the cycle's first day: c = 0
AFTER_THE_END = date(2026, 11, 30)  # the Monday after the cycle: c = W

AHEAD = {
    "solved": (
        "At this pace: 102 of 100 by Fri Nov 27",  # a count from 10 up: whole
        "Needed from here: 4.9 per working day (so far 5.1)",
    ),
    "fcr": (
        "At this pace: 65.0 % of 80 % by Fri Nov 27",
        "Out of reach: even 100 % on the rest ends at 79.0 %",
    ),
    "qa-ana": (
        "At this pace: 86 by Fri Nov 27 (at least 85)",
        "Needed on the ~8 still to come: 83.5 (so far 86)",
    ),
}


@pytest.fixture
def snapshot_db(tmp_path: Path) -> Path:
    return make_snapshot_db(tmp_path / "huddle.json")


def app_on(path: Path, today: date = TODAY) -> HuddleApp:
    return HuddleApp(Store(path), Clock.pinned(today), poll_interval=60, os_user="max")


def shown_line(screen: object, selector: str) -> str:
    """The plain text of a detail line, or "" when it is hidden."""
    from huddle.screens.detail import KrDetailScreen

    assert isinstance(screen, KrDetailScreen)
    line = screen.query_one(selector, Static)
    content = line.content
    assert isinstance(content, Content)
    return content.plain if line.display else ""


async def back_to_the_board(pilot: Pilot[None]) -> None:
    await pilot.press("escape")
    for _ in range(100):
        if isinstance(pilot.app.screen, BoardScreen):
            return
        await pilot.pause(0.02)
    raise AssertionError("Esc never went back to the board")


# ---------------------------------------------------------------- the KR detail


async def test_the_detail_says_where_each_kr_lands_and_what_it_needs(snapshot_db: Path) -> None:
    app = app_on(snapshot_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key, (projection, needed) in AHEAD.items():
            detail = await open_detail_of(pilot, key)
            assert shown_line(detail, "#detail-projection") == projection
            assert shown_line(detail, "#detail-needed") == needed
            lines = terminal_lines(app)
            # under the reason and since lines, above the chart, each whole at 80 columns
            at = lines.index(f" {projection}")
            assert lines[at + 1] == f" {needed}"
            assert lines[at - 1].startswith(" on track since") or " since Nov" in lines[at - 1]
            assert lines[at + 2].startswith(" Value by working day")
            await back_to_the_board(pilot)


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_an_out_of_reach_line_begins_in_the_off_track_style(snapshot_db: Path) -> None:
    app = app_on(snapshot_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        detail = await open_detail_of(pilot, "fcr")
        content = detail.query_one("#detail-needed", Static).content
        assert isinstance(content, Content)
        marked = [(content.plain[s.start : s.end], str(s.style)) for s in content.spans]
        assert marked == [("Out of reach:", status_style("off_track"))]
        await back_to_the_board(pilot)
        detail = await open_detail_of(pilot, "qa-ana")  # reachable: plain text
        content = detail.query_one("#detail-needed", Static).content
        assert isinstance(content, Content) and not content.spans


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
@pytest.mark.parametrize("today", [BEFORE_THE_FIRST_DAY_ENDS, AFTER_THE_END])
async def test_the_detail_says_nothing_ahead_where_it_is_not_defined(
    snapshot_db: Path, today: date
) -> None:
    app = app_on(snapshot_db, today)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in AHEAD:
            detail = await open_detail_of(pilot, key)
            assert shown_line(detail, "#detail-projection") == ""
            assert shown_line(detail, "#detail-needed") == ""
            text = "\n".join(terminal_lines(app))
            assert "At this pace" not in text and "Needed" not in text
            assert "Out of reach" not in text
            await back_to_the_board(pilot)


# ---------------------------------------------------------------- the at-risk list


async def open_at_risk(pilot: Pilot[None]) -> AtRiskScreen:
    await settle(pilot)
    await pilot.press("r")
    for _ in range(3):
        await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AtRiskScreen)
    return screen


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_each_item_of_the_at_risk_list_says_what_it_needs(snapshot_db: Path) -> None:
    app = app_on(snapshot_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at_risk(pilot)
        lines = [line.strip("▊▎ ") for line in terminal_lines(app)]
        for key in ("fcr", "qa-ana"):  # flagged; solved is on track, not listed
            top = lines.index(next(line for line in lines if f"  {key} " in line))
            end = next((i for i in range(top, len(lines)) if lines[i].startswith("──")), None)
            item = lines[top:end]
            # under the reason (which may wrap), above since when
            needed = item.index(AHEAD[key][1])
            assert needed >= 2
            assert item[needed + 1].startswith("since Nov")
        assert not any(line.startswith("At this pace") for line in lines)
        assert AHEAD["solved"][1] not in lines


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_the_at_risk_list_says_nothing_ahead_after_the_cycle(snapshot_db: Path) -> None:
    app = app_on(snapshot_db, AFTER_THE_END)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_at_risk(pilot)
        assert len(screen.query_one("#at-risk-list").options) > 1  # the list is there
        text = "\n".join(terminal_lines(app))
        assert "fcr" in text
        assert "Needed" not in text and "Out of reach" not in text


# ---------------------------------------------------------------- huddle mode


async def kr_page(pilot: Pilot[None], key: str) -> str:
    """Open huddle mode and turn to `key`'s page; its text."""
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HuddleModeScreen)
    while screen.page != f"kr:{key}":
        await pilot.press("n")
        await settle(pilot)
    content = screen.query_one("#attention-text", Static).content
    assert isinstance(content, Content)
    return content.plain


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
@pytest.mark.parametrize("key", ["fcr", "qa-ana"])
async def test_a_huddle_kr_page_says_where_it_lands_and_what_it_needs(
    snapshot_db: Path, key: str
) -> None:
    app = app_on(snapshot_db)
    async with app.run_test(size=(80, 24)) as pilot:
        lines = (await kr_page(pilot, key)).splitlines()
        projection, needed = AHEAD[key]
        at = lines.index(projection)
        assert lines[at + 1] == needed
        assert lines[at + 2].startswith("last 14 working days")
        assert f"  {projection}" in terminal_lines(app)  # in view at 80×24, not cut
        assert f"  {needed}" in terminal_lines(app)


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_a_huddle_kr_page_says_nothing_ahead_after_the_cycle(snapshot_db: Path) -> None:
    app = app_on(snapshot_db, AFTER_THE_END)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await kr_page(pilot, "fcr")
        assert "last 14 working days" in text
        assert "At this pace" not in text and "Needed" not in text
        assert "Out of reach" not in text
