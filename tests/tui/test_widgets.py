"""The widgets, computed by hand: row columns and titles, the chart, badges, the footer,
the text table."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input
from textual.widgets._footer import FooterKey

from huddle.widgets import StatusBadge
from huddle.widgets.huddle_header import countdown_text
from huddle.widgets.keys_footer import KeysFooter
from huddle.widgets.kr_row import columns, fit
from huddle.widgets.pace_chart import chart_lines, value_range
from huddle.widgets.text_table import Column, Row, TextTable


def test_fit_cuts_and_pads_titles() -> None:
    assert fit("First contact resolution", 10) == "First con…"
    assert fit("abc", 5) == "abc  "


def test_columns_drop_the_sparkline_when_narrow() -> None:
    # fixed columns: cursor 1 + value 17 + delta 10 + status 19 = 47 (+15 with sparkline)
    # a 75-cell row: 28 left → title 28 − 8 − 1 = 19, bar 8
    assert columns(75)[:3] == (19, 8, False)
    # a 155-cell row: 155 − 62 = 93 left → title 44 (its maximum), bar 93 − 45 = 48
    assert columns(155)[:3] == (44, 48, True)
    # statuses no wider than 10 ("✓ on track") leave 8 more cells to the title
    assert columns(75, status_width=10)[:3] == (27, 8, False)
    # a 65-cell row: 18 left, the bar goes (title 18 ≥ 16); at 55 the change column too,
    # and the title takes its place: 55 − 37 = 18
    assert columns(65) == (18, 0, False, True, 18)
    assert columns(55) == (18, 0, False, False, 18)


def test_the_countdown_keeps_saying_times_up_until_the_huddle_ends() -> None:
    assert countdown_text(845) == "14:05 left"
    assert countdown_text(0.2) == "time's up"
    assert countdown_text(-1) == "time's up · 0:01 over"
    assert countdown_text(-190) == "time's up · 3:10 over"


def test_chart_draws_bars_and_the_pace_line() -> None:
    # values 0..10 → range 0..10 in round steps (no room below zero: no
    # negative tickets on the axis); 2 rows = 16 eighths over 10 units
    assert value_range([0.0, 10.0]) == (0.0, 10.0)
    assert value_range([0.0, 3100.0, 12500.0]) == (0.0, 14000.0)  # steps of 2,000
    lines = chart_lines([0.0, 10.0], [5.0, 5.0], height=2, width=2)
    # day 1 is 10 → 16 eighths: both rows full; day 0 is 0 → nothing, and the pace
    # 5 → 8 eighths → row (8 − 1) // 8 = 0 (the bottom row)
    assert [text for text, _ in lines] == [" █", "──"]
    assert [flags for _, flags in lines] == [[False, False], [True, True]]


def test_titles_are_cut_between_words_and_keys_never() -> None:
    from huddle.widgets.kr_row import title_text

    assert title_text("solved", "Tickets solved", 19) == "solved Tickets…".ljust(19)
    assert title_text("fcr", "First contact resolution", 19) == "fcr First contact…".ljust(19)
    assert title_text("backlog", "Open backlog", 8).startswith("backlog")


def test_the_status_column_is_as_wide_as_the_board_needs() -> None:
    assert columns(75, status_width=10).title > columns(75).title


def test_a_count_axis_starts_at_zero_in_round_numbers() -> None:
    from huddle.widgets.pace_chart import axis

    low, high, labels = axis([0.0, 3100.0, 6941.0], [200.0, 12500.0], (0.0, 12500.0), "count")
    assert low == 0 and high >= 12500 and high == int(high)
    assert all("." not in label and "−" not in label for label in labels)


def test_a_percentage_axis_takes_in_baseline_and_target() -> None:
    from huddle.widgets.pace_chart import axis

    low, high, _ = axis([69.0, 71.0], [70.0, 70.4], (60.0, 78.0), "%")
    assert low <= 60 and high >= 78


class _Widgets(App[None]):
    def compose(self) -> ComposeResult:
        yield StatusBadge("at_risk", stale=True)


async def test_status_badge_renders_and_updates_in_place() -> None:
    app = _Widgets()
    async with app.run_test(size=(40, 5)) as pilot:
        badge = app.query_one(StatusBadge)
        assert str(badge.render()) == "▲ at risk, stale"
        assert badge.has_class("-at-risk")
        badge.status = "on_track"
        badge.stale = False
        await pilot.pause()
        assert str(badge.render()) == "✓ on track"
        assert badge.has_class("-on-track")
        assert not badge.has_class("-at-risk")


class _CountingFooter(KeysFooter):
    recomposes = 0

    async def recompose(self) -> None:
        type(self).recomposes += 1
        await super().recompose()


class _FooterApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "ring", "Ring")]
    may_ring = True

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield _CountingFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "ring" and not self.may_ring else True


async def test_keys_footer_has_its_keys_at_once_and_recomposes_once_per_frame() -> None:
    app = _FooterApp()
    async with app.run_test(size=(60, 6)) as pilot:
        footer = app.query_one(_CountingFooter)
        assert "x" in [key.key_display for key in footer.query(FooterKey)]
        await pilot.pause()
        before = _CountingFooter.recomposes
        app.may_ring = False
        for _ in range(3):  # three "bindings changed" signals queued before the next frame
            footer.call_later(footer.bindings_changed, app.screen)
        await pilot.pause()
        await pilot.pause()
        assert _CountingFooter.recomposes == before + 1
        (ring,) = [key for key in footer.query(FooterKey) if key.key_display == "x"]
        assert ring.has_class("-disabled")


async def test_keys_footer_keeps_its_keys_when_the_signal_changes_nothing() -> None:
    app = _FooterApp()
    async with app.run_test(size=(60, 6)) as pilot:
        footer = app.query_one(_CountingFooter)
        await pilot.pause()
        keys = list(footer.query(FooterKey))
        before = _CountingFooter.recomposes
        await pilot.press("tab", "tab", "tab")  # focus moves: "bindings changed", same keys
        footer.call_later(footer.bindings_changed, app.screen)
        await pilot.pause()
        await pilot.pause()
        assert _CountingFooter.recomposes == before
        assert list(footer.query(FooterKey)) == keys


class _Typing(App[None]):
    def compose(self) -> ComposeResult:
        yield Input("34")


@pytest.mark.slow
async def test_tui_tests_run_without_blinking_or_animation() -> None:
    """The autouse `no_blink` fixture (tests/tui/conftest.py) holds every frame still."""
    app = _Typing()
    assert app.animation_level == "none"
    async with app.run_test() as pilot:
        field = app.query_one(Input)
        field.focus()
        await pilot.pause(0.6)  # longer than one blink
        assert field.has_focus and field.cursor_blink is False


class _CountingTable(TextTable):
    drawn: ClassVar[list[int]] = []

    def line(self, y: int, width: int) -> Content:
        self.drawn.append(y)
        return super().line(y, width)


class _LongTableApp(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield _CountingTable(
                [Column("day", 10), Column("value", 6, right=True), Column("note")],
                id="table",
            )


async def test_a_long_table_draws_only_the_lines_in_view() -> None:
    app = _LongTableApp()
    async with app.run_test(size=(40, 8)) as pilot:
        table = app.query_one(_CountingTable)
        table.rows = tuple(Row((f"day {n}", str(n), "[b]not markup[/b]")) for n in range(500))
        await pilot.pause()
        _CountingTable.drawn.clear()
        table.refresh()
        await pilot.pause()
        assert 0 < len(_CountingTable.drawn) <= 8  # a screenful, not 501 lines
        assert table.render_line(0).text.rstrip() == "day         value note"
        assert table.render_line(1).text.rstrip() == "day 0           0 [b]not markup[/b]"
        _CountingTable.drawn.clear()
        app.query_one(VerticalScroll).scroll_to(y=300, animate=False)
        await pilot.pause()
        assert 300 in _CountingTable.drawn
        assert 0 < len(_CountingTable.drawn) <= 8
        assert table.render_line(300).text.startswith("day 299 ")
