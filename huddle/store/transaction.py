"""A write transaction: what a `Store.transaction` block applies, written at its end.

Every entry is validated against the plan in the transaction (`validate_entry`, the one
home of the entry rules) and must read back exactly as it is written (`check_entry`).
The plan and the changes are edited through TinyDB tables; new entries are appended to
their month's JSON as documents keyed by their sequence number (what TinyDB's insert
would write, without decoding the month first). At the end the cycle's fold is advanced
by the new entries (`huddle.engine.cycle_fold.advance`: their days only), months of
closed cycles go to an archive file, and the file is written with its index
(`huddle.store.layout`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.change import Change
from huddle.domain.entry import Entry, validate_entry
from huddle.domain.errors import HuddleError, InvalidInput
from huddle.domain.feedback import Feedback, FeedbackRecord, Seen
from huddle.domain.huddle import EMPTY_RECORD, Action, ActionDone, HuddleRecord, Note, open_actions
from huddle.domain.past_cycle import PastCycle
from huddle.domain.plan import Plan
from huddle.domain.proposal import ProposalEvent
from huddle.engine.cycle_fold import CycleFold, DayEntries, advance, fold_cycle
from huddle.store.appended import appended, with_documents
from huddle.store.archive import Archive, located, read_archive, write_archive
from huddle.store.codec import check_entry, encode
from huddle.store.cycle_table import CYCLES, append_cycles
from huddle.store.document import meta_doc
from huddle.store.files import SnapshotStorage, atomic_write
from huddle.store.fold_table import encode_fold
from huddle.store.layout import FOLDS, Index, Json, assemble, crc
from huddle.store.lock import HeldLock
from huddle.store.migrations import ENTRY_TABLE, HUDDLE_TABLES, entry_table_name
from huddle.store.month_table import Month, MonthCache, Months, cycle_months, merge
from huddle.store.os_user import current_os_user
from huddle.store.proposal_table import PROPOSALS, append_events
from huddle.store.snapshot import Snapshot, WriteInfo

BASE = ("plan", "changes", *HUDDLE_TABLES)  # the tables edited through TinyDB


class Transaction:
    """What a `Store.transaction` block applies: visible to it at once, written at its end."""

    def __init__(self, snapshot: Snapshot, cache: MonthCache, *, by: str) -> None:
        self._base = snapshot
        self._cache = cache
        # Who the file's last-write line names; a service may settle it once it has
        # read the plan in the transaction (the actor as the stored plan knows them).
        self.by = by
        self._huddle = snapshot.huddle
        self._storage: SnapshotStorage | None = None
        self._db: Any = None
        self._plan = snapshot.plan
        self._next_seq = snapshot.entry_seq
        self._added: list[tuple[int, Entry]] = []
        self._changes: list[Change] = []
        self._edited: set[str] = set()  # the base tables changed through TinyDB
        self._ended: list[PastCycle] = []  # cycles this transaction keeps in `cycles`
        self._feedback: FeedbackRecord | None = None  # with what this transaction added
        self._appended: dict[str, list[Any]] = {}  # optional tables: documents to append
        self._proposal_steps: list[ProposalEvent] = []
        self.dirty = False

    def _tables(self) -> Any:
        """TinyDB over the plan and changes tables (only writes need TinyDB: the board
        starts without it). A fresh TinyDB each transaction: no cache survives a reload."""
        if self._db is None:
            from tinydb import TinyDB

            tables = {name: msgspec.json.decode(self._base.raw[name]) for name in BASE}
            storage = self._storage = SnapshotStorage(tables)
            self._db = TinyDB(storage=lambda: storage)
        return self._db

    def plan(self) -> Plan | None:
        return self._plan

    def entries(self) -> list[Entry]:
        """Every entry of the file and of this transaction, in the order typed."""
        return [*self._base.entries, *(entry for _, entry in self._added)]

    def entries_in_months_of(self, days: Iterable[date]) -> list[Entry]:
        """The entries of the months `days` fall in, this transaction's included."""
        days = set(days)
        months = {entry_table_name(day) for day in days}
        added = (entry for _, entry in self._added if entry_table_name(entry.date) in months)
        return [*self._base.entries_in_months_of(days), *added]

    def changes(self) -> list[Change]:
        """The current cycle's changes, this transaction's included."""
        return [*self._kept_changes(), *self._changes]

    def _kept_changes(self) -> tuple[Change, ...]:
        return () if self._ended else self._base.changes

    def start_cycle(self, plan: Plan, *, at: datetime) -> PastCycle:
        """Keep the stored plan's cycle whole in `cycles` — the plan as it stands, its
        changes and its huddle record — then start `plan`'s with no changes or notes,
        and with the actions still open (`open_actions`)."""
        old = self._plan
        assert old is not None, "a cycle starts from a stored one"
        past = PastCycle(old, tuple(self.changes()), self._huddle, at)
        tables = self._tables()
        for name in ("changes", *HUDDLE_TABLES):
            tables.table(name).truncate()
            self._edited.add(name)
        self._ended.append(past)
        self._changes = []
        self._huddle = EMPTY_RECORD
        carried = open_actions(past.huddle)
        self.add_huddle(actions=carried.actions, closings=carried.closings)
        self.put_plan(plan)
        return past

    def huddle(self) -> HuddleRecord:
        """The huddle record, with what this transaction added."""
        return self._huddle

    def add_huddle(
        self,
        notes: Sequence[Note] = (),
        actions: Sequence[Action] = (),
        closings: Sequence[ActionDone] = (),
    ) -> None:
        """Append note versions, actions and done events to the huddle record."""
        if notes:
            self._tables().table("notes").insert_multiple([encode(note) for note in notes])
            self._edited.add("notes")
        if actions or closings:
            docs = [encode(item) for item in (*actions, *closings)]
            self._tables().table("actions").insert_multiple(docs)
            self._edited.add("actions")
        self._huddle = self._huddle.plus(notes, actions, closings)
        self.dirty = self.dirty or bool(notes or actions or closings)

    def feedback(self) -> FeedbackRecord:
        """Shared feedback and seen marks, with what this transaction added."""
        if self._feedback is None:
            self._feedback = self._base.feedback
        return self._feedback

    def add_feedback(self, items: Sequence[Feedback] = (), seen: Sequence[Seen] = ()) -> None:
        """Append feedback and seen marks (tables created with their first document)."""
        self._feedback = self.feedback().plus(items, seen)
        if items:
            self._appended.setdefault("feedback", []).extend(encode(i) for i in items)
        if seen:
            self._appended.setdefault("seen", []).extend(encode(mark) for mark in seen)
        self.dirty = self.dirty or bool(items or seen)

    def proposal_events(self) -> list[ProposalEvent]:
        """Every step of every proposal, this transaction's included."""
        return [*self._base.proposals, *self._proposal_steps]

    def add_proposal_events(self, events: Sequence[ProposalEvent]) -> None:
        self._proposal_steps.extend(events)
        self.dirty = self.dirty or bool(events)

    def put_plan(self, plan: Plan) -> None:
        table = self._tables().table("plan")
        table.truncate()
        table.insert(_document(encode(plan), doc_id=1))
        self._plan = plan
        self._edited.add("plan")
        self.dirty = True

    def add_entries(self, entries: Sequence[Entry], *, today: date | None = None) -> None:
        """Append entries after checking each against the plan in this transaction.

        With `today`, entries dated after it are refused too.
        """
        plan = self._plan
        if plan is None:
            raise InvalidInput(
                "kr", "no plan is loaded; load one with `huddle plan load PLAN.toml`"
            )
        for entry in entries:
            check_entry(entry)
            validate_entry(plan, entry, today)
        first = self._next_seq + 1
        self._added.extend(enumerate(entries, start=first))
        self._next_seq += len(entries)
        self.dirty = self.dirty or bool(entries)

    def add_changes(self, changes: Sequence[Change]) -> None:
        if not changes:
            return
        self._tables().table("changes").insert_multiple([encode(change) for change in changes])
        self._changes.extend(changes)
        self._edited.add("changes")
        self.dirty = True

    # ------------------------------------------------------------ writing

    def _commit(
        self, path: Path, *, by: str, action: str, lock: HeldLock | None = None
    ) -> Snapshot:
        """Write the result (the caller holds `lock`) and return the new snapshot."""
        base = self._base
        raw: dict[str, Json] = dict(base.raw)
        if self._storage is not None:
            for name in self._edited:
                raw[name] = msgspec.json.encode(self._storage.data[name])
        if self._ended:
            raw[CYCLES] = append_cycles(raw.get(CYCLES), self._ended)
        for name, docs in self._appended.items():
            raw[name] = appended(raw.get(name), docs)
        if self._proposal_steps:
            raw[PROPOSALS] = append_events(raw.get(PROPOSALS), self._proposal_steps)
        added = _by_month(self._added)
        for name, pairs in added.items():
            raw[name] = append_documents(raw.get(name), pairs)
        archives, moved = self._place_months(path, raw)
        fold = self._fold(path, raw, added, moved)
        if fold is None:
            raw.pop(FOLDS, None)
        else:
            raw[FOLDS] = encode_fold(fold)
        now = datetime.now(UTC)
        write_id = os.urandom(8).hex()
        meta = meta_doc(
            self._next_seq, by=by, action=action, at=now, archives=archives, write_id=write_id
        )
        unchanged = {n: p for n, p in base.index.items() if raw.get(n) is base.raw.get(n)}
        pieces, index = assemble(raw, meta, unchanged)
        try:
            # A migration holds no HeldLock: it runs while the store opens the file.
            still_locked = lock.still_held if lock is not None else None
            expected = base.identity if lock is not None else None
            identity = atomic_write(path, pieces, still_locked=still_locked, expected=expected)
        except OSError as error:
            raise HuddleError(
                f"{path}: cannot write the database ({error.strerror or error}); "
                "it was left as it was"
            ) from error
        self._remember_months(added, index, raw)
        return Snapshot(
            raw=raw,
            index=index,
            plan=self._plan,
            changes=self._kept_changes() + tuple(self._changes),
            last_write=WriteInfo(by=by, at=now, action=action, os_user=current_os_user()),
            entry_seq=self._next_seq,
            identity=identity,
            fold=fold,
            archives=tuple(archives),
            write_id=write_id,
            months=Months(path, raw, {n: p.crc for n, p in index.items()}, self._cache),
            huddle=self._huddle,
            proposals=(*self._base.proposals, *self._proposal_steps),
        )

    def _months(self, path: Path, raw: dict[str, Json]) -> Months:
        base = self._base
        crcs = {
            name: base.index[name].crc if data is base.raw.get(name) else crc(data)
            for name, data in raw.items()
        }
        return Months(path, raw, crcs, self._cache)

    def _fold(
        self,
        path: Path,
        raw: dict[str, Json],
        added: dict[str, list[tuple[int, Entry]]],
        moved: bool,
    ) -> CycleFold | None:
        """The cycle's fold after this transaction: the base fold advanced by the new
        entries when it still fits the plan; else the cycle's months folded afresh."""
        plan, base = self._plan, self._base
        if plan is None:
            return None
        fold = base.fold
        if fold is not None and fold.fits(plan) and fold.seq == base.entry_seq and not moved:
            return advance(fold, self._added, self._day_entries(added))
        months = self._months(path, raw)
        ordered = [months[name] for name in cycle_months(plan, months)]
        seqs = sorted(seq for month in ordered for seq in month.seqs)
        return fold_cycle(plan, merge(ordered), seqs, self._next_seq)

    def _day_entries(self, added: dict[str, list[tuple[int, Entry]]]) -> DayEntries:
        """(kr, day) -> every entry of that KR and day: the month's and the new ones."""
        index: dict[tuple[str, date], list[tuple[int, Entry]]] = {}
        for name, pairs in added.items():
            old = self._base.months[name] if name in self._base.months else Month((), (), 0)
            wanted = {(entry.kr, entry.date) for _, entry in pairs}
            for seq, entry in [*zip(old.seqs, old.entries, strict=True), *pairs]:
                key = (entry.kr, entry.date)
                if key in wanted:
                    index.setdefault(key, []).append((seq, entry))
        return lambda kr, day: index.get((kr, day), [])

    def _remember_months(
        self, added: dict[str, list[tuple[int, Entry]]], index: Index, raw: dict[str, Json]
    ) -> None:
        """A month this process decoded and appended to need not be decoded again."""
        for name, pairs in added.items():
            old = self._cache.get(name)
            base = self._base.index.get(name)
            if base is None:
                old = Month((), (), 0)
            elif old is None or old.crc != base.crc:
                continue
            self._cache[name] = Month(
                seqs=old.seqs + tuple(seq for seq, _ in pairs),
                entries=old.entries + tuple(entry for _, entry in pairs),
                crc=index[name].crc,
                source=raw[name],
            )

    def _place_months(self, path: Path, raw: dict[str, Json]) -> tuple[list[Archive], bool]:
        """Months before the cycle's first month go to an archive file; archived months
        the cycle reaches back into come back. True when months came back."""
        # Listed as found: a database renamed with its archives lists their new names.
        archives = [located(path, archive) or archive for archive in self._base.archives]
        plan = self._plan
        if plan is None:
            return archives, False
        first = entry_table_name(plan.cycle.start)
        restored = False
        for number, archive in enumerate(archives):
            back = [name for name in archive.months if name >= first]
            if back:
                raw.update(read_archive(path, archive, back))
                kept = tuple(name for name in archive.months if name < first)
                archives[number] = Archive(archive.file, archive.cycle, kept)
                restored = True
        archives = [archive for archive in archives if archive.months]
        closed = {name: raw[name] for name in raw if ENTRY_TABLE.match(name) and name < first}
        if closed:
            old = self._base.plan
            cycle = old.cycle.name if old is not None and old.cycle != plan.cycle else ""
            archives.append(write_archive(path, closed, cycle))
            for name in closed:
                del raw[name]
        return archives, restored


def _by_month(added: Sequence[tuple[int, Entry]]) -> dict[str, list[tuple[int, Entry]]]:
    months: dict[str, list[tuple[int, Entry]]] = {}
    for seq, entry in added:
        months.setdefault(entry_table_name(entry.date), []).append((seq, entry))
    return months


def append_documents(table: Json | None, pairs: Sequence[tuple[int, Entry]]) -> bytes:
    """A month table's JSON with entries added at its end, keyed by sequence number."""
    return with_documents(table, ((seq, encode(entry)) for seq, entry in pairs))


def _document(doc: dict[str, Any], *, doc_id: int) -> Any:
    from tinydb.table import Document

    return Document(doc, doc_id=doc_id)
