"""A lead closes the cycle, overrides a KR's score, writes an objective's reflection.

Each is one store transaction, judged against the plan as stored by the real uid (only
its leads may, docs/roles.md) and recorded as Changes (`huddle.domain.closing`).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import TYPE_CHECKING

from huddle.domain.change import Change, checked_reason
from huddle.domain.closing import (
    REFLECTION_PARTS,
    SCORE,
    SCORE_COMPUTED,
    checked_reflection,
    close_problem,
    close_reason,
    close_record,
    find_objective,
    reflection_field,
    scores,
)
from huddle.domain.errors import InvalidInput
from huddle.domain.plan import Plan
from huddle.engine.board import fold_plan
from huddle.engine.scores import computed_scores
from huddle.service.lead import Recorded, key_result_of, plan_for_lead

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.store.store import Store

CLOSE = "close the cycle"
OVERRIDE = "override a key result's score"
REFLECT = "write an objective's reflection"


def close_cycle(
    store: Store, *, early_reason: str | None = None, os_user: str, clock: Clock
) -> Recorded:
    """Close the current cycle: every KR's computed score recorded, the cycle frozen.

    On or after the cycle's last day; before it only with `early_reason` (--early).
    """
    if early_reason is not None:
        early_reason = checked_reason("--reason", early_reason, required=True)
    today = clock.today()
    with store.transaction(by=os_user, action="close") as tx:
        plan = plan_for_lead(tx, os_user, CLOSE)
        changes = tx.changes()
        problem = close_problem(
            plan, today, early=early_reason is not None, scored=close_record(changes) is not None
        )
        if problem is not None:
            raise InvalidInput("close", problem)
        series = fold_plan(plan, tx.entries_in_months_of(month_days(plan)))
        by, at = tx.by, clock.now()
        reason = close_reason(early_reason)
        recorded = [
            Change(kr=key, field=SCORE_COMPUTED, old=None, new=score, reason=reason, by=by, at=at)
            for key, score in computed_scores(plan, series, today).items()
        ]
        if not plan.cycle.closed:
            recorded.append(
                Change(field="cycle.closed", old="false", new="true", reason=reason, by=by, at=at)
            )
            closed = dataclasses.replace(plan.cycle, closed=True)
            tx.put_plan(dataclasses.replace(plan, cycle=closed))
        tx.add_changes(recorded)
    return Recorded(tuple(recorded), store.latest)


def override_score(
    store: Store, key: str, score: float, *, note: str, os_user: str, clock: Clock
) -> Recorded:
    """A lead's score for KR `key` in the closed cycle, with a note (required); the
    computed score stays recorded."""
    note = checked_reason("--note", note, required=True)
    with store.transaction(by=os_user, action=f"score {key}") as tx:
        plan = plan_for_lead(tx, os_user, OVERRIDE)
        key_result_of(plan, key)
        current = scores(tx.changes()).get(key)
        if not plan.cycle.closed or current is None:
            raise InvalidInput(
                "score",
                f"the cycle {plan.cycle.name} is not closed yet: scores come with `huddle close`",
            )
        if current.score == score:
            raise InvalidInput("VALUE", f"{key}'s score is already {score:g}: nothing to change")
        by = tx.by
        change = Change(
            kr=key, field=SCORE, old=current.score, new=score, reason=note, by=by, at=clock.now()
        )
        tx.add_changes([change])
    return Recorded((change,), store.latest)


def reflect(
    store: Store, objective: str, *, well: str, learned: str, os_user: str, clock: Clock
) -> Recorded:
    """An objective's reflection (by id or title): what went well, what was learned."""
    texts = {"well": checked_reflection("--well", well)}
    texts["learned"] = checked_reflection("--learned", learned)
    with store.transaction(by=os_user, action=f"reflect {objective}") as tx:
        plan = plan_for_lead(tx, os_user, REFLECT)
        found = find_objective(plan, objective)
        by, at = tx.by, clock.now()
        before = {c.field: c.new for c in tx.changes()}
        changes = tuple(
            Change(field=field, old=before.get(field), new=texts[part], by=by, at=at)
            for part in REFLECTION_PARTS
            if before.get(field := reflection_field(found, part)) != texts[part]
        )
        if not changes:
            raise InvalidInput("--well", f"the reflection of {found.id} says this already")
        tx.add_changes(changes)
    return Recorded(changes, store.latest)


def month_days(plan: Plan) -> list[date]:
    """A day of every month the cycle touches (to name its month tables)."""
    days, day = [], plan.cycle.start
    while day <= plan.cycle.end:
        days.append(day)
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return days
