"""A Snapshot: one state of the database file, as a read or a write leaves it.

A snapshot keeps every table's JSON as it is in the file: a write re-emits the tables it
did not change as they are. The plan, the changes, `meta` and the cycle's fold are
decoded at once; the month tables only when something asks for their entries
(`Snapshot.months`, see `huddle.store.month_table`). How the file's bytes become a
snapshot is `huddle.store.reading` (with `huddle.store.document`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import msgspec

from huddle.domain.change import Change
from huddle.domain.corrections import counting_entries
from huddle.domain.entry import Entry
from huddle.domain.feedback import FeedbackRecord
from huddle.domain.huddle import EMPTY_RECORD, HuddleRecord
from huddle.domain.plan import Plan
from huddle.domain.proposal import ProposalEvent
from huddle.engine.cycle_fold import CycleFold
from huddle.store.archive import Archive
from huddle.store.files import FileIdentity
from huddle.store.layout import Index, Json
from huddle.store.migrations import entry_table_name
from huddle.store.month_table import Month, Months, cycle_months, merge


class WriteInfo(msgspec.Struct, frozen=True):
    """Who wrote the file last, when (UTC) and what they did."""

    by: str
    at: datetime
    action: str
    os_user: str = ""


class Snapshot(msgspec.Struct, frozen=True, eq=False, dict=True):
    """One state of the file; never mutated (a write makes a new one).

    Compared by identity (equality would decode every month); `dict=True` is what
    lets `entries` be a cached property.
    """

    raw: Mapping[str, Json]  # every table's JSON but meta's, as in the file
    index: Index  # where each table sits, its length and CRC-32
    plan: Plan | None
    changes: tuple[Change, ...]
    last_write: WriteInfo | None
    entry_seq: int
    identity: FileIdentity
    fold: CycleFold | None  # the cycle's per-day sums; None without a plan
    archives: tuple[Archive, ...]  # files holding the months of closed cycles
    write_id: str  # different for every write
    months: Months
    huddle: HuddleRecord = EMPTY_RECORD  # wins, blockers and actions (huddle.domain.huddle)
    proposals: tuple[ProposalEvent, ...] = ()  # every step of every proposal, in order

    @functools.cached_property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry of the file (not of its archives), in the order typed.

        Decodes every month: commands that need one KR or one day ask for less.
        """
        return merge(self.months[name] for name in self.months)

    @functools.cached_property
    def feedback(self) -> FeedbackRecord:
        """Shared feedback and seen marks (decoded when first asked: the board never does)."""
        from huddle.store.feedback_tables import load_feedback

        return load_feedback(self.months.path, self.raw)

    def cycle_entries(self) -> tuple[Entry, ...]:
        """The entries dated in the plan's cycle's months, in the order typed."""
        if self.plan is None:
            return ()
        names = cycle_months(self.plan, self.months)
        return merge(self.months[name] for name in names)

    def month_of(self, day: date) -> Month:
        name = entry_table_name(day)
        return self.months[name] if name in self.months else Month((), (), 0)

    def entries_in_months_of(self, days: Iterable[date]) -> tuple[Entry, ...]:
        """The entries of the month tables `days` fall in, in the order typed (every
        entry that may count for those days, without decoding the other months)."""
        names = sorted({entry_table_name(day) for day in days} & set(self.months))
        return merge(self.months[name] for name in names)

    def counting_entries(self, member: str, day: date) -> dict[str, Entry]:
        """Per KR, the entry of `member` for `day` that counts now (one month decoded)."""
        return counting_entries(self.month_of(day).entries, member, day)
