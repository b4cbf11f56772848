"""Since when a KR has shown what it shows (docs/numbers.md, "Since when").

A status has a start: the first day of the unbroken run of days on which the KR showed
the same thing. It is recomputed from the daily history (never stored): the KR's state
is taken as of today and as of each working day before it, by the board's own rules
(`huddle.engine.board.kr_state`), walking back until it showed something else.
"""

from __future__ import annotations

from datetime import date

from huddle.domain.calendar import WorkCalendar
from huddle.domain.plan import KeyResult, Objective, Plan
from huddle.engine.attention import state_of
from huddle.engine.board import kr_state
from huddle.engine.series import Series


def status_since(
    plan: Plan, objective: Objective, kr: KeyResult, series: Series, today: date
) -> date | None:
    """The first day of the run, up to today, on which `kr` showed what it shows today.

    Days are today and the cycle's working days before it; None before the cycle starts.
    `objective` is where the KR sits (for callers that have it; the rules need no more).
    """
    cycle = plan.cycle
    if today < cycle.start:
        return None
    state = _shown(plan, kr, series, today)
    since = today
    days = WorkCalendar(plan.team).between(cycle.start, min(today, cycle.end))
    for day in reversed(days):
        if day >= today:
            continue
        if _shown(plan, kr, series, day) != state:
            break
        since = day
    return since


def _shown(plan: Plan, kr: KeyResult, series: Series, day: date) -> str:
    found = kr_state(plan, kr, series, day)
    return state_of(found.status, found.stale, found.low_sample)
