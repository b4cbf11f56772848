"""What needs attention, worst first: the at-risk list, huddle mode and `status --at-risk`.

Off track first, then at risk, then stale only; within each, the furthest behind pace
first (DESIGN §3, "At risk").
"""

from __future__ import annotations

from collections.abc import Iterable

from huddle.engine.view import KrView

_RANK = {"off_track": 0, "at_risk": 1}


def gap(kr: KrView) -> float:
    """How far behind pace (up/down KRs): expected − progress; 0 when unknown."""
    if kr.progress is None or kr.expected is None:
        return 0.0
    return kr.expected - kr.progress


def attention_order(krs: Iterable[KrView]) -> list[KrView]:
    """The KRs that need attention, worst first."""
    flagged = [kr for kr in krs if kr.needs_attention]
    return sorted(flagged, key=lambda kr: (_RANK.get(kr.status, 2), -gap(kr), kr.key))
