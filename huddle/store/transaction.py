"""A write transaction: what a `Store.transaction` block applies, written at its end.

Every entry is validated against the plan in the transaction (`validate_entry`, the one
home of the entry rules) and must read back exactly as it is written (`check_entry`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.change import Change
from huddle.domain.entry import Entry, validate_entry
from huddle.domain.errors import HuddleError, InvalidInput
from huddle.domain.huddle import Action, ActionDone, HuddleRecord, Note
from huddle.domain.permissions import current_os_user
from huddle.domain.plan import Plan
from huddle.store.codec import check_entry, encode
from huddle.store.files import HeldLock, SnapshotStorage, atomic_write
from huddle.store.format import BASE_TABLES, Month, Snapshot, WriteInfo, dumps, meta_doc
from huddle.store.migrations import entry_table_name


class Transaction:
    """What a `Store.transaction` block applies: visible to it at once, written at its end."""

    def __init__(self, snapshot: Snapshot, *, by: str) -> None:
        self._base = snapshot
        # Who the file's last-write line names; a service may settle it once it has
        # read the plan in the transaction (the actor as the stored plan knows them).
        self.by = by
        # A fresh TinyDB over a shallow copy of the tables: TinyDB replaces a table's dict
        # when it writes, so the snapshot's own tables are never touched. Month tables
        # stay serialised (msgspec.Raw) unless an entry is added to them.
        from tinydb import TinyDB  # only writes need TinyDB: the board starts without it

        self._storage = SnapshotStorage(dict(snapshot.tables))
        self._db = TinyDB(storage=lambda: self._storage)
        self._plan = snapshot.plan
        self._next_seq = snapshot.entry_seq
        self._added: list[tuple[int, str, Entry]] = []
        self._changes: list[Change] = []
        self._huddle = snapshot.huddle
        self.dirty = False

    def plan(self) -> Plan | None:
        return self._plan

    def entries(self) -> list[Entry]:
        return [*self._base.entries, *(entry for _, _, entry in self._added)]

    def changes(self) -> list[Change]:
        return [*self._base.changes, *self._changes]

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
            self._db.table("notes").insert_multiple([encode(note) for note in notes])
        if actions or closings:
            docs = [encode(item) for item in (*actions, *closings)]
            self._db.table("actions").insert_multiple(docs)
        self._huddle = self._huddle.plus(notes, actions, closings)
        self.dirty = self.dirty or bool(notes or actions or closings)

    def put_plan(self, plan: Plan) -> None:
        table = self._db.table("plan")
        table.truncate()
        table.insert(_document(encode(plan), doc_id=1))
        self._plan = plan
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
        by_table: dict[str, list[Any]] = {}
        added: list[tuple[int, str, Entry]] = []
        seq = self._next_seq
        for entry in entries:
            seq += 1
            name = entry_table_name(entry.date)
            doc = encode(entry)
            by_table.setdefault(name, []).append(_document(doc, doc_id=seq))
            added.append((seq, name, entry))
        data = self._storage.data
        for name, docs in by_table.items():
            if isinstance(data.get(name), msgspec.Raw):
                data[name] = self._base.months[name].documents()
            self._db.table(name).insert_multiple(docs)
        self._next_seq = seq
        self._added.extend(added)
        self.dirty = self.dirty or bool(added)

    def add_changes(self, changes: Sequence[Change]) -> None:
        if not changes:
            return
        self._db.table("changes").insert_multiple(
            [encode(change) for change in changes]
        )
        self._changes.extend(changes)
        self.dirty = True

    def _commit(self, path: Path, *, by: str, action: str, lock: HeldLock) -> Snapshot:
        """Write the result (the caller holds the lock) and return the new snapshot."""
        now = datetime.now(UTC)
        meta = self._db.table("meta")
        meta.truncate()
        meta.insert(_document(meta_doc(self._next_seq, by=by, action=action, at=now), doc_id=1))
        tables = self._storage.data
        months = dict(self._base.months)
        for name in {name for _, name, _ in self._added}:
            added = [(seq, entry) for seq, n, entry in self._added if n == name]
            old = months.get(name, Month((), ()))
            months[name] = Month(
                seqs=old.seqs + tuple(seq for seq, _ in added),
                entries=old.entries + tuple(entry for _, entry in added),
                table=tables[name],
            )
        ordered = {name: tables[name] for name in BASE_TABLES}
        ordered.update((name, tables[name]) for name in sorted(tables) if name not in ordered)
        try:
            identity = atomic_write(
                path, dumps(ordered), lock=lock, expected=self._base.identity
            )
        except OSError as error:
            raise HuddleError(
                f"{path}: cannot write the database ({error.strerror or error}); "
                "it was left as it was"
            ) from error
        return Snapshot(
            tables=ordered,
            plan=self._plan,
            entries=self._base.entries + tuple(entry for _, _, entry in self._added),
            changes=self._base.changes + tuple(self._changes),
            last_write=WriteInfo(by=by, at=now, action=action, os_user=current_os_user()),
            entry_seq=self._next_seq,
            identity=identity,
            months=months,
            huddle=self._huddle,
        )


def _document(doc: dict[str, Any], *, doc_id: int) -> Any:
    from tinydb.table import Document

    return Document(doc, doc_id=doc_id)
