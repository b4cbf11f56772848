"""The `cycles` table: one document per past cycle (`PastCycle`), appended when the next
cycle starts and never rewritten.

    {"plan": {...}, "changes": [...], "notes": [...], "actions": [...], "ended_at": "…"}

Its JSON is carried from read to write as it is, like a month table: only `huddle
cycles`, `huddle report` and the start of the next cycle decode it, never a log, a
status or the board.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.errors import BadDatabase
from huddle.domain.past_cycle import PastCycle
from huddle.domain.text import neutral_data
from huddle.store.appended import appended
from huddle.store.codec import DecodeError, decode_change, decode_plan, encode
from huddle.store.huddle_tables import load_record
from huddle.store.layout import Json
from huddle.store.migrations import CYCLES_TABLE

CYCLES = CYCLES_TABLE


def cycle_document(past: PastCycle) -> dict[str, Any]:
    record = past.huddle
    return {
        "plan": encode(past.plan),
        "changes": [encode(change) for change in past.changes],
        "notes": [encode(note) for note in record.notes],
        # an action before the events that close it, as load_record reads them
        "actions": [encode(item) for item in (*record.actions, *record.closings)],
        "ended_at": encode(past.ended_at),
    }


def append_cycles(table: Json | None, pasts: list[PastCycle]) -> bytes:
    """The `cycles` table's JSON with `pasts` added at its end (the others as they were)."""
    return appended(table, [cycle_document(past) for past in pasts])


def past_cycles(path: Path, table: Json | None) -> tuple[PastCycle, ...]:
    """Every past cycle, oldest first (BadDatabase naming the document when one is bad)."""
    if not table:
        return ()
    try:
        docs = msgspec.json.decode(table)
    except msgspec.DecodeError:
        raise BadDatabase(str(path), f"table '{CYCLES}' is not valid JSON") from None
    return tuple(_past(path, doc_id, doc) for doc_id, doc in _in_order(docs))


def _in_order(docs: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield from sorted(docs.items(), key=lambda item: int(item[0]))


def _past(path: Path, doc_id: str, doc: Any) -> PastCycle:
    where = f"{CYCLES} document {doc_id}"
    if not isinstance(doc, dict) or set(doc) != {"plan", "changes", "notes", "actions", "ended_at"}:
        raise BadDatabase(str(path), f"{where} is malformed")
    try:
        plan = decode_plan(neutral_data(doc["plan"]))
        changes = tuple(decode_change(neutral_data(c)) for c in doc["changes"])
        ended_at = datetime.fromisoformat(str(doc["ended_at"]))
    except (DecodeError, TypeError, ValueError) as error:
        raise BadDatabase(str(path), f"{where}: {error}") from None
    record = load_record(
        path,
        {
            "notes": {str(n): note for n, note in enumerate(doc["notes"], 1)},
            "actions": {str(n): item for n, item in enumerate(doc["actions"], 1)},
        },
    )
    return PastCycle(plan, changes, record, ended_at)
