"""The at-risk review, hand-computed: worst first, since when (docs/numbers.md) and who drags.

Cycle Mon Nov 2 … Fri Nov 27, 20 working days (tests/factories/builders.py). The
working day with index i (Nov 2 is 0, Nov 9 is 5, Nov 13 is 9, Nov 16 is 10 …) has
f = i / 20 as of that day: the working days before it, over 20.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from huddle.domain.corrections import effective_entries
from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult, Objective, Plan
from huddle.engine.attention import attention_order, shown_state
from huddle.engine.board import evaluate_kr, fold_plan
from huddle.engine.drags import member_series, who_drags
from huddle.engine.review import review
from huddle.engine.since import status_since
from huddle.engine.view import KrView
from tests.factories.builders import TODAY, d, entry, kr, plan

# ---------------------------------------------------------------- worst first


def view(key: str, status: str, **fields: Any) -> KrView:
    base: dict[str, Any] = dict(
        key=key,
        title=key,
        kind="sum",
        direction="up",
        unit="count",
        baseline=0.0,
        target=100.0,
        current=1.0,
        progress=None,
        expected=None,
        status=status,
        stale=False,
        reason="",
        delta=None,
        delta_good=None,
        spark=(),
        last_entry=None,
        owner="team",
    )
    return KrView(**{**base, **fields})


def test_worst_first_off_track_at_risk_by_gap_stale_then_low_sample() -> None:
    krs = [
        view("calm", "on_track"),
        view("quiet", "on_track", stale=True),
        view("thin", "off_track", low_sample=True, n=12),  # never red: last
        view("near", "at_risk", progress=0.5, expected=0.62),  # 12 pts behind
        view("far", "at_risk", progress=0.3, expected=0.55),  # 25 pts behind
        view("gone", "off_track", progress=0.1, expected=0.6),
        view("done", "achieved"),
    ]
    assert [kr.key for kr in attention_order(krs)] == ["gone", "far", "near", "quiet", "thin"]


def test_shown_state_low_sample_over_everything_then_behind_then_stale() -> None:
    assert shown_state(view("a", "off_track", low_sample=True, stale=True)) == "low_sample"
    assert shown_state(view("a", "at_risk", stale=True)) == "at_risk"
    assert shown_state(view("a", "on_track", stale=True)) == "stale"
    assert shown_state(view("a", "achieved")) == "achieved"


def test_behind_leaves_out_low_samples() -> None:
    assert view("a", "at_risk").behind
    assert not view("a", "at_risk", low_sample=True).behind
    assert not view("a", "on_track", stale=True).behind


# ---------------------------------------------------------------- since when

SOLVED = kr("solved", "sum", target=100)


def five_a_day_until(last: date) -> list[Entry]:
    """Ana logs 5 each working day from Nov 2 to `last`: exactly the pace (100 / 20)."""
    days = [d(n) for n in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19)]
    return [entry("solved", day, value=5) for day in days if day <= last]


def since(
    entries: list[Entry], today: date, key_result: KeyResult = SOLVED, **plan_fields: Any
) -> tuple[str, date | None]:
    p = plan(key_result, **plan_fields)
    objective = p.objectives[0]
    series = fold_plan(p, entries)[key_result.key]
    shown = shown_state(evaluate_kr(p, objective, key_result, entries, today))
    return shown, status_since(p, objective, key_result, series, today)


def test_a_kr_that_went_at_risk_on_a_known_day() -> None:
    # 30 logged by Mon Nov 9 (6 days of 5), nothing after: p = 0.30 from then on.
    # Thu Nov 12 (i = 8): f − p = 0.40 − 0.30 = 0.10 -> on track (at the margin);
    # Fri Nov 13 (i = 9): 0.45 − 0.30 = 0.15 -> at risk; Mon Nov 16: 0.20, Tue Nov 17:
    # 0.25 (at the off-track margin) -> still at risk. Stale too, but behind comes first.
    entries = five_a_day_until(d(9))
    assert since(entries, d(17)) == ("at_risk", d(13))


def test_off_track_since_the_day_it_passed_the_margin() -> None:
    # Wed Nov 18 (i = 12): 0.60 − 0.30 = 0.30 > 0.25 -> off track; Thu Nov 19: 0.35
    assert since(five_a_day_until(d(9)), d(19)) == ("off_track", d(18))


def test_a_weekend_today_counts_the_run_back_through_friday() -> None:
    # Sat Nov 14: the 10 working days before it -> f = 0.5, gap 0.20 -> at risk, as on Fri
    assert since(five_a_day_until(d(9)), d(14)) == ("at_risk", d(13))


def test_on_pace_all_along_is_on_track_since_the_first_day() -> None:
    assert since(five_a_day_until(d(19)), d(19)) == ("on_track", d(2))


def test_stale_since_the_day_the_board_first_flagged_it() -> None:
    # 5 a day to Tue Nov 17 (12 days): 60, p = 0.6; nothing after. Fri Nov 20: stale
    # (Nov 18 and 19 completed since) and f − p = 0.70 − 0.60 = 0.10 -> on track, stale.
    # Thu Nov 19: only Nov 18 completed since -> fresh. So "stale" since Nov 20.
    assert since(five_a_day_until(d(17)), d(20)) == ("stale", d(20))


def test_low_sample_since_the_first_day_while_responses_stay_few() -> None:
    fcr = kr("fcr", "ratio", unit="%", baseline=60, target=80)
    # 10 contacts a day: n = 10 on Nov 2, 20 on Nov 3 (< 30, low), 30 on Nov 4 (not low)
    entries = [entry("fcr", d(n), numerator=7, denominator=10) for n in (2, 3, 4)]
    assert since(entries[:2], d(3), fcr) == ("low_sample", d(2))
    state, _ = since(entries, d(4), fcr)
    assert state != "low_sample"


def test_no_since_before_the_cycle_starts() -> None:
    assert since([], d(30, 10)) == ("no_data", None)


# ---------------------------------------------------------------- who drags

FCR = kr("fcr", "ratio", unit="%", baseline=60, target=80)


def drags(
    key_result: KeyResult,
    entries: list[Entry],
    p: Plan | None = None,
    objective: Objective | None = None,
) -> list[tuple[str, float | None, float]]:
    p = p or plan(key_result)
    objective = objective or p.objectives[0]
    shown = evaluate_kr(p, objective, key_result, entries, TODAY)
    by_member = member_series(key_result, effective_entries(entries))
    found = who_drags(p, objective, key_result, shown, by_member, TODAY)
    return [(drag.member, drag.value, drag.pull) for drag in found]


def test_a_member_whose_ratio_is_far_below_the_teams_drags_it_down() -> None:
    # Today Thu Nov 19: f = 0.65, pace P = 60 + 0.65 · 20 = 73 %.
    # ana 18/20 = 90 %, ben 10/20 = 50 %, cy 17/20 = 85 %: team 45/60 = 75 %.
    # Parts w·(v − P)/Σw: ana 20·17/60 = 5.67, ben 20·(−23)/60 = −7.67, cy 20·12/60 = 4;
    # they add up to 75 − 73 = 2. Only ben pulls the wrong way.
    entries = [
        entry("fcr", d(18), "ana", numerator=18, denominator=20),
        entry("fcr", d(18), "ben", numerator=10, denominator=20),
        entry("fcr", d(18), "cy", numerator=17, denominator=20),
    ]
    assert drags(FCR, entries) == [("ben", pytest.approx(50.0), pytest.approx(-23 / 3))]


def test_everyone_behind_pace_worst_first() -> None:
    # ana 14/20 = 70 %, ben 6/20 = 30 %, cy 13/20 = 65 %: team 33/60 = 55 %, P = 73 %.
    # Parts: ana 20·(−3)/60 = −1, ben 20·(−43)/60 = −14.33, cy 20·(−8)/60 = −2.67;
    # sum −18 = 55 − 73.
    entries = [
        entry("fcr", d(18), "ana", numerator=14, denominator=20),
        entry("fcr", d(18), "ben", numerator=6, denominator=20),
        entry("fcr", d(18), "cy", numerator=13, denominator=20),
    ]
    found = drags(FCR, entries)
    assert [member for member, _, _ in found] == ["ben", "cy", "ana"]
    assert [pull for _, _, pull in found] == pytest.approx([-43 / 3, -8 / 3, -1.0])


def test_weights_are_the_denominators_summed_over_the_days() -> None:
    # ben 5/10 and 5/10 on two days = 10/20 -> the same as one day of 10/20
    entries = [
        entry("fcr", d(18), "ana", numerator=18, denominator=20),
        entry("fcr", d(17), "ben", numerator=5, denominator=10),
        entry("fcr", d(18), "ben", numerator=5, denominator=10),
        entry("fcr", d(18), "cy", numerator=17, denominator=20),
    ]
    assert drags(FCR, entries) == [("ben", pytest.approx(50.0), pytest.approx(-23 / 3))]


def test_lower_is_better_a_slow_member_drags_a_response_time() -> None:
    frt = kr("frt", "mean", unit="minutes", direction="down", baseline=40, target=20)
    # P = 40 − 0.65 · 20 = 27 min. ana 25 min × 10, ben 40 min × 30: team 1450/40 = 36.25.
    # Parts: ana 10·(25 − 27)/40 = −0.5 (faster: good), ben 30·13/40 = 9.75 (slower: bad)
    entries = [
        entry("frt", d(18), "ana", value=25, volume=10),
        entry("frt", d(18), "ben", value=40, volume=30),
    ]
    assert drags(frt, entries) == [("ben", pytest.approx(40.0), pytest.approx(-9.75))]


def test_a_sum_gives_each_member_who_logged_an_equal_share_of_pace() -> None:
    solved = kr("solved", "sum", target=100)
    # P = 65; 3 members logged: a share of 65/3 = 21.67 each.
    # ana 30 (+8.33), ben 6 (−15.67), cy 9 (−12.67): sum −20 = 45 − 65.
    entries = [
        entry("solved", d(18), "ana", value=30),
        entry("solved", d(18), "ben", value=6),
        entry("solved", d(18), "cy", value=9),
    ]
    assert drags(solved, entries) == [
        ("ben", pytest.approx(6.0), pytest.approx(6 - 65 / 3)),
        ("cy", pytest.approx(9.0), pytest.approx(9 - 65 / 3)),
    ]


def test_a_corrected_number_counts_as_corrected() -> None:
    entries = [
        entry("fcr", d(18), "ana", numerator=18, denominator=20),
        entry("fcr", d(18), "ben", numerator=10, denominator=20),
        entry("fcr", d(18), "ben", numerator=19, denominator=20),  # ben's correction
    ]
    assert drags(FCR, entries) == []  # 90 % and 95 % against 73 %: nobody drags


def test_nobody_to_single_out_alone_owned_or_latest() -> None:
    alone = [entry("fcr", d(18), "ben", numerator=6, denominator=20)]
    assert drags(FCR, alone) == []  # one member's numbers are the team's
    backlog = kr("backlog", "latest", direction="down", baseline=50, target=10)
    two = [entry("backlog", d(18), "ana", value=60), entry("backlog", d(18), "ben", value=70)]
    assert drags(backlog, two) == []
    own = kr("qa", "mean", direction="at_least", target=85, scope="owner")
    p = plan(objectives=[Objective(title="Ben: quality", owner="ben", key_results=(own,))])
    assert drags(own, [entry("qa", d(18), "ben", value=70)], p) == []


def test_a_hold_kr_is_measured_against_its_threshold() -> None:
    csat = kr("csat", "ratio", unit="%", direction="at_least", target=90)
    # ana 19/20 = 95 %, ben 16/20 = 80 %: team 87.5 % (off track). Parts against 90:
    # ana 20·5/40 = 2.5, ben 20·(−10)/40 = −5; sum −2.5 = 87.5 − 90.
    entries = [
        entry("csat", d(18), "ana", numerator=19, denominator=20),
        entry("csat", d(18), "ben", numerator=16, denominator=20),
    ]
    assert drags(csat, entries) == [("ben", pytest.approx(80.0), pytest.approx(-5.0))]


# ---------------------------------------------------------------- the review


def test_review_lists_what_needs_attention_with_since_and_drags() -> None:
    solved = kr("solved", "sum", target=100)
    entries = [
        *[entry("fcr", day, "ana", numerator=18, denominator=20) for day in (d(16), d(18))],
        *[entry("fcr", day, "ben", numerator=2, denominator=20) for day in (d(16), d(18))],
        *[entry("solved", day, value=5) for day in (d(2), d(3), d(4), d(5), d(6), d(9))],
    ]
    p = plan(FCR, solved)
    _, items = review(p, entries, [], TODAY)
    # fcr: 40/80 = 50 % -> p < 0 -> off track; since Nov 16, its first day of data
    # (f = 0.5 then, p = −0.5). solved: 30 -> f − p = 0.65 − 0.30 = 0.35 -> off track,
    # since Nov 18 (see above): fcr is further behind, so it comes first.
    assert [(i.kr.key, i.kr.status, i.since) for i in items] == [
        ("fcr", "off_track", d(16)),
        ("solved", "off_track", d(18)),
    ]
    assert [drag.member for drag in items[0].drags] == ["ben"]
    assert items[1].drags == ()  # only ana logged: nobody to single out
