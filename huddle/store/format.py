"""The stored shape of a database file: its tables, read strictly into a Snapshot.

Version 1 is one JSON object of TinyDB tables (see `huddle.store.migrations` for the
layout). Month tables stay JSON (`msgspec.Raw`) until `parse_snapshot` decodes each
straight into entries; a month whose bytes are unchanged since the last read is not
decoded again, and a write re-emits it as it is.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.domain.errors import BadDatabase, short_text
from huddle.domain.huddle import EMPTY_RECORD, HuddleRecord
from huddle.domain.permissions import current_os_user
from huddle.domain.plan import Plan
from huddle.domain.text import neutral, neutral_data
from huddle.store.codec import DecodeError, decode_change, decode_month, decode_plan
from huddle.store.files import FileIdentity, Tables
from huddle.store.huddle_tables import load_record
from huddle.store.migrations import CURRENT_VERSION, ENTRY_TABLE, HUDDLE_TABLES

NO_DATABASE = "no such database; create it with `huddle plan load PLAN.toml`"
BASE_TABLES = ("meta", "plan", "changes", *HUDDLE_TABLES)



@dataclass(frozen=True)
class WriteInfo:
    """Who wrote the file last, when (UTC) and what they did."""

    by: str
    at: datetime
    action: str
    os_user: str = ""


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
    huddle: HuddleRecord = EMPTY_RECORD  # wins, blockers and actions (huddle.domain.huddle)


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
        return {
            name: msgspec.Raw(bytes(raw)) if ENTRY_TABLE.match(name) else msgspec.json.decode(raw)
            for name, raw in raw_tables.items()
        }
    except msgspec.DecodeError as error:
        raise BadDatabase(str(path), _json_problem(data, str(error))) from None
    except RecursionError:  # a hand-made file: no huddle document nests more than a few
        raise BadDatabase(str(path), "not a huddle database: JSON nested too deeply") from None


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
                if not CANONICAL_ID.fullmatch(doc_id) or not isinstance(doc, dict):
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
                by=neutral(str(last["by"])),
                at=datetime.fromisoformat(str(last["at"])),
                action=neutral(str(last["action"])),
                os_user=neutral(str(last.get("os_user", ""))),
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
        return decode_plan(neutral_data(docs["1"]))
    except DecodeError as error:
        raise BadDatabase(str(path), f"plan: {error}") from None


def _load_changes(path: Path, tables: Tables) -> tuple[Change, ...]:
    docs = sorted(tables["changes"].items(), key=lambda item: int(item[0]))
    changes = []
    for doc_id, doc in docs:
        try:
            changes.append(decode_change(neutral_data(doc)))
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
    bad = next((doc_id for doc_id in ids if not CANONICAL_ID.fullmatch(doc_id)), None)
    if bad is not None:  # "003" beside "3" would be two documents until the next write
        raise BadDatabase(
            str(path), f"table '{name}': document id '{short_text(bad)}' is not a number "
            "written the one way (digits, no leading zero)"
        )
    seqs = list(map(int, ids))
    if CONTROL_IN_JSON.search(data):  # text typed before "text is text", or by hand
        built = [_neutral_entry(entry) for entry in built]
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
# A document id as this store writes it: the sequence number in plain ASCII digits.
CANONICAL_ID = re.compile(r"0|[1-9][0-9]*", re.ASCII)
# A control character (huddle.domain.text) inside a month's JSON: escaped, or raw UTF-8.
CONTROL_IN_JSON = re.compile(
    rb"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u00[89][0-9a-fA-F]"
    rb"|\\u20(?:2[a-eA-E]|6[6-9]|0[eEfF])|\\u061[cC]"
    rb"|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c"
)


def _neutral_entry(entry: Entry) -> Entry:
    note, by = neutral(entry.note), neutral(entry.typed_by)
    if (note, by) == (entry.note, entry.typed_by):
        return entry
    return msgspec.structs.replace(entry, note=note, typed_by=by)


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
        huddle=load_record(path, tables),
    )
    return snapshot


def empty_tables(*, by: str, action: str, at: datetime) -> Tables:
    return {
        "meta": {"1": meta_doc(0, by=by, action=action, at=at)},
        "plan": {},
        "changes": {},
        **{name: {} for name in HUDDLE_TABLES},
    }


def meta_doc(entry_seq: int, *, by: str, action: str, at: datetime) -> dict[str, Any]:
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
