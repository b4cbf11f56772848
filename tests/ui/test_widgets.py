"""The widgets' text, computed by hand: bars, sparklines, badges, row columns, the chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from huddle.domain.corrections import entry_states
from huddle.domain.entry import Entry
from huddle.engine.view import KrView
from huddle.present import (
    bar_cells,
    bar_progress,
    delta_text,
    spark_text,
    status_text,
    value_text,
)
from huddle.widgets import StatusBadge
from huddle.widgets.keys_footer import KeysFooter
from huddle.widgets.kr_row import columns, fit
from huddle.widgets.pace_chart import chart_lines, value_range

KR = KrView(
    key="fcr",
    title="First contact resolution",
    kind="ratio",
    direction="up",
    unit="%",
    baseline=60.0,
    target=80.0,
    current=65.0,
    progress=0.25,
    expected=0.6,
    status="off_track",
    stale=False,
    reason="35 pts behind pace (25 % done, 60 % of cycle gone)",
    delta=-1.25,
    delta_good=False,
    spark=(65.0, None, 70.0),
    last_entry=date(2026, 11, 17),
    owner="team",
)


def test_bar_fills_in_eighths_with_the_marker_at_the_pace() -> None:
    # 0.25 of 8 cells = 2 full cells; pace 0.6 · 8 = 4.8 → marker in cell 4
    assert bar_cells(0.25, 0.6, 8) == ("██░░░░░░", 4)
    # 0.3 · 8 = 2.4 cells = 19.2 eighths → 19 = 2 full + 3/8 (▍)
    assert bar_cells(0.3, None, 8) == ("██▍░░░░░", None)
    # over-achievement is clamped; the pace at 1.0 sits in the last cell
    assert bar_cells(1.7, 1.0, 4) == ("████", 3)
    assert bar_cells(None, 0.0, 3) == ("░░░", 0)
    assert bar_cells(0.5, 0.5, 0) == ("", None)


def test_sparkline_scales_between_min_and_max_and_leaves_gaps() -> None:
    # 0 → ▁, 10 → █, 5 → index round(0.5 · 7) = 4 → ▅
    assert spark_text([0, None, 5, 10]) == "▁ ▅█"
    assert spark_text([3, 3]) == "▄▄"
    assert spark_text([None, None]) == "  "


def test_status_is_symbol_and_word_with_the_stale_mark() -> None:
    assert status_text("on_track") == "✓ on track"
    assert status_text("at_risk", stale=True) == "▲ at risk, stale"
    assert status_text("off_track") == "✗ off track"
    assert status_text("achieved") == "★ achieved"
    assert status_text("no_data") == "· no data"


def test_row_texts() -> None:
    assert value_text(KR) == "65.0 % / 80 %"
    assert delta_text(KR) == "▼−1.3 pts"  # 1.25 rounds half up to 1.3
    assert delta_text(replace(KR, delta=0.0)) == "±0"
    assert delta_text(replace(KR, delta=None)) == ""
    hold = replace(KR, direction="at_least", target=90.0, current=92.0, status="on_track")
    assert value_text(hold) == "92.0 % ≥ 90 %"
    assert bar_progress(hold) == 1.0
    assert bar_progress(replace(hold, status="off_track")) == 0.0
    assert fit("First contact resolution", 10) == "First con…"
    assert fit("abc", 5) == "abc  "


def test_columns_drop_the_sparkline_when_narrow() -> None:
    # fixed columns: cursor 1 + value 17 + delta 10 + status 19 = 47 (+15 with sparkline)
    # a 75-cell row: 28 left → title 28 − 8 − 1 = 19, bar 8
    assert columns(75) == (19, 8, False)
    # a 155-cell row: 155 − 62 = 93 left → title 44 (its maximum), bar 93 − 45 = 48
    assert columns(155) == (44, 48, True)


def test_chart_draws_bars_and_the_pace_line() -> None:
    # values 0..10 → range −0.5..10.5 (5 % room); 2 rows = 16 eighths over 11 units
    assert value_range([0.0, 10.0]) == (-0.5, 10.5)
    lines = chart_lines([0.0, 10.0], [5.0, 5.0], height=2, width=2)
    # day 1 is 10 → 10.5/11·16 = 15.3 → 15 eighths: bottom row full, top row 7/8 (▇);
    # day 0 is 0 → 0.5/11·16 = 0.7 → 1 eighth, but the pace covers the bottom row:
    # pace 5 → 5.5/11·16 = 8 eighths → row (8 − 1) // 8 = 0 (the bottom row)
    assert [text for text, _ in lines] == [" ▇", "──"]
    assert [flags for _, flags in lines] == [[False, False], [True, True]]


def test_entry_states_mark_corrections_and_voids() -> None:
    at = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    day = date(2026, 11, 17)

    def entry(minutes: int, value: float | None, void: bool = False) -> Entry:
        return Entry(
            kr="solved",
            member="ana",
            date=day,
            value=value,
            void=void,
            typed_by="ana",
            typed_at=at.replace(minute=minutes),
        )

    assert entry_states([entry(0, 5), entry(1, 6)]) == ["replaced", "counts"]
    assert entry_states([entry(0, 5), entry(1, None, void=True)]) == ["voided", "void"]
    # typed later wins even when it comes first in the file
    assert entry_states([entry(5, 7), entry(1, 6)]) == ["counts", "replaced"]


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
    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "bell", "Ring")]

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield _CountingFooter()


async def test_keys_footer_has_its_keys_at_once_and_recomposes_once_per_frame() -> None:
    app = _FooterApp()
    async with app.run_test(size=(60, 6)) as pilot:
        footer = app.query_one(_CountingFooter)
        assert "x" in [key.key_display for key in footer.query(FooterKey)]
        await pilot.pause()
        before = _CountingFooter.recomposes
        for _ in range(3):  # three "bindings changed" signals queued before the next frame
            footer.call_later(footer.bindings_changed, app.screen)
        await pilot.pause()
        await pilot.pause()
        assert _CountingFooter.recomposes == before + 1
