"""Scores in words: a score as `0.70`, and a closed cycle's scores as lines of at most
80 columns (objective, then each of its KRs)."""

from __future__ import annotations

from collections.abc import Mapping

from huddle.domain.closing import Score
from huddle.domain.plan import Plan
from huddle.engine.scores import objective_scores

WIDTH = 80


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"


def _fit(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1] + "…"


def score_lines(plan: Plan, scores: Mapping[str, Score]) -> list[str]:
    """`0.71  Customers get it solved …`, then `      0.55  fcr  First contact …` for
    each KR (`(computed 0.40)` after an overridden one)."""
    objectives = objective_scores(plan, {key: s.score for key, s in scores.items()})
    width = max((len(kr.key) for _, kr in plan.all_key_results()), default=0)
    lines = []
    for objective in plan.objectives:
        lines.append(_fit(f"{score_text(objectives[objective.id])}  {objective.title}", WIDTH))
        for kr in objective.key_results:
            found = scores.get(kr.key)
            value = score_text(found.score if found else None)
            computed = ""
            if found is not None and found.note:
                computed = f"  (computed {score_text(found.computed)})"
            head = f"      {value}  {kr.key:<{width}}  "
            lines.append(head + _fit(kr.title, WIDTH - len(head) - len(computed)) + computed)
    return lines
