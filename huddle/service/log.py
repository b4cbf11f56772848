"""Logging numbers: one transaction for a form's worth of entries, or nothing at all."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import msgspec

from huddle.domain.corrections import ChangedMeanwhile, Key, counting_index
from huddle.domain.entry import Entry
from huddle.domain.errors import NotAllowed
from huddle.domain.roles import Actor, log_refusal
from huddle.service.stored_plan import stored_plan

if TYPE_CHECKING:  # the service only drives a store it is handed; it never opens one
    from huddle.domain.clock import Clock
    from huddle.store.snapshot import Snapshot
    from huddle.store.store import Store


def log_entries(
    store: Store,
    entries: Sequence[Entry],
    *,
    os_user: str,
    clock: Clock,
    seen: Mapping[Key, Entry | None] | None = None,
) -> Snapshot:
    """Save `entries` in ONE store transaction, or nothing at all; the file as written.

    Inside the transaction (against the plan as it is on disk now) it checks that the
    acting OS user may log for every entry's member; the transaction then validates each
    entry against the plan and today. `seen`: what the person was shown as counting for
    each (kr, member, date) they log; when the file now holds something else (someone
    logged meanwhile), ChangedMeanwhile. Raises NotAllowed, InvalidInput or
    ChangedMeanwhile; on any error nothing is written.
    """
    if not entries:
        return store.latest
    with store.transaction(by=os_user, action=_action(entries)) as tx:
        plan = stored_plan(tx.plan())
        actor = Actor.of(plan, os_user)
        for entry in entries:
            refusal = log_refusal(plan, actor, entry.member)
            if refusal is not None:
                raise NotAllowed(refusal)
        if seen:
            stored = tx.entries_in_months_of(day for _, _, day in seen)  # those months only
            now = counting_index(stored, seen)
            changed = {key: now.get(key) for key, shown in seen.items() if now.get(key) != shown}
            if changed:
                raise ChangedMeanwhile(changed)
        # Who typed them is the actor as the stored plan knows them, whatever was handed in.
        tx.by = typed_by = actor.recorded_as
        entries = [
            e if e.typed_by == typed_by else msgspec.structs.replace(e, typed_by=typed_by)
            for e in entries
        ]
        tx.add_entries(entries, today=clock.write_limit())
    return store.latest


def _action(entries: Sequence[Entry]) -> str:
    keys = sorted({e.kr for e in entries})
    voids = sum(e.void for e in entries)
    verb = "void" if voids == len(entries) else "log"
    return f"{verb} {', '.join(keys)}"
