"""The board: header numbers, ordering, roll-up, delta, sparkline, confidence, reasons."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from huddle.domain.change import Change
from huddle.domain.entry import Entry
from huddle.domain.plan import KeyResult, Objective
from huddle.engine.board import build_board, evaluate_kr, objective_rollup
from huddle.engine.view import KrView
from tests.factories.builders import F_TODAY, TODAY, d, entry, kr, plan

SOLVED = kr("solved", "sum", target=500)


def one(key_result: KeyResult, entries: list[Entry], today: date = TODAY) -> KrView:
    p = plan(key_result)
    return evaluate_kr(p, p.objectives[0], key_result, entries, today)


# --------------------------------------------------------------------------- header


@pytest.mark.parametrize(
    ("today", "day_number", "elapsed"),
    [
        (d(30, 10), 0, 0.0),  # before the start
        (d(2), 1, 0.0),  # first day: day 1 of 20, nothing completed
        (TODAY, 14, F_TODAY),  # Nov 2..19 = 14 working days; 13 completed
        (d(21), 15, 15 / 20),  # Saturday: Nov 2..20 = 15 working days, all completed
        (d(27), 20, 19 / 20),  # last day
        (d(5, 12), 20, 1.0),  # after the end: clamped
    ],
)
def test_header(today: date, day_number: int, elapsed: float) -> None:
    board = build_board(plan(SOLVED), [], [], today)
    assert (board.day_number, board.day_count, board.elapsed) == (day_number, 20, elapsed)
    assert (board.team, board.cycle, board.start, board.end, board.today) == (
        "Support",
        "2026-11",
        d(2),
        d(27),
        today,
    )


def test_team_objectives_first_then_individual_in_plan_order() -> None:
    objectives = [
        Objective(id="ana-1", title="Ana learns", owner="ana", key_results=(kr("a1"),)),
        Objective(id="t-1", title="Fast answers", key_results=(kr("t1"),)),
        Objective(id="ben-1", title="Ben coaches", owner="ben", key_results=(kr("b1"),)),
        Objective(
            id="t-2", title="Happy customers", parent="Company: grow", key_results=(kr("t2"),)
        ),
        Objective(
            id="ana-2", title="Ana again", owner="ana", parent="t-2", key_results=(kr("a2"),)
        ),
        Objective(
            id="ben-2",
            title="Ben again",
            owner="ben",
            parent="Fast answers",
            key_results=(kr("b2"),),
        ),
    ]
    board = build_board(plan(objectives=objectives), [], [], TODAY)
    assert [o.id for o in board.objectives] == ["t-1", "t-2", "ana-1", "ben-1", "ana-2", "ben-2"]
    names = {o.id: o.owner_name for o in board.objectives}
    assert names == {
        "t-1": "Team",
        "t-2": "Team",
        "ana-1": "Ana Lima",
        "ben-1": "Ben Okoro",
        "ana-2": "Ana Lima",
        "ben-2": "Ben Okoro",
    }
    parents = {o.id: o.parent_title for o in board.objectives}
    assert parents == {
        "t-1": None,
        "t-2": "Company: grow",  # no such objective: the text itself
        "ana-1": None,
        "ben-1": None,
        "ana-2": "Happy customers",  # by id
        "ben-2": "Fast answers",  # by title
    }
    assert [o.id for o in board.objectives for _ in o.key_results] == [
        "t-1",
        "t-2",
        "ana-1",
        "ben-1",
        "ana-2",
        "ben-2",
    ]
    assert [kr.key for kr in board.key_results()] == ["t1", "t2", "a1", "b1", "a2", "b2"]


# --------------------------------------------------------------------------- roll-up


def test_objective_rollup() -> None:
    objective = Objective(
        id="o",
        title="Everything",
        key_results=(
            kr("half", "latest", baseline=0, target=100),  # 50 -> p 0.5
            kr("done", "latest", baseline=0, target=100),  # 130 -> p 1.3 -> 1
            kr("back", "latest", baseline=0, target=100),  # -20 -> p -0.2 -> 0
            kr("hold-ok", "latest", direction="at_least", target=90),  # 95 on track -> 1
            kr("hold-risk", "latest", direction="at_least", target=90),  # 90.5 at risk -> 1
            kr("hold-off", "latest", direction="at_most", target=90),  # 95 off track -> 0
            kr("none", "latest", baseline=0, target=100),  # no data -> 0
        ),
    )
    values = {
        "half": 50,
        "done": 130,
        "back": -20,
        "hold-ok": 95,
        "hold-risk": 90.5,
        "hold-off": 95,
    }
    entries = [entry(key, d(2), value=value) for key, value in values.items()]
    board = build_board(plan(objectives=[objective]), entries, [], TODAY)
    statuses = {view.key: view.status for view in board.key_results()}
    assert statuses == {
        "half": "at_risk",  # gap .65 - .5 = .15
        "done": "achieved",
        "back": "off_track",
        "hold-ok": "on_track",
        "hold-risk": "at_risk",
        "hold-off": "off_track",
        "none": "no_data",
    }
    # (0.5 + 1 + 0 + 1 + 1 + 0 + 0) / 7 = 3.5 / 7 = 0.5
    assert board.objectives[0].progress == 0.5
    assert objective_rollup(board.objectives[0].key_results) == 0.5


def test_rollup_of_nothing_is_zero() -> None:
    assert objective_rollup([]) == 0.0


# --------------------------------------------------------------------------- delta


def test_delta_of_a_sum_since_the_previous_working_day() -> None:
    entries = [
        entry("solved", d(2), value=100),
        entry("solved", d(18), value=10),
        entry("solved", TODAY, value=5),
    ]
    view = one(SOLVED, entries)
    assert view.current == 115  # 100 + 10 + 5
    assert view.delta == 5  # 115 - 110 (as of Wed Nov 18)
    assert view.delta_good is True  # up: more is good


def test_delta_of_a_down_mean() -> None:
    frt = kr("frt", "mean", unit="minutes", direction="down", baseline=10, target=4)
    entries = [entry("frt", d(18), value=6, volume=1), entry("frt", TODAY, value=4, volume=1)]
    view = one(frt, entries)
    assert view.current == 5.0  # (6 + 4) / 2
    assert view.delta == -1.0  # 5 - 6
    assert view.delta_good is True  # down: less is good


def test_delta_of_hold_kinds() -> None:
    ceiling = kr("frt", "latest", unit="minutes", direction="at_most", target=4)
    view = one(ceiling, [entry("frt", d(18), value=3), entry("frt", TODAY, value=3.5)])
    assert view.delta == 0.5
    assert view.delta_good is False  # at_most: rising is bad
    floor = kr("csat", "latest", unit="%", direction="at_least", target=90)
    view = one(floor, [entry("csat", d(18), value=93), entry("csat", TODAY, value=91)])
    assert view.delta == -2
    assert view.delta_good is False  # at_least: falling is bad


def test_unchanged_delta_is_zero_and_neither_good_nor_bad() -> None:
    # (A single day of entries has no change at all: see test_change_days.)
    view = one(SOLVED, [entry("solved", d(2), value=100), entry("solved", d(3), value=0)])
    assert view.delta == 0
    assert view.delta_good is None


def test_delta_over_a_weekend() -> None:
    # today Mon Nov 23: previous working day Fri Nov 20; Sat 21 and Mon 23 count
    entries = [
        entry("solved", d(20), value=1),
        entry("solved", d(21), value=2),
        entry("solved", d(23), value=4),
    ]
    assert one(SOLVED, entries, today=d(23)).delta == 6  # 7 - 1


def test_delta_unknown() -> None:
    # first day of the cycle: the previous working day is outside it
    assert one(SOLVED, [entry("solved", d(2), value=5)], today=d(2)).delta is None
    # nothing before today: no value as of yesterday
    first = one(SOLVED, [entry("solved", TODAY, value=5)])
    assert first.delta is None
    assert first.delta_good is None
    # no current value
    assert one(SOLVED, []).delta is None


def test_delta_follows_a_moving_window() -> None:
    csat = kr("csat", "ratio", unit="%", direction="at_least", target=90, window=2)
    entries = [
        entry("csat", d(17), numerator=0, denominator=10),  # in yesterday's window only
        entry("csat", d(18), numerator=10, denominator=10),
        entry("csat", TODAY, numerator=10, denominator=10),
    ]
    view = one(csat, entries)
    # today: Nov 18..19 -> 20 / 20 = 100 %; yesterday: Nov 17..18 -> 10 / 20 = 50 %
    assert view.current == 100.0
    assert view.delta == 50.0


# --------------------------------------------------------------------------- sparkline


def test_spark_is_the_last_fourteen_working_days() -> None:
    fcr = kr("fcr", "ratio", unit="%", baseline=50, target=90)
    entries = [
        entry("fcr", d(2), numerator=1, denominator=1),  # 15 working days before Nov 20: out
        entry("fcr", d(3), "ana", numerator=1, denominator=4),
        entry("fcr", d(3), "ben", numerator=2, denominator=4),  # Nov 3: 3 / 8 = 37.5 %
        entry("fcr", d(7), numerator=1, denominator=1),  # a Saturday: not a spark day
        entry("fcr", d(20), numerator=9, denominator=10),  # today
        entry("fcr", d(23), numerator=5, denominator=10),  # after today
    ]
    view = one(fcr, entries, today=d(20))
    # Nov 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20
    assert view.spark == (37.5, *([None] * 12), 90.0)


def test_spark_of_a_young_cycle_is_shorter() -> None:
    view = one(SOLVED, [entry("solved", d(2), value=5), entry("solved", d(4), value=7)], d(4))
    assert view.spark == (5.0, None, 7.0)  # daily amounts, without the baseline


def test_spark_of_latest_carries_the_value() -> None:
    backlog = kr("backlog", "latest", direction="down", baseline=400, target=100)
    entries = [entry("backlog", d(3), value=300), entry("backlog", d(5), value=250)]
    view = one(backlog, entries, today=d(6))
    assert view.spark == (None, 300.0, 300.0, 250.0, 250.0)  # Nov 2, 3, 4, 5, 6


def test_spark_before_the_start_is_empty() -> None:
    assert one(SOLVED, [], today=d(30, 10)).spark == ()


def test_spark_of_mean_and_nps() -> None:
    frt = kr("frt", "mean", unit="minutes", direction="down", baseline=10, target=4)
    entries = [
        entry("frt", d(2), "ana", value=2, volume=3),
        entry("frt", d(2), "ben", value=6, volume=1),  # (6 + 6) / 4 = 3.0
    ]
    assert one(frt, entries, today=d(3)).spark == (3.0, None)
    nps = kr("nps", "nps", unit="score", baseline=0, target=50)
    votes = [entry("nps", d(3), promoters=3, passives=0, detractors=1)]  # 100 * 2 / 4
    assert one(nps, votes, today=d(3)).spark == (None, 50.0)


# --------------------------------------------------------------------------- other fields


def test_last_entry_is_the_newest_effective_in_scope_entry() -> None:
    entries = [
        entry("solved", d(5), value=1),
        entry("solved", d(9), value=1),
        entry("solved", d(9), void=True),  # voided
        entry("solved", d(20), value=1),  # after today
    ]
    assert one(SOLVED, entries).last_entry == d(5)
    assert one(SOLVED, []).last_entry is None


def _change(key: str, field: str, new: str | float, reason: str, hour: int) -> Change:
    return Change(
        kr=key,
        field=field,
        old=None,
        new=new,
        reason=reason,
        by="ana",
        at=datetime(2026, 11, 18, hour, tzinfo=UTC),
    )


def test_confidence_is_the_newest_for_that_kr() -> None:
    changes = [
        _change("solved", "confidence", "at_risk", "two agents out sick", 12),
        _change("solved", "confidence", "on_track", "new hire started", 9),  # older
        _change("solved", "target", 600, "stretch", 13),  # not a confidence change
        _change("other", "confidence", "off_track", "not this KR", 14),
    ]
    p = plan(SOLVED)
    view = evaluate_kr(p, p.objectives[0], SOLVED, [], TODAY, changes)
    assert (view.confidence, view.confidence_note) == ("at_risk", "two agents out sick")
    board = build_board(p, [], changes, TODAY)
    assert board.key_results()[0] == view


def test_confidence_ties_go_to_the_later_change() -> None:
    changes = [
        _change("solved", "confidence", "at_risk", "first", 12),
        _change("solved", "confidence", "off_track", "second", 12),
    ]
    p = plan(SOLVED)
    assert build_board(p, [], changes, TODAY).key_results()[0].confidence == "off_track"


def test_no_confidence() -> None:
    view = one(SOLVED, [])
    assert (view.confidence, view.confidence_note) == (None, "")


def test_view_carries_the_kr() -> None:
    frt = kr("frt", "mean", unit="minutes", direction="down", baseline=10, target=4)
    view = one(frt, [entry("frt", d(2), value=5)])
    assert (view.key, view.title, view.kind, view.direction, view.unit) == (
        "frt",
        "FRT",
        "mean",
        "down",
        "minutes",
    )
    assert (view.baseline, view.target, view.owner) == (
        10,
        4,
        "team",
    )
    assert view.expected == F_TODAY
