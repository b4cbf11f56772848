"""Loading a plan: one transaction that stores the plan and records what it changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from huddle.domain.change import Change, diff_plan, removed_keys
from huddle.domain.errors import NotAllowed
from huddle.domain.plan import Plan
from huddle.domain.roles import Actor, lead_refusal

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.store.store import Store


@dataclass(frozen=True)
class PlanLoaded:
    changed: bool  # False: the same plan was loaded already, not a byte was written
    changes: tuple[Change, ...]  # target and baseline edits recorded
    removed: tuple[str, ...]  # KR keys the new plan no longer has (their entries stay)


def load_plan(store: Store, plan: Plan, *, os_user: str, clock: Clock, source: str) -> PlanLoaded:
    """Store `plan` unless it is the one stored already, and record what it changes.

    Judged against the plan already stored (docs/storage.md): only its leads may replace it;
    a new, empty database takes a plan from whoever may write its folder. The changes
    are recorded as made by the actor the stored plan knows, never as the new plan has it.
    """
    if store.read().plan == plan:
        return PlanLoaded(False, (), ())
    with store.transaction(by=os_user, action=f"plan load {source}") as tx:
        old = tx.plan()
        if old == plan:
            return PlanLoaded(False, (), ())
        actor = Actor.of(old, os_user)
        if old is not None:
            refusal = lead_refusal(actor, "load a plan into this database")
            if refusal is not None:
                raise NotAllowed(refusal)
        tx.by = actor.recorded_as
        changes = diff_plan(old, plan, by=tx.by, at=clock.now())
        tx.put_plan(plan)
        tx.add_changes(changes)
    return PlanLoaded(True, tuple(changes), tuple(removed_keys(old, plan)))
