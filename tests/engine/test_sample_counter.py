"""Low sample and counter KRs (docs/numbers.md), hand-computed. Today Thu Nov 19, f = 0.65."""

from __future__ import annotations

from datetime import date
from typing import Any

from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult
from huddle.engine.board import build_board, evaluate_kr
from huddle.engine.counter import days_back
from huddle.engine.view import KrView
from tests.factories.builders import TODAY, d, entry, kr, plan

FCR = kr("fcr", "ratio", unit="%", baseline=60, target=80)
NPS = kr("nps", "nps", unit="score", baseline=10, target=50)


def view(
    key_result: KeyResult, entries: list[Entry], today: date = TODAY, **plan_fields: Any
) -> KrView:
    p = plan(key_result, **plan_fields)
    return evaluate_kr(p, p.objectives[0], key_result, entries, today)


# ---------------------------------------------------------------- low sample


def test_n_is_the_sum_of_denominators_and_below_30_is_low() -> None:
    # 2 days of 7/10: n = 20 < 30 -> low sample. The value is still computed, and the
    # status too (it is shown as "low sample"): 70 %, p = 0.5, f − p = 0.15 -> at risk
    entries = [entry("fcr", day, numerator=7, denominator=10) for day in (d(17), d(18))]
    shown = view(FCR, entries)
    assert (shown.n, shown.low_sample) == (20, True)
    assert shown.current == 70.0 and shown.status == "at_risk"


def test_thirty_responses_are_enough() -> None:
    shown = view(FCR, [entry("fcr", d(day), numerator=7, denominator=10) for day in (16, 17, 18)])
    assert (shown.n, shown.low_sample) == (30, False)


def test_nps_n_counts_every_response() -> None:
    # 5 + 2 + 3 = 10 responses, then 12 + 3 + 5 = 20: n = 30
    entries = [
        entry("nps", d(17), promoters=5, passives=2, detractors=3),
        entry("nps", d(18), promoters=12, passives=3, detractors=5),
    ]
    shown = view(NPS, entries)
    assert (shown.n, shown.low_sample) == (30, False)
    assert (view(NPS, entries[:1]).n, view(NPS, entries[:1]).low_sample) == (10, True)


def test_n_counts_only_the_window() -> None:
    windowed = kr("csat", "ratio", unit="%", direction="at_least", target=90, window=7)
    # the window of 7 days ending Thu Nov 19 is Nov 13 … 19: Nov 12 falls outside
    entries = [
        entry("csat", d(12), numerator=100, denominator=100),
        entry("csat", d(18), numerator=19, denominator=20),
    ]
    assert view(windowed, entries).n == 20


def test_a_kr_and_a_team_set_their_own_minimum() -> None:
    entries = [entry("fcr", d(18), numerator=7, denominator=10)]
    own = kr("fcr", "ratio", unit="%", baseline=60, target=80, min_sample=10)
    assert not view(own, entries).low_sample  # n = 10, its own minimum 10
    assert not view(FCR, entries, team_fields={"min_sample": 5}).low_sample
    assert view(FCR, entries, team_fields={"min_sample": 11}).low_sample
    assert not view(FCR, entries, team_fields={"min_sample": 0}).low_sample  # switched off


def test_no_data_and_other_kinds_are_never_low_sample() -> None:
    assert (view(FCR, []).n, view(FCR, []).low_sample) == (0, False)  # no data says itself
    solved = kr("solved", "sum", target=100)
    shown = view(solved, [entry("solved", d(18), value=1)])
    assert (shown.n, shown.low_sample) == (None, False)


def test_a_low_sample_needs_attention_but_is_not_behind() -> None:
    shown = view(FCR, [entry("fcr", d(18), numerator=1, denominator=10)])
    assert shown.status == "off_track" and shown.low_sample
    assert shown.needs_attention and not shown.behind


# ---------------------------------------------------------------- counter KRs

FRT = kr("frt", "mean", unit="minutes", direction="down", baseline=40, target=20, counter="csat")
CSAT = kr("csat", "ratio", unit="%", direction="at_least", target=90)


def warning(entries: list[Entry], today: date = TODAY) -> str:
    board = build_board(plan(FRT, CSAT), entries, [], today)
    shown = board.kr("frt")
    assert shown is not None
    return shown.counter_warning


def test_five_working_days_back() -> None:
    # Thu Nov 19 -> 18, 17, 16, 13, 12
    assert days_back(plan(FRT, CSAT), TODAY) == d(12)


def test_better_while_its_counter_worse_is_flagged() -> None:
    # frt as of Nov 12: 30 min; as of Nov 19: (30 + 10) / 2 = 20 -> better (down).
    # csat as of Nov 12: 19/20 = 95 %; as of Nov 19: 29/40 = 72.5 % -> worse.
    entries = [
        entry("frt", d(12), value=30),
        entry("frt", d(19), value=10),
        entry("csat", d(12), numerator=19, denominator=20),
        entry("csat", d(19), numerator=10, denominator=20),
    ]
    assert warning(entries) == "frt better while csat worse"


def test_no_flag_when_both_improve_or_neither_moves() -> None:
    better = [
        entry("frt", d(12), value=30),
        entry("frt", d(19), value=10),
        entry("csat", d(12), numerator=18, denominator=20),
        entry("csat", d(19), numerator=20, denominator=20),
    ]
    assert warning(better) == ""
    flat = [entry("frt", d(12), value=30), entry("csat", d(12), numerator=19, denominator=20)]
    assert warning(flat) == ""


def test_no_flag_when_the_kr_itself_worsened() -> None:
    entries = [
        entry("frt", d(12), value=10),
        entry("frt", d(19), value=30),
        entry("csat", d(12), numerator=19, denominator=20),
        entry("csat", d(19), numerator=10, denominator=20),
    ]
    assert warning(entries) == ""


def test_no_flag_without_five_working_days_of_history() -> None:
    # Fri Nov 6: five working days back is Fri Oct 30, before the cycle
    entries = [
        entry("frt", d(2), value=30),
        entry("frt", d(6), value=10),
        entry("csat", d(2), numerator=19, denominator=20),
        entry("csat", d(6), numerator=10, denominator=20),
    ]
    assert warning(entries, d(6)) == ""
