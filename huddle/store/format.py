"""The stored shape of a database file: its tables, and the Snapshot they are read into.

Version 1 is one JSON object of TinyDB tables (see `huddle.store.migrations` for the
layout, `huddle.store.layout` for where a writer puts each table). A snapshot keeps
every table's JSON as it is in the file: a write re-emits the tables it did not change
as they are. The plan, the changes, `meta` and the cycle's fold are decoded at once;
the month tables only when something asks for their entries (`Snapshot.months`), and
each month is decoded once per process while its bytes stay the same.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.change import Change
from huddle.domain.corrections import counting_entries
from huddle.domain.entry import Entry
from huddle.domain.errors import BadDatabase, short_text
from huddle.domain.huddle import EMPTY_RECORD, HuddleRecord
from huddle.domain.permissions import current_os_user
from huddle.domain.plan import Plan
from huddle.domain.text import neutral, neutral_data
from huddle.engine.cycle_fold import CycleFold
from huddle.store.archive import Archive, parse_archives
from huddle.store.codec import DecodeError, decode_change, decode_month, decode_plan
from huddle.store.files import FileIdentity, Tables
from huddle.store.layout import FOLDS, Index, Json
from huddle.store.migrations import CURRENT_VERSION, ENTRY_TABLE, HUDDLE_TABLES, entry_table_name

NO_DATABASE = "no such database; create it with `huddle plan load PLAN.toml`"
BASE_TABLES = ("meta", "plan", "changes", *HUDDLE_TABLES)
# A document id as this store writes it: the sequence number in plain ASCII digits.
CANONICAL_ID = re.compile(r"0|[1-9][0-9]*", re.ASCII)
# A control character (huddle.domain.text) inside a month's JSON: escaped, or raw UTF-8.
CONTROL_IN_JSON = re.compile(
    rb"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u00[89][0-9a-fA-F]"
    rb"|\\u20(?:2[a-eA-E]|6[6-9]|0[eEfF])|\\u061[cC]"
    rb"|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c"
)


@dataclass(frozen=True)
class WriteInfo:
    """Who wrote the file last, when (UTC) and what they did."""

    by: str
    at: datetime
    action: str
    os_user: str = ""


@dataclass(frozen=True)
class Month:
    """One `entries_YYYY_MM` table decoded: sequence numbers and entries, in sequence
    order, the CRC-32 of the JSON they were decoded from and (`source`) that JSON."""

    seqs: tuple[int, ...]
    entries: tuple[Entry, ...]
    crc: int
    source: Json = field(default=b"", compare=False, repr=False)


MonthCache = dict[str, Month]  # per store: the months decoded so far, by table name


class Months(Mapping[str, Month]):
    """A snapshot's month tables, each decoded (and fully checked) when first asked for.

    Decoded months are shared through the store's cache, by name and CRC: a month whose
    bytes did not change is not decoded again after a refresh or a write.
    """

    def __init__(
        self, path: Path, raw: Mapping[str, Json], crcs: Mapping[str, int], cache: MonthCache
    ) -> None:
        self._path = path
        self._raw = raw
        self._crcs = crcs
        self._cache = cache
        self._names = sorted(name for name in raw if ENTRY_TABLE.match(name))
        self._known = frozenset(self._names)

    def __getitem__(self, name: str) -> Month:
        if name not in self._known:
            raise KeyError(name)
        crc = self._crcs[name]
        month = self._cache.get(name)
        if month is None or month.crc != crc:
            month = load_month(self._path, name, self._raw[name], crc, month)
            self._cache[name] = month
        return month

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@dataclass(frozen=True, eq=False)  # compared by identity: equality would decode every month
class Snapshot:
    """One state of the file; never mutated (a write makes a new one)."""

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

    @functools.cached_property
    def entries(self) -> tuple[Entry, ...]:
        """Every entry of the file (not of its archives), in the order typed.

        Decodes every month: commands that need one KR or one day ask for less.
        """
        return merge(self.months[name] for name in self.months)

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


def cycle_months(plan: Plan, names: Iterable[str]) -> list[str]:
    """The month tables among `names` that hold days of the plan's cycle."""
    first, last = entry_table_name(plan.cycle.start), entry_table_name(plan.cycle.end)
    return [name for name in names if first <= name <= last]


def merge(months: Iterable[Month]) -> tuple[Entry, ...]:
    """All entries in sequence order (the order typed) across month tables."""
    ordered = sorted((m for m in months if m.seqs), key=lambda m: m.seqs[0])
    if all(a.seqs[-1] < b.seqs[0] for a, b in itertools.pairwise(ordered)):
        return tuple(itertools.chain.from_iterable(m.entries for m in ordered))
    pairs = [pair for m in ordered for pair in zip(m.seqs, m.entries, strict=True)]
    pairs.sort(key=lambda pair: pair[0])
    return tuple(entry for _, entry in pairs)


# ---------------------------------------------------------------- the whole document

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
        if name not in BASE_TABLES and name != FOLDS and not ENTRY_TABLE.match(name):
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


@dataclass(frozen=True)
class Meta:
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


def load_month(path: Path, name: str, data: Json, crc: int, before: Month | None = None) -> Month:
    """Fully check one month table (its JSON); its entries in sequence order.

    When the JSON is `before`'s with documents appended (what a writer does), only the
    appended documents are decoded: a month another process logged into is not decoded
    again whole.
    """
    grown = _appended(before, data)
    if before is not None and grown is not None:
        added = load_month(path, name, grown, crc)
        if not before.seqs or not added.seqs or added.seqs[0] > before.seqs[-1]:
            return Month(before.seqs + added.seqs, before.entries + added.entries, crc, data)
    try:
        ids, built = decode_month(data)
    except DecodeError as error:
        if not error.loc:
            raise BadDatabase(str(path), f"table '{name}' {error.message}") from None
        field = DecodeError(error.loc[1:], error.message)
        raise BadDatabase(str(path), f"{name} document {error.loc[0]}: {field}") from None
    seqs = _canonical_numbers(ids)
    if seqs is None:
        bad = next((doc_id for doc_id in ids if not CANONICAL_ID.fullmatch(doc_id)), None)
        if bad is not None:  # "003" beside "3" would be two documents until the next write
            raise BadDatabase(
                str(path),
                f"table '{name}': document id '{short_text(bad)}' is not a number "
                "written the one way (digits, no leading zero)",
            )
        seqs = list(map(int, ids))
    # Text typed before "text is text", or by hand.
    if _may_hold_control(data) and CONTROL_IN_JSON.search(data):
        built = [_neutral_entry(entry) for entry in built]
    if seqs != sorted(seqs):  # written in order; sort a hand-edited table
        pairs = sorted(zip(seqs, built, strict=True), key=lambda pair: pair[0])
        seqs, built = [seq for seq, _ in pairs], [entry for _, entry in pairs]
    year, month = int(name[8:12]), int(name[13:15])
    for day in set(map(_DATE, built)):
        if day.year != year or day.month != month:
            seq = seqs[next(i for i, entry in enumerate(built) if entry.date == day)]
            raise BadDatabase(str(path), f"{name} document {seq}: date {day} is not in that month")
    return Month(seqs=tuple(seqs), entries=tuple(built), crc=crc, source=data)


def _canonical_numbers(ids: list[str]) -> list[int] | None:
    """The document ids as numbers when every one is written the one way (what
    CANONICAL_ID matches: ASCII digits, no leading zero); else None.

    String operations in C over a month's thousands of ids, rather than a match per id.
    """
    if not ids:
        return []
    digits = "".join(ids)
    if not (digits.isascii() and digits.isdigit()) or "" in ids:
        return None
    # Every id is digits now: "\x000" starts an id with a zero, allowed for "0" alone.
    if ("\x00" + "\x00".join(ids)).count("\x000") != ids.count("0"):
        return None
    return list(map(int, ids))


def _may_hold_control(data: Json) -> bool:
    """Whether CONTROL_IN_JSON may match: it only can at an escape (a backslash), a DEL
    or a byte above ASCII. These scans run in C at memory speed (a month's JSON rarely
    holds any of them), where the pattern's own search of a month takes milliseconds."""
    text = bytes(data)
    return b"\\" in text or b"\x7f" in text or not text.isascii()


def _appended(before: Month | None, data: Json) -> bytes | None:
    """The documents `data` adds at the end of `before`'s JSON, as an object of their
    own; None unless `data` is exactly that JSON with documents appended."""
    old = before.source if before is not None else b""
    size = len(old)
    if size < 3 or len(data) <= size:  # `{}` and shorter: nothing to keep
        return None
    view, old_view = memoryview(data), memoryview(old)
    if view[size - 1] != ord(",") or view[: size - 1].tobytes() != old_view[: size - 1].tobytes():
        return None
    return b"{" + view[size:].tobytes()


_DATE = operator.attrgetter("date")


def _neutral_entry(entry: Entry) -> Entry:
    note, by = neutral(entry.note), neutral(entry.typed_by)
    if (note, by) == (entry.note, entry.typed_by):
        return entry
    return msgspec.structs.replace(entry, note=note, typed_by=by)


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
