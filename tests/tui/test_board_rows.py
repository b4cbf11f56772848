"""A KR's row on the demo board: the reason line follows the focus through a burst of
keys; the change column (±0 without an arrow, Monday's change against Friday); keys
whole and titles cut on a word at narrow widths; the lead's confidence beside the status
(on the snapshots' board, tests/factories/board_db.py).

On a copy of the demo data, today pinned to Mon 2026-11-23 (tests/factories/demo_board.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import textual.app

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.present import COUNTER_MARK
from huddle.store.store import Store
from huddle.widgets import KeyResultRow, ObjectiveCard
from huddle.widgets.kr_row import columns
from tests.factories.board_db import TODAY, make_snapshot_db
from tests.factories.demo_board import (
    board,
    demo_app,
    log_fcr_for_ana,
    open_detail_of,
    reason,
    row_text,
    settle,
)

# ---------------------------------------------------------------- keys in a burst


async def _no_wait(*args: object, **kwargs: object) -> None:
    """The pilot waits for the app to go idle after each key; a terminal does not."""


async def test_the_reason_line_explains_the_focused_row_after_a_burst_of_keys(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = demo_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, KeyResultRow) and app.focused.key == "fcr"
        # One burst, as key auto-repeat or a batching SSH link sends keys: the pilot
        # posts them back to back, without waiting for the app between them.
        monkeypatch.setattr(textual.app, "wait_for_idle", _no_wait)
        await pilot.press("j", "k")
        await settle(pilot)
        assert isinstance(app.focused, KeyResultRow) and app.focused.key == "fcr"
        assert reason(app).startswith("fcr "), reason(app)
        await pilot.press(*"jjjjjj")
        await settle(pilot)
        focused = app.focused
        if isinstance(focused, KeyResultRow):
            assert reason(app).startswith(f"{focused.key} ")
        else:
            assert isinstance(focused, ObjectiveCard)
            assert reason(app).startswith(focused.objective.title)


# ---------------------------------------------------------------- the change column


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_a_change_too_small_to_show_is_plus_minus_zero_without_an_arrow(
    demo_db: Path,
) -> None:
    log_fcr_for_ana(demo_db)
    app = demo_app(demo_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        line = row_text(app, "fcr")
        assert " ±0 " in line and "▲±" not in line and "▼±" not in line
        detail = await open_detail_of(pilot, "fcr")
        numbers = str(detail.query_one("#detail-numbers").render())
        assert "±0" in numbers and "▲±" not in numbers


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_on_monday_before_anyone_logged_the_change_is_friday_against_thursday(
    demo_db: Path,
) -> None:
    app = demo_app(demo_db)  # Mon 2026-11-23: the demo's numbers end on Fri Nov 20
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.board is not None
        changes = [row_text(app, kr.key) for kr in app.board.key_results()[:6]]
        assert sum(" ±0 " in line for line in changes) <= 1, changes
        detail = await open_detail_of(pilot, "solved")
        numbers = str(detail.query_one("#detail-numbers").render())
        assert "Fri Nov 20 vs Thu Nov 19" in numbers  # which days it compares


# ---------------------------------------------------------------- keys and titles at narrow widths


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
@pytest.mark.parametrize("width", [80, 60])
async def test_at_narrow_widths_keys_are_whole_and_titles_end_on_a_word(
    demo_db: Path, width: int
) -> None:
    app = demo_app(demo_db)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        assert app.board is not None
        for kr in app.board.key_results():
            row = board(app).row(kr.key)
            if row is None or not row.region.area:
                continue
            line = row.render().plain
            assert line[1:].startswith(f"{kr.key} "), line
            title = line[1 : 1 + columns(row.content_size.width, row.status_width).title].rstrip()
            words = f"{kr.key} {kr.title}".split()
            title = title.removesuffix(COUNTER_MARK).rstrip()  # a counter KR's ⚠ follows
            shown = title.rstrip("…").split()
            assert shown == words[: len(shown)], (title, words)  # whole words only


# ---------------------------------------------------------------- the lead's confidence


@pytest.mark.parametrize("width", [80, 200])
async def test_the_leads_confidence_shows_beside_the_computed_status(
    tmp_path: Path, width: int
) -> None:
    # fcr is computed off track; its lead said "at risk" (tests/factories/board_db.py)
    app = HuddleApp(
        Store(make_snapshot_db(tmp_path / "huddle.json")), Clock.pinned(TODAY), poll_interval=60
    )
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        fcr, solved = row_text(app, "fcr"), row_text(app, "solved")
        assert fcr.rstrip().endswith("✗ off track  lead ▲"), fcr
        assert "lead" not in solved  # no lead set a confidence in it
        # the computed statuses line up, and so do the row ends
        assert fcr.index("✗ off track") == solved.index("✓ on track")
        assert len(fcr) == len(solved)
