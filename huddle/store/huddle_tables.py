"""The huddle record's tables (`notes`, `actions`), read strictly into a HuddleRecord."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from huddle.domain.errors import BadDatabase
from huddle.domain.huddle import Action, ActionDone, HuddleRecord, Note
from huddle.domain.text import neutral_data
from huddle.store.codec import DecodeError, decode_action_doc, decode_note
from huddle.store.files import Tables


def _in_order(table: dict[str, Any]) -> list[tuple[str, Any]]:
    return sorted(table.items(), key=lambda item: int(item[0]))


def load_record(path: Path, tables: Tables) -> HuddleRecord:
    """Every note version, action and done event, in the order saved (document id order).

    Text that got into the file before "text is text", or by hand, is neutralised; an
    action number used twice, or a done event for an action that does not exist, makes
    the file bad (BadDatabase), as any other broken document does.
    """
    notes: list[Note] = []
    for doc_id, doc in _in_order(tables["notes"]):
        try:
            notes.append(decode_note(neutral_data(doc)))
        except DecodeError as error:
            raise BadDatabase(str(path), f"notes document {doc_id}: {error}") from None
    actions: list[Action] = []
    closings: list[ActionDone] = []
    numbers: set[int] = set()
    for doc_id, doc in _in_order(tables["actions"]):
        try:
            item = decode_action_doc(neutral_data(doc))
        except DecodeError as error:
            raise BadDatabase(str(path), f"actions document {doc_id}: {error}") from None
        if isinstance(item, ActionDone):
            if item.action not in numbers:
                raise BadDatabase(
                    str(path), f"actions document {doc_id}: action #{item.action} does not exist"
                )
            closings.append(item)
        else:
            if item.id in numbers:
                raise BadDatabase(
                    str(path), f"actions document {doc_id}: action #{item.id} is used twice"
                )
            numbers.add(item.id)
            actions.append(item)
    return HuddleRecord(tuple(notes), tuple(actions), tuple(closings))
