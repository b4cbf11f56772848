"""The KR detail on the demo data at 80×24 and wider: the chart's axis, the entries
newest day first with who typed them, and members named by their display name (there and
in the board's live line).

On a copy of the demo data, today pinned to Mon 2026-11-23 (tests/factories/demo_board.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.cells import cell_len

from huddle.demo import DEMO_TODAY
from huddle.domain.entry import Entry
from huddle.store.store import Store
from huddle.widgets import PaceChart
from huddle.widgets.text_table import TextTable
from tests.factories.demo_board import (
    demo_app,
    log_fcr_for_ana,
    open_detail_of,
    settle,
    terminal_lines,
)

# ---------------------------------------------------------------- the chart's axis


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_the_detail_chart_axis_has_no_negative_tickets_and_one_width(
    demo_db: Path,
) -> None:
    app = demo_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        detail = await open_detail_of(pilot, "solved")
        chart = detail.query_one(PaceChart)
        lines = chart.render().plain.splitlines()[:-1]
        assert "−" not in "".join(lines) and ".1" not in "".join(lines)
        assert len({line.index("┤") for line in lines}) == 1  # the axis stays straight


# ---------------------------------------------------------------- the entries


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_the_entries_at_80x24_newest_day_first_with_who_typed_them_in_view(
    demo_db: Path,
) -> None:
    # an agent: her refusal of a and c, naming her by display name, wraps to two lines
    app = demo_app(demo_db, os_user="asilva")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        detail = await open_detail_of(pilot, "solved")
        table = detail.query_one("#entries", TextTable)
        assert table.columns[-1].title == "note"
        titles = [column.title for column in table.columns]
        assert titles.index("typed by") < titles.index("note")
        days = [row.cells[0] for row in table.rows]
        assert days == sorted(days, reverse=True)
        lines = terminal_lines(app)
        header = next(line for line in lines if "typed by" in line)
        assert "typed at" in header  # both in view at 80 columns
        shown = [line for line in lines if line.strip().startswith("2026-11-")]
        # five under the agent's two-line refusal and the two lines looking ahead (at
        # this pace, needed from here); the rest scroll
        assert len(shown) >= 5, lines


# ---------------------------------------------------------------- people named one way


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_the_live_line_and_typed_by_name_members_by_their_display_name(
    demo_db: Path,
) -> None:
    log_fcr_for_ana(demo_db)  # the last write: by "test"; the entry typed by ana
    with Store(demo_db).transaction(by="hugo", action="log solved") as tx:
        tx.add_entries([
            Entry(kr="solved", member="hugo", date=DEMO_TODAY, value=3, typed_by="hugo",
                  typed_at=datetime(2026, 11, 23, 9, 5, tzinfo=UTC))
        ])  # fmt: skip
    app = demo_app(demo_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "by Hugo Brandt (log solved)" in app.live
        detail = await open_detail_of(pilot, "fcr")
        table = detail.query_one("#entries", TextTable)
        by_column = [column.title for column in table.columns].index("typed by")
        newest = table.rows[0].cells
        assert newest[by_column] == "Ana Silva"
        assert all(cell_len(row.cells[by_column]) > 4 for row in table.rows)  # no logins
