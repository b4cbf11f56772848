"""Counter KRs: a KR that improved over the last 5 working days while its counter KR
worsened is flagged, e.g. "frt better while fcr worse" (docs/numbers.md, "Counter KR")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from huddle.domain.calendar import WorkCalendar
from huddle.domain.plan import KeyResult, Plan
from huddle.engine.series import Series, period
from huddle.engine.status import good_change

COUNTER_DAYS = 5


def days_back(plan: Plan, today: date, count: int = COUNTER_DAYS) -> date | None:
    """The working day `count` working days before today; None when there is none."""
    calendar = WorkCalendar(plan.team)
    day: date | None = today
    for _ in range(count):
        assert day is not None
        day = calendar.previous(day)
        if day is None:
            return None
    return day


def change_since(
    plan: Plan, kr: KeyResult, series: Series, then: date, today: date
) -> float | None:
    """How the KR's value moved from as of `then` to as of today; None when either is unknown."""
    before = series.value(*period(kr, plan.cycle, then))
    now = series.value(*period(kr, plan.cycle, today))
    if before is None or now is None:
        return None
    return now - before


def counter_warning(
    plan: Plan,
    kr: KeyResult,
    series: Series,
    counter: KeyResult,
    counter_series: Series,
    today: date,
) -> str:
    """`"frt better while fcr worse"` when it applies, else ""."""
    then = days_back(plan, today)
    if then is None or then < plan.cycle.start:
        return ""
    improved = good_change(kr.direction, change_since(plan, kr, series, then, today))
    if improved is not True:
        return ""
    counter_moved = change_since(plan, counter, counter_series, then, today)
    if good_change(counter.direction, counter_moved) is not False:
        return ""
    return f"{kr.key} better while {counter.key} worse"


def counter_warnings(plan: Plan, folded: Mapping[str, Series], today: date) -> dict[str, str]:
    """Per KR key that has a warning, its text."""
    warnings: dict[str, str] = {}
    for _, kr in plan.all_key_results():
        if kr.counter is None or kr.counter not in folded or kr.key not in folded:
            continue
        found = plan.key_result(kr.counter)
        if found is None:
            continue
        text = counter_warning(plan, kr, folded[kr.key], found[1], folded[kr.counter], today)
        if text:
            warnings[kr.key] = text
    return warnings
