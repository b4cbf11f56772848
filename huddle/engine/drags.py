"""Who drags a team KR down: each member's own numbers against the team's pace.

The team value of a ratio, mean or nps KR is a weighted mean of its members' values
(weights: Σdenominator, Σvolume, Σresponses). Member i's part of the team's distance
from pace P is w_i·(v_i − P) / Σw; the parts add up to v − P exactly. For a sum KR
every member who logged is given an equal share of what pace asks for, and member i's
part is s_i − (P − baseline) / m. P is where the pace line stands today (a hold KR:
its threshold). `latest` KRs and KRs of one owner have no one to single out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date

import msgspec

from huddle.domain.entry import Entry
from huddle.domain.plan import TEAM_OWNER, KeyResult, Objective, Plan
from huddle.engine.series import Series, period
from huddle.engine.status import exact
from huddle.engine.view import KrView

DRAG_LIMIT = 3


class Drag(msgspec.Struct, frozen=True):
    member: str
    name: str
    value: float | None  # the member's own value for the period (sum: their part)
    # The member's part of the team's distance from pace, in the KR's unit, signed so
    # that negative pulls the team value the wrong way.
    pull: float


def pace_value(kr: KeyResult, view: KrView) -> float:
    """Where pace says the value should be today; a hold KR's threshold."""
    if view.expected is None:
        return kr.target
    return kr.start_value + view.expected * (kr.target - kr.start_value)


def _weight(kr: KeyResult, series: Series, first: date, last: date) -> float:
    i, j = series.span(first, last)
    if kr.kind == "nps":
        return math.fsum(series.a[i:j]) + math.fsum(series.b[i:j]) + math.fsum(series.c[i:j])
    return math.fsum(series.b[i:j])  # ratio: Σdenominator; mean: Σvolume


def member_series(kr: KeyResult, entries: Iterable[Entry]) -> dict[str, Series]:
    """Each member's own series of `kr` from the entries that count (voids skipped)."""
    by_member: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.kr == kr.key and not entry.void:
            by_member.setdefault(entry.member, []).append(entry)
    return {member: Series.of(kr, own, range(len(own))) for member, own in by_member.items()}


def contributions(
    plan: Plan, kr: KeyResult, view: KrView, by_member: Mapping[str, Series], today: date
) -> dict[str, tuple[float | None, float]]:
    """Per member with numbers in the period: (own value, part of the distance from pace)."""
    first, last = period(kr, plan.cycle, today)
    pace = pace_value(kr, view)
    own = {
        member: series
        for member, series in by_member.items()
        if series.last_day(first, last) is not None
    }
    parts: dict[str, tuple[float | None, float]] = {}
    if kr.kind == "sum":
        if not own:
            return parts
        share = (pace - kr.start_value) / len(own)
        for member, series in own.items():
            value = series.value(first, last)
            mine = (kr.start_value if value is None else value) - kr.start_value
            parts[member] = (mine, mine - share)
        return parts
    weights = {member: _weight(kr, series, first, last) for member, series in own.items()}
    total = math.fsum(weights.values())
    if total <= 0:
        return parts
    for member, series in own.items():
        value = series.value(first, last)
        if value is not None and weights[member] > 0:
            parts[member] = (value, weights[member] * (value - pace) / total)
    return parts


def who_drags(
    plan: Plan,
    objective: Objective,
    kr: KeyResult,
    view: KrView,
    by_member: Mapping[str, Series],
    today: date,
    limit: int = DRAG_LIMIT,
) -> tuple[Drag, ...]:
    """The members pulling the team value the wrong way most, worst first (at most `limit`).

    `by_member`: each member's own series (`member_series`, from the entries that count).
    A KR only one member logs has no one to single out.
    """
    if objective.scope_owner(kr) != TEAM_OWNER or kr.kind == "latest":
        return ()
    parts = contributions(plan, kr, view, by_member, today)
    if len(parts) < 2:  # one member's numbers are the team's: nobody to single out
        return ()
    rising_is_good = kr.direction in ("up", "at_least")
    names = {member.id: member.name for member in plan.members}
    drags = []
    for member, (value, part) in parts.items():
        pull = part if rising_is_good else -part
        if exact(pull) < 0:
            drags.append(Drag(member, names.get(member, member), value, pull))
    drags.sort(key=lambda drag: (drag.pull, drag.member))
    return tuple(drags[:limit])
