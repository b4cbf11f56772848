"""Looking ahead: where a KR lands at this pace, and what it takes from here
(docs/numbers.md, "Looking ahead").

W is the cycle's working days, c those strictly before today (as for the elapsed
fraction), r = W − c the ones left, today included. Defined only while 0 < c < W and
the KR has data. Ratios, means and NPS are asked for a value on the volume still to
come, R = (volume so far) / c · r: never an extrapolated percentage, for the same reason
a period value is never an average of daily percentages.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Literal

import msgspec

from huddle.domain.plan import Cycle, KeyResult
from huddle.engine.series import Series
from huddle.engine.status import exact

NeededBasis = Literal["per_day", "remaining_volume", "window"]

# What one more entry can bring, per kind: (lowest, highest); None: no bound that side.
_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "sum": (0.0, None),  # a day adds a value >= 0
    "ratio": (0.0, 100.0),
    "mean": (0.0, None),
    "nps": (-100.0, 100.0),
    "latest": (None, None),
}


class Ahead(msgspec.Struct, frozen=True):
    """Where the KR ends at this pace and what it needs from here (the four documented
    values first; the rest is what the sentences for people are made of)."""

    projected: float  # the end value at this pace
    needed: float  # per working day, on the remaining volume, or over the final window
    basis: NeededBasis
    reachable: bool  # within what the kind allows (a ratio cannot exceed 100 %)
    so_far: float  # the same measure as `needed`, so far (per day, or the current value)
    days_left: int  # r: working days from today to the end, today included
    remaining: float | None = None  # R, the volume expected from here (remaining_volume)
    best: float | None = None  # the end value if the rest were the best the kind allows
    end: date | None = None  # the cycle's last day
    window: int | None = None  # a windowed KR's N days
    volume_label: str = ""  # what the remaining volume is counted in ("contacts")


def look_ahead(
    kr: KeyResult,
    series: Series,
    cycle: Cycle,
    today: date,
    *,
    completed: int,
    total: int,
    current: float | None,
) -> Ahead | None:
    """The KR's outlook; None before the first completed working day, after the last,
    and without data. `completed`: c; `total`: W; `current`: the KR's value today
    (numbers dated after today are not "so far", as for every value)."""
    if current is None or not 0 < completed < total:
        return None
    left = total - completed
    target = kr.target
    if kr.window is not None or (kr.kind == "latest" and kr.is_hold):
        return Ahead(
            current, target, "window", True, current, left, end=cycle.end, window=kr.window
        )
    if kr.kind in ("sum", "latest"):
        rate = (current - kr.start_value) / completed
        needed = (target - current) / left
        return Ahead(
            current + rate * left,
            needed,
            "per_day",
            _within(kr, needed),
            rate,
            left,
            best=None if _within(kr, needed) else _best_sum(kr, current, left),
            end=cycle.end,
        )
    total_so_far, volume = _sums(kr, series, cycle.start, min(today, cycle.end))
    remaining = volume / completed * left
    needed = _needed_on(kr.kind, target, total_so_far, volume, remaining)
    reachable = _within(kr, needed)
    best = None
    if not reachable:
        bound = _bound_towards_target(kr)
        assert bound is not None  # only a bounded kind can be out of reach
        best = _end_value(kr.kind, total_so_far, volume, remaining, bound)
    return Ahead(
        current,
        needed,
        "remaining_volume",
        reachable,
        current,
        left,
        remaining=remaining,
        best=best,
        end=cycle.end,
        volume_label=_volume_label(kr),
    )


def _volume_label(kr: KeyResult) -> str:
    if kr.kind == "nps":
        return "responses"
    if kr.kind == "ratio" and kr.denominator_label != "denominator":  # not the default
        return kr.denominator_label
    return ""


def _sums(kr: KeyResult, series: Series, first: date, last: date) -> tuple[float, float]:
    """(the amount, the volume) so far: ratio (Σnum, Σden), mean (Σvalue·volume,
    Σvolume), nps (ΣP − ΣD, Σresponses)."""
    i, j = series.span(first, last)
    a, b = math.fsum(series.a[i:j]), math.fsum(series.b[i:j])
    if kr.kind == "nps":
        c = math.fsum(series.c[i:j])
        return a - c, a + b + c
    return a, b


def _needed_on(kind: str, target: float, amount: float, volume: float, remaining: float) -> float:
    """The value the remaining volume must have for the whole to end on `target`."""
    if kind == "mean":
        return (target * (volume + remaining) - amount) / remaining
    return 100.0 * (target / 100.0 * (volume + remaining) - amount) / remaining


def _end_value(kind: str, amount: float, volume: float, remaining: float, value: float) -> float:
    """The value at the end if the remaining volume had `value` (a percentage for ratio
    and nps, the mean for mean)."""
    scale = 1.0 if kind == "mean" else 100.0
    return scale * (amount + value / scale * remaining) / (volume + remaining)


def _rising(kr: KeyResult) -> bool:
    return kr.direction in ("up", "at_least")


def _bound_towards_target(kr: KeyResult) -> float | None:
    low, high = _BOUNDS[kr.kind]
    return high if _rising(kr) else low


def _within(kr: KeyResult, needed: float) -> bool:
    """Is `needed` something the kind allows, in the direction the KR wants to move?"""
    bound = _bound_towards_target(kr)
    if bound is None:
        return True
    return exact(needed) <= bound if _rising(kr) else exact(needed) >= bound


def _best_sum(kr: KeyResult, current: float, left: int) -> float:
    """A sum that must go down (or stay under) cannot: at best nothing more is added."""
    bound = _bound_towards_target(kr)
    return current + (bound or 0.0) * left
