"""For the store's tests: a plan whose cycle spans three month tables, entries, databases.

The cycle runs Thu 2026-10-01 … Thu 2026-12-31, so entries can fall in three month
tables (entries_2026_10, entries_2026_11, entries_2026_12).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from huddle.domain.entry import Entry
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.store.store import Store

TYPED_AT = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def three_month_plan(team_name: str = "Support Test") -> Plan:
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
                        key="frt",
                        title="First response",
                        kind="mean",
                        unit="minutes",
                        direction="down",
                        baseline=30,
                        target=15,
                    ),
                ),
            ),
        ),
    )


def solved(
    value: float | None = 5, *, member: str = "ana", day: date = date(2026, 11, 2), **extra: Any
) -> Entry:
    fields: dict[str, Any] = {
        "kr": "solved",
        "member": member,
        "date": day,
        "value": value,
        "typed_by": member,
        "typed_at": TYPED_AT,
    }
    fields.update(extra)
    return Entry(**fields)


def store_with_plan(path: Path, plan: Plan | None = None) -> Store:
    """A new database at `path` holding `plan` (the three-month plan by default)."""
    store = Store(path, create=True)
    with store.transaction(by="lea", action="plan load") as tx:
        tx.put_plan(plan or three_month_plan())
    return store


def append_entries(store: Store, entries: Sequence[Entry], *, by: str = "test") -> None:
    """Append entries in one transaction, as the store's own tests need (no permissions)."""
    noun = "entry" if len(entries) == 1 else "entries"
    with store.transaction(by=by, action=f"log {len(entries)} {noun}") as tx:
        tx.add_entries(entries)
