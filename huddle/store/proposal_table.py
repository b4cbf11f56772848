"""The `proposals` table: one document per step of a proposal (`ProposalEvent`), appended
and never rewritten. Absent until the first proposal."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import msgspec

from huddle.domain.errors import BadDatabase
from huddle.domain.proposal import ProposalEvent
from huddle.domain.text import neutral_data
from huddle.store.appended import appended
from huddle.store.codec import DecodeError, decode_proposal_event, encode
from huddle.store.layout import Json
from huddle.store.migrations import PROPOSALS_TABLE

PROPOSALS = PROPOSALS_TABLE


def load_events(path: Path, table: Json | None) -> tuple[ProposalEvent, ...]:
    """Every step, in the order taken (BadDatabase naming the document when one is bad:
    a step of a proposal never made, a proposal or revision without its objective)."""
    if not table:
        return ()
    try:
        docs = msgspec.json.decode(table)
    except msgspec.DecodeError:
        raise BadDatabase(str(path), f"table '{PROPOSALS}' is not valid JSON") from None
    if not isinstance(docs, dict):
        raise BadDatabase(str(path), f"table '{PROPOSALS}' is not an object of documents")
    events: list[ProposalEvent] = []
    made: set[str] = set()
    for doc_id, doc in sorted(docs.items(), key=lambda item: int(item[0])):
        where = f"{PROPOSALS} document {doc_id}"
        try:
            event = decode_proposal_event(neutral_data(doc))
        except DecodeError as error:
            raise BadDatabase(str(path), f"{where}: {error}") from None
        if event.step == "proposed":
            if event.proposal in made:
                raise BadDatabase(str(path), f"{where}: proposal {event.proposal} is made twice")
            made.add(event.proposal)
        elif event.proposal not in made:
            raise BadDatabase(str(path), f"{where}: proposal {event.proposal} does not exist")
        if event.step in ("proposed", "revised") and event.objective is None:
            raise BadDatabase(str(path), f"{where}: the objective is missing")
        events.append(event)
    return tuple(events)


def append_events(table: Json | None, events: Sequence[ProposalEvent]) -> bytes:
    """The table's JSON with `events` added at its end (the others as they were)."""
    return appended(table, [encode(event) for event in events])
