"""Importing daily numbers: all the rows of a file in one transaction, or none.

Imports are idempotent: each number is compared with the one that counts now for its
KR, member and date (looked up in an index built once per import, from the month
tables of the imported dates only). The same number again is `unchanged` and not
written; a different one is a `corrected` entry (the old one stays as history); a number
for a key with none is `new`. A cron job importing a rolling export window therefore
adds only what changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import msgspec

from huddle.domain.corrections import Key, counting_index
from huddle.domain.entry import ALL_VALUE_FIELDS, Entry, validate_entry
from huddle.domain.errors import NotAllowed
from huddle.domain.roles import Actor, import_refusal
from huddle.service.stored_plan import stored_plan

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.domain.plan import Plan
    from huddle.store.store import Store

Outcome = Literal["new", "corrected", "unchanged"]


class Imported(msgspec.Struct, frozen=True):
    """What an import did (or, dry, would do) with each entry, in the file's order."""

    outcomes: tuple[tuple[Entry, Outcome, Entry | None], ...]  # entry, outcome, number before
    written: bool = msgspec.field(default=False)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for _, found, _ in self.outcomes if found == outcome)

    @property
    def new(self) -> int:
        return self.count("new")

    @property
    def corrected(self) -> int:
        return self.count("corrected")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def to_write(self) -> list[Entry]:
        return [entry for entry, outcome, _ in self.outcomes if outcome != "unchanged"]

    @property
    def entries(self) -> int:  # entries written
        return len(self.to_write) if self.written else 0

    @property
    def corrections(self) -> int:
        return self.corrected


def compare(existing: Sequence[Entry], entries: Sequence[Entry]) -> Imported:
    """Each entry's outcome against the numbers that count now in `existing`.

    Entries of one KR, member and date (a file whose later row corrects an earlier one)
    are judged by the last: when it equals the stored number, all are unchanged; else
    the first is new (or corrects the stored one) and each later one corrects it.
    """
    keys: list[Key] = [(e.kr, e.member, e.date) for e in entries]
    now = counting_index(existing, keys)
    last: dict[Key, Entry] = dict(zip(keys, entries, strict=True))
    previous: dict[Key, Entry | None] = {}
    outcomes: list[tuple[Entry, Outcome, Entry | None]] = []
    for entry, key in zip(entries, keys, strict=True):
        stored = now.get(key)
        if stored is not None and _same_numbers(stored, last[key]):
            outcomes.append((entry, "unchanged", stored))
            continue
        before = previous.get(key, stored)
        outcomes.append((entry, "new" if before is None else "corrected", before))
        previous[key] = entry
    return Imported(tuple(outcomes))


def import_entries(
    store: Store, entries: Sequence[Entry], *, os_user: str, clock: Clock, source: str,
    dry_run: bool = False,
) -> Imported:  # fmt: skip
    """Append the new and corrected entries in one transaction (each validated against the
    plan and today); with `dry_run`, validate and compare only, writing nothing.

    Only leads and the team's feed users may import (`import_refusal`, judged against
    the plan as stored); a dry run writes nothing, so anyone who can read the file may.
    """
    today = clock.write_limit()
    if dry_run:
        snapshot = store.read()
        plan = stored_plan(snapshot.plan)
        for entry in entries:
            validate_entry(plan, entry, today)
        return compare(snapshot.entries_in_months_of(e.date for e in entries), entries)
    with store.transaction(by=os_user, action=f"import {source} ({len(entries)} entries)") as tx:
        stored = tx.plan()
        if stored is not None:
            _judge(stored, os_user)
            tx.by = Actor.of(stored, os_user).recorded_as
        result = compare(tx.entries_in_months_of(e.date for e in entries), entries)
        tx.add_entries(result.to_write, today=today)
    return Imported(result.outcomes, written=True)


def _same_numbers(before: Entry, entry: Entry) -> bool:
    return all(getattr(before, name) == getattr(entry, name) for name in ALL_VALUE_FIELDS)


def _judge(plan: Plan, os_user: str) -> None:
    refusal = import_refusal(plan, Actor.of(plan, os_user))
    if refusal is not None:
        raise NotAllowed(refusal)
