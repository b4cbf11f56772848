"""What a cycle's report is built from: its plan, changes, huddle record and entries.

The current cycle's come from the snapshot. A past cycle's come from its document in
the `cycles` table and its months — those still in the database file, else from the
archive files of closed cycles — never from today's plan, so a past cycle's report
stays what it was when the cycle closed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

import msgspec

from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.domain.errors import InvalidInput
from huddle.domain.huddle import HuddleRecord
from huddle.domain.plan import Plan
from huddle.store.archive import read_archive
from huddle.store.cycle_table import CYCLES, past_cycles
from huddle.store.layout import crc
from huddle.store.migrations import entry_table_name
from huddle.store.month_table import Month, load_month, merge

if TYPE_CHECKING:
    from pathlib import Path

    from huddle.store.snapshot import Snapshot


class CycleSource(msgspec.Struct, frozen=True):
    plan: Plan
    changes: tuple[Change, ...]
    huddle: HuddleRecord
    entries: tuple[Entry, ...]  # of the cycle's months, in the order typed
    past: bool  # from the `cycles` table


def cycle_month_names(plan: Plan) -> list[str]:
    """The month tables the cycle's days fall in, oldest first."""
    names, day = [], plan.cycle.start.replace(day=1)
    while day <= plan.cycle.end:
        names.append(entry_table_name(day))
        day = (day + timedelta(days=32)).replace(day=1)
    return names


def report_source(path: Path, snapshot: Snapshot, cycle: str | None) -> CycleSource:
    """The current cycle's source (`cycle` None or its name), else the past cycle named
    `cycle` (the newest of that name); InvalidInput naming --cycle when there is none."""
    plan = snapshot.plan
    assert plan is not None
    if cycle is None or cycle == plan.cycle.name:
        names = cycle_month_names(plan)
        entries = merge(snapshot.months[n] for n in names if n in snapshot.months)
        return CycleSource(plan, snapshot.changes, snapshot.huddle, entries, past=False)
    pasts = past_cycles(path, snapshot.raw.get(CYCLES))
    found = next((p for p in reversed(pasts) if p.plan.cycle.name == cycle), None)
    if found is None:
        known = ", ".join([*(p.plan.cycle.name for p in pasts), plan.cycle.name])
        raise InvalidInput("--cycle", f"there is no cycle '{cycle}' (cycles: {known})")
    entries = merge(_months(path, snapshot, cycle_month_names(found.plan)))
    return CycleSource(found.plan, found.changes, found.huddle, entries, past=True)


def _months(path: Path, snapshot: Snapshot, names: list[str]) -> Iterable[Month]:
    """Each month named: from the database file where it still is, else its archive."""
    for name in names:
        if name in snapshot.months:
            yield snapshot.months[name]
            continue
        archive = next((a for a in snapshot.archives if name in a.months), None)
        if archive is None:
            continue  # a month nobody logged in
        data = read_archive(path, archive, [name])[name]
        yield load_month(path, name, data, crc(data))
