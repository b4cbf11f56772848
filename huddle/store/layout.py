"""Where each table sits in the file: the index a writer leaves in `meta`, and reading by it.

A file this version writes is one JSON object whose tables come in a fixed order —
`plan`, `changes`, `notes`, `actions`, `cycles`, `proposals`, `feedback` and `seen` (the
last three once there is one), the month tables (oldest first), `folds`, then `meta`,
last and compact — and `meta` holds an index of the others: for each table the byte offset and
length of its JSON and a CRC-32 of it, plus `at`, where `meta`'s own JSON starts. So:

- a fresh process reads the file once and checks each table's CRC instead of parsing
  the whole document to find the tables (a year of entries is 11 MB of JSON);
- a refresh after another process's write reads only the tail (to find `meta`) and the
  tables whose length or CRC changed: after one new entry, the month it went into and
  the fold, not the other months;
- a writer re-emits every table it did not change as the bytes it read.

Nothing is trusted that does not check out: `meta` must sit at `at`, every table
exactly where the fixed order puts it, and every table read must match its CRC.
Anything else (a file written before this layout, or edited by hand) is read the
slow way, by parsing the whole document (`huddle.store.document`).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import msgspec

from huddle.store.migrations import (
    CYCLES_TABLE,
    ENTRY_TABLE,
    FEEDBACK_TABLES,
    HUDDLE_TABLES,
    PROPOSALS_TABLE,
)

Json = bytes | memoryview  # a table's JSON, as read from the file or about to be written
TAIL = 1 << 16  # `meta` must lie in the last 64 KiB (it is ~2 KB: one line per table)
FOLDS = "folds"
_META_KEY = b',"meta":'


class Place(msgspec.Struct, frozen=True):
    """One table's JSON in the file: where it starts, how long it is, its CRC-32."""

    offset: int
    length: int
    crc: int


Index = dict[str, Place]


def crc(data: Json) -> int:
    return zlib.crc32(data)


def table_order(names: Iterable[str]) -> list[str]:
    """The order a writer puts the tables in (`meta` is not among them: it comes last)."""
    months = sorted(name for name in names if ENTRY_TABLE.match(name))
    base = ("plan", "changes", *HUDDLE_TABLES, CYCLES_TABLE, PROPOSALS_TABLE, *FEEDBACK_TABLES)
    head = [name for name in base if name in names]
    tail = [FOLDS] if FOLDS in names else []
    return [*head, *months, *tail]


def _key(name: str, first: bool) -> bytes:
    return (b"{" if first else b",") + b'"' + name.encode() + b'":'


def assemble(
    tables: Mapping[str, Json], meta_doc: dict[str, Any], known: Mapping[str, Place]
) -> tuple[list[Json], Index]:
    """The file as pieces to write one after another, and the index put into `meta_doc`.

    `known` holds the places read before: a table of the same length whose CRC was
    checked then is not summed again (a year of months is 11 MB of JSON).
    """
    pieces: list[Json] = []
    index: Index = {}
    position = 0
    for number, name in enumerate(table_order(tables)):
        key = _key(name, number == 0)
        data = tables[name]
        old = known.get(name)
        checksum = old.crc if old is not None and old.length == len(data) else crc(data)
        position += len(key)
        index[name] = Place(position, len(data), checksum)
        pieces += [key, data]
        position += len(data)
    key = _key("meta", not index)
    meta_doc["tables"] = {name: [p.offset, p.length, p.crc] for name, p in index.items()}
    meta_doc["at"] = position + len(key)
    pieces += [key, msgspec.json.encode({"1": meta_doc}), b"}"]
    return pieces, index


class Tail(msgspec.Struct, frozen=True):
    """`meta` as found at the end of the file, and the index it holds."""

    meta: dict[str, Any]  # the meta table: {"1": {...}}
    index: Index
    at: int


def find_meta(tail: bytes, tail_start: int, size: int) -> Tail | None:
    """`meta` and its index from the file's last bytes (`tail`, starting at byte
    `tail_start` of a file of `size` bytes); None unless they check out."""
    cut = tail.rfind(_META_KEY)
    end = len(tail.rstrip())
    if cut < 0 or end == 0 or tail[end - 1 : end] != b"}":
        return None
    try:
        meta = msgspec.json.decode(tail[cut + len(_META_KEY) : end - 1])
    except msgspec.DecodeError:
        return None
    at = tail_start + cut + len(_META_KEY)
    doc = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(doc, dict) or doc.get("at") != at:
        return None
    index = _index(doc.get("tables"))
    if index is None or not _in_order(index, at):
        return None
    return Tail(meta=meta, index=index, at=at)


def _index(raw: Any) -> Index | None:
    if not isinstance(raw, dict):
        return None
    index: Index = {}
    for name, place in raw.items():
        if not (
            isinstance(name, str)
            and isinstance(place, list)
            and len(place) == 3
            and all(type(number) is int and number >= 0 for number in place)
        ):
            return None
        index[name] = Place(*place)
    return index


def _in_order(index: Index, meta_at: int) -> bool:
    """Does the index describe the file byte for byte, tables in the writer's order?"""
    names = list(index)
    if names != table_order(names):
        return False
    position = 0
    for number, name in enumerate(names):
        place = index[name]
        position += len(_key(name, number == 0))
        if place.offset != position:
            return False
        position += place.length
    return position + len(_key("meta", not names)) == meta_at


def slices(data: Json, index: Index) -> dict[str, memoryview] | None:
    """Every table's JSON, cut from the whole file by the index; None unless each table's
    name is where the index says and its JSON matches its CRC."""
    view = memoryview(data)
    tables = {}
    for number, (name, place) in enumerate(index.items()):
        key = _key(name, number == 0)
        if view[place.offset - len(key) : place.offset] != key:
            return None
        piece = view[place.offset : place.offset + place.length]
        if len(piece) != place.length or crc(piece) != place.crc:
            return None
        tables[name] = piece
    return tables


def changed(old: Index, new: Index) -> Sequence[str]:
    """Tables of `new` whose length or CRC differ from `old` (or that `old` lacks)."""
    return [
        name
        for name, place in new.items()
        if (kept := old.get(name)) is None or (kept.length, kept.crc) != (place.length, place.crc)
    ]
