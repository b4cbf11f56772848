"""Looking ahead in words a huddle can act on: where a KR lands at this pace, and what it
needs from here (the numbers: `huddle.engine.ahead`)."""

from __future__ import annotations

from huddle.domain.formatting import (
    format_delta,
    format_target,
    format_value,
    format_weekday,
    whole_from_ten,
)
from huddle.engine.ahead import Ahead
from huddle.engine.status import exact
from huddle.engine.view import KrView

# What the best possible rest of the cycle is, said for each kind (out of reach).
_BEST_REST = {
    ("ratio", True): "even 100 % on the rest",
    ("ratio", False): "even 0 % on the rest",
    ("nps", True): "even all promoters from here",
    ("nps", False): "even all detractors from here",
    ("sum", False): "even nothing more from here",
}
# How a needed line that cannot be met begins (screens mark these words like off track).
OUT_OF_REACH = "Out of reach:"


def _rising(kr: KrView) -> bool:
    return kr.direction in ("up", "at_least")


def projection_text(kr: KrView) -> str:
    """`At this pace: 11,420 of 12,500 by Thu Dec 31`; nothing where not defined."""
    ahead = kr.ahead
    if ahead is None or ahead.end is None:
        return ""
    end = format_weekday(ahead.end)
    projected = format_value(whole_from_ten(ahead.projected, kr.unit), kr.unit)
    target = format_target(kr.target, kr.unit)
    if kr.direction == "at_least":
        return f"At this pace: {projected} by {end} (at least {target})"
    if kr.direction == "at_most":
        return f"At this pace: {projected} by {end} (at most {target})"
    return f"At this pace: {projected} of {target} by {end}"


def out_of_reach(kr: KrView) -> bool:
    """Is what the KR needs from here more than its kind allows (`needed_text` then begins
    with `OUT_OF_REACH`)?"""
    return kr.ahead is not None and kr.status != "achieved" and not kr.ahead.reachable


def needed_text(kr: KrView) -> str:
    """What it takes from here, e.g. `Needed from here: 142 per working day (so far
    118)`, `Out of reach: even 100 % on the rest ends at 74.9 %`; nothing where not defined."""
    ahead = kr.ahead
    if ahead is None:
        return ""
    if kr.status == "achieved":
        return "Achieved: 0 needed"
    if out_of_reach(kr):
        best = format_value(ahead.best, kr.unit)
        rest = _BEST_REST.get((kr.kind, _rising(kr)), "even the best on the rest")
        if kr.kind == "mean":  # a mean can only go down to 0, in its own unit
            rest = f"even {format_value(0.0, kr.unit)} on the rest"
        return f"{OUT_OF_REACH} {rest} ends at {best}"
    if ahead.basis == "window":
        return _window_text(kr, ahead)
    if ahead.basis == "per_day":
        return _per_day_text(kr, ahead)
    return _volume_text(kr, ahead)


def _window_text(kr: KrView, ahead: Ahead) -> str:
    target = format_target(ahead.needed, kr.unit)
    goal = f"must reach {target}" if _rising(kr) else f"must be {target} or less"
    if ahead.window is None:  # a latest value held to a threshold
        assert ahead.end is not None
        return f"The value on {format_weekday(ahead.end)} {goal}"
    days = "day" if ahead.window == 1 else f"{ahead.window} days"
    return f"The last {days} before the end {goal}"


def _per_day_text(kr: KrView, ahead: Ahead) -> str:
    if kr.kind == "latest":  # a change per day, up or down
        needed = format_delta(whole_from_ten(ahead.needed, kr.unit), kr.unit)
        so_far = format_delta(whole_from_ten(ahead.so_far, kr.unit), kr.unit)
        return f"Needed from here: {needed} per working day (so far {so_far})"
    so_far = format_value(whole_from_ten(ahead.so_far, kr.unit), kr.unit)
    if exact(ahead.needed) <= 0 and _rising(kr):
        return f"0 needed: already past {format_target(kr.target, kr.unit)}"
    needed = format_value(whole_from_ten(ahead.needed, kr.unit), kr.unit)
    if not _rising(kr):
        return f"Room from here: at most {needed} per working day (so far {so_far})"
    return f"Needed from here: {needed} per working day (so far {so_far})"


def _volume_text(kr: KrView, ahead: Ahead) -> str:
    assert ahead.remaining is not None
    label = f" {ahead.volume_label}" if ahead.volume_label else ""
    left = f"the ~{round(ahead.remaining):,}{label} {'left' if label else 'still to come'}"
    needed = format_value(ahead.needed, kr.unit)
    so_far = format_value(ahead.so_far, kr.unit)
    if _secured(kr, ahead.needed):
        return f"Holds whatever comes on {left} (so far {so_far})"
    bound = "" if _rising(kr) else " or less"
    return f"Needed on {left}: {needed}{bound} (so far {so_far})"


def _secured(kr: KrView, needed: float) -> bool:
    """Does the KR end on the right side of its target whatever the rest brings?"""
    if _rising(kr):
        return exact(needed) <= (-100.0 if kr.kind == "nps" else 0.0)
    return kr.kind != "mean" and exact(needed) >= 100.0
