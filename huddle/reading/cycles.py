"""Every cycle as `huddle cycles` lists it: past ones from the `cycles` table, then the
current one; each with its state and score (the mean of its objectives' scores)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from huddle.domain.change import Change
from huddle.domain.closing import scores
from huddle.domain.past_cycle import PastCycle
from huddle.domain.plan import Plan
from huddle.engine.scores import mean_score, objective_scores


def cycle_score(plan: Plan, changes: Iterable[Change]) -> float | None:
    """The cycle's score: the mean of its objectives' scores; None until it is closed."""
    counted = {key: score.score for key, score in scores(changes).items()}
    if not counted:
        return None
    by_objective = objective_scores(plan, counted).values()
    return mean_score(value for value in by_objective if value is not None)


def cycle_row(plan: Plan, changes: Iterable[Change], *, past: bool = False) -> dict[str, Any]:
    """One cycle's row; `past`: a cycle the next one replaced, "ended" unless closed."""
    cycle = plan.cycle
    return {
        "name": cycle.name,
        "start": cycle.start.isoformat(),
        "end": cycle.end.isoformat(),
        "state": "closed" if cycle.closed else ("ended" if past else "open"),
        "score": cycle_score(plan, changes),
    }


def cycle_rows(
    past: Sequence[PastCycle], plan: Plan, changes: Iterable[Change]
) -> list[dict[str, Any]]:
    return [*(cycle_row(p.plan, p.changes, past=True) for p in past), cycle_row(plan, changes)]
