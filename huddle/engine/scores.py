"""Scores at close (docs/numbers.md, "Scores at close"): each KR's score 0.0–1.0 and each
objective's, from the board as of the cycle's last day.

A KR's score is its share of the objective roll-up (`rollup_share`, the one home of that
rule): progress clamped to 0…1, a hold 1 unless off track (0), no data 0. An objective's
score is the mean of its KRs' scores — the ones that count, a lead's override where one
was made (`huddle.domain.scores`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date

from huddle.domain.plan import Plan
from huddle.engine.board import Folded, evaluate_board, rollup_share
from huddle.engine.view import BoardView


def scored_day(plan: Plan, today: date) -> date:
    """The day a cycle is scored as of: its last day, or today when it closes early."""
    return min(today, plan.cycle.end)


def score_board(board: BoardView) -> dict[str, float]:
    """Each KR's computed score, by key, in plan order."""
    return {kr.key: rollup_share(kr) for kr in board.key_results()}


def computed_scores(plan: Plan, series: Folded, today: date) -> dict[str, float]:
    """Each KR's computed score as of the cycle's last day (today, when earlier)."""
    return score_board(evaluate_board(plan, series, (), scored_day(plan, today)))


def mean_score(scores: Iterable[float]) -> float | None:
    """An objective's score: the mean of its KRs' scores (None without any)."""
    values = list(scores)
    return math.fsum(values) / len(values) if values else None


def objective_scores(plan: Plan, kr_scores: Mapping[str, float]) -> dict[str, float | None]:
    """Each objective's score, by id: the mean of its KRs' scores that are known."""
    return {
        objective.id: mean_score(
            kr_scores[kr.key] for kr in objective.key_results if kr.key in kr_scores
        )
        for objective in plan.objectives
    }
