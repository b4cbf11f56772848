"""Which entry counts: the newest typed one per KR, member and date (docs/numbers.md).

Entries are append-only. Logging the same KR, member and date again is a correction:
the entry typed last wins, and on equal typing times the later one in the sequence
(the order the file holds them in). A winning void removes the number. This module is
the only place that rule is written; the engine's fold, the log form, the command line
and the KR detail all ask it.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Literal

from huddle.domain.entry import Entry
from huddle.domain.errors import HuddleError

EntryState = Literal["counts", "replaced", "void", "voided"]
_DATE = operator.attrgetter("date")

# Winning positions per KR, then member, then date. Nested dicts rather than a dict keyed
# by tuples: at a year of data this allocates no container per entry, which keeps Python's
# cyclic garbage collector (and its full passes over every loaded entry) out of the way.
Table = dict[str, dict[str, dict[date, int]]]


def instant(moment: datetime) -> datetime:
    """Naive datetimes are UTC (entries are typed in UTC); makes mixed ones comparable."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def rank(typed_at: datetime, seq: int) -> tuple[datetime, int]:
    """Where something typed stands in "newest wins": its time, then its place in order.

    The higher rank wins. Used for entries (corrections) and for changes (the lead's
    newest confidence).
    """
    return instant(typed_at), seq


def typed_later(typed_at: datetime, seq: int, than_at: datetime, than_seq: int) -> bool:
    """Does the entry typed at `typed_at` (position `seq`) win over the other one: typed
    later, or at the same moment and later in the file? The one home of "newest wins"."""
    return rank(typed_at, seq) > rank(than_at, than_seq)


def winning_positions(entries: Sequence[Entry]) -> Table:
    """Position of the entry that counts per (kr, member, date).

    Void winners are kept here (they still beat older entries) and dropped by readers.
    """
    table: Table = {}
    for seq, entry in enumerate(entries):
        by_member = table.get(entry.kr)
        if by_member is None:
            by_member = table[entry.kr] = {}
        by_date = by_member.get(entry.member)
        if by_date is None:
            by_date = by_member[entry.member] = {}
        held = by_date.get(entry.date)
        if held is None or typed_later(entry.typed_at, seq, entries[held].typed_at, held):
            by_date[entry.date] = seq
    return table


def effective_entries(entries: Iterable[Entry], table: Table | None = None) -> list[Entry]:
    """The entries that count: newest typed per (kr, member, date), void ones removed.

    Sorted by date; entries of one date keep the order of the input. `table`: the
    entries' `winning_positions`, when the caller has it.
    """
    entries = entries if isinstance(entries, list | tuple) else list(entries)
    if table is None:
        table = winning_positions(entries)
    positions = [
        seq
        for by_member in table.values()
        for by_date in by_member.values()
        for seq in by_date.values()
        if not entries[seq].void
    ]
    positions.sort()  # then by date, stably: no key tuple per entry for the collector
    effective = [entries[seq] for seq in positions]
    effective.sort(key=_DATE)
    return effective


def counting_entries(entries: Iterable[Entry], member: str, day: date) -> dict[str, Entry]:
    """Per KR, the entry of `member` for `day` that counts now (voided numbers left out)."""
    current: dict[str, tuple[tuple[datetime, int], Entry]] = {}
    for seq, entry in enumerate(entries):
        if entry.member == member and entry.date == day:
            mine = rank(entry.typed_at, seq)
            held = current.get(entry.kr)
            if held is None or mine > held[0]:
                current[entry.kr] = (mine, entry)
    return {kr: entry for kr, (_, entry) in current.items() if not entry.void}


Key = tuple[str, str, date]  # kr, member, date


def counting_index(entries: Sequence[Entry], keys: Iterable[Key]) -> dict[Key, Entry]:
    """The entry that counts now for each of `keys` (kr, member, date) that has one.

    One pass over `entries`, however many keys are asked: an import of hundreds of
    numbers into a year of entries asks once, not once per number. Voided numbers are
    left out.
    """
    wanted = set(keys)
    days = {day for _, _, day in wanted}
    best: dict[Key, tuple[tuple[datetime, int], Entry]] = {}
    for seq, entry in enumerate(entries):
        if entry.date not in days:
            continue
        key = (entry.kr, entry.member, entry.date)
        if key not in wanted:
            continue
        mine = rank(entry.typed_at, seq)
        held = best.get(key)
        if held is None or mine > held[0]:
            best[key] = (mine, entry)
    return {key: entry for key, (_, entry) in best.items() if not entry.void}


def entry_states(entries: Sequence[Entry]) -> list[EntryState]:
    """Per entry: counts, replaced (a newer one for the same KR, member and date), void
    (a winning removal) or voided (replaced by a winning void)."""
    table = winning_positions(entries)
    return [entry_state(entries, table, seq) for seq in range(len(entries))]


def entry_state(entries: Sequence[Entry], table: Table, seq: int) -> EntryState:
    """The state of `entries[seq]` (see `entry_states`); `table`: the entries'
    `winning_positions`. For the few entries a screen shows out of thousands."""
    entry = entries[seq]
    winner = table[entry.kr][entry.member][entry.date]
    if winner == seq:
        return "void" if entry.void else "counts"
    return "voided" if entries[winner].void else "replaced"


class ChangedMeanwhile(HuddleError):
    """What counts for some numbers changed since the form showed them (someone else
    logged): nothing was written. `now` holds, per (kr, member, date), what counts now
    (None: nothing any more)."""

    def __init__(self, now: Mapping[tuple[str, str, date], Entry | None]) -> None:
        self.now = dict(now)
        keys = ", ".join(sorted({kr for kr, _, _ in now}))
        super().__init__(f"someone else logged {keys} meanwhile; nothing written")
