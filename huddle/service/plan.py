"""Loading a plan: one transaction that stores the plan and records what it changed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from huddle.domain.change import Change, diff_plan, removed_keys
from huddle.domain.plan import Plan

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.store.store import Store


@dataclass(frozen=True)
class PlanLoaded:
    changed: bool  # False: the same plan was loaded already, not a byte was written
    changes: tuple[Change, ...]  # target and baseline edits recorded
    removed: tuple[str, ...]  # KR keys the new plan no longer has (their entries stay)


def load_plan(store: Store, plan: Plan, *, by: str, clock: Clock, source: str) -> PlanLoaded:
    """Store `plan` unless it is the one stored already; record its target/baseline edits."""
    if store.read().plan == plan:
        return PlanLoaded(False, (), ())
    with store.transaction(by=by, action=f"plan load {source}") as tx:
        old = tx.plan()
        if old == plan:
            return PlanLoaded(False, (), ())
        changes = diff_plan(old, plan, by=by, at=clock.now())
        tx.put_plan(plan)
        tx.add_changes(changes)
    return PlanLoaded(True, tuple(changes), tuple(removed_keys(old, plan)))
