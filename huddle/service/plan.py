"""Loading a plan: one transaction that stores the plan and records what it changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from huddle.domain.change import (
    Change,
    checked_reason,
    diff_plan,
    plan_load_reason,
    removed_keys,
    undone_changes,
)
from huddle.domain.closing import close_record
from huddle.domain.errors import InvalidInput, NotAllowed
from huddle.domain.formatting import format_target
from huddle.domain.plan import Plan
from huddle.domain.roles import Actor, lead_refusal, lockout_refusal

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.store.store import Store


class PlanLoaded(msgspec.Struct, frozen=True):
    changed: bool  # False: the same plan was loaded already, not a byte was written
    changes: tuple[Change, ...]  # target and baseline edits recorded
    removed: tuple[str, ...]  # KR keys the new plan no longer has (their entries stay)


def load_plan(
    store: Store,
    plan: Plan,
    *,
    os_user: str,
    clock: Clock,
    source: str,
    reason: str | None = None,
) -> PlanLoaded:
    """Store `plan` unless it is the one stored already, and record what it changes.

    Judged against the plan already stored (docs/storage.md): only its leads may replace it;
    a new, empty database takes a plan from whoever may write its folder. The changes
    are recorded as made by the actor the stored plan knows, never as the new plan has it.
    A plan that would replace one and leaves no lead with an OS user is refused (nobody
    could load the next), and so is one that would undo
    a lead's adjust or confidence made since the last load, or reopen a closed and
    scored cycle, unless `reason` says why (recorded with every change of this load).
    """
    if reason is not None:
        reason = checked_reason("--reason", reason, required=True)
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
            lockout = lockout_refusal(plan)
            if lockout is not None:
                raise InvalidInput(source, lockout)
        new_cycle = starts_new_cycle(old, plan)
        undone = [] if new_cycle else undone_changes(old, plan, tx.changes())
        if undone and reason is None:
            assert old is not None
            raise InvalidInput(source, undo_refusal(old, plan, undone))
        if reason is None and not new_cycle:
            refusal = reopen_refusal(old, plan, tx.changes())
            if refusal is not None:
                raise InvalidInput(source, refusal)
        tx.by = actor.recorded_as
        at = clock.now()
        changes = diff_plan(old, plan, by=tx.by, at=at, reason=plan_load_reason(reason))
        if new_cycle:
            tx.start_cycle(plan, at=at)  # the old cycle kept whole in `cycles`
        tx.put_plan(plan)
        tx.add_changes(changes)
    return PlanLoaded(True, tuple(changes), tuple(removed_keys(old, plan)))


def starts_new_cycle(old: Plan | None, new: Plan) -> bool:
    """Does `new` start the next cycle: one that begins after the stored cycle's last day?
    Then the stored one is kept whole as a past cycle and the new one starts clean. Any
    other edit of the cycle's name or dates (a week longer, a later start) edits the
    current cycle, recorded as a change like every setting."""
    if old is None:
        return False
    return new.cycle.start > old.cycle.end


def reopen_refusal(old: Plan | None, new: Plan, changes: Sequence[Change]) -> str | None:
    """Why loading `new` may not reopen the stored, closed and scored cycle without a
    reason (its scores are the cycle's record); None when it does not reopen one."""
    if old is None or not old.cycle.closed or new.cycle.closed:
        return None
    record = close_record(changes)
    if record is None:
        return None
    who = old.person_name(record.by)
    return (
        f"cycle.closed = false would reopen {old.cycle.name}, closed and scored by {who} on "
        f"{record.at.astimezone():%Y-%m-%d %H:%M}: set closed = true under [cycle] to keep it "
        "closed, or load it with --reason to reopen it"
    )


def undo_refusal(old: Plan, new: Plan, undone: list[Change]) -> str:
    """One line: each change the load would undo (KR, value, who, when), what the file
    says instead, and what to copy into the file."""
    said = []
    copy = []
    for change in undone:
        assert change.kr is not None
        found = old.key_result(change.kr)
        assert found is not None
        unit = found[1].unit
        value = (
            format_target(change.new, unit) if isinstance(change.new, float) else str(change.new)
        )
        kept = new.key_result(change.kr)
        instead = (
            f"the file says {format_target(getattr(kept[1], change.field), unit)}"
            if kept is not None
            else "the file no longer has this key result"
        )
        who = old.person_name(change.by)
        said.append(
            f"{change.kr} {change.field} {value} set by {who} on "
            f"{change.at.astimezone():%Y-%m-%d %H:%M} ({instead})"
        )
        if kept is not None and isinstance(change.new, float):
            copy.append(f"{change.kr} {change.field} = {change.new:g}")
    hint = f"copy {'; '.join(copy)} into the plan file" if copy else "keep the key result"
    return f"loading it would undo {'; '.join(said)}: {hint}, or load it with --reason to override"
