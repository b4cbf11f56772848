"""Importing daily numbers: all the rows of a file in one transaction, or none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from huddle.domain.corrections import counting_entry
from huddle.domain.entry import Entry
from huddle.domain.errors import NotAllowed
from huddle.domain.permissions import actor_label, import_refusal

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.store.store import Store


@dataclass(frozen=True)
class Imported:
    entries: int
    corrections: int  # entries that correct a number already in the file


def import_entries(
    store: Store, entries: Sequence[Entry], *, os_user: str, clock: Clock, source: str
) -> Imported:
    """Append every entry in one transaction (each validated against the plan and today).

    Only leads and the team's feed users may import (`import_refusal`, judged against
    the plan as stored).
    """
    existing = store.read().entries
    corrections = sum(
        counting_entry(existing, e.kr, e.member, e.date) is not None for e in entries
    )
    action = f"import {source} ({len(entries)} entries)"
    with store.transaction(by=os_user, action=action) as tx:
        plan = tx.plan()
        refusal = import_refusal(plan, os_user) if plan is not None else None
        if refusal is not None:
            raise NotAllowed(refusal)
        tx.by = actor_label(plan, os_user)
        tx.add_entries(entries, today=clock.write_limit())
    return Imported(len(entries), corrections)
