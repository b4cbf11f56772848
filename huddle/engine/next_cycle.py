"""The next cycle's plan from a closed one: the same team, members, objectives and KRs,
targets kept for the lead to edit, and each baseline set from where the KR ended.

- a `sum` starts from 0 again (when its direction allows a baseline of 0);
- `ratio`, `mean`, `nps` and `latest` going `up` or `down`: the final value becomes the
  baseline when it is still short of the target (an up KR's baseline must lie below
  its target, a down KR's above); otherwise the old baseline stays, and a line says so;
- a hold keeps its threshold.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from huddle.domain.formatting import format_target
from huddle.domain.plan import Cycle, KeyResult, Plan
from huddle.engine.view import BoardView, KrView


def next_plan(
    plan: Plan, final: BoardView, *, name: str, start: date, end: date
) -> tuple[Plan, list[str]]:
    """The next cycle's plan and one line per KR saying what became of its baseline.
    `final` is the closed cycle's board as of its last day."""
    lines: list[str] = []
    objectives = []
    for objective in plan.objectives:
        krs = []
        for kr in objective.key_results:
            view = final.kr(kr.key)
            assert view is not None
            baseline, line = _next_baseline(kr, view)
            lines.append(f"{kr.key}: {line}")
            krs.append(dataclasses.replace(kr, baseline=baseline))
        objectives.append(dataclasses.replace(objective, key_results=tuple(krs)))
    cycle = Cycle(name=name, start=start, end=end)
    return dataclasses.replace(plan, cycle=cycle, objectives=tuple(objectives)), lines


def _allowed(kr: KeyResult, baseline: float) -> bool:
    if kr.direction == "up":
        return baseline < kr.target
    return baseline > kr.target


def _next_baseline(kr: KeyResult, view: KrView) -> tuple[float, str]:
    old = kr.start_value
    shown = format_target(old, kr.unit)
    if kr.is_hold:
        return old, f"holds {format_target(kr.target, kr.unit)} as before"
    if kr.kind == "sum":
        if _allowed(kr, 0.0):
            return 0.0, "baseline 0: a sum starts from 0 again"
        return old, f"baseline kept at {shown}: a sum going down cannot start from 0"
    final = view.current
    if final is None:
        return old, f"baseline kept at {shown}: no final value"
    final_text = format_target(final, kr.unit)
    if not _allowed(kr, final):
        side = "reached" if view.status == "achieved" else "is past"
        return old, f"baseline kept at {shown}: the final {final_text} {side} the target"
    return final, f"baseline {shown} → {final_text} (the final value)"
