"""How numbers are written for people: shared by the command line, reasons and widgets.

Negative numbers use the true minus sign "−" (U+2212), as deltas do.

`compact=True` is the board's form (a column of a few cells): a count or score of a
million or more is written with three significant figures and M, B or T
("1.23 M", "12.3 B"); everything else, and everything on the command line, is exact.
"""

from __future__ import annotations

import math
from datetime import date

from huddle.domain.plan import Unit

MINUS = "\u2212"
NOTHING = "\u2014"  # em dash: no value
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _half_up(value: float) -> int:
    """Round a non-negative number to the nearest integer, halves up (not to even).

    Rounded to 9 places first so that 2.675 * 100 style float noise does not flip a half.
    """
    return math.floor(round(value, 9) + 0.5)


def whole_from_ten(value: float, unit: Unit) -> float:
    """A count of 10 or more rounded to whole units (half up, sign kept): 214 a day, not
    213.8; below 10 it stays as it is (0.3 articles a day is a rate); other units too."""
    if unit != "count" or abs(value) < 10:
        return value
    return math.copysign(_half_up(abs(value)), value)


def _one_decimal(value: float) -> tuple[int, int]:
    """A non-negative value as (whole, tenths), rounded half up."""
    tenths = _half_up(value * 10)
    return divmod(tenths, 10)


def _magnitude(value: float, unit: Unit, *, trim: bool = False, compact: bool = False) -> str:
    """The absolute value written in its unit, without sign.

    `trim` drops a ".0" for percentages ("90 %" rather than "90.0 %"); `compact` writes a
    count or score of a million or more as "1.23 M".
    """
    value = abs(value)
    if unit == "%":
        whole, tenth = _one_decimal(value)
        if trim and tenth == 0:
            return f"{whole:,} %"
        return f"{whole:,}.{tenth} %"
    if unit == "minutes":
        return _duration_seconds(value * 60)
    if unit == "seconds":
        return _duration_seconds(value, short=True)
    if unit == "hours":
        minutes = _half_up(value * 60)
        hours, rest = divmod(minutes, 60)
        return f"{hours}h{rest:02d}m"
    # count and score: thousands separators, one decimal unless integral at that precision
    whole, tenth = _one_decimal(value)
    if compact and whole >= _LARGE[0][0]:
        return _three_figures(value)
    return f"{whole:,}" if tenth == 0 else f"{whole:,}.{tenth}"


_LARGE = ((10**6, "M"), (10**9, "B"), (10**12, "T"))


def _three_figures(value: float) -> str:
    """A non-negative value of a million or more: "1.23 M", "12.3 M", "123 M", "1.00 B"
    (999,999,999 rounds up to the next scale rather than to "1,000 M")."""
    scale, suffix = next(
        (scale, suffix)
        for scale, suffix in reversed(_LARGE)
        if _half_up(value / scale * 100) >= 100
    )
    scaled = value / scale
    for decimals in (2, 1):
        digits = _half_up(scaled * 10**decimals)
        if digits < 1000:
            return f"{digits / 10**decimals:.{decimals}f} {suffix}"
    return f"{_half_up(scaled):,} {suffix}"


def _duration_seconds(seconds: float, *, short: bool = False) -> str:
    """4m30s below an hour, 1h15m from an hour; `short` writes "45s" below a minute."""
    total = _half_up(seconds)
    if total >= 3600:
        minutes = _half_up(seconds / 60)
        hours, rest = divmod(minutes, 60)
        return f"{hours}h{rest:02d}m"
    minutes, rest = divmod(total, 60)
    if short and minutes == 0:
        return f"{rest}s"
    return f"{minutes}m{rest:02d}s"


def format_value(value: float | None, unit: Unit, *, compact: bool = False) -> str:
    """1532 -> "1,532"; 90.62 % -> "90.6 %"; 4.5 minutes -> "4m30s"; None -> "—";
    1234567 -> "1,234,567", or "1.23 M" when `compact`."""
    if value is None:
        return NOTHING
    text = _magnitude(value, unit, compact=compact)
    return MINUS + text if value < 0 and _is_nonzero(text) else text


def format_target(value: float | None, unit: Unit, *, compact: bool = False) -> str:
    """Like format_value, but a round percentage drops its decimal: "90 %" (for thresholds)."""
    if value is None:
        return NOTHING
    text = _magnitude(value, unit, trim=True, compact=compact)
    return MINUS + text if value < 0 and _is_nonzero(text) else text


def format_amount(amount: float, unit: Unit, *, compact: bool = False) -> str:
    """A distance between two values, unsigned: "1.8 pts" for %, else the unit's own form."""
    if unit == "%":
        whole, tenth = _one_decimal(abs(amount))
        return f"{whole:,}.{tenth} pts"
    return _magnitude(amount, unit, compact=compact)


def format_delta(delta: float | None, unit: Unit, *, compact: bool = False) -> str:
    """Signed change: "+12", "−1.2 pts", "−0m15s"; "±0" when it rounds to nothing; None -> "—"."""
    if delta is None:
        return NOTHING
    text = format_amount(delta, unit, compact=compact)
    if not _is_nonzero(text):
        return "\u00b1" + text
    return ("+" if delta > 0 else MINUS) + text


def format_percent(fraction: float) -> str:
    """A fraction as a whole percentage: 0.62 -> "62 %", -0.1 -> "−10 %"."""
    percent = _half_up(abs(fraction) * 100)
    sign = MINUS if fraction < 0 and percent else ""
    return f"{sign}{percent:,} %"


def whole_percent(fraction: float) -> int:
    """A fraction as whole percentage points (half up, sign kept): 0.175 -> 18, -0.1 -> -10."""
    points = _half_up(abs(fraction) * 100)
    return -points if fraction < 0 else points


def format_day(day: date) -> str:
    """A short date for a wall: "Nov 18" (locale independent)."""
    return f"{_MONTHS[day.month - 1]} {day.day}"


def format_weekday(day: date) -> str:
    """A short date with its weekday: "Fri Nov 20"."""
    return f"{_WEEKDAYS[day.weekday()]} {format_day(day)}"


def format_weekday_date(day: date) -> str:
    """An ISO date with its weekday: "Sat 2026-11-21"."""
    return f"{_WEEKDAYS[day.weekday()]} {day.isoformat()}"


def _is_nonzero(text: str) -> bool:
    return any(ch in "123456789" for ch in text)
