"""Reading a database file into a Snapshot: by its index when that checks out, else whole.

Three ways in, cheapest first:

- `refresh_snapshot`: after another writer, read the file's tail (`meta` and its index)
  and only the tables whose length or CRC changed; every other table is the one this
  process already holds. Taken only for what a huddle writer leaves: a new file (a new
  inode: writers replace the file, they never write into it) with a new `write` id in
  `meta`. A file edited in place, or keeping the id this process last read, is read
  whole and checked whole.
- `snapshot_from_bytes` with a file whose index checks out: every table is cut from the
  bytes by the index and checked against its CRC; nothing is parsed but the plan, the
  changes, `meta` and the fold.
- otherwise (a file written before the index, or edited by hand) the whole document is
  parsed, and the cycle's months are decoded and folded here.

The months of closed cycles are never decoded on any of these paths.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.errors import BadDatabase
from huddle.engine.cycle_fold import CycleFold, fold_cycle
from huddle.store.document import check_tables, decode, load_changes, load_meta, load_plan
from huddle.store.files import FileIdentity, Tables, identity_of
from huddle.store.fold_table import decode_fold
from huddle.store.huddle_tables import load_record
from huddle.store.layout import FOLDS, TAIL, Index, Json, Place, changed, crc, find_meta, slices
from huddle.store.migrations import CURRENT_VERSION, HUDDLE_TABLES, schema_version
from huddle.store.month_table import CANONICAL_ID, MonthCache, Months, cycle_months, merge
from huddle.store.proposal_table import PROPOSALS, load_events
from huddle.store.snapshot import Snapshot

# The small tables decoded at once (the months wait until something asks for them).
SMALL = ("plan", "changes", *HUDDLE_TABLES)


class OldSchema(Exception):
    """The file must be migrated first (the store takes the lock for that)."""

    def __init__(self, tables: Tables, version: int) -> None:
        super().__init__(version)
        self.tables = tables
        self.version = version


def snapshot_from_bytes(
    path: Path, data: Json, identity: FileIdentity, cache: MonthCache
) -> Snapshot:
    """The snapshot of the whole file's bytes (BadDatabase if anything is wrong)."""
    start = max(0, len(data) - TAIL)
    tail = find_meta(bytes(data[start:]), start, len(data))
    if tail is not None:
        _check_version(path, tail.meta)
        tables = slices(data, tail.index)
        if tables is not None:
            return build(path, tables, tail.index, tail.meta, identity, cache, trusted=True)
    return parse_tables(path, decode(path, data), identity, cache)


def refresh_snapshot(path: Path, previous: Snapshot, cache: MonthCache) -> Snapshot | None:
    """The file's new state, reading only what changed since `previous`; None when it
    must be read whole (no index, not a huddle write, anything that does not check out)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if st.st_ino == previous.identity.ino and st.st_dev == previous.identity.dev:
            return None  # changed in place: huddle never does that (it replaces the file)
        size = st.st_size
        start = max(0, size - TAIL)
        tail = find_meta(os.pread(fd, size - start, start), start, size)
        if tail is None:
            return None
        _check_version(path, tail.meta)
        write_id = tail.meta["1"].get("write")
        if not write_id or write_id == previous.write_id:
            return None  # not a write by huddle since ours: read it all and check it all
        fresh = set(changed(previous.index, tail.index))
        raw: dict[str, Json] = {}
        for name, place in tail.index.items():
            if name not in fresh:
                raw[name] = previous.raw[name]
                continue
            data = os.pread(fd, place.length, place.offset)
            if len(data) != place.length or crc(data) != place.crc:
                return None
            raw[name] = data
        return build(
            path,
            raw,
            tail.index,
            tail.meta,
            identity_of(st),
            cache,
            trusted=True,
            previous=previous,
        )
    finally:
        os.close(fd)


def _check_version(path: Path, meta: Mapping[str, Any]) -> None:
    version = schema_version(path, {"meta": meta})
    if version < CURRENT_VERSION:
        raise OldSchema({"meta": meta}, version)  # the store reads it whole to migrate


def parse_tables(path: Path, tables: Tables, identity: FileIdentity, cache: MonthCache) -> Snapshot:
    """The snapshot of a whole parsed document (months as JSON, other tables decoded)."""
    version = schema_version(path, tables)
    if version < CURRENT_VERSION:
        raise OldSchema(tables, version)
    check_tables(path, tables)
    raw: dict[str, Json] = {}
    for name, table in tables.items():
        if name == "meta":
            continue
        if isinstance(table, msgspec.Raw):
            raw[name] = bytes(table)
        else:
            raw[name] = msgspec.json.encode(table)
    index = {name: Place(0, len(data), crc(data)) for name, data in raw.items()}
    return build(path, raw, index, tables["meta"], identity, cache, trusted=False)


def build(
    path: Path,
    raw: Mapping[str, Json],
    index: Index,
    meta_table: Mapping[str, Any],
    identity: FileIdentity,
    cache: MonthCache,
    *,
    trusted: bool,
    previous: Snapshot | None = None,
) -> Snapshot:
    """A snapshot from every table's JSON. `trusted`: the index checked out, so the
    stored fold and `meta`'s sequence number may be taken as they are. The plan and the
    changes of `previous` are taken as they are when their JSON is the same object."""
    check_tables(path, {**raw, "meta": meta_table})  # every table there, no other
    if previous is not None and all(raw[n] is previous.raw.get(n) for n in SMALL):
        plan, changes, huddle = previous.plan, previous.changes, previous.huddle
    else:
        small = {name: _decode_table(path, name, raw[name]) for name in SMALL}
        check_tables(path, {**raw, **small, "meta": meta_table})  # and their documents
        plan = load_plan(path, small["plan"])
        changes = load_changes(path, small["changes"])
        huddle = load_record(path, small)
    if previous is not None and raw.get(PROPOSALS) is previous.raw.get(PROPOSALS):
        proposals = previous.proposals
    else:
        proposals = load_events(path, raw.get(PROPOSALS))
    meta = load_meta(path, meta_table)
    months = Months(path, raw, {name: place.crc for name, place in index.items()}, cache)
    seq = meta.entry_seq
    if not trusted:  # a hand-added entry may carry a number past meta's
        seq = max([seq, *(_last_id(path, name, raw[name]) for name in months)])
    fold: CycleFold | None = None
    if plan is not None:
        stored = decode_fold(raw[FOLDS]) if trusted and FOLDS in raw else None
        if stored is not None and stored.fits(plan) and stored.seq == seq:
            fold = stored
        else:
            names = cycle_months(plan, months)
            month_list = [months[name] for name in names]
            seqs = sorted(s for month in month_list for s in month.seqs)
            fold = fold_cycle(plan, merge(month_list), seqs, seq)
    return Snapshot(
        raw=raw,
        index=index,
        plan=plan,
        changes=changes,
        last_write=meta.last_write,
        entry_seq=seq,
        identity=identity,
        fold=fold,
        archives=meta.archives,
        write_id=meta.write_id,
        months=months,
        huddle=huddle,
        proposals=proposals,
    )


def _decode_table(path: Path, name: str, data: Json) -> dict[str, Any]:
    try:
        table = msgspec.json.decode(data)
    except msgspec.DecodeError:
        raise BadDatabase(str(path), f"table '{name}' is not valid JSON") from None
    if not isinstance(table, dict):
        raise BadDatabase(str(path), f"table '{name}' is not an object of documents")
    return table


_IDS = msgspec.json.Decoder(dict[str, msgspec.Raw])


def _last_id(path: Path, name: str, data: Json) -> int:
    """The highest document id of a month table, without decoding its entries."""
    try:
        ids = _IDS.decode(data)
    except msgspec.DecodeError:
        raise BadDatabase(str(path), f"table '{name}' is not an object of documents") from None
    numbers = [int(doc_id) for doc_id in ids if CANONICAL_ID.fullmatch(doc_id)]
    return max(numbers, default=0)
