"""Looking ahead in words (huddle.present.ahead, no Textual): each case a huddle reads,
from numbers worked out by hand."""

from __future__ import annotations

from datetime import date

from msgspec.structs import replace

from huddle.engine.ahead import Ahead
from huddle.engine.view import KrView
from huddle.present.ahead import needed_text, projection_text

END = date(2026, 12, 31)  # a Thursday

FCR = KrView(
    key="fcr",
    title="First contact resolution",
    kind="ratio",
    direction="up",
    unit="%",
    baseline=65.0,
    target=78.0,
    current=76.2,
    progress=0.86,
    expected=0.6,
    status="on_track",
    stale=False,
    reason="",
    delta=None,
    delta_good=None,
    spark=(),
    last_entry=None,
    owner="team",
)
# 1,240 contacts still to come; 81.5 % on them ends the cycle on 78 %
FCR_AHEAD = Ahead(
    projected=76.2,
    needed=81.5,
    basis="remaining_volume",
    reachable=True,
    so_far=76.2,
    days_left=10,
    remaining=1240.4,
    end=END,
    volume_label="contacts",
)
SOLVED = replace(
    FCR,
    key="solved",
    kind="sum",
    unit="count",
    baseline=0.0,
    target=12500.0,
    current=8000.0,
    # 118 a day over 50 days so far, 30 days left: 8,000 + 118 · 30 = 11,540
    ahead=Ahead(
        projected=11540.0,
        needed=150.0,  # (12,500 − 8,000) / 30
        basis="per_day",
        reachable=True,
        so_far=118.0,
        days_left=30,
        end=END,
    ),
)


def test_a_ratio_is_asked_for_a_rate_on_the_volume_still_to_come() -> None:
    kr = replace(FCR, ahead=FCR_AHEAD)
    assert projection_text(kr) == "At this pace: 76.2 % of 78 % by Thu Dec 31"
    assert needed_text(kr) == "Needed on the ~1,240 contacts left: 81.5 % (so far 76.2 %)"


def test_a_sum_is_asked_for_an_amount_per_working_day() -> None:
    assert projection_text(SOLVED) == "At this pace: 11,540 of 12,500 by Thu Dec 31"
    assert needed_text(SOLVED) == "Needed from here: 150 per working day (so far 118)"


def test_out_of_reach_says_the_best_case_never_a_goal_above_100() -> None:
    # 120 % would be needed: at best 100 % on the rest ends at 74.9 %
    ahead = replace(FCR_AHEAD, needed=120.0, reachable=False, best=74.9)
    kr = replace(FCR, ahead=ahead, status="off_track")
    assert needed_text(kr) == "Out of reach: even 100 % on the rest ends at 74.9 %"
    frt = replace(
        kr,
        kind="mean",
        direction="down",
        unit="minutes",
        ahead=replace(ahead, needed=-3.0, best=32.0 + 8 / 60),
    )
    assert needed_text(frt) == "Out of reach: even 0m00s on the rest ends at 32m08s"


def test_an_achieved_kr_says_so_instead_of_a_need() -> None:
    kr = replace(SOLVED, status="achieved", ahead=replace(SOLVED.ahead, needed=-5.0))
    assert needed_text(kr) == "Achieved: 0 needed"


def test_a_window_needs_its_target_over_the_final_days() -> None:
    ahead = Ahead(
        projected=91.4,
        needed=90.0,
        basis="window",
        reachable=True,
        so_far=91.4,
        days_left=12,
        end=END,
        window=28,
    )
    csat = replace(FCR, direction="at_least", target=90.0, current=91.4, ahead=ahead)
    assert projection_text(csat) == "At this pace: 91.4 % by Thu Dec 31 (at least 90 %)"
    assert needed_text(csat) == "The last 28 days before the end must reach 90 %"
    backlog = replace(
        csat,
        kind="latest",
        unit="count",
        direction="at_most",
        target=200.0,
        ahead=replace(ahead, needed=200.0, window=None),
    )
    assert needed_text(backlog) == "The value on Thu Dec 31 must be 200 or less"


def test_a_ratio_that_holds_whatever_comes_says_so() -> None:
    # at most 10 % reopened; even 100 % reopened on the rest would end at or under 10 %
    ahead = replace(FCR_AHEAD, needed=140.0, remaining=12.0, volume_label="solved")
    kr = replace(FCR, direction="at_most", target=10.0, current=2.0, ahead=ahead)
    assert needed_text(kr) == "Holds whatever comes on the ~12 solved left (so far 76.2 %)"


def test_a_latest_is_asked_for_a_change_per_day_and_a_mean_for_a_value() -> None:
    backlog = replace(
        SOLVED,
        kind="latest",
        direction="down",
        ahead=replace(SOLVED.ahead, needed=-7.25, so_far=-0.9),
    )
    assert needed_text(backlog) == "Needed from here: −7.3 per working day (so far −0.9)"
    aht = replace(
        FCR,
        kind="mean",
        direction="down",
        unit="minutes",
        ahead=replace(FCR_AHEAD, needed=4 + 10 / 60, so_far=4.5, volume_label=""),
    )
    assert needed_text(aht) == "Needed on the ~1,240 still to come: 4m10s or less (so far 4m30s)"


def test_nothing_is_said_where_looking_ahead_is_not_defined() -> None:
    assert projection_text(FCR) == needed_text(FCR) == ""
