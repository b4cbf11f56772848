"""Looking ahead: where a KR lands at this pace and what it needs from here, every kind ×
direction worked out by hand from the rule (docs/numbers.md, "Looking ahead"), then
the same rule as properties.

The standard cycle (tests/factories/builders.py) is Mon Nov 2 … Fri Nov 27, W = 20
working days; on the standard today, Thu Nov 19, c = 13 days are completed and
r = 20 − 13 = 7 are left, today included. Entries are dated before today unless a test
says otherwise.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huddle.domain.corrections import effective_entries
from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult
from huddle.engine.ahead import Ahead, look_ahead
from huddle.engine.board import build_board, evaluate_kr
from huddle.engine.series import Series
from tests.factories.builders import END, START, TODAY, d, entry, kr, plan

C, R = 13, 7  # on TODAY


def ahead_of(
    key_result: KeyResult,
    entries: list[Entry],
    today: date = TODAY,
    team_fields: dict[str, Any] | None = None,
) -> Ahead | None:
    """The KR's outlook as the board shows it (KrView.ahead)."""
    p = plan(key_result, team_fields=team_fields)
    view = evaluate_kr(p, p.objectives[0], key_result, entries, today)
    return view.ahead


def outlook(key_result: KeyResult, entries: list[Entry], **kwargs: Any) -> Ahead:
    ahead = ahead_of(key_result, entries, **kwargs)
    assert ahead is not None
    return ahead


def ratio_entries(key: str, numerator: int, denominator: int) -> list[Entry]:
    """numerator/denominator split over two days before today (Nov 2 and Nov 16)."""
    half_n, half_d = numerator // 2, denominator // 2
    return [
        entry(key, d(2), numerator=half_n, denominator=half_d),
        entry(key, d(16), "ben", numerator=numerator - half_n, denominator=denominator - half_d),
    ]


# --------------------------------------------------------------------------- sum


def test_sum_up() -> None:
    # Σ = 30 + 22 = 52, current 52, rate 52 / 13 = 4 a day
    # projected 52 + 4 · 7 = 80; needed (115 − 52) / 7 = 63 / 7 = 9 per working day
    entries = [entry("solved", d(3), value=30), entry("solved", d(18), "ben", value=22)]
    ahead = outlook(kr("solved", "sum", target=115), entries)
    assert ahead.projected == pytest.approx(80)
    assert ahead.needed == pytest.approx(9)
    assert (ahead.basis, ahead.reachable, ahead.days_left) == ("per_day", True, R)
    assert ahead.so_far == pytest.approx(4)
    assert (ahead.best, ahead.remaining, ahead.window, ahead.end) == (None, None, None, END)


def test_sum_up_counts_from_its_baseline() -> None:
    # baseline 10: current 10 + 52 = 62, rate (62 − 10) / 13 = 4
    # projected 62 + 28 = 90; needed (118 − 62) / 7 = 56 / 7 = 8
    entries = [entry("solved", d(3), value=52)]
    ahead = outlook(kr("solved", "sum", baseline=10, target=118), entries)
    assert (ahead.projected, ahead.needed) == (pytest.approx(90), pytest.approx(8))
    assert ahead.reachable


def test_sum_down_is_out_of_reach_and_at_best_stays_where_it_is() -> None:
    # baseline 500, Σ = 26: current 526, rate 26 / 13 = 2, projected 526 + 14 = 540
    # needed (100 − 526) / 7 = −426 / 7 ≈ −60.86 a day: a sum can never decrease
    # best: nothing more added → 526
    ahead = outlook(
        kr("tix", "sum", direction="down", baseline=500), [entry("tix", d(4), value=26)]
    )
    assert ahead.projected == pytest.approx(540)
    assert ahead.needed == pytest.approx(-426 / 7)
    assert (ahead.basis, ahead.reachable) == ("per_day", False)
    assert ahead.best == pytest.approx(526)


def test_sum_at_least() -> None:
    # baseline 0, Σ = 39: rate 3, projected 39 + 21 = 60; needed (102 − 39) / 7 = 9
    ahead = outlook(
        kr("solved", "sum", direction="at_least", baseline=0, target=102),
        [entry("solved", d(5), value=39)],
    )
    assert (ahead.projected, ahead.needed) == (pytest.approx(60), pytest.approx(9))
    assert (ahead.basis, ahead.reachable, ahead.best) == ("per_day", True, None)


def test_sum_at_least_already_above_needs_a_negative_amount_and_that_is_fine() -> None:
    # Σ = 130: needed (102 − 130) / 7 = −4: nothing more is needed, reachable
    ahead = outlook(
        kr("solved", "sum", direction="at_least", baseline=0, target=102),
        [entry("solved", d(5), value=130)],
    )
    assert ahead.needed == pytest.approx(-4)
    assert ahead.reachable and ahead.best is None


def test_sum_at_most_within_the_limit() -> None:
    # Σ = 39: rate 3, projected 60; needed (102 − 39) / 7 = 9 ≥ 0: reachable
    ahead = outlook(
        kr("esc", "sum", direction="at_most", baseline=0, target=102),
        [entry("esc", d(5), value=39)],
    )
    assert (ahead.projected, ahead.needed) == (pytest.approx(60), pytest.approx(9))
    assert ahead.reachable and ahead.best is None


def test_sum_at_most_over_the_limit_is_out_of_reach() -> None:
    # Σ = 130: rate 10, projected 130 + 70 = 200; needed (102 − 130) / 7 = −4 < 0
    ahead = outlook(
        kr("esc", "sum", direction="at_most", baseline=0, target=102),
        [entry("esc", d(5), value=130)],
    )
    assert (ahead.projected, ahead.needed) == (pytest.approx(200), pytest.approx(-4))
    assert not ahead.reachable
    assert ahead.best == pytest.approx(130)


def test_sum_at_most_exactly_on_the_limit_needs_zero_and_that_is_reachable() -> None:
    # Σ = 102: needed (102 − 102) / 7 = 0: nothing more may come, and that can be done
    ahead = outlook(
        kr("esc", "sum", direction="at_most", baseline=0, target=102),
        [entry("esc", d(5), value=100), entry("esc", d(6), value=2)],
    )
    assert ahead.needed == pytest.approx(0)
    assert ahead.reachable


# --------------------------------------------------------------------------- latest


def test_latest_up() -> None:
    # newest value 36 (Nov 16), baseline 10: rate (36 − 10) / 13 = 2
    # projected 36 + 2 · 7 = 50; needed (99 − 36) / 7 = 9
    entries = [entry("kb", d(2), value=20), entry("kb", d(16), value=36)]
    ahead = outlook(kr("kb", "latest", baseline=10, target=99), entries)
    assert (ahead.projected, ahead.needed) == (pytest.approx(50), pytest.approx(9))
    assert (ahead.basis, ahead.reachable, ahead.best) == ("per_day", True, None)
    assert ahead.so_far == pytest.approx(2)


def test_latest_down() -> None:
    # newest 338, baseline 403: rate (338 − 403) / 13 = −5
    # projected 338 − 35 = 303; needed (100 − 338) / 7 = −34 a day: latest is always reachable
    entries = [entry("backlog", d(17), value=338), entry("backlog", d(3), value=390)]
    ahead = outlook(kr("backlog", "latest", direction="down", baseline=403, target=100), entries)
    assert (ahead.projected, ahead.needed) == (pytest.approx(303), pytest.approx(-34))
    assert (ahead.basis, ahead.reachable, ahead.best) == ("per_day", True, None)


def test_latest_the_newest_typed_value_of_the_newest_day_counts() -> None:
    # Nov 18: ana 50, then ben 44 typed later → 44; baseline 70: rate (44 − 70) / 13 = −2
    # projected 44 − 14 = 30; needed (30 − 44) / 7 = −2
    entries = [entry("backlog", d(18), value=50), entry("backlog", d(18), "ben", value=44)]
    ahead = outlook(kr("backlog", "latest", direction="down", baseline=70, target=30), entries)
    assert (ahead.projected, ahead.needed) == (pytest.approx(30), pytest.approx(-2))


@pytest.mark.parametrize("direction", ["at_least", "at_most"])
def test_latest_hold_needs_its_threshold_over_the_final_window(direction: str) -> None:
    # a latest hold ends at its current value (the newest, 80) and needs t = 75
    entries = [entry("sla", d(2), value=90), entry("sla", d(12), value=80)]
    ahead = outlook(kr("sla", "latest", direction=direction, target=75), entries)
    assert (ahead.projected, ahead.needed, ahead.basis) == (80, 75, "window")
    assert (ahead.reachable, ahead.best, ahead.days_left) == (True, None, R)


# --------------------------------------------------------------------------- ratio


def test_ratio_up() -> None:
    # N = 97, D = 130: current 100 · 97 / 130 ≈ 74.62 %; R = 130 / 13 · 7 = 70
    # needed 100 · (0.8 · 200 − 97) / 70 = 100 · 63 / 70 = 90 %
    ahead = outlook(kr("fcr", "ratio", baseline=60, target=80), ratio_entries("fcr", 97, 130))
    assert ahead.projected == pytest.approx(100 * 97 / 130)
    assert ahead.needed == pytest.approx(90)
    assert ahead.remaining == pytest.approx(70)
    assert (ahead.basis, ahead.reachable, ahead.best) == ("remaining_volume", True, None)
    assert ahead.so_far == pytest.approx(100 * 97 / 130)


def test_ratio_up_out_of_reach_and_its_best() -> None:
    # N = 65, D = 130 (50 %), R = 70: needed 100 · (160 − 65) / 70 ≈ 135.7 % > 100 %
    # best: 100 % of the rest → 100 · (65 + 70) / 200 = 67.5 %
    ahead = outlook(kr("fcr", "ratio", baseline=40, target=80), ratio_entries("fcr", 65, 130))
    assert ahead.needed == pytest.approx(9500 / 70)
    assert not ahead.reachable
    assert ahead.best == pytest.approx(67.5)


def test_ratio_down() -> None:
    # reopen rate, baseline 30 → 10: N = 13 of D = 130 (10 %), R = 70
    # needed 100 · (0.1 · 200 − 13) / 70 = 100 · 7 / 70 = 10 %
    ahead = outlook(
        kr("reopen", "ratio", direction="down", baseline=30, target=10),
        ratio_entries("reopen", 13, 130),
    )
    assert ahead.projected == pytest.approx(10)
    assert ahead.needed == pytest.approx(10)
    assert ahead.reachable and ahead.best is None


def test_ratio_down_out_of_reach_and_its_best() -> None:
    # N = 39 (30 %): needed 100 · (20 − 39) / 70 ≈ −27.1 % < 0
    # best: 0 % of the rest → 100 · 39 / 200 = 19.5 %
    ahead = outlook(
        kr("reopen", "ratio", direction="down", baseline=30, target=10),
        ratio_entries("reopen", 39, 130),
    )
    assert ahead.needed == pytest.approx(-1900 / 70)
    assert not ahead.reachable
    assert ahead.best == pytest.approx(19.5)


def test_ratio_at_least_needing_exactly_100_percent_is_reachable() -> None:
    # N = 110 of 130, t = 90: needed 100 · (0.9 · 200 − 110) / 70 = 100 · 70 / 70 = 100 %
    ahead = outlook(
        kr("csat", "ratio", direction="at_least", target=90), ratio_entries("csat", 110, 130)
    )
    assert ahead.needed == pytest.approx(100)
    assert (ahead.basis, ahead.reachable, ahead.best) == ("remaining_volume", True, None)


def test_ratio_at_least_one_short_is_out_of_reach() -> None:
    # N = 109: needed 100 · 71 / 70 ≈ 101.4 %; best 100 · (109 + 70) / 200 = 89.5 %
    ahead = outlook(
        kr("csat", "ratio", direction="at_least", target=90), ratio_entries("csat", 109, 130)
    )
    assert ahead.needed == pytest.approx(7100 / 70)
    assert not ahead.reachable
    assert ahead.best == pytest.approx(89.5)


def test_ratio_at_most_needing_exactly_0_percent_is_reachable() -> None:
    # t = 5: 0.05 · 200 = 10; N = 10 → needed 0 %
    ahead = outlook(
        kr("esc", "ratio", direction="at_most", target=5), ratio_entries("esc", 10, 130)
    )
    assert ahead.needed == pytest.approx(0)
    assert ahead.reachable and ahead.best is None


def test_ratio_at_most_one_over_is_out_of_reach() -> None:
    # N = 11: needed 100 · (10 − 11) / 70 ≈ −1.43 %; best 100 · 11 / 200 = 5.5 %
    ahead = outlook(
        kr("esc", "ratio", direction="at_most", target=5), ratio_entries("esc", 11, 130)
    )
    assert ahead.needed == pytest.approx(-100 / 70)
    assert not ahead.reachable
    assert ahead.best == pytest.approx(5.5)


def test_ratio_names_its_volume() -> None:
    ahead = outlook(
        kr("fcr", "ratio", baseline=60, target=80, denominator_label="contacts"),
        ratio_entries("fcr", 97, 130),
    )
    assert ahead.volume_label == "contacts"


@pytest.mark.parametrize("direction", ["up", "at_least", "at_most"])
def test_ratio_with_a_window_needs_its_target_over_the_window(direction: str) -> None:
    # window 3 days ending Thu Nov 19: Nov 17–19 → only Nov 18's 30/40 = 75 %
    fields = {"baseline": 40} if direction == "up" else {}
    key_result = kr("fcr", "ratio", direction=direction, target=80, window=3, **fields)
    entries = [
        entry("fcr", d(2), numerator=10, denominator=100),  # outside the window
        entry("fcr", d(18), numerator=30, denominator=40),
    ]
    ahead = outlook(key_result, entries)
    assert (ahead.projected, ahead.needed, ahead.basis) == (pytest.approx(75), 80, "window")
    assert (ahead.reachable, ahead.best, ahead.window, ahead.remaining) == (True, None, 3, None)


def test_a_window_without_data_in_it_has_no_outlook() -> None:
    key_result = kr("fcr", "ratio", baseline=40, target=80, window=3)
    assert ahead_of(key_result, [entry("fcr", d(2), numerator=10, denominator=100)]) is None


# --------------------------------------------------------------------------- mean


def test_mean_down() -> None:
    # S = 30 · 14 + 20 · 12 = 660, V = 26: current 660 / 26 ≈ 25.38; R = 26 / 13 · 7 = 14
    # needed (20 · (26 + 14) − 660) / 14 = (800 − 660) / 14 = 10
    entries = [entry("frt", d(2), value=30, volume=14), entry("frt", d(9), value=20, volume=12)]
    ahead = outlook(kr("frt", "mean", direction="down", baseline=40, target=20), entries)
    assert ahead.projected == pytest.approx(660 / 26)
    assert ahead.needed == pytest.approx(10)
    assert ahead.remaining == pytest.approx(14)
    assert (ahead.basis, ahead.reachable, ahead.best) == ("remaining_volume", True, None)


def test_mean_down_out_of_reach_and_its_best() -> None:
    # S = 40 · 26 = 1040: needed (800 − 1040) / 14 ≈ −17.1 < 0
    # best: 0 on the rest → 1040 / 40 = 26
    entries = [entry("frt", d(2), value=40, volume=26)]
    ahead = outlook(kr("frt", "mean", direction="down", baseline=40, target=20), entries)
    assert ahead.needed == pytest.approx(-240 / 14)
    assert not ahead.reachable
    assert ahead.best == pytest.approx(26)


def test_mean_at_most_mirrors_down() -> None:
    # as test_mean_down: needed 10
    entries = [entry("frt", d(2), value=30, volume=14), entry("frt", d(9), value=20, volume=12)]
    ahead = outlook(kr("frt", "mean", direction="at_most", target=20), entries)
    assert ahead.needed == pytest.approx(10)
    assert ahead.reachable


@pytest.mark.parametrize("direction", ["up", "at_least"])
def test_mean_up_has_no_upper_bound(direction: str) -> None:
    # S = 78 · 26 = 2028, V = 26, R = 14: needed (85 · 40 − 2028) / 14 = 1372 / 14 = 98
    # t = 120: (4800 − 2028) / 14 = 198: far above any score seen, still "reachable"
    fields = {"baseline": 70} if direction == "up" else {}
    entries = [entry("qa", d(6), value=78, volume=26)]
    ahead = outlook(kr("qa", "mean", direction=direction, target=85, **fields), entries)
    assert (ahead.projected, ahead.needed) == (pytest.approx(78), pytest.approx(98))
    assert ahead.reachable
    far = outlook(kr("qa", "mean", direction=direction, target=120, **fields), entries)
    assert far.needed == pytest.approx(198)
    assert far.reachable and far.best is None


def test_mean_without_volume_weighs_each_entry_1() -> None:
    # 13 entries of 5 and 13 of 3 (volume 1 each): S = 104, V = 26, current 4; R = 14
    # needed (3.5 · 40 − 104) / 14 = 36 / 14
    days = [START + timedelta(days=i) for i in range(17) if (START + timedelta(i)).weekday() < 5]
    assert len(days) == C
    entries = [entry("aht", day, value=5) for day in days]
    entries += [entry("aht", day, "ben", value=3) for day in days]
    ahead = outlook(kr("aht", "mean", direction="down", baseline=6, target=3.5), entries)
    assert ahead.projected == pytest.approx(4)
    assert ahead.needed == pytest.approx(36 / 14)


@pytest.mark.parametrize("direction", ["down", "at_most"])
def test_mean_with_a_window(direction: str) -> None:
    # window 2: Nov 18–19 → Nov 18's 12 (volume 3) and today's 6 (volume 1): 42 / 4 = 10.5
    fields = {"baseline": 40} if direction == "down" else {}
    key_result = kr("frt", "mean", direction=direction, target=20, window=2, **fields)
    entries = [
        entry("frt", d(2), value=90, volume=10),
        entry("frt", d(18), value=12, volume=3),
        entry("frt", TODAY, value=6, volume=1),
    ]
    ahead = outlook(key_result, entries)
    assert (ahead.projected, ahead.needed, ahead.basis) == (pytest.approx(10.5), 20, "window")
    assert (ahead.reachable, ahead.window) == (True, 2)


# --------------------------------------------------------------------------- nps


def nps_entries() -> list[Entry]:
    # P = 13, passives 5, D = 8: M = 26, P − D = 5, current 100 · 5 / 26 ≈ 19.23
    return [
        entry("nps", d(2), promoters=6, passives=2, detractors=5),
        entry("nps", d(12), "cy", promoters=7, passives=3, detractors=3),
    ]


@pytest.mark.parametrize("direction", ["up", "at_least"])
def test_nps_up(direction: str) -> None:
    # R = 26 / 13 · 7 = 14; needed 100 · (0.4 · 40 − 5) / 14 = 1100 / 14 ≈ 78.6
    fields = {"baseline": 0} if direction == "up" else {}
    ahead = outlook(kr("nps", "nps", direction=direction, target=40, **fields), nps_entries())
    assert ahead.projected == pytest.approx(500 / 26)
    assert ahead.needed == pytest.approx(1100 / 14)
    assert ahead.remaining == pytest.approx(14)
    assert (ahead.basis, ahead.reachable, ahead.best) == ("remaining_volume", True, None)
    assert ahead.volume_label == "responses"


@pytest.mark.parametrize("direction", ["up", "at_least"])
def test_nps_up_out_of_reach_and_its_best(direction: str) -> None:
    # t = 60: needed 100 · (24 − 5) / 14 ≈ 135.7 > 100
    # best: all promoters → 100 · (5 + 14) / 40 = 47.5
    fields = {"baseline": 0} if direction == "up" else {}
    ahead = outlook(kr("nps", "nps", direction=direction, target=60, **fields), nps_entries())
    assert ahead.needed == pytest.approx(1900 / 14)
    assert not ahead.reachable
    assert ahead.best == pytest.approx(47.5)


@pytest.mark.parametrize("direction", ["down", "at_most"])
def test_nps_down(direction: str) -> None:
    # t = −20: 100 · (−0.2 · 40 − 5) / 14 = −1300 / 14 ≈ −92.9 ≥ −100: reachable
    fields = {"baseline": 30} if direction == "down" else {}
    ahead = outlook(kr("nps", "nps", direction=direction, target=-20, **fields), nps_entries())
    assert ahead.needed == pytest.approx(-1300 / 14)
    assert ahead.reachable and ahead.best is None


@pytest.mark.parametrize("direction", ["down", "at_most"])
def test_nps_down_out_of_reach_and_its_best(direction: str) -> None:
    # t = −40: 100 · (−16 − 5) / 14 = −150 < −100
    # best: all detractors → 100 · (5 − 14) / 40 = −22.5
    fields = {"baseline": 30} if direction == "down" else {}
    ahead = outlook(kr("nps", "nps", direction=direction, target=-40, **fields), nps_entries())
    assert ahead.needed == pytest.approx(-150)
    assert not ahead.reachable
    assert ahead.best == pytest.approx(-22.5)


def test_nps_with_a_window() -> None:
    # window 7: Nov 13–19 → only Nov 13's 3/1/1: 100 · 2 / 5 = 40
    entries = [
        entry("nps", d(2), promoters=0, passives=0, detractors=9),
        entry("nps", d(13), promoters=3, passives=1, detractors=1),
    ]
    ahead = outlook(kr("nps", "nps", baseline=0, target=50, window=7), entries)
    assert (ahead.projected, ahead.needed, ahead.basis) == (pytest.approx(40), 50, "window")
    assert (ahead.reachable, ahead.window) == (True, 7)


# --------------------------------------------------------------------------- the days


def test_a_holiday_in_the_days_left_leaves_one_day_less() -> None:
    # holiday Tue Nov 24: W = 19, c = 13, r = 6
    # Σ = 52: rate 4, projected 52 + 4 · 6 = 76; needed (100 − 52) / 6 = 8
    ahead = outlook(
        kr("solved", "sum", target=100),
        [entry("solved", d(3), value=52)],
        team_fields={"holidays": (d(24),)},
    )
    assert ahead.days_left == 6
    assert (ahead.projected, ahead.needed) == (pytest.approx(76), pytest.approx(8))


def test_a_holiday_already_past_leaves_one_day_less_done() -> None:
    # holiday Tue Nov 10: W = 19, c = 12, r = 7
    # Σ = 48: rate 4, projected 48 + 28 = 76; needed (104 − 48) / 7 = 8
    ahead = outlook(
        kr("solved", "sum", target=104),
        [entry("solved", d(3), value=48)],
        team_fields={"holidays": (d(10),)},
    )
    assert ahead.days_left == 7
    assert ahead.so_far == pytest.approx(4)
    assert (ahead.projected, ahead.needed) == (pytest.approx(76), pytest.approx(8))


def test_a_holiday_changes_the_remaining_volume() -> None:
    # holiday Tue Nov 24: c = 13, r = 6; D = 130 → R = 10 · 6 = 60
    # N = 97: needed 100 · (0.8 · 190 − 97) / 60 = 100 · 55 / 60 ≈ 91.67 %
    ahead = outlook(
        kr("fcr", "ratio", baseline=60, target=80),
        ratio_entries("fcr", 97, 130),
        team_fields={"holidays": (d(24),)},
    )
    assert ahead.remaining == pytest.approx(60)
    assert ahead.needed == pytest.approx(5500 / 60)


def test_the_first_day_has_no_outlook() -> None:
    # Mon Nov 2: c = 0, nothing to take a pace from (even with today's entry)
    assert ahead_of(kr("solved", "sum"), [entry("solved", d(2), value=5)], today=d(2)) is None


def test_before_the_cycle_there_is_no_outlook() -> None:
    assert ahead_of(kr("solved", "sum"), [entry("solved", d(2), value=5)], today=d(30, 10)) is None


def test_the_first_completed_day_is_enough() -> None:
    # Tue Nov 3: c = 1, r = 19; Σ = 5 → rate 5, projected 5 + 5 · 19 = 100
    # needed (100 − 5) / 19 = 5
    ahead = outlook(kr("solved", "sum"), [entry("solved", d(2), value=5)], today=d(3))
    assert ahead.days_left == 19
    assert (ahead.projected, ahead.needed, ahead.so_far) == (
        pytest.approx(100),
        pytest.approx(5),
        pytest.approx(5),
    )


def test_the_last_day_has_one_day_left() -> None:
    # Fri Nov 27: c = 19, r = 1; Σ = 95 → rate 5, projected 100; needed (110 − 95) / 1 = 15
    ahead = outlook(kr("solved", "sum", target=110), [entry("solved", d(2), value=95)], today=END)
    assert ahead.days_left == 1
    assert (ahead.projected, ahead.needed) == (pytest.approx(100), pytest.approx(15))


def test_a_weekend_today_counts_the_whole_week_done() -> None:
    # Sat Nov 21: c = 15 (Nov 2–20), r = 5; Σ = 45 → rate 3, projected 60
    ahead = outlook(kr("solved", "sum"), [entry("solved", d(20), value=45)], today=d(21))
    assert ahead.days_left == 5
    assert (ahead.projected, ahead.needed) == (pytest.approx(60), pytest.approx(11))


@pytest.mark.parametrize("today", [d(28), d(30), d(7, 12)])
def test_after_the_last_working_day_there_is_no_outlook(today: date) -> None:
    # Sat Nov 28 onwards: c = W = 20
    assert ahead_of(kr("solved", "sum"), [entry("solved", d(2), value=5)], today=today) is None


def test_when_the_holiday_is_the_last_day_the_day_before_is_the_last() -> None:
    # holiday Fri Nov 27: W = 19; on that Friday c = 19 = W → nothing left to plan
    fields = {"holidays": (d(27),)}
    entries = [entry("solved", d(2), value=5)]
    assert ahead_of(kr("solved", "sum"), entries, today=d(27), team_fields=fields) is None
    ahead = outlook(kr("solved", "sum"), entries, today=d(26), team_fields=fields)
    assert ahead.days_left == 1


@pytest.mark.parametrize(
    "key_result",
    [
        kr("solved", "sum"),
        kr("kb", "latest", baseline=0),
        kr("fcr", "ratio", baseline=50, target=80),
        kr("frt", "mean", direction="down", baseline=40, target=20),
        kr("nps", "nps", baseline=0, target=40),
        kr("csat", "ratio", direction="at_least", target=90, window=7),
    ],
    ids=lambda k: k.key,
)
def test_no_data_no_outlook(key_result: KeyResult) -> None:
    assert ahead_of(key_result, []) is None
    # someone else's KR does not count
    assert ahead_of(key_result, [entry("other", d(2), value=5)]) is None


def test_a_voided_number_is_no_data() -> None:
    entries = [entry("solved", d(2), value=5), entry("solved", d(2), void=True)]
    assert ahead_of(kr("solved", "sum"), entries) is None


# --------------------------------------------------------------------------- what counts


def test_corrections_and_voids_settle_the_so_far_sums() -> None:
    # Nov 2: 10/100 corrected to 40/60; Nov 9 ben 50/50 voided; Nov 16: 57/70
    # N = 40 + 57 = 97, D = 60 + 70 = 130 → as test_ratio_up: R = 70, needed 90 %
    entries = [
        entry("fcr", d(2), numerator=10, denominator=100),
        entry("fcr", d(9), "ben", numerator=50, denominator=50),
        entry("fcr", d(16), numerator=57, denominator=70),
        entry("fcr", d(2), numerator=40, denominator=60),
        entry("fcr", d(9), "ben", void=True),
    ]
    ahead = outlook(kr("fcr", "ratio", baseline=60, target=80), entries)
    assert ahead.remaining == pytest.approx(70)
    assert ahead.needed == pytest.approx(90)


def test_an_owner_kr_counts_only_the_owners_numbers() -> None:
    # scope owner (ben): only ben's 39 → rate 3, projected 60, needed (102 − 39) / 7 = 9
    key_result = kr("mine", "sum", target=102, scope="owner", owner="ben")
    entries = [entry("mine", d(2), value=39, member="ben"), entry("mine", d(2), value=500)]
    ahead = outlook(key_result, entries)
    assert (ahead.projected, ahead.needed) == (pytest.approx(60), pytest.approx(9))


def test_todays_entry_counts_in_current_but_not_in_c() -> None:
    # Σ = 39 + 13 (today) = 52; c is still 13: rate 4, projected 80, needed (115 − 52) / 7 = 9
    entries = [entry("solved", d(3), value=39), entry("solved", TODAY, value=13)]
    ahead = outlook(kr("solved", "sum", target=115), entries)
    assert (ahead.projected, ahead.needed) == (pytest.approx(80), pytest.approx(9))


# Numbers dated after today (status --today on an earlier day) are not so far.
@pytest.mark.parametrize(
    ("key_result", "entries", "needed", "remaining"),
    [
        # sum: only Nov 3's 52 so far: needed (115 − 52) / 7 = 9
        (kr("solved", "sum", target=115), [entry("solved", d(23), value=900)], 9, None),
        # ratio: N = 97, D = 130 so far; R = 70 → 90 % (Nov 20's 0/500 is not yet)
        pytest.param(
            kr("fcr", "ratio", baseline=60, target=80),
            [entry("fcr", d(20), numerator=0, denominator=500)],
            90,
            70,
        ),
        # mean: S = 660, V = 26 so far; R = 14 → 10 (Nov 23's 90 × 100 is not yet)
        pytest.param(
            kr("frt", "mean", direction="down", baseline=40, target=20),
            [entry("frt", d(23), value=90, volume=100)],
            10,
            14,
        ),
        # nps: P − D = 5, M = 26 so far; R = 14 → 1100 / 14 (Nov 25's detractors are not yet)
        pytest.param(
            kr("nps", "nps", baseline=0, target=40),
            [entry("nps", d(25), promoters=0, passives=0, detractors=40)],
            1100 / 14,
            14,
        ),
    ],
    ids=["sum", "ratio", "mean", "nps"],
)
def test_numbers_dated_after_today_are_not_so_far(
    key_result: KeyResult, entries: list[Entry], needed: float, remaining: float | None
) -> None:
    """Looking at an earlier day (`--today`) than the newest entries: only the entries
    dated on or before today are "so far", as they are for the current value."""
    so_far = {
        "solved": [entry("solved", d(3), value=52)],
        "fcr": ratio_entries("fcr", 97, 130),
        "frt": [entry("frt", d(2), value=30, volume=14), entry("frt", d(9), value=20, volume=12)],
        "nps": nps_entries(),
    }[key_result.key]
    ahead = outlook(key_result, so_far + entries)
    assert ahead.needed == pytest.approx(needed)
    assert ahead.remaining == (None if remaining is None else pytest.approx(remaining))


# --------------------------------------------------------------------------- board


def test_the_board_gives_every_kr_its_outlook() -> None:
    krs = (
        kr("solved", "sum", target=115),
        kr("fcr", "ratio", baseline=60, target=80),
        kr("none", "sum"),
    )
    entries = [entry("solved", d(3), value=52), *ratio_entries("fcr", 97, 130)]
    board = build_board(plan(*krs), entries, [], TODAY)
    outlooks = {view.key: view.ahead for view in board.key_results()}
    assert outlooks["none"] is None
    assert outlooks["solved"] is not None and outlooks["solved"].needed == pytest.approx(9)
    assert outlooks["fcr"] is not None and outlooks["fcr"].needed == pytest.approx(90)


def test_look_ahead_directly() -> None:
    # the same as test_ratio_up, asked of look_ahead itself
    key_result = kr("fcr", "ratio", baseline=60, target=80)
    entries = ratio_entries("fcr", 97, 130)
    series = Series.of(key_result, entries, range(len(entries)))
    current = 100 * 97 / 130
    ahead = look_ahead(
        key_result, series, plan(key_result).cycle, TODAY, completed=13, total=20, current=current
    )
    assert ahead is not None
    assert (ahead.needed, ahead.remaining) == (pytest.approx(90), pytest.approx(70))
    for completed in (0, 20, 21):
        assert (
            look_ahead(
                key_result,
                series,
                plan(key_result).cycle,
                TODAY,
                completed=completed,
                total=20,
                current=current,
            )
            is None
        )
    assert (
        look_ahead(
            key_result, series, plan(key_result).cycle, TODAY, completed=13, total=20, current=None
        )
        is None
    )


# --------------------------------------------------------------------------- properties

WORKING_DAYS = [
    START + timedelta(days=i) for i in range(26) if (START + timedelta(i)).weekday() < 5
]
assert len(WORKING_DAYS) == 20
T0 = WORKING_DAYS[0]


def _count(low: int = 0, high: int = 40) -> st.SearchStrategy[int]:
    return st.integers(low, high)


@st.composite
def days_and_today(draw: st.DrawFn) -> tuple[date, list[date]]:
    """Today on a working day with 1 ≤ c ≤ 19 (c = the index), and days on or before it."""
    c = draw(st.integers(1, 19))
    today = WORKING_DAYS[c]
    days = draw(st.lists(st.sampled_from(WORKING_DAYS[: c + 1]), min_size=1, max_size=8))
    return today, days


def _c_r(today: date) -> tuple[int, int]:
    c = WORKING_DAYS.index(today)
    return c, 20 - c


def _rising(key_result: KeyResult) -> bool:
    return key_result.direction in ("up", "at_least")


pytest_slow = pytest.mark.slow  # hypothesis: a few hundred examples


@pytest_slow
@settings(max_examples=150, deadline=None)
@given(
    plan_=days_and_today(),
    values=st.lists(st.integers(0, 50), min_size=8, max_size=8),
    direction=st.sampled_from(["up", "down", "at_least", "at_most"]),
    target=st.integers(0, 400),
    baseline=st.integers(0, 400),
)
def test_sum_ends_on_target_when_the_rest_brings_needed(
    plan_: tuple[date, list[date]], values: list[int], direction: str, target: int, baseline: int
) -> None:
    today, days = plan_
    if direction == "up":
        baseline = min(baseline, target - 1)
    if direction == "down":
        baseline = max(baseline, target + 1)
    key_result = kr("s", "sum", direction=direction, baseline=baseline, target=target)
    entries = [
        entry("s", day, "ana" if i % 2 else "ben", value=v)
        for i, (day, v) in enumerate(zip(days, values, strict=False))
    ]
    ahead = outlook(key_result, entries, today=today)
    c, r = _c_r(today)
    current = baseline + sum(e.value or 0 for e in effective_entries(entries))
    rate = (current - baseline) / c
    assert ahead.days_left == r
    assert ahead.projected == pytest.approx(current + rate * r)
    assert current + ahead.needed * r == pytest.approx(target)
    falling = not _rising(key_result)
    assert ahead.reachable == (not falling or ahead.needed >= -1e-9)
    assert (ahead.best is None) == ahead.reachable
    if not ahead.reachable:
        assert ahead.best == pytest.approx(current)


@pytest_slow
@settings(max_examples=150, deadline=None)
@given(
    plan_=days_and_today(),
    counts=st.lists(st.tuples(_count(), _count(1, 40)), min_size=8, max_size=8),
    direction=st.sampled_from(["up", "down", "at_least", "at_most"]),
    target=st.integers(1, 99),
)
def test_ratio_ends_on_target_when_the_rest_brings_needed(
    plan_: tuple[date, list[date]], counts: list[tuple[int, int]], direction: str, target: int
) -> None:
    today, days = plan_
    fields = {"up": {"baseline": 0}, "down": {"baseline": 100}}.get(direction, {})
    key_result = kr("q", "ratio", direction=direction, target=target, **fields)
    members = ["ana", "ben"] * 4
    entries = [
        entry("q", day, member, numerator=min(n, den), denominator=den)
        for day, (n, den), member in zip(days, counts, members, strict=False)
    ]
    effective = effective_entries(entries)
    big_n = sum(e.numerator or 0 for e in effective)
    big_d = sum(e.denominator or 0 for e in effective)
    ahead = outlook(key_result, entries, today=today)
    c, r = _c_r(today)
    remaining = big_d / c * r
    assert ahead.remaining == pytest.approx(remaining)
    assert ahead.projected == pytest.approx(100 * big_n / big_d)
    # the rest bringing `needed` % of R ends exactly on t
    end = (big_n + ahead.needed / 100 * remaining) / (big_d + remaining) * 100
    assert end == pytest.approx(target)
    within = ahead.needed <= 100 + 1e-9 if _rising(key_result) else ahead.needed >= -1e-9
    assert ahead.reachable == within
    if not ahead.reachable:
        best_rest = 100 if _rising(key_result) else 0
        assert ahead.best == pytest.approx(
            100 * (big_n + best_rest / 100 * remaining) / (big_d + remaining)
        )
        # the best falls short of the target
        assert (ahead.best < target) == _rising(key_result)


@pytest_slow
@settings(max_examples=150, deadline=None)
@given(
    plan_=days_and_today(),
    values=st.lists(st.tuples(st.integers(0, 60), _count(1, 20)), min_size=8, max_size=8),
    direction=st.sampled_from(["up", "down", "at_least", "at_most"]),
    target=st.integers(1, 60),
)
def test_mean_ends_on_target_when_the_rest_brings_needed(
    plan_: tuple[date, list[date]], values: list[tuple[int, int]], direction: str, target: int
) -> None:
    today, days = plan_
    fields = {"up": {"baseline": 0}, "down": {"baseline": 100}}.get(direction, {})
    key_result = kr("m", "mean", direction=direction, target=target, **fields)
    entries = [
        entry("m", day, value=v, volume=vol) for day, (v, vol) in zip(days, values, strict=False)
    ]
    effective = effective_entries(entries)
    big_s = sum((e.value or 0) * (e.volume or 1) for e in effective)
    big_v = sum(e.volume or 1 for e in effective)
    ahead = outlook(key_result, entries, today=today)
    c, r = _c_r(today)
    remaining = big_v / c * r
    assert ahead.projected == pytest.approx(big_s / big_v)
    end = (big_s + ahead.needed * remaining) / (big_v + remaining)
    assert end == pytest.approx(target)
    assert ahead.reachable == (_rising(key_result) or ahead.needed >= -1e-9)
    if not ahead.reachable:
        assert ahead.best == pytest.approx(big_s / (big_v + remaining))


@pytest_slow
@settings(max_examples=150, deadline=None)
@given(
    plan_=days_and_today(),
    votes=st.lists(st.tuples(_count(0, 9), _count(0, 9), _count(1, 9)), min_size=8, max_size=8),
    direction=st.sampled_from(["up", "down", "at_least", "at_most"]),
    target=st.integers(-99, 99),
)
def test_nps_ends_on_target_when_the_rest_brings_needed(
    plan_: tuple[date, list[date]],
    votes: list[tuple[int, int, int]],
    direction: str,
    target: int,
) -> None:
    today, days = plan_
    fields = {"up": {"baseline": -100}, "down": {"baseline": 100}}.get(direction, {})
    key_result = kr("n", "nps", direction=direction, target=target, **fields)
    entries = [
        entry("n", day, "cy", promoters=p, passives=pa, detractors=de)
        for day, (p, pa, de) in zip(days, votes, strict=False)
    ]
    effective = effective_entries(entries)
    promoters = sum(e.promoters or 0 for e in effective)
    detractors = sum(e.detractors or 0 for e in effective)
    responses = promoters + detractors + sum(e.passives or 0 for e in effective)
    ahead = outlook(key_result, entries, today=today)
    c, r = _c_r(today)
    remaining = responses / c * r
    assert ahead.projected == pytest.approx(100 * (promoters - detractors) / responses)
    end = 100 * (promoters - detractors + ahead.needed / 100 * remaining) / (responses + remaining)
    assert end == pytest.approx(target)
    within = ahead.needed <= 100 + 1e-9 if _rising(key_result) else ahead.needed >= -100 - 1e-9
    assert ahead.reachable == within
    if not ahead.reachable:
        score = 100 if _rising(key_result) else -100
        assert ahead.best == pytest.approx(
            100 * (promoters - detractors + score / 100 * remaining) / (responses + remaining)
        )
