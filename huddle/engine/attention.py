"""What needs attention, worst first: the at-risk list, huddle mode and `status --at-risk`.

Off track first, then at risk, then stale only, then low on sample (shown as "low
sample", never red, whatever its numbers say); within each, the furthest behind pace
first (docs/screens.md, "At risk").
"""

from __future__ import annotations

from collections.abc import Iterable

from huddle.domain.statuses import STATES
from huddle.engine.status import is_behind
from huddle.engine.view import KrView


def gap(kr: KrView) -> float:
    """How far behind pace (up/down KRs): expected − progress; 0 when unknown."""
    if kr.progress is None or kr.expected is None:
        return 0.0
    return kr.expected - kr.progress


def shown_state(kr: KrView) -> str:
    """What a KR is shown as (see `state_of`)."""
    return state_of(kr.status, kr.stale, kr.low_sample)


def state_of(status: str, stale: bool, low_sample: bool) -> str:
    """`low_sample` over everything (it is never red), then `off_track` / `at_risk`, then
    `stale`, then the status itself."""
    if low_sample:
        return "low_sample"
    if is_behind(status):
        return status
    if stale:
        return "stale"
    return status


def severity_rank(kr: KrView) -> int:
    """The rank of what a KR is shown as (`huddle.domain.statuses`; lower is worse): of
    those needing attention, 0 off track, 1 at risk, 2 stale only, 3 low sample."""
    return STATES[shown_state(kr)].rank


def attention_order(krs: Iterable[KrView]) -> list[KrView]:
    """The KRs that need attention, worst first."""
    flagged = [kr for kr in krs if kr.needs_attention]
    return sorted(flagged, key=lambda kr: (severity_rank(kr), -gap(kr), kr.key))
