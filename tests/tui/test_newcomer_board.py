"""The board, the KR detail and help as a newcomer finds them.

Most run on a copy of the demo data at 80×24 (the size a newcomer first tried), with today
pinned to the demo's date, Mon 2026-11-23.
"""

from __future__ import annotations

import io
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import textual.app
from rich.cells import cell_len
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from huddle.app import HuddleApp
from huddle.demo import DEMO_TODAY, demo_database
from huddle.domain.clock import Clock
from huddle.domain.entry import Entry
from huddle.present import COUNTER_MARK
from huddle.screens import BoardScreen, HelpScreen, KrDetailScreen
from huddle.store.store import Store
from huddle.widgets import KeyResultRow, ObjectiveCard, PaceChart
from huddle.widgets.kr_row import columns
from huddle.widgets.text_table import TextTable


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    return Path(shutil.copyfile(demo_database(), tmp_path / "demo.json"))


def demo_app(path: Path, **kwargs: Any) -> HuddleApp:
    return HuddleApp(Store(path), Clock.pinned(DEMO_TODAY), poll_interval=60, **kwargs)


def board(app: HuddleApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def reason(app: HuddleApp) -> str:
    return str(board(app).query_one("#reason").render())


def row_text(app: HuddleApp, key: str) -> str:
    found = board(app).row(key)
    assert found is not None
    return found.render().plain


def terminal_lines(app: HuddleApp) -> list[str]:
    """The terminal's text, line by line, as `tmux capture-pane` shows it (a modal
    screen over the screens below it, as `export_screenshot` draws them)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return [line.rstrip() for line in console.export_text(styles=False).splitlines()]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_detail_of(pilot: Pilot[Any], key: str) -> KrDetailScreen:
    app = pilot.app
    row = board(app).row(key)
    assert row is not None
    board(app).set_focus(row)
    await pilot.press("enter")
    for _ in range(100):
        await pilot.pause(0.02)
        screen = app.screen
        if isinstance(screen, KrDetailScreen) and screen.detail is not None:
            await settle(pilot)
            return screen
    raise AssertionError("the detail never showed")


# ---------------------------------------------------------------- 1: keys in a burst


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


# ---------------------------------------------------------------- 2, 3: the change column


def log_fcr_for_ana(path: Path) -> None:
    """`huddle --db r.json --today 2026-11-23 log fcr 18/24 --member ana`, as typed."""
    with Store(path).transaction(by="test", action="log fcr") as tx:
        tx.add_entries([
            Entry(kr="fcr", member="ana", date=DEMO_TODAY, numerator=18, denominator=24,
                  typed_by="ana", typed_at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        ])  # fmt: skip


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


# ---------------------------------------------------------------- 4: the chart's axis


def test_a_count_axis_starts_at_zero_in_round_numbers() -> None:
    from huddle.widgets.pace_chart import axis

    low, high, labels = axis([0.0, 3100.0, 6941.0], [200.0, 12500.0], (0.0, 12500.0), "count")
    assert low == 0 and high >= 12500 and high == int(high)
    assert all("." not in label and "−" not in label for label in labels)


def test_a_percentage_axis_takes_in_baseline_and_target() -> None:
    from huddle.widgets.pace_chart import axis

    low, high, _ = axis([69.0, 71.0], [70.0, 70.4], (60.0, 78.0), "%")
    assert low <= 60 and high >= 78


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


# ---------------------------------------------------------------- 5: the entries


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_the_entries_at_80x24_newest_day_first_with_who_typed_them_in_view(
    demo_db: Path,
) -> None:
    app = demo_app(demo_db)
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
        assert len(shown) >= 8, lines  # more than the five shown before


# ---------------------------------------------------------------- 6: help and the footer


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
async def test_help_offers_only_its_own_keys_and_q_quits(demo_db: Path) -> None:
    app = demo_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        footer = terminal_lines(app)[-1]
        for board_key in ("Log", "At risk", "Huddle", "Move"):
            assert board_key not in footer
        assert "q Quit" in footer and "esc Close" in footer
        assert app.return_code is None
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0  # q quit the app, not only help


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
@pytest.mark.parametrize("size", [(80, 24), (60, 24)])
async def test_the_footer_is_whole_with_a_card_or_a_row_focused(
    demo_db: Path, size: tuple[int, int]
) -> None:
    app = demo_app(demo_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = board(app)
        for target in (screen.cards()[-1], screen.rows()[0]):
            screen.set_focus(target)
            await settle(pilot)
            keys = [key for key in screen.query(FooterKey) if key.display]
            assert keys
            for key in keys:
                assert key.region.right <= size[0], (key.key_display, key.region)
            footer = terminal_lines(app)[-1]
            assert "? Help" in footer or "?Help" in footer, footer


# ---------------------------------------------------------------- 7: titles


def test_titles_are_cut_between_words_and_keys_never() -> None:
    from huddle.widgets.kr_row import title_text

    assert title_text("solved", "Tickets solved", 19) == "solved Tickets…".ljust(19)
    assert title_text("fcr", "First contact resolution", 19) == "fcr First contact…".ljust(19)
    assert title_text("backlog", "Open backlog", 8).startswith("backlog")


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


def test_the_status_column_is_as_wide_as_the_board_needs() -> None:
    assert columns(75, status_width=10).title > columns(75).title


# ---------------------------------------------------------------- 8: the first frame


class FirstFrame(HuddleApp):
    """Notes the layout of the first frame that showed KR rows."""

    first: dict[str, Any] | None = None

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)
        if (
            renderable is not None
            and self.first is None
            and isinstance(screen, BoardScreen)
            and any(row.region.area for row in screen.query(KeyResultRow))
        ):
            self.first = layout_of(screen)


def layout_of(screen: BoardScreen) -> dict[str, Any]:
    return {
        "cards": {card.id: card.region.width for card in screen.query(ObjectiveCard)
                  if card.region.area},
        "rows": {row.key: row.render().plain for row in screen.query(KeyResultRow)
                 if row.region.area},
        "keys": [key.key_display for key in screen.query(FooterKey) if key.region.area],
    }  # fmt: skip


@pytest.mark.slow  # a walk through the UI (the inner loop keeps one per file)
@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_first_frame_is_laid_out_as_the_settled_one(
    demo_db: Path, size: tuple[int, int]
) -> None:
    app = FirstFrame(Store(demo_db), Clock.pinned(DEMO_TODAY), poll_interval=60)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        assert app.first is not None
        settled = layout_of(board(app))
        first = app.first
        shared = set(first["cards"]) & set(settled["cards"])
        assert shared
        assert {c: first["cards"][c] for c in shared} == {c: settled["cards"][c] for c in shared}
        assert first["rows"] == {k: settled["rows"][k] for k in first["rows"]}
        assert first["keys"] == settled["keys"]


# ---------------------------------------------------------------- 9: people named one way


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
