"""Period values per kind: sums of counts, windows, dates after today, and the cycle."""

from __future__ import annotations

from datetime import UTC, date, datetime
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from huddle.domain.corrections import effective_entries
from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult
from tests.factories.builders import TODAY, cycle, d, entry, kr, period_value


def value(key_result: KeyResult, entries: list[Entry], today: date = TODAY) -> float | None:
    return period_value(key_result, effective_entries(entries), today, cycle())


def test_sum_is_baseline_plus_values() -> None:
    solved = kr("solved", "sum", baseline=100, target=500)
    entries = [entry("solved", d(2), value=30), entry("solved", d(3), "ben", value=45)]
    assert value(solved, entries) == 175  # 100 + 30 + 45


def test_ratio_sums_counts() -> None:
    fcr = kr("fcr", "ratio", unit="%", baseline=60, target=80)
    entries = [
        entry("fcr", d(2), numerator=42, denominator=50),
        entry("fcr", d(3), numerator=3, denominator=10),
    ]
    # 100 * (42 + 3) / (50 + 10) = 4500 / 60 = 75.0
    # (the mean of the daily percentages would be (84 + 30) / 2 = 57.0)
    assert value(fcr, entries) == 75.0


def test_mean_weights_by_volume() -> None:
    frt = kr("frt", "mean", unit="minutes", direction="down", baseline=10, target=4)
    entries = [
        entry("frt", d(2), value=4, volume=10),
        entry("frt", d(3), value=6, volume=30),
        entry("frt", d(4), value=8),  # volume defaults to 1
    ]
    # (4*10 + 6*30 + 8*1) / (10 + 30 + 1) = (40 + 180 + 8) / 41 = 228 / 41
    assert value(frt, entries) == 228 / 41


def test_latest_takes_the_most_recent_date() -> None:
    backlog = kr("backlog", "latest", direction="down", baseline=400, target=100)
    entries = [
        entry("backlog", d(5), value=150),
        entry("backlog", d(3), value=300),  # typed later, but describes an earlier day
    ]
    assert value(backlog, entries) == 150


def test_latest_ties_on_a_date_go_to_the_last_typed() -> None:
    backlog = kr("backlog", "latest", direction="down", baseline=400, target=100)
    late = datetime(2026, 11, 5, 18, tzinfo=UTC)
    early = datetime(2026, 11, 5, 9, tzinfo=UTC)
    entries = [
        entry("backlog", d(5), "ben", value=140, at=late),
        entry("backlog", d(5), "ana", value=160, at=early),  # later in sequence, typed earlier
    ]
    assert value(backlog, entries) == 140
    # equal typed_at: the later one in the sequence wins
    same = [
        entry("backlog", d(5), "ben", value=140, at=late),
        entry("backlog", d(5), "ana", value=160, at=late),
    ]
    assert value(backlog, same) == 160


def test_nps_from_counts() -> None:
    nps = kr("nps", "nps", unit="score", baseline=20, target=40)
    entries = [
        entry("nps", d(2), promoters=20, passives=5, detractors=5),
        entry("nps", d(3), "ben", promoters=10, passives=5, detractors=5),
    ]
    # P=30, Pa=10, D=10: 100 * (30 - 10) / 50 = 40.0
    assert value(nps, entries) == 40.0


def test_entries_after_today_are_ignored() -> None:
    solved = kr("solved", "sum", target=500)
    entries = [
        entry("solved", TODAY, value=10),  # today counts
        entry("solved", d(20), value=99),  # tomorrow does not
    ]
    assert value(solved, entries) == 10


def test_entries_outside_the_cycle_are_ignored() -> None:
    solved = kr("solved", "sum", target=500)
    entries = [entry("solved", d(30, 10), value=99), entry("solved", d(2), value=7)]
    assert value(solved, entries) == 7


def test_no_entries_is_no_data() -> None:
    assert value(kr("solved", "sum", target=500), []) is None
    assert value(kr("fcr", "ratio", unit="%", baseline=1, target=2), []) is None


def test_sum_and_latest_ignore_no_window_but_ratio_uses_it() -> None:
    # window 7 on Thu Nov 19: Nov 13 .. Nov 19 count (19 - 7 + 1 = 13); Nov 12 does not.
    csat = kr("csat", "ratio", unit="%", direction="at_least", target=90, window=7)
    entries = [
        entry("csat", d(12), numerator=0, denominator=100),  # today - 7: outside
        entry("csat", d(13), numerator=9, denominator=10),  # today - 6 = today - N + 1: inside
        entry("csat", d(19), numerator=19, denominator=20),  # today
    ]
    # 100 * (9 + 19) / (10 + 20) = 2800 / 30
    assert value(csat, entries) == 2800 / 30


def test_window_for_mean_and_nps() -> None:
    frt = kr("frt", "mean", unit="minutes", direction="at_most", target=4, window=3)
    entries = [
        entry("frt", d(16), value=9, volume=5),  # Nov 16 = 19 - 3: outside
        entry("frt", d(17), value=3, volume=2),  # Nov 17 = 19 - 3 + 1: inside
        entry("frt", d(18), value=6, volume=1),
    ]
    assert value(frt, entries) == 4.0  # (3*2 + 6*1) / (2 + 1) = 12 / 3
    nps = kr("nps", "nps", unit="score", direction="at_least", target=30, window=1)
    votes = [
        entry("nps", d(18), promoters=0, passives=0, detractors=9),  # yesterday: outside
        entry("nps", d(19), promoters=3, passives=1, detractors=0),
    ]
    assert value(nps, votes) == 75.0  # 100 * (3 - 0) / 4


def test_window_with_nothing_inside_is_no_data() -> None:
    csat = kr("csat", "ratio", unit="%", direction="at_least", target=90, window=7)
    assert value(csat, [entry("csat", d(12), numerator=9, denominator=10)]) is None


def test_window_is_clipped_to_the_cycle_start() -> None:
    csat = kr("csat", "ratio", unit="%", direction="at_least", target=90, window=30)
    entries = [
        entry("csat", d(30, 10), numerator=0, denominator=50),  # before the cycle
        entry("csat", d(3), numerator=9, denominator=10),
    ]
    assert value(csat, entries) == 90.0


def test_without_window_ratio_is_cycle_to_date() -> None:
    fcr = kr("fcr", "ratio", unit="%", baseline=60, target=80)
    entries = [
        entry("fcr", d(2), numerator=10, denominator=10),
        entry("fcr", d(19), numerator=0, denominator=10),
    ]
    assert value(fcr, entries) == 50.0  # 100 * 10 / 20


def _two_days(n1: int, d1: int, n2: int, d2: int) -> list[Entry]:
    return [
        entry("fcr", d(2), numerator=n1, denominator=d1),
        entry("fcr", d(3), numerator=n2, denominator=d2),
    ]


@pytest.mark.slow
@given(
    d1=st.integers(min_value=1, max_value=1000),
    d2=st.integers(min_value=1, max_value=1000),
    n1_share=st.fractions(min_value=0, max_value=1),
    n2_share=st.fractions(min_value=0, max_value=1),
)
def test_ratio_is_never_the_mean_of_daily_percentages(
    d1: int, d2: int, n1_share: Fraction, n2_share: Fraction
) -> None:
    """Two days with different volumes: the pooled ratio differs from the mean of the days.

    pooled - mean = (w1 - 1/2) * (r1 - r2) with w1 = d1 / (d1 + d2), r = 100 * n / d.
    That is zero exactly when d1 == d2 (equal weights) or r1 == r2 (equal daily rates,
    then both equal that rate). Those two cases are the only ones excluded. With two days
    nothing else can make them equal (with three or more days the weighted deviations can
    cancel, which is why the property is stated for two). In floats the gap is at least
    100 * 1/(2*2000) * 1/(1000*1000) = 2.5e-8 (|d1 - d2| >= 1, d1 + d2 <= 2000,
    |r1 - r2| >= 100 / (d1 * d2)), far above rounding noise near 100 (~1e-14).
    """
    n1 = int(n1_share * d1)
    n2 = int(n2_share * d2)
    assume(d1 != d2)
    assume(n1 * d2 != n2 * d1)
    fcr = kr("fcr", "ratio", unit="%", baseline=10, target=90)
    got = value(fcr, _two_days(n1, d1, n2, d2))
    assert got is not None
    mean_of_days = (100 * n1 / d1 + 100 * n2 / d2) / 2
    assert got != mean_of_days
    assert abs(Fraction(got) - Fraction(100 * (n1 + n2), d1 + d2)) < Fraction(1, 10**9)
