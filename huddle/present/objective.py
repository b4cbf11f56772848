"""An objective's roll-up as people read it, on the board's cards and in `huddle status`."""

from __future__ import annotations

from huddle.domain.formatting import format_percent
from huddle.engine.view import ObjectiveView


def rollup_text(objective: ObjectiveView) -> str:
    """`71 %`, or `71 % incl. 3 aligned` when aligned objectives count in it."""
    progress = format_percent(objective.progress)
    if not objective.children:
        return progress
    return f"{progress} incl. {len(objective.children)} aligned"
