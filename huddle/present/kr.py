"""A KR's numbers and notes for people: value against target, change and its days,
reason, a counter KR's warning, the lead's confidence, since when and who drags."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from huddle.domain.formatting import (
    format_day,
    format_delta,
    format_target,
    format_value,
    format_weekday,
)
from huddle.domain.plan import Unit
from huddle.domain.statuses import STATES, word
from huddle.engine.view import KrView

COUNTER_MARK = "⚠"


def counter_text(kr: KrView) -> str:
    """`⚠ frt better while csat worse`, or nothing."""
    return f"{COUNTER_MARK} {kr.counter_warning}" if kr.counter_warning else ""


def since_text(since: date | None, today: date | None) -> str:
    """`since Nov 12`, `since today`; nothing when unknown."""
    if since is None:
        return ""
    return "since today" if since == today else f"since {format_day(since)}"


class DragLike(Protocol):
    """A member pulling a KR the wrong way (the engine's `Drag`)."""

    @property
    def name(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def pull(self) -> float: ...


def drags_text(drags: Sequence[DragLike], unit: Unit) -> str:
    """`Ben Novak 50.0 % (−6.7 pts), Ana Silva 62.0 % (−1.0 pts)`; nothing when none."""
    return ", ".join(
        f"{drag.name} {format_value(drag.value, unit)} ({format_delta(drag.pull, unit)})"
        for drag in drags
    )


def value_text(kr: KrView, *, compact: bool = False) -> str:
    """`1,532 / 2,000`, `71.2 % / 80 %`; a hold KR shows its threshold: `90.6 % ≥ 90 %`.

    `compact` is the board's form: millions and more as `1.23 M / 1.50 M`."""
    current = format_value(kr.current, kr.unit, compact=compact)
    target = format_target(kr.target, kr.unit, compact=compact)
    if kr.direction == "at_least":
        return f"{current} ≥ {target}"
    if kr.direction == "at_most":
        return f"{current} ≤ {target}"
    return f"{current} / {target}"


def delta_text(kr: KrView, *, compact: bool = False) -> str:
    """`▲+12`, `▼−1.2 pts`; `±0` when nothing changed, or too little to show in the KR's
    unit (`▲±0.0 pts` would say it rose by nothing); nothing when unknown. `compact` as
    for `value_text`: `▲+1.23 M`."""
    if kr.delta is None:
        return ""
    text = format_delta(kr.delta, kr.unit, compact=compact)
    if kr.delta == 0 or text.startswith("\u00b1"):
        return "±0"
    return ("▲" if kr.delta > 0 else "▼") + text


def delta_shows_change(kr: KrView) -> bool:
    """Does the change column show a rise or a fall (rather than ±0 or nothing)?"""
    return delta_text(kr)[:1] in ("▲", "▼")


def delta_days_text(kr: KrView) -> str:
    """Which days the change compares: `Fri Nov 20 vs Thu Nov 19`; nothing when unknown."""
    if kr.delta_days is None:
        return ""
    since, until = kr.delta_days
    return f"{format_weekday(until)} vs {format_weekday(since)}"


def confidence_text(kr: KrView) -> str:
    """`lead's confidence: at risk "note"`, or nothing when no lead set one."""
    if not kr.confidence:
        return ""
    note = f' "{kr.confidence_note}"' if kr.confidence_note else ""
    return f"lead's confidence: {word(kr.confidence)}{note}"


def confidence_mark(kr: KrView) -> str:
    """`lead ▲`: the lead's confidence as a board row shows it beside the computed
    status (never in its place); nothing when no lead set one."""
    if not kr.confidence or kr.confidence not in STATES:
        return ""
    return f"lead {STATES[kr.confidence].symbol}"


def reason_text(kr: KrView) -> str:
    """The KR's reason, a counter KR's warning and the lead's confidence beside it."""
    return " · ".join(part for part in (kr.reason, counter_text(kr), confidence_text(kr)) if part)
