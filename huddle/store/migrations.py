"""Schema versions of the database file and the migrations between them.

Version 3 (current) — one JSON object of TinyDB tables (document id -> document):

- `meta`: one document (id 1): `schema_version`, `entry_seq` (the last entry sequence
  number handed out) and `last_write` (`by`, `os_user`, `at`, `action`); also `write`
  (an id of that write), `archives` (the archive files of closed cycles' months,
  `huddle.store.archive`) and the index of the other tables, `tables` and `at`
  (`huddle.store.layout`: `meta` comes last);
- `plan`: no document (a new, empty database) or one (id 1): the plan as
  `huddle.codec.encode` writes it (every field);
- `changes`: `Change` documents in the order recorded;
- `entries_YYYY_MM`: the entries whose `date` falls in that month. The document id is a
  sequence number shared by all entry tables, so "the order typed" is the id order
  across tables, and a write only rebuilds one small table;
- `notes`: the huddle's wins and blockers, one document per version saved
  (`huddle.domain.huddle.Note`), in the order saved;
- `actions`: huddle action items (`Action`, with an `id`) and the events that mark one
  done or open again (`ActionDone`, with an `action`), in the order saved;
- `cycles`: one document per past cycle, kept whole when the next one starts: its plan
  as it stood, its changes (scores, overrides, reflections among them) and its huddle
  record (`huddle.store.cycle_table`); the changes and huddle tables then hold only the
  current cycle's;
- `feedback` and `seen` (optional: a file gains them with its first feedback, so they
  need no migration): shared feedback on members' review pages
  (`huddle.domain.feedback.Feedback`), and the marks of how far each member has seen
  his (`Seen`), each in the order saved;
- `folds` (derived): the current cycle's per-day sums, advanced by every write
  (`huddle.store.fold_table`).

A file without `folds` or the index (written before them) is read whole, its cycle
folded from the entries, and gains both at its next write: they need no migration.

Version 2 — as version 3, without `cycles` (the changes and the huddle record of every
cycle stayed in their tables).

Version 1 — as version 2, without the huddle record (`notes`, `actions`).

Version 0 — the first store: `plan` and `changes` as above and every entry in a single
`entries` table, with no `meta` table.

A migration takes the tables of version N and returns those of version N + 1; the store
runs them on open, after copying the file to `<db>.bak-YYYYmmddTHHMMSSZ`, and validates
the result before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from huddle.domain.errors import BadDatabase
from huddle.store.files import Tables, copy_file

CURRENT_VERSION = 3
# The huddle record's tables (version 2).
HUDDLE_TABLES = ("notes", "actions")
# Past cycles, kept whole (version 3; `huddle.store.cycle_table`).
CYCLES_TABLE = "cycles"
# Feedback on members' pages: optional tables, decoded only when a page asks for them.
FEEDBACK_TABLES = ("feedback", "seen")
# Goals proposed by members, one document per step (`huddle.store.proposal_table`). Optional,
# like `folds`: a file without it has no proposals, so it needs no new schema version;
# an older huddle refuses a file that has one rather than drop it.
PROPOSALS_TABLE = "proposals"
ENTRY_TABLE = re.compile(r"^entries_(\d{4})_(\d{2})$")
BACKUP_MARK = ".bak-"


def entry_table_name(day: date) -> str:
    return f"entries_{day.year:04d}_{day.month:02d}"


def schema_version(path: Path, tables: Tables) -> int:
    """The file's schema version; BadDatabase when it is not a huddle file we can read."""
    if "meta" not in tables:
        if "entries" in tables or "plan" in tables:
            return 0
        raise BadDatabase(str(path), "not a huddle database: it has no 'meta' table")
    meta = tables["meta"]
    doc = meta.get("1") if isinstance(meta, dict) else None
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadDatabase(str(path), "meta: schema_version is missing or not a positive integer")
    if version > CURRENT_VERSION:
        raise BadDatabase(
            str(path),
            f"schema version {version} is newer than this huddle understands "
            f"({CURRENT_VERSION}); upgrade huddle to open it",
        )
    return version


def _v0_to_v1(tables: Tables) -> Tables:
    """One `entries` table, no meta -> monthly entry tables keyed by a global sequence."""
    old_entries = tables.get("entries", {})
    if not isinstance(old_entries, dict):
        raise ValueError("entries: expected a table of documents")
    out: Tables = {
        name: table for name, table in tables.items() if name not in ("entries", "_default")
    }
    out.setdefault("plan", {})
    out.setdefault("changes", {})
    seq = 0
    for _, doc in sorted(old_entries.items(), key=lambda item: _doc_id(item[0])):
        if not isinstance(doc, dict) or not isinstance(doc.get("date"), str):
            raise ValueError(f"entries: document {_} has no date")
        seq += 1
        compact = {key: value for key, value in doc.items() if not _is_default(key, value)}
        day = date.fromisoformat(doc["date"])
        out.setdefault(entry_table_name(day), {})[str(seq)] = compact
    out["meta"] = {
        "1": {
            "schema_version": 1,
            "entry_seq": seq,
            "last_write": None,
        }
    }
    return out


def _doc_id(key: str) -> int:
    try:
        return int(key)
    except ValueError:
        raise ValueError(f"document id '{key}' is not a number") from None


def _is_default(key: str, value: Any) -> bool:
    return value is None or (key == "void" and value is False) or (key == "note" and value == "")


def _v1_to_v2(tables: Tables) -> Tables:
    """The huddle record arrives: empty `notes` and `actions` tables."""
    out = dict(tables)
    for name in HUDDLE_TABLES:
        if name in out:
            raise ValueError(f"a version 1 file has no '{name}' table")
        out[name] = {}
    meta = out["meta"].get("1")
    if not isinstance(meta, dict):
        raise ValueError("meta: expected one document")
    out["meta"] = {"1": {**meta, "schema_version": 2}}
    return out


def _v2_to_v3(tables: Tables) -> Tables:
    """Past cycles arrive: an empty `cycles` table (what version 2 kept of earlier
    cycles stays where it was: it cannot be told apart by cycle)."""
    out = dict(tables)
    if CYCLES_TABLE in out:
        raise ValueError(f"a version 2 file has no '{CYCLES_TABLE}' table")
    out[CYCLES_TABLE] = {}
    meta = out["meta"].get("1")
    if not isinstance(meta, dict):
        raise ValueError("meta: expected one document")
    out["meta"] = {"1": {**meta, "schema_version": 3}}
    return out


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1, 1: _v1_to_v2, 2: _v2_to_v3}


def migrate(path: Path, tables: Tables, version: int) -> Tables:
    """Tables of `version`, brought up to CURRENT_VERSION (BadDatabase if that fails)."""
    while version < CURRENT_VERSION:
        try:
            tables = MIGRATIONS[version](tables)
        except (ValueError, TypeError, AttributeError) as error:
            raise BadDatabase(
                str(path), f"cannot migrate from schema version {version}: {error}"
            ) from None
        version += 1
    return tables


def backup_path(path: Path, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}{BACKUP_MARK}{stamp}")
    counter = 1
    while candidate.exists() or candidate.is_symlink():
        counter += 1
        candidate = path.with_name(f"{path.name}{BACKUP_MARK}{stamp}-{counter}")
    return candidate


def make_backup(path: Path, now: datetime) -> Path:
    """Copy the file, byte for byte and with its mode, next to it; return the copy's path."""
    target = backup_path(path, now)
    copy_file(path, target)
    return target
