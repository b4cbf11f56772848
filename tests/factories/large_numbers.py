"""A board of seven-digit numbers, for the tests that pin that no number is cut.

The cycle and today are the board database's (tests/factories/board_db.py): Mon
2026-11-02 … Fri 2026-11-27, today Wed 2026-11-18.

- calls (sum, target 1,500,000): 633 a day Nov 2–16 (11 days), then 1,227,604 on
  Nov 17 → 1,234,567, a change of +1,227,604.
- visits (sum, target 8,000,000): 644,420 a day Nov 2–16, then 9 on Nov 17
  → 7,088,629.
- handled (sum, target 999,999): 82,304.5 a day Nov 2–16, 82,304 on Nov 17 → 987,653.5:
  six digits and a decimal, wider than the board's value column.
- fcr (ratio, 60 % → 80 %): 13/20 a day → 65 %, an ordinary row beside them.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from huddle.domain.entry import Entry
from huddle.domain.plan import Cycle, KeyResult, Member, Objective, Plan, Team
from huddle.store.store import Store
from tests.factories.board_db import LAST_WRITE_AT, START, working_days_before_today

LAST_DAY = date(2026, 11, 17)


def large_numbers_plan() -> Plan:
    return Plan(
        team=Team(name="Support Test"),
        members=(Member(id="ana", name="Ana Silva", os_user="ana"),),
        cycle=Cycle(name="2026-11", start=START, end=date(2026, 11, 27)),
        objectives=(
            Objective(
                id="volume",
                title="Carry the season's volume",
                key_results=(
                    KeyResult(key="calls", title="Calls answered", kind="sum", target=1_500_000),
                    KeyResult(key="visits", title="Help centre visits", kind="sum", target=8e6),
                    KeyResult(key="handled", title="Chats handled", kind="sum", target=999_999),
                    KeyResult(
                        key="fcr",
                        title="First contact resolution",
                        kind="ratio",
                        unit="%",
                        baseline=60,
                        target=80,
                    ),
                ),
            ),
        ),
    )


def _entry(key: str, day: date, value: float) -> Entry:
    at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=17)
    return Entry(kr=key, member="ana", date=day, value=value, typed_by="ana", typed_at=at)


def large_numbers_entries() -> list[Entry]:
    entries: list[Entry] = []
    for day in working_days_before_today():
        last = day == LAST_DAY
        entries += [
            _entry("calls", day, 1_227_604 if last else 633),
            _entry("visits", day, 9 if last else 644_420),
            _entry("handled", day, 82_304 if last else 82_304.5),
            Entry(
                kr="fcr",
                member="ana",
                date=day,
                numerator=13,
                denominator=20,
                typed_by="ana",
                typed_at=_entry("fcr", day, 0).typed_at,
            ),
        ]
    return entries


def make_large_numbers_db(path: Path) -> Path:
    """The board's database, its last write (shown on the live line) pinned to 08:30 UTC
    on "today", as the other snapshots' is."""
    store = Store(path, create=True)
    with store.transaction(by="test", action="setup") as tx:
        tx.put_plan(large_numbers_plan())
        tx.add_entries(large_numbers_entries())
    tables = json.loads(path.read_bytes())
    tables["meta"]["1"]["last_write"].update(
        at=LAST_WRITE_AT.isoformat().replace("+00:00", "Z"), os_user="test"
    )
    path.write_text(json.dumps(tables), encoding="utf-8")
    return path
