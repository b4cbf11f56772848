"""A lead's writes on a KR: adjust its target or baseline, set the manual confidence.

Each is one store transaction, judged against the plan as stored (only its leads may,
docs/storage.md) and recorded as a Change: who, when, old, new and why. An adjusted KR is
checked by the same rules as a plan file (direction still holds, finite numbers), and
the plan as a whole again, so nothing is stored that the next open would refuse.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import msgspec

from huddle.domain.change import (
    Change,
    adjusted_key_result,
    checked_reason,
)
from huddle.domain.errors import InvalidInput, NotAllowed, RuleError
from huddle.domain.formatting import format_target
from huddle.domain.plan import KeyResult, Plan
from huddle.domain.roles import Actor, lead_refusal
from huddle.domain.statuses import CONFIDENCE_LEVELS
from huddle.engine.board import newest_confidences
from huddle.service.stored_plan import stored_plan

if TYPE_CHECKING:  # the service only drives a store it is handed; it never opens one
    from huddle.domain.clock import Clock
    from huddle.store.snapshot import Snapshot
    from huddle.store.store import Store
    from huddle.store.transaction import Transaction

ADJUST = "adjust a key result's target or baseline"
SET_CONFIDENCE = "set a key result's confidence"


class Recorded(msgspec.Struct, frozen=True):
    changes: tuple[Change, ...]  # what was recorded, in order
    snapshot: Snapshot  # the file as written


def adjust_key_result(
    store: Store,
    key: str,
    *,
    target: float | None = None,
    baseline: float | None = None,
    reason: str,
    os_user: str,
    clock: Clock,
) -> Recorded:
    """Give KR `key` a new target and/or baseline, with the reason (required).

    Raises InvalidInput naming the field (`key`, `target`, `baseline`, `reason`) or
    NotAllowed; on any error nothing is written.
    """
    reason = checked_reason("reason", reason, required=True)
    if target is None and baseline is None:
        raise InvalidInput("target", "give a new target or a new baseline (or both)")
    with store.transaction(by=os_user, action=f"adjust {key}") as tx:
        plan = plan_for_lead(tx, os_user, ADJUST)
        kr = key_result_of(plan, key)
        adjusted = adjusted_key_result(kr, target, baseline)
        edits = [
            (name, getattr(kr, name), getattr(adjusted, name))
            for name, given in (("target", target), ("baseline", baseline))
            if given is not None and getattr(kr, name) != getattr(adjusted, name)
        ]
        if not edits:
            field = "target" if target is not None else "baseline"
            shown = format_target(getattr(kr, field), kr.unit)
            raise InvalidInput(field, f"is already {shown}: nothing to change")
        new_plan = _with_key_result(plan, adjusted)
        at = clock.now()
        changes = tuple(
            Change(kr=key, field=name, old=old, new=new, reason=reason, by=tx.by, at=at)
            for name, old, new in edits
        )
        tx.put_plan(new_plan)
        tx.add_changes(changes)
    return Recorded(changes, store.latest)


def set_confidence(
    store: Store, key: str, level: str, *, note: str = "", os_user: str, clock: Clock
) -> Recorded:
    """Record a lead's confidence in KR `key` (on_track / at_risk / off_track) with a note.

    The newest one is shown beside the computed status, never instead (docs/numbers.md).
    """
    if level not in CONFIDENCE_LEVELS:
        raise InvalidInput("confidence", f"'{level}' is not one of {', '.join(CONFIDENCE_LEVELS)}")
    note = checked_reason("note", note, required=False)
    with store.transaction(by=os_user, action=f"confidence {key}") as tx:
        plan = plan_for_lead(tx, os_user, SET_CONFIDENCE)
        key_result_of(plan, key)
        before = newest_confidences(tx.changes()).get(key)
        old = before.new if before is not None else None
        change = Change(
            kr=key,
            field="confidence",
            old=old,
            new=level,
            reason=note,
            by=tx.by,
            at=clock.now(),
        )
        tx.add_changes([change])
    return Recorded((change,), store.latest)


def plan_for_lead(tx: Transaction, os_user: str, what: str) -> Plan:
    """The plan in `tx`, when the stored plan names `os_user` a lead (NotAllowed
    otherwise); the write is then recorded as that lead's (`tx.by`)."""
    plan = stored_plan(tx.plan())
    actor = Actor.of(plan, os_user)
    refusal = lead_refusal(actor, what)
    if refusal is not None:
        raise NotAllowed(refusal)
    tx.by = actor.recorded_as
    return plan


def key_result_of(plan: Plan, key: str) -> KeyResult:
    found = plan.key_result(key)
    if found is None:
        keys = ", ".join(kr.key for _, kr in plan.all_key_results())
        raise InvalidInput("key", f"'{key}' is not a key result of the plan (keys: {keys})")
    return found[1]


def _with_key_result(plan: Plan, kr: KeyResult) -> Plan:
    """The plan with `kr` in place of the KR of the same key (plan-wide rules run again)."""
    objectives = tuple(
        dataclasses.replace(
            objective,
            key_results=tuple(kr if old.key == kr.key else old for old in objective.key_results),
        )
        for objective in plan.objectives
    )
    try:
        return dataclasses.replace(plan, objectives=objectives)
    except RuleError as error:
        raise InvalidInput(error.field, error.message) from None
