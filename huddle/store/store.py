"""The store: the only way into the database file (docs/storage.md).

One TinyDB JSON file is shared by many processes. Every write is one transaction:
exclusive lock on `<db>.lock` -> reload if the file's identity changed -> apply
(`huddle.store.transaction`) -> write every table with its index to a temporary file
-> fsync -> `os.replace` -> fsync the folder -> remember the new identity -> unlock.
Readers take no lock; they keep the parsed snapshot and re-read only when the file's
identity changed (`has_changed()` is a single `os.stat`), and then only the tables
another writer changed (`huddle.store.reading`).

TinyDB pitfalls avoided: no TinyDB object outlives a transaction (a fresh `TinyDB` over
a fresh `SnapshotStorage` each time, so no cached query results or `_next_id` survive
a reload), and no TinyDB object ever holds a file handle. Entry documents get explicit
ids from a sequence shared by the monthly tables, so `_next_id` is never consulted
for them.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from huddle.domain.errors import BadDatabase, HuddleError
from huddle.store.document import NO_DATABASE, decode, meta_doc
from huddle.store.files import (
    FileIdentity,
    Tables,
    atomic_write,
    orphaned_temp_files,
    os_problem,
    read_file,
    stat_identity,
)
from huddle.store.layout import assemble
from huddle.store.lock import exclusive_lock, lock_path
from huddle.store.migrations import (
    CURRENT_VERSION,
    CYCLES_TABLE,
    HUDDLE_TABLES,
    make_backup,
    migrate,
)
from huddle.store.month_table import MonthCache
from huddle.store.os_user import current_os_user
from huddle.store.reading import OldSchema, parse_tables, refresh_snapshot, snapshot_from_bytes
from huddle.store.snapshot import Snapshot

if TYPE_CHECKING:  # imported by the writes only: `huddle status` never loads it
    from huddle.store.transaction import Transaction


class Store:
    """The database file at `path`, as seen by this process."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False) -> None:
        given = Path(path).expanduser()
        # Follow a symlinked database to the real file: replacing must not turn the
        # link into a file, and the lock and temporary files belong beside the real file.
        # A link to nothing is refused: creating its target would put the file elsewhere.
        try:
            if given.is_symlink() and not given.exists():
                raise BadDatabase(
                    str(given),
                    f"is a symbolic link to {os.readlink(given)}, which does "
                    "not exist; refusing to create the database there",
                )
            self.path = Path(os.path.realpath(given))
        except OSError as error:  # no access to the folder, a symlink loop …
            raise BadDatabase(str(given), f"cannot open it: {os_problem(error)}") from None
        self._mutex = threading.Lock()  # guards installing a snapshot; never held for I/O
        self._local = threading.local()  # per thread: inside a transaction?
        self._generation = 0
        self._swept = False
        self._months: MonthCache = {}  # months decoded so far, shared by the snapshots
        self._snapshot: Snapshot = self._open(create)

    # -- reading

    @property
    def latest(self) -> Snapshot:
        """The state as last read or written by this store: no I/O."""
        return self._snapshot

    def read(self) -> Snapshot:
        """The current state: one `stat`, and a re-read if the file changed on disk."""
        self.refresh()
        return self._snapshot

    def has_changed(self) -> bool:
        """Has the file been replaced or rewritten since this store last read it? One stat."""
        return stat_identity(self.path) != self._snapshot.identity

    def refresh(self) -> bool:
        """Re-read the file if it changed on disk; True when it did.

        The reading and parsing happen without the store's mutex, so a thread that only
        wants the last snapshot never waits behind it (nor behind a writer's lock).
        """
        if not self.has_changed():
            return False
        generation = self._generation
        snapshot = self._reread(locked=False)
        self._install(snapshot, generation)
        return True

    def _reread(self, *, locked: bool) -> Snapshot:
        """The changed file: only its changed tables when it allows, else all of it."""
        try:
            snapshot = refresh_snapshot(self.path, self._snapshot, self._months)
        except OldSchema:
            snapshot = None
        return snapshot if snapshot is not None else self._read(locked=locked)

    def _install(self, snapshot: Snapshot, generation: int | None = None) -> None:
        """Make `snapshot` the current one, unless a newer one was installed since
        `generation` was seen (a read that started before a write ended)."""
        with self._mutex:
            if generation is None or generation == self._generation:
                self._snapshot = snapshot
                self._generation += 1

    # -- writing

    @contextmanager
    def transaction(self, *, by: str, action: str) -> Iterator[Transaction]:
        """Lock, reload if changed, let the caller apply, then replace the file atomically.

        An exception inside the `with` block writes nothing and leaves this store as it was.
        The wait for the file lock holds nothing of this store's: other threads keep
        reading the last snapshot meanwhile.
        """
        if getattr(self._local, "in_transaction", False):
            raise RuntimeError("transactions do not nest; use the one already open")
        self._local.in_transaction = True
        try:
            with exclusive_lock(self.path) as lock:
                if not self._swept:
                    self._sweep_temp_files()
                if self.has_changed():
                    self._install(self._reread(locked=True))
                if not os.access(self.path, os.W_OK):  # the real uid, as docs/storage.md judges
                    raise HuddleError(
                        f"{self.path}: you may not write this file (permission denied); "
                        "nothing written"
                    )
                from huddle.store.transaction import Transaction

                tx = Transaction(self._snapshot, self._months, by=by)
                yield tx
                if tx.dirty:
                    self._install(tx._commit(self.path, by=tx.by, action=action, lock=lock))
        finally:
            self._local.in_transaction = False

    def _sweep_temp_files(self) -> None:
        """Delete temporary files left by writers that died (once per store, lock held).

        Only those whose writer's pid is gone: if someone deleted the lock file, another
        live writer may hold a lock of its own, and its temporary file is its write.
        """
        self._swept = True
        for temp in orphaned_temp_files(self.path):
            with contextlib.suppress(OSError):
                temp.unlink()

    # -- opening, reading, migrating

    def _open(self, create: bool) -> Snapshot:
        try:
            missing = stat_identity(self.path) is None
        except OSError as error:  # no access to the folder, a file where a folder should be…
            raise BadDatabase(str(self.path), f"cannot open it: {os_problem(error)}") from None
        if missing:
            if not create:
                raise BadDatabase(str(self.path), NO_DATABASE)
            self._create()
        return self._read(locked=False)

    def _create(self) -> None:
        lock = lock_path(self.path)
        lock_existed = lock.exists()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with exclusive_lock(self.path):
                if stat_identity(self.path) is not None:
                    return  # another process created it first
                meta = meta_doc(
                    0,
                    by=current_os_user(),
                    action="create",
                    at=datetime.now(UTC),
                    write_id=os.urandom(8).hex(),
                )
                empty = {name: b"{}" for name in ("plan", "changes", *HUDDLE_TABLES, CYCLES_TABLE)}
                pieces, _ = assemble(empty, meta, {})
                atomic_write(self.path, pieces, exclusive=True)
        except OSError as error:  # a full disk, a read-only folder …
            if not lock_existed and stat_identity(self.path) is None:
                with contextlib.suppress(OSError):
                    lock.unlink()  # leave nothing behind that was not there
            raise BadDatabase(str(self.path), f"cannot create it: {os_problem(error)}") from None

    def _read(self, *, locked: bool) -> Snapshot:
        """Read, check and parse the whole file; migrate an older schema (taking the lock)."""
        try:
            data, identity = read_file(self.path)
        except FileNotFoundError:
            raise BadDatabase(str(self.path), NO_DATABASE) from None
        except OSError as error:
            raise BadDatabase(str(self.path), f"cannot read it: {os_problem(error)}") from None
        try:
            return snapshot_from_bytes(self.path, data, identity, self._months)
        except OldSchema as old:
            if not locked:
                with exclusive_lock(self.path):
                    return self._read(locked=True)
            tables = old.tables if "plan" in old.tables else decode(self.path, data)
            return self._migrate_locked(tables, old.version)

    def _migrate_locked(self, tables: Tables, version: int) -> Snapshot:
        """Migrate an older file (lock held): validate the result, back up, then replace."""
        migrated = migrate(self.path, tables, version)
        checked = parse_tables(self.path, migrated, _NO_IDENTITY, self._months)
        now = datetime.now(UTC)
        action = f"migrate schema {version} -> {CURRENT_VERSION}"
        from huddle.store.transaction import Transaction

        tx = Transaction(checked, self._months, by=current_os_user())
        try:
            make_backup(self.path, now)
            return tx._commit(self.path, by=current_os_user(), action=action)
        except (OSError, HuddleError) as error:
            if isinstance(error, BadDatabase):
                raise
            reason = os_problem(error) if isinstance(error, OSError) else None
            raise HuddleError(
                f"{self.path}: schema version {version} must be migrated to "
                f"{CURRENT_VERSION}, but the file cannot be written ({reason or error})"
            ) from None


_NO_IDENTITY = FileIdentity(0, 0, 0, 0, 0)
