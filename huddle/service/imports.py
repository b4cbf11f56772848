"""Importing daily numbers: all the rows of a file in one transaction, or none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from huddle.domain.corrections import counting_entry
from huddle.domain.entry import Entry

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.store.store import Store


@dataclass(frozen=True)
class Imported:
    entries: int
    corrections: int  # entries that correct a number already in the file


def import_entries(
    store: Store, entries: Sequence[Entry], *, by: str, clock: Clock, source: str
) -> Imported:
    """Append every entry in one transaction (each validated against the plan and today)."""
    existing = store.read().entries
    corrections = sum(
        counting_entry(existing, e.kr, e.member, e.date) is not None for e in entries
    )
    with store.transaction(by=by, action=f"import {source} ({len(entries)} entries)") as tx:
        tx.add_entries(entries, today=clock.today())
    return Imported(len(entries), corrections)
