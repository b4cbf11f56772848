"""The whole database document: its bytes decoded into tables and checked, the small
tables (`meta`, `plan`, `changes`) loaded, and `meta` and the bytes written back.

Version 1 is one JSON object of TinyDB tables (see `huddle.store.migrations` for the
layout, `huddle.store.layout` for where a writer puts each table).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.change import Change
from huddle.domain.errors import BadDatabase
from huddle.domain.plan import Plan
from huddle.domain.text import neutral, neutral_data
from huddle.store.archive import Archive, parse_archives
from huddle.store.codec import DecodeError, decode_change, decode_plan
from huddle.store.files import Tables
from huddle.store.layout import FOLDS, Json
from huddle.store.migrations import (
    CURRENT_VERSION,
    CYCLES_TABLE,
    ENTRY_TABLE,
    FEEDBACK_TABLES,
    HUDDLE_TABLES,
    PROPOSALS_TABLE,
)
from huddle.store.month_table import CANONICAL_ID
from huddle.store.os_user import current_os_user
from huddle.store.snapshot import WriteInfo

NO_DATABASE = "no such database; create it with `huddle plan load PLAN.toml`"
BASE_TABLES = ("meta", "plan", "changes", *HUDDLE_TABLES, CYCLES_TABLE)
OPTIONAL_TABLES = (*FEEDBACK_TABLES, PROPOSALS_TABLE, FOLDS)

_TOP_LEVEL = msgspec.json.Decoder(dict[str, msgspec.Raw])
_AT_BYTE = re.compile(r"^(?:JSON is malformed: )?(?P<message>.*) \(byte (?P<pos>\d+)\)$")


def decode(path: Path, data: Json) -> Tables:
    """The file's bytes as a dict of tables, or BadDatabase saying what is wrong.

    Month tables stay JSON (`msgspec.Raw`); the others are decoded.
    """
    if not data or bytes(data).isspace():
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
        return {
            name: raw if ENTRY_TABLE.match(name) else msgspec.json.decode(raw)
            for name, raw in raw_tables.items()
        }
    except msgspec.DecodeError as error:
        raise BadDatabase(str(path), _json_problem(bytes(data), str(error))) from None
    except RecursionError:  # a hand-made file: no huddle document nests more than a few
        raise BadDatabase(str(path), "not a huddle database: JSON nested too deeply") from None


def _json_problem(data: bytes, message: str) -> str:
    match = _AT_BYTE.match(message)
    position = int(match["pos"]) if match else len(data)
    problem = match["message"] if match else "the data ends too early"
    hint = " (the file looks truncated)" if position >= len(data.rstrip()) - 1 else ""
    return f"not valid JSON at byte {position}{hint}: {problem}"


def check_tables(path: Path, tables: Mapping[str, Any]) -> None:
    """The tables a database has (month tables may still be JSON)."""
    for name in BASE_TABLES:
        if name not in tables:
            raise BadDatabase(str(path), f"table '{name}' is missing")
    for name, table in tables.items():
        if name not in BASE_TABLES and name not in OPTIONAL_TABLES and not ENTRY_TABLE.match(name):
            raise BadDatabase(str(path), f"unexpected table '{name}'")
        if isinstance(table, msgspec.Raw | bytes | memoryview) or name == FOLDS:
            continue  # a month table, checked as it loads; the fold, checked as it is read
        if not isinstance(table, dict):
            raise BadDatabase(str(path), f"table '{name}' is not an object of documents")
        if not name.startswith("entries_"):
            for doc_id, doc in table.items():
                if not CANONICAL_ID.fullmatch(doc_id) or not isinstance(doc, dict):
                    raise BadDatabase(
                        str(path), f"table '{name}': document '{doc_id}' is malformed"
                    )


class Meta(msgspec.Struct, frozen=True):
    """The file's `meta` table: the last entry number, the last write, the archives."""

    entry_seq: int
    last_write: WriteInfo | None
    archives: tuple[Archive, ...]
    write_id: str


def load_meta(path: Path, meta_table: Mapping[str, Any]) -> Meta:
    meta = meta_table.get("1", {})
    seq = meta.get("entry_seq", 0)
    if not isinstance(seq, int) or seq < 0:
        raise BadDatabase(str(path), "meta: entry_seq is not a non-negative integer")
    last = meta.get("last_write")
    info = None
    if isinstance(last, dict):
        try:
            info = WriteInfo(
                by=neutral(str(last["by"])),
                at=datetime.fromisoformat(str(last["at"])),
                action=neutral(str(last["action"])),
                os_user=neutral(str(last.get("os_user", ""))),
            )
        except (KeyError, ValueError):
            raise BadDatabase(str(path), "meta: last_write is malformed") from None
    archives = parse_archives(path, meta.get("archives"))
    return Meta(seq, info, archives, str(meta.get("write", "")))


def load_plan(path: Path, docs: Mapping[str, Any]) -> Plan | None:
    if not docs:
        return None
    if list(docs) != ["1"]:
        raise BadDatabase(str(path), "table 'plan' must hold one document")
    try:
        return decode_plan(neutral_data(docs["1"]))
    except DecodeError as error:
        raise BadDatabase(str(path), f"plan: {error}") from None


def load_changes(path: Path, docs: Mapping[str, Any]) -> tuple[Change, ...]:
    ordered = sorted(docs.items(), key=lambda item: int(item[0]))
    changes = []
    for doc_id, doc in ordered:
        try:
            changes.append(decode_change(neutral_data(doc)))
        except DecodeError as error:
            raise BadDatabase(str(path), f"changes document {doc_id}: {error}") from None
    return tuple(changes)


# ---------------------------------------------------------------- writing


def meta_doc(
    entry_seq: int,
    *,
    by: str,
    action: str,
    at: datetime,
    archives: Iterable[Archive] = (),
    write_id: str = "",
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": CURRENT_VERSION,
        "entry_seq": entry_seq,
        "last_write": {
            "by": by,
            "os_user": current_os_user(),
            "at": at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            "action": action,
        },
    }
    if write_id:
        doc["write"] = write_id
    listed = [archive.to_doc() for archive in archives]
    if listed:
        doc["archives"] = listed
    return doc


def dumps(tables: Tables) -> bytes:
    return msgspec.json.encode(tables)
