"""Starting the next cycle from the closed one (`huddle cycle next`): one transaction
that keeps the closed cycle whole in `cycles` and stores the next cycle's plan."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec

from huddle.domain.change import diff_plan, plan_load_reason
from huddle.domain.errors import InvalidInput, RuleError
from huddle.domain.plan import Plan
from huddle.engine.board import evaluate_board, fold_plan
from huddle.engine.next_cycle import next_plan
from huddle.service.closing import month_days
from huddle.service.lead import plan_for_lead

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.store.store import Store

START_NEXT = "start the next cycle"


class NextCycle(msgspec.Struct, frozen=True):
    closed: str  # the closed cycle's name
    plan: Plan  # the next cycle's
    lines: tuple[str, ...]  # per KR, what became of its baseline


def start_next_cycle(
    store: Store, name: str, *, start: date, end: date, os_user: str, clock: Clock
) -> NextCycle:
    """The next cycle NAME (START … END) from the current one, which must be closed."""
    with store.transaction(by=os_user, action=f"cycle next {name}") as tx:
        plan = plan_for_lead(tx, os_user, START_NEXT)
        if not plan.cycle.closed:
            raise InvalidInput(
                "cycle",
                f"the cycle {plan.cycle.name} is still open: close it first with `huddle close`",
            )
        if start <= plan.cycle.end:
            raise InvalidInput(
                "--start",
                f"must be after the end of {plan.cycle.name} ({plan.cycle.end.isoformat()})",
            )
        if name == plan.cycle.name:
            raise InvalidInput("NAME", f"'{name}' is the closed cycle's name: give the next one's")
        series = fold_plan(plan, tx.entries_in_months_of(month_days(plan)))
        final = evaluate_board(plan, series, (), plan.cycle.end)
        try:
            new, lines = next_plan(plan, final, name=name, start=start, end=end)
        except RuleError as error:
            field = {"end": "--end", "start": "--start", "name": "NAME"}.get(error.field)
            raise InvalidInput(field or error.field, error.message) from None
        at = clock.now()
        changes = diff_plan(plan, new, by=tx.by, at=at, reason=plan_load_reason("cycle next"))
        tx.start_cycle(new, at=at)
        tx.add_changes(changes)
    return NextCycle(plan.cycle.name, new, tuple(lines))
