"""The store: the only module that reads or writes the database file.

One TinyDB JSON file is shared by many processes (DESIGN §2). Every write is one
transaction: exclusive lock on `<db>.lock` -> reload if the file's identity changed ->
apply through TinyDB tables over an in-memory snapshot -> serialise with msgspec to a
temporary file -> fsync -> `os.replace` -> fsync the folder -> remember the new identity
-> unlock. Readers take no lock; they keep the parsed snapshot and re-read only when
the file's identity changed (`has_changed()` is a single `os.stat`).

TinyDB pitfalls avoided: no TinyDB object outlives a transaction (a fresh `TinyDB` over
a fresh `SnapshotStorage` each time, so no cached query results or `_next_id` survive
a reload), and no TinyDB object ever holds a file handle. Entry documents get explicit
ids from a sequence shared by the monthly tables, so `_next_id` is never consulted
for them.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import operator
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec
import platformdirs

from huddle.codec import (
    DecodeError,
    check_entry,
    decode_change,
    decode_month,
    decode_plan,
    encode,
)
from huddle.errors import BadDatabase, HuddleError, InvalidInput
from huddle.identity import current_os_user
from huddle.migrations import (
    CURRENT_VERSION,
    ENTRY_TABLE,
    entry_table_name,
    make_backup,
    migrate,
    schema_version,
)
from huddle.models import Change, Entry, Plan
from huddle.storage import (
    FileIdentity,
    SnapshotStorage,
    Tables,
    atomic_write,
    exclusive_lock,
    read_file,
    stat_identity,
    temp_files,
)

NO_DATABASE = "no such database; create it with `huddle plan load PLAN.toml`"
BASE_TABLES = ("meta", "plan", "changes")



@dataclass(frozen=True)
class WriteInfo:
    """Who wrote the file last, when (UTC) and what they did."""

    by: str
    at: datetime
    action: str
    os_user: str = ""


def default_db_path() -> Path:
    """`$HUDDLE_DB`, else `huddle.json` in the user data folder (the CLI handles `--db`)."""
    env = os.environ.get("HUDDLE_DB")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path("huddle", appauthor=False) / "huddle.json"


@dataclass(frozen=True)
class Month:
    """One `entries_YYYY_MM` table: its sequence numbers, entries and documents.

    A month read from the file keeps only its serialised JSON (`data`); a month this
    process just wrote keeps its documents (`table`) so that the next write to it need
    not parse it again. Either way `json` gives the bytes, to compare on a reload.
    """

    seqs: tuple[int, ...]
    entries: tuple[Entry, ...]
    data: bytes | None = None
    table: dict[str, Any] | None = None

    @functools.cached_property
    def json(self) -> bytes:
        return self.data if self.data is not None else msgspec.json.encode(self.table)

    def documents(self) -> dict[str, Any]:
        if self.table is not None:
            return self.table
        documents: dict[str, Any] = msgspec.json.decode(self.json)
        return documents


MonthCache = dict[str, Month]


@dataclass(frozen=True)
class Snapshot:
    """One parsed state of the file; never mutated (a write makes a new one)."""

    tables: Tables
    plan: Plan | None
    entries: tuple[Entry, ...]
    changes: tuple[Change, ...]
    last_write: WriteInfo | None
    entry_seq: int
    identity: FileIdentity
    months: dict[str, Month]


# ---------------------------------------------------------------- decoding and validation


_TOP_LEVEL = msgspec.json.Decoder(dict[str, msgspec.Raw])
_AT_BYTE = re.compile(r"^(?:JSON is malformed: )?(?P<message>.*) \(byte (?P<pos>\d+)\)$")


def decode(path: Path, data: bytes) -> Tables:
    """The file's bytes as a dict of tables, or BadDatabase saying what is wrong.

    Month tables stay JSON (`msgspec.Raw`, copied out of `data`): `parse_snapshot`
    decodes each straight into entries, and a write re-emits an unchanged one as it is.
    """
    if not data or data.isspace():
        raise BadDatabase(str(path), f"the file is empty ({len(data)} bytes, no JSON)")
    try:
        try:
            raw_tables = _TOP_LEVEL.decode(data)
        except msgspec.ValidationError:  # valid so far, but not an object at the top
            top = msgspec.json.decode(data)
            raise BadDatabase(
                str(path),
                f"not a huddle database: the top level is a {type(top).__name__}, "
                "not an object of tables",
            ) from None
    except msgspec.DecodeError as error:
        raise BadDatabase(str(path), _json_problem(data, str(error))) from None
    return {
        name: msgspec.Raw(bytes(raw)) if ENTRY_TABLE.match(name) else msgspec.json.decode(raw)
        for name, raw in raw_tables.items()
    }


def _json_problem(data: bytes, message: str) -> str:
    match = _AT_BYTE.match(message)
    position = int(match["pos"]) if match else len(data)
    problem = match["message"] if match else "the data ends too early"
    hint = " (the file looks truncated)" if position >= len(data.rstrip()) - 1 else ""
    return f"not valid JSON at byte {position}{hint}: {problem}"


def _check_tables(path: Path, tables: Tables) -> None:
    for name in BASE_TABLES:
        if name not in tables:
            raise BadDatabase(str(path), f"table '{name}' is missing")
    for name, table in tables.items():
        if name not in BASE_TABLES and not ENTRY_TABLE.match(name):
            raise BadDatabase(str(path), f"unexpected table '{name}'")
        if isinstance(table, msgspec.Raw):  # a month table: checked as it loads
            continue
        if not isinstance(table, dict):
            raise BadDatabase(str(path), f"table '{name}' is not an object of documents")
        if not name.startswith("entries_"):
            for doc_id, doc in table.items():
                if not doc_id.isdigit() or not isinstance(doc, dict):
                    raise BadDatabase(
                        str(path), f"table '{name}': document '{doc_id}' is malformed"
                    )


def _load_meta(path: Path, tables: Tables) -> tuple[int, WriteInfo | None]:
    meta = tables["meta"].get("1", {})
    seq = meta.get("entry_seq", 0)
    if not isinstance(seq, int) or seq < 0:
        raise BadDatabase(str(path), "meta: entry_seq is not a non-negative integer")
    last = meta.get("last_write")
    info = None
    if isinstance(last, dict):
        try:
            info = WriteInfo(
                by=str(last["by"]),
                at=datetime.fromisoformat(str(last["at"])),
                action=str(last["action"]),
                os_user=str(last.get("os_user", "")),
            )
        except (KeyError, ValueError):
            raise BadDatabase(str(path), "meta: last_write is malformed") from None
    return seq, info


def _load_plan(path: Path, tables: Tables) -> Plan | None:
    docs = tables["plan"]
    if not docs:
        return None
    if list(docs) != ["1"]:
        raise BadDatabase(str(path), "table 'plan' must hold one document")
    try:
        return decode_plan(docs["1"])
    except DecodeError as error:
        raise BadDatabase(str(path), f"plan: {error}") from None


def _load_changes(path: Path, tables: Tables) -> tuple[Change, ...]:
    docs = sorted(tables["changes"].items(), key=lambda item: int(item[0]))
    changes = []
    for doc_id, doc in docs:
        try:
            changes.append(decode_change(doc))
        except DecodeError as error:
            raise BadDatabase(str(path), f"changes document {doc_id}: {error}") from None
    return tuple(changes)


def _load_month(path: Path, name: str, data: bytes) -> Month:
    """Fully check one month table (its JSON), in document-id order."""
    try:
        ids, built = decode_month(data)
    except DecodeError as error:
        if not error.loc:
            raise BadDatabase(str(path), f"table '{name}' {error.message}") from None
        field = DecodeError(error.loc[1:], error.message)
        raise BadDatabase(str(path), f"{name} document {error.loc[0]}: {field}") from None
    try:
        seqs = list(map(int, ids))
    except ValueError:
        bad = next(doc_id for doc_id in ids if not doc_id.isdigit())
        raise BadDatabase(
            str(path), f"table '{name}': document id '{bad}' is not a number"
        ) from None
    if seqs != sorted(seqs):  # written in order; sort a hand-edited table
        pairs = sorted(zip(seqs, built, strict=True), key=lambda pair: pair[0])
        seqs, built = [seq for seq, _ in pairs], [entry for _, entry in pairs]
    year, month = int(name[8:12]), int(name[13:15])
    for day in set(map(_DATE, built)):
        if day.year != year or day.month != month:
            seq = seqs[next(i for i, entry in enumerate(built) if entry.date == day)]
            raise BadDatabase(str(path), f"{name} document {seq}: date {day} is not in that month")
    return Month(seqs=tuple(seqs), entries=tuple(built), data=data)


_DATE = operator.attrgetter("date")


def _merge(months: Iterable[Month]) -> tuple[Entry, ...]:
    """All entries in sequence order (the order typed) across the month tables."""
    ordered = sorted((m for m in months if m.seqs), key=lambda m: m.seqs[0])
    if all(a.seqs[-1] < b.seqs[0] for a, b in itertools.pairwise(ordered)):
        return tuple(itertools.chain.from_iterable(m.entries for m in ordered))
    pairs = [pair for m in ordered for pair in zip(m.seqs, m.entries, strict=True)]
    pairs.sort(key=lambda pair: pair[0])
    return tuple(entry for _, entry in pairs)


def parse_snapshot(
    path: Path, tables: Tables, identity: FileIdentity, cache: MonthCache | None = None
) -> Snapshot:
    """Validate current-version tables into a Snapshot (BadDatabase if anything is wrong).

    Month tables whose serialised JSON equals a cached month reuse its entries, so a
    reload after another process appended only validates the month that changed. Each
    month is kept as serialised JSON (a `msgspec.Raw` in `tables`) rather than as
    dicts: a write re-emits it as is, and memory holds the entries only once.
    """
    _check_tables(path, tables)
    seq, info = _load_meta(path, tables)
    plan = _load_plan(path, tables)
    changes = _load_changes(path, tables)
    cache = cache or {}
    months: MonthCache = {}
    for name in sorted(n for n in tables if n.startswith("entries_")):
        table = tables[name]
        data = bytes(table) if isinstance(table, msgspec.Raw) else msgspec.json.encode(table)
        old = cache.get(name)
        month = old if old is not None and old.json == data else None
        months[name] = month or _load_month(path, name, data)
        tables[name] = msgspec.Raw(data)
    entries = _merge(months.values())
    last_seq = max((m.seqs[-1] for m in months.values() if m.seqs), default=0)
    snapshot = Snapshot(
        tables=tables,
        plan=plan,
        entries=entries,
        changes=changes,
        last_write=info,
        entry_seq=max(seq, last_seq),
        identity=identity,
        months=months,
    )
    return snapshot


def empty_tables(*, by: str, action: str, at: datetime) -> Tables:
    return {
        "meta": {"1": _meta_doc(0, by=by, action=action, at=at)},
        "plan": {},
        "changes": {},
    }


def _meta_doc(entry_seq: int, *, by: str, action: str, at: datetime) -> dict[str, Any]:
    return {
        "schema_version": CURRENT_VERSION,
        "entry_seq": entry_seq,
        "last_write": {
            "by": by,
            "os_user": current_os_user(),
            "at": at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "action": action,
        },
    }


def dumps(tables: Tables) -> bytes:
    return msgspec.json.encode(tables)


# ---------------------------------------------------------------- the store


class Store:
    """The database file at `path`, as seen by this process."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False) -> None:
        # Follow a symlinked database to the real file: replacing must not turn the
        # link into a file, and the lock and temporary files belong beside the real file.
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        self._mutex = threading.RLock()
        self._swept = False
        self._in_transaction = False
        self._snapshot: Snapshot = self._open(create)

    # -- reading

    def plan(self) -> Plan | None:
        return self.snapshot().plan

    def entries(self) -> list[Entry]:
        return list(self.snapshot().entries)

    def changes(self) -> list[Change]:
        return list(self.snapshot().changes)

    def last_write(self) -> WriteInfo | None:
        return self.snapshot().last_write

    def snapshot(self) -> Snapshot:
        """The current state, refreshed if the file changed; consistent across its fields."""
        with self._mutex:
            self.refresh()
            return self._snapshot

    def has_changed(self) -> bool:
        """Has the file been replaced or rewritten since this store last read it? One stat."""
        return stat_identity(self.path) != self._snapshot.identity

    def refresh(self) -> bool:
        """Re-read the file if it changed on disk; True when it did."""
        with self._mutex:
            if not self.has_changed():
                return False
            self._snapshot = self._read(locked=False)
            return True

    # -- writing

    @contextmanager
    def transaction(self, *, by: str, action: str) -> Iterator[Transaction]:
        """Lock, reload if changed, let the caller apply, then replace the file atomically.

        An exception inside the `with` block writes nothing and leaves this store as it was.
        """
        with self._mutex:
            if self._in_transaction:
                raise RuntimeError("transactions do not nest; use the one already open")
            self._in_transaction = True
            try:
                with exclusive_lock(self.path):
                    if not self._swept:
                        self._sweep_temp_files()
                    if self.has_changed():
                        self._snapshot = self._read(locked=True)
                    tx = Transaction(self._snapshot)
                    yield tx
                    if tx.dirty:
                        self._snapshot = tx._commit(self.path, by=by, action=action)
            finally:
                self._in_transaction = False

    def _sweep_temp_files(self) -> None:
        """Delete temporary files left by writers that died (once per store, lock held).

        Temporary files are only ever created by the lock holder, so while this process
        holds the lock, any that exist belong to a writer that was killed mid-write.
        """
        self._swept = True
        for temp in temp_files(self.path):
            with contextlib.suppress(OSError):
                temp.unlink()

    # -- opening, reading, migrating

    def _open(self, create: bool) -> Snapshot:
        if stat_identity(self.path) is None:
            if not create:
                raise BadDatabase(str(self.path), NO_DATABASE)
            self._create()
        return self._read(locked=False)

    def _create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with exclusive_lock(self.path):
            if stat_identity(self.path) is not None:
                return  # another process created it first
            tables = empty_tables(by=current_os_user(), action="create", at=datetime.now(UTC))
            atomic_write(self.path, dumps(tables), exclusive=True)

    def _read(self, *, locked: bool) -> Snapshot:
        """Read, check and parse the file; migrate an older schema (taking the lock)."""
        try:
            data, identity = read_file(self.path)
        except FileNotFoundError:
            raise BadDatabase(str(self.path), NO_DATABASE) from None
        except OSError as error:
            raise BadDatabase(str(self.path), f"cannot read it: {error.strerror}") from None
        tables = decode(self.path, data)
        del data
        version = schema_version(self.path, tables)
        if version < CURRENT_VERSION:
            if locked:
                return self._migrate_locked(tables, version)
            with exclusive_lock(self.path):
                return self._read(locked=True)
        cache = self._snapshot.months if hasattr(self, "_snapshot") else None
        return parse_snapshot(self.path, tables, identity, cache)

    def _migrate_locked(self, tables: Tables, version: int) -> Snapshot:
        """Migrate an older file (lock held): validate the result, back up, then replace."""
        migrated = migrate(self.path, tables, version)
        checked = parse_snapshot(self.path, dict(migrated), _NO_IDENTITY)  # BadDatabase if bad
        now = datetime.now(UTC)
        action = f"migrate schema {version} -> {CURRENT_VERSION}"
        migrated["meta"] = {
            "1": _meta_doc(checked.entry_seq, by=current_os_user(), action=action, at=now)
        }
        try:
            make_backup(self.path, now)
            atomic_write(self.path, dumps(migrated))
        except OSError as error:
            raise HuddleError(
                f"{self.path}: schema version {version} must be migrated to "
                f"{CURRENT_VERSION}, but the file cannot be written ({error.strerror or error})"
            ) from None
        return self._read(locked=True)


_NO_IDENTITY = FileIdentity(0, 0, 0, 0, 0)


class Transaction:
    """What a `Store.transaction` block applies: visible to it at once, written at its end."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._base = snapshot
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
        self.dirty = False

    def plan(self) -> Plan | None:
        return self._plan

    def entries(self) -> list[Entry]:
        return [*self._base.entries, *(entry for _, _, entry in self._added)]

    def changes(self) -> list[Change]:
        return [*self._base.changes, *self._changes]

    def put_plan(self, plan: Plan) -> None:
        table = self._db.table("plan")
        table.truncate()
        table.insert(_document(encode(plan), doc_id=1))
        self._plan = plan
        self.dirty = True

    def add_entries(self, entries: Sequence[Entry]) -> None:
        """Append entries after checking each against the plan in this transaction."""
        for entry in entries:
            self._check(entry)
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

    def _check(self, entry: Entry) -> None:
        plan = self._plan
        if plan is None:
            raise InvalidInput(
                "kr", "no plan is loaded; load one with `huddle plan load PLAN.toml`"
            )
        found = plan.key_result(entry.kr)
        if found is None:
            raise InvalidInput("kr", f"no key result '{entry.kr}' in the plan")
        if plan.member(entry.member) is None:
            raise InvalidInput("member", f"'{entry.member}' is not a member of the team")
        if not plan.cycle.contains(entry.date):
            raise InvalidInput(
                "date",
                f"{entry.date.isoformat()} is outside the cycle {plan.cycle.name} "
                f"({plan.cycle.start.isoformat()} – {plan.cycle.end.isoformat()})",
            )
        check_entry(entry)
        entry.check_for(found[1])

    def add_changes(self, changes: Sequence[Change]) -> None:
        if not changes:
            return
        self._db.table("changes").insert_multiple(
            [encode(change) for change in changes]
        )
        self._changes.extend(changes)
        self.dirty = True

    def _commit(self, path: Path, *, by: str, action: str) -> Snapshot:
        """Write the result (the caller holds the lock) and return the new snapshot."""
        now = datetime.now(UTC)
        meta = self._db.table("meta")
        meta.truncate()
        meta.insert(_document(_meta_doc(self._next_seq, by=by, action=action, at=now), doc_id=1))
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
            identity = atomic_write(path, dumps(ordered))
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
        )


def _document(doc: dict[str, Any], *, doc_id: int) -> Any:
    from tinydb.table import Document

    return Document(doc, doc_id=doc_id)


def append_entries(store: Store, entries: Sequence[Entry], *, by: str) -> None:
    """Append entries in one transaction."""
    noun = "entry" if len(entries) == 1 else "entries"
    with store.transaction(by=by, action=f"log {len(entries)} {noun}") as tx:
        tx.add_entries(entries)
