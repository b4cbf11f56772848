"""The board's text, computed by hand (huddle.present, no Textual): bars, sparklines,
status words, values and deltas."""

from __future__ import annotations

from datetime import date

from msgspec.structs import replace

from huddle.engine.view import KrView
from huddle.present import (
    bar_cells,
    bar_progress,
    delta_text,
    spark_text,
    status_text,
    value_text,
)

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
