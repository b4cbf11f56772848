"""How many responses a value rests on, and when that is too few (docs/numbers.md, "Low sample").

For `ratio` KRs n is Σdenominator, for `nps` Σresponses (promoters + passives +
detractors), over the period the value is computed on. Below the minimum sample (the
KR's own `min_sample`, else the team's) the status is shown as "low sample", never red.
"""

from __future__ import annotations

import math
from datetime import date

from huddle.domain.plan import SAMPLED_KINDS, KeyResult, Team
from huddle.domain.statuses import Status
from huddle.engine.series import Series


def sample_size(kr: KeyResult, series: Series, first: date, last: date) -> int | None:
    """n over the days first..last (both inclusive); None for kinds without a sample."""
    if kr.kind not in SAMPLED_KINDS:
        return None
    i, j = series.span(first, last)
    if kr.kind == "ratio":
        return round(math.fsum(series.b[i:j]))
    return round(math.fsum(series.a[i:j]) + math.fsum(series.b[i:j]) + math.fsum(series.c[i:j]))


def minimum_sample(kr: KeyResult, team: Team) -> int:
    return kr.min_sample if kr.min_sample is not None else team.min_sample


def is_low_sample(kr: KeyResult, team: Team, n: int | None, status: Status) -> bool:
    """True when a status rests on fewer responses than the minimum (no data says itself)."""
    return n is not None and status != "no_data" and n < minimum_sample(kr, team)
