"""The one line a person reads on the wall for a KR's status (docs/numbers.md)."""

from __future__ import annotations

from datetime import date

from huddle.domain.formatting import (
    format_amount,
    format_day,
    format_target,
    format_value,
    whole_percent,
)
from huddle.domain.plan import KeyResult
from huddle.domain.statuses import Status
from huddle.engine.status import exact, hold_margin


def _label(kr: KeyResult) -> str:
    """A short name to start a hold reason with: "CSAT " for key csat; long keys get none."""
    return f"{kr.key.upper()} " if len(kr.key) <= 5 and kr.key.isalnum() else ""


def _points(n: int) -> str:
    return f"{n} pt" if n == 1 else f"{n} pts"


def kr_reason(
    kr: KeyResult,
    status: Status,
    current: float | None,
    progress: float | None,
    f: float,
    *,
    window_has_gap: bool = False,
) -> str:
    """The one line a person reads on the wall for this status (without the stale note).

    `window_has_gap`: no_data because nothing fell in the window, though entries exist.
    """
    unit = kr.unit
    if status == "no_data" or current is None:
        if window_has_gap and kr.window is not None:
            if kr.window == 1:
                return "no entries today"
            return f"no entries in the last {kr.window} days"
        return "no entries yet"
    target = format_target(kr.target, unit)
    if status == "achieved":
        return f"target {target} reached ({format_value(current, unit)})"
    if kr.is_hold:
        side = "floor" if kr.direction == "at_least" else "ceiling"
        value = f"{_label(kr)}{format_value(current, unit)}"
        margin = hold_margin(kr, current)
        if status == "off_track":
            word = "below" if kr.direction == "at_least" else "above"
            return f"{value} is {format_amount(-margin, unit)} {word} the {target} {side}"
        if status == "at_risk":
            if exact(margin) == 0:
                return f"{value} is right on the {target} {side}"
            return f"{value} is within {format_amount(kr.hold_band, unit)} of the {target} {side}"
        word = "above" if kr.direction == "at_least" else "below"
        return f"{value} holds {format_amount(margin, unit)} {word} the {target} {side}"
    assert progress is not None
    done = whole_percent(progress)
    gone = whole_percent(f)
    numbers = f"({_percent(done)} done, {_percent(gone)} of cycle gone)"
    behind = gone - done
    if behind > 0:
        return f"{_points(behind)} behind pace {numbers}"
    return f"on pace {numbers}"


def _percent(points: int) -> str:
    return f"\u2212{-points:,} %" if points < 0 else f"{points:,} %"


def stale_note(last_entry: date | None) -> str:
    return f"nothing logged since {format_day(last_entry)}" if last_entry else "nothing logged yet"
