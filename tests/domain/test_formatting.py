"""How numbers are written: values, deltas, percentages, thresholds and amounts."""

from __future__ import annotations

from datetime import date

import pytest

from huddle.domain.formatting import (
    format_amount,
    format_day,
    format_delta,
    format_percent,
    format_target,
    format_value,
    whole_percent,
)
from huddle.domain.plan import Unit


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1532, "count", "1,532"),  # thousands separator, integral -> no decimals
        (1532.0, "count", "1,532"),
        (12.5, "count", "12.5"),  # not integral -> one decimal
        (1234.56, "count", "1,234.6"),  # 1234.56 -> 1234.6 (half up at the tenth)
        (0, "count", "0"),
        (-12, "count", "\u221212"),  # true minus sign
        (90.62, "%", "90.6 %"),
        (90, "%", "90.0 %"),  # values always show their decimal
        (100, "%", "100.0 %"),
        (4.5, "minutes", "4m30s"),  # 4.5 min = 4 min 30 s
        (4, "minutes", "4m00s"),
        (75, "minutes", "1h15m"),  # from an hour on: hours and minutes
        (2 / 3, "minutes", "0m40s"),  # 40 s
        (90, "seconds", "1m30s"),
        (45, "seconds", "45s"),  # below a minute: seconds only
        (3600, "seconds", "1h00m"),
        (2.5, "hours", "2h30m"),
        (8.4, "score", "8.4"),
        (8.0, "score", "8"),
        (8.45, "score", "8.5"),  # half up, not banker's rounding
        (None, "count", "\u2014"),
        (None, "%", "\u2014"),
    ],
)
def test_format_value(value: float | None, unit: Unit, text: str) -> None:
    assert format_value(value, unit) == text


def test_tiny_negative_is_not_minus_zero() -> None:
    assert format_value(-0.01, "count") == "0"


@pytest.mark.parametrize(
    ("delta", "unit", "text"),
    [
        (12, "count", "+12"),
        (-1200, "count", "\u22121,200"),
        (-1.2, "%", "\u22121.2 pts"),  # percentages change in points
        (0.35, "%", "+0.4 pts"),  # 0.35 -> 0.4 half up
        (-0.25, "minutes", "\u22120m15s"),  # 0.25 min = 15 s
        (45, "seconds", "+45s"),
        (0.5, "hours", "+0h30m"),
        (0.3, "score", "+0.3"),
        (0, "count", "\u00b10"),
        (0.01, "%", "\u00b10.0 pts"),  # rounds to nothing: no sign
        (None, "count", "\u2014"),
    ],
)
def test_format_delta(delta: float | None, unit: Unit, text: str) -> None:
    assert format_delta(delta, unit) == text


@pytest.mark.parametrize(
    ("fraction", "text"),
    [
        (0.62, "62 %"),
        (0.0, "0 %"),
        (1.0, "100 %"),
        (0.625, "63 %"),  # half up
        (0.005, "1 %"),
        (-0.1, "\u221210 %"),
        (1.234, "123 %"),
    ],
)
def test_format_percent(fraction: float, text: str) -> None:
    assert format_percent(fraction) == text


def test_whole_percent_keeps_sign() -> None:
    assert whole_percent(0.175) == 18  # 17.5 half up
    assert whole_percent(-0.175) == -18
    assert whole_percent(0.8) == 80


def test_thresholds_drop_a_round_decimal() -> None:
    assert format_target(90, "%") == "90 %"
    assert format_target(92.5, "%") == "92.5 %"
    assert format_target(1500, "count") == "1,500"
    assert format_target(4, "minutes") == "4m00s"


def test_amounts_use_points_for_percentages() -> None:
    assert format_amount(1.8, "%") == "1.8 pts"
    assert format_amount(-3.14, "%") == "3.1 pts"  # unsigned
    assert format_amount(2 / 3, "minutes") == "0m40s"
    assert format_amount(12, "count") == "12"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (999_999.94, "999,999.9"),  # below a million: exact, as everywhere
        (999_999.96, "1.00 M"),  # rounds to a million
        (1_234_567, "1.23 M"),
        (7_088_629, "7.09 M"),
        (-1_234_567, "\u22121.23 M"),
        (9_996_000, "10.0 M"),
        (123_456_789, "123 M"),
        (999_999_999, "1.00 B"),  # the next scale, not "1,000 M"
        (1.5e12, "1.50 T"),
    ],
)
def test_compact_writes_millions_with_three_figures(value: float, text: str) -> None:
    assert format_value(value, "count", compact=True) == text


def test_compact_is_exact_below_a_million_and_for_other_units() -> None:
    assert format_value(1_234_567, "count") == "1,234,567"
    assert format_target(1_500_000, "score", compact=True) == "1.50 M"
    assert format_delta(1_227_604, "count", compact=True) == "+1.23 M"
    assert format_value(987_653.5, "count", compact=True) == "987,653.5"
    assert format_value(1_500_000, "minutes", compact=True) == "25000h00m"


def test_format_day() -> None:
    assert format_day(date(2026, 11, 18)) == "Nov 18"
    assert format_day(date(2027, 1, 5)) == "Jan 5"
