"""The month tables (`entries_YYYY_MM`): one decoded and fully checked, a snapshot's
months decoded when first asked for, and their entries merged in the order typed.

Each month is decoded once per process while its bytes stay the same.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import msgspec

from huddle.domain.entry import Entry
from huddle.domain.errors import BadDatabase, short_text
from huddle.domain.plan import Plan
from huddle.domain.text import CONTROL_RANGES, neutral
from huddle.store.codec import DecodeError, decode_month
from huddle.store.layout import Json
from huddle.store.migrations import ENTRY_TABLE, entry_table_name

# A document id as this store writes it: the sequence number in plain ASCII digits.
CANONICAL_ID = re.compile(r"0|[1-9][0-9]*", re.ASCII)


@functools.cache  # built when a month first may hold one: ~1 ms a command rarely needs
def _control_in_json() -> re.Pattern[bytes]:
    """A control character (huddle.domain.text) inside a month's JSON: escaped as
    `\\uXXXX` (any case) or `\\t`-style, or raw UTF-8 (raw C0 is JSON's own whitespace,
    never text). An escaped backslash before `t` matches too: that only costs a look."""
    codes = [code for low, high in CONTROL_RANGES for code in range(low, high + 1)]
    escaped = b"|".join(f"{code:04x}".encode() for code in codes)
    raw = b"|".join(re.escape(chr(code).encode()) for code in codes if code >= 0x7F)
    return re.compile(rb"\\[bfnrt]|\\u(?i:" + escaped + rb")|" + raw)


class Month(msgspec.Struct, frozen=True):
    """One `entries_YYYY_MM` table decoded: sequence numbers and entries, in sequence
    order, the CRC-32 of the JSON they were decoded from and (`source`) that JSON."""

    seqs: tuple[int, ...]
    entries: tuple[Entry, ...]
    crc: int
    source: Json = b""  # kept to write the month back unchanged; never compared


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

    @property
    def path(self) -> Path:
        """The database file the tables were read from (named by every problem)."""
        return self._path

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


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
    if _may_hold_control(data) and _control_in_json().search(data):
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
    """Whether `_control_in_json()` may match: it only can at an escape (a backslash), a DEL
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
