"""Shared builders for the store tests: a small plan, entries, a database with the plan.

The cycle runs Thu 2026-10-01 … Thu 2026-12-31, so entries can fall in three month
tables (entries_2026_10, entries_2026_11, entries_2026_12).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from huddle.domain.entry import Entry
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.store.store import Store

TYPED_AT = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def make_plan(team_name: str = "Support Test") -> Plan:
    return Plan(
        team=Team(name=team_name),
        members=(
            Member(id="ana", name="Ana", os_user="ana"),
            Member(id="ben", name="Ben", os_user="ben"),
            Member(id="lea", name="Lea", role="lead", os_user="lea"),
        ),
        cycle=Cycle(name="2026-Q4", start=date(2026, 10, 1), end=date(2026, 12, 31)),
        objectives=(
            Objective(
                title="Resolve fast",
                key_results=(
                    KeyResult(key="solved", title="Tickets solved", kind="sum", target=1000),
                    KeyResult(
                        key="fcr", title="FCR", kind="ratio", unit="%", baseline=70, target=80
                    ),
                    KeyResult(
                        key="frt", title="First response", kind="mean", unit="minutes",
                        direction="down", baseline=30, target=15,
                    ),
                ),
            ),
        ),
    )


def solved(
    value: float | None = 5, *, member: str = "ana", day: date = date(2026, 11, 2), **extra: Any
) -> Entry:
    fields: dict[str, Any] = {
        "kr": "solved", "member": member, "date": day, "value": value,
        "typed_by": member, "typed_at": TYPED_AT,
    }
    fields.update(extra)
    return Entry(**fields)


def load_plan(path: Path, plan: Plan | None = None) -> Store:
    store = Store(path, create=True)
    with store.transaction(by="lea", action="plan load") as tx:
        tx.put_plan(plan or make_plan())
    return store
