"""Progress and status of a KR (docs/numbers.md, "Direction, progress, pace" and "Status").

Boundaries compare values rounded to 9 places, so float noise never moves a KR across
a margin or band.
"""

from __future__ import annotations

from huddle.domain.plan import KeyResult, Team
from huddle.domain.statuses import STATUSES, Status

# Comparisons at boundaries are made on values rounded to this many places, so that
# 0.30000000000000004 - 0.2 counts as exactly 0.1 (float noise never flips a status).
_PLACES = 9
# The statuses that put a KR on the at-risk list and fail `status --fail-on-risk`.
BEHIND: frozenset[str] = frozenset(state.name for state in STATUSES if state.behind)


def is_behind(status: str) -> bool:
    """At risk or off track."""
    return status in BEHIND


def needs_attention(status: str, stale: bool, low_sample: bool = False) -> bool:
    """What the at-risk list and huddle mode show: behind, nothing logged lately, or a
    status resting on too few responses to trust (docs/numbers.md, "Low sample")."""
    return is_behind(status) or stale or low_sample


def good_change(direction: str, delta: float | None) -> bool | None:
    """True when a change of `delta` is good for a KR of `direction`, False when bad,
    None when there is no change (or none known)."""
    if delta is None or exact(delta) == 0:
        return None
    rising_is_good = direction in ("up", "at_least")
    return (delta > 0) == rising_is_good


def kr_progress(kr: KeyResult, current: float) -> float | None:
    """p = (current − baseline) / (target − baseline), unclamped; None for hold KRs."""
    if kr.is_hold:
        return None
    baseline = kr.start_value
    return (current - baseline) / (kr.target - baseline)


def exact(value: float) -> float:
    return round(value, _PLACES)


def target_reached(kr: KeyResult, current: float) -> bool:
    if kr.direction == "down":
        return exact(current - kr.target) <= 0
    return exact(current - kr.target) >= 0


def hold_fill(status: Status) -> float:
    """How full a hold KR with data counts, on its bar and in its objective's roll-up:
    full while it holds (on track or at risk), empty once breached."""
    return 0.0 if status == "off_track" else 1.0


def hold_margin(kr: KeyResult, current: float) -> float:
    """How far a hold KR is on the right side of its threshold (negative: breached)."""
    return current - kr.target if kr.direction == "at_least" else kr.target - current


def kr_status(
    kr: KeyResult, current: float | None, progress: float | None, f: float, team: Team
) -> Status:
    """no_data / achieved / on_track / at_risk / off_track (docs/numbers.md), exact at the
    boundaries."""
    if current is None:
        return "no_data"
    if kr.is_hold:
        margin = hold_margin(kr, current)
        if exact(margin) < 0:
            return "off_track"
        if exact(margin - kr.hold_band) < 0:
            return "at_risk"
        return "on_track"
    if target_reached(kr, current):
        return "achieved"
    if progress is None:
        progress = kr_progress(kr, current)
        assert progress is not None
    gap = f - progress
    if exact(gap - team.at_risk_margin) <= 0:
        return "on_track"
    if exact(gap - team.off_track_margin) <= 0:
        return "at_risk"
    return "off_track"
