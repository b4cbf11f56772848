"""The feedback tables (`feedback`, `seen`), read strictly into a FeedbackRecord.

Both are optional: a file without them has no feedback yet. They are decoded only when
something asks (`Snapshot.feedback`): the board never pays for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from huddle.domain.errors import BadDatabase
from huddle.domain.feedback import EMPTY_FEEDBACK, Feedback, FeedbackRecord, Seen
from huddle.domain.text import neutral_data
from huddle.store.codec import DecodeError, decode_feedback, decode_seen
from huddle.store.layout import Json
from huddle.store.month_table import CANONICAL_ID


def _documents(path: Path, name: str, data: Json | None) -> list[tuple[str, Any]]:
    if data is None:
        return []
    try:
        table = msgspec.json.decode(data)
    except msgspec.DecodeError:
        raise BadDatabase(str(path), f"table '{name}' is not valid JSON") from None
    if not isinstance(table, dict) or not all(CANONICAL_ID.fullmatch(key) for key in table):
        raise BadDatabase(str(path), f"table '{name}' is not an object of documents")
    return sorted(table.items(), key=lambda item: int(item[0]))


def load_feedback(path: Path, raw: Mapping[str, Json]) -> FeedbackRecord:
    """Every feedback and seen mark in the order saved; BadDatabase if one is broken
    (a feedback number used twice too). Text is neutralised as everywhere."""
    if "feedback" not in raw and "seen" not in raw:
        return EMPTY_FEEDBACK
    items: list[Feedback] = []
    numbers: set[int] = set()
    for doc_id, doc in _documents(path, "feedback", raw.get("feedback")):
        try:
            item = decode_feedback(neutral_data(doc))
        except DecodeError as error:
            raise BadDatabase(str(path), f"feedback document {doc_id}: {error}") from None
        if item.id in numbers:
            raise BadDatabase(
                str(path), f"feedback document {doc_id}: feedback #{item.id} is used twice"
            )
        numbers.add(item.id)
        items.append(item)
    seen: list[Seen] = []
    for doc_id, doc in _documents(path, "seen", raw.get("seen")):
        try:
            seen.append(decode_seen(neutral_data(doc)))
        except DecodeError as error:
            raise BadDatabase(str(path), f"seen document {doc_id}: {error}") from None
    return FeedbackRecord(tuple(items), tuple(seen))
