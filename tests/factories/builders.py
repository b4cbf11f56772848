"""Builders for hand-computed domain and engine tests: any KR, plan or entry on one
standard 4-week Mon–Fri cycle, entries typed one minute apart in the order they are made.

The standard cycle is Mon 2026-11-02 … Fri 2026-11-27: 20 working days.
    week 1: Nov 2–6, week 2: Nov 9–13, week 3: Nov 16–20, week 4: Nov 23–27.
On the standard "today", Thu Nov 19, the completed working days are Nov 2–6, 9–13,
16, 17, 18 = 13, so f = 13 / 20 = 0.65.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from huddle.domain.entry import Entry
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.engine.series import Series, period

START = date(2026, 11, 2)
END = date(2026, 11, 27)
TODAY = date(2026, 11, 19)
F_TODAY = 0.65  # 13 / 20

_clock = itertools.count()
_T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


def team(**fields: Any) -> Team:
    return Team(name="Support", **fields)


def cycle(**fields: Any) -> Cycle:
    return Cycle(**{"name": "2026-11", "start": START, "end": END, **fields})


MEMBERS = (
    Member(id="ana", name="Ana Lima", role="lead"),
    Member(id="ben", name="Ben Okoro"),
    Member(id="cy", name="Cy Park"),
)


def kr(key: str = "k", kind: str = "sum", **fields: Any) -> KeyResult:
    base: dict[str, Any] = {"key": key, "title": key.upper(), "kind": kind}
    if "target" not in fields:
        base["target"] = 100
    return KeyResult(**{**base, **fields})


def plan(
    *krs: KeyResult,
    objectives: Sequence[Objective] | None = None,
    team_fields: dict[str, Any] | None = None,
    cycle_fields: dict[str, Any] | None = None,
) -> Plan:
    if objectives is None:
        objectives = [Objective(title="Great support", key_results=krs)]
    return Plan(
        team=team(**(team_fields or {})),
        members=MEMBERS,
        cycle=cycle(**(cycle_fields or {})),
        objectives=tuple(objectives),
    )


def entry(
    key: str, day: date, member: str = "ana", *, at: datetime | None = None, **fields: Any
) -> Entry:
    """An entry typed one minute after the previous one made here (unless `at` is given)."""
    typed_at = at if at is not None else _T0 + timedelta(minutes=next(_clock))
    return Entry(kr=key, member=member, date=day, typed_by=member, typed_at=typed_at, **fields)


def period_value(
    kr: KeyResult, entries: Sequence[Entry], today: date, cycle: Cycle
) -> float | None:
    """The KR's value as of today from its effective, scoped entries, straight from the
    engine's own series and period (no board); None = no data."""
    series = Series.of(kr, entries, range(len(entries)))
    first, last = period(kr, cycle, today)
    return series.value(first, last)
