"""The elapsed fraction f the board uses: completed working days before today over the
cycle's working days; 0 before and on the first day, 1 after the last (docs/numbers.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from huddle.engine.board import build_board
from tests.factories.builders import END, START, d, kr, plan


def f(day: date, team: dict[str, Any] | None = None, cycle: dict[str, Any] | None = None) -> float:
    """f as of `day`, as the board computes it (`BoardView.elapsed`)."""
    board = build_board(plan(kr(), team_fields=team, cycle_fields=cycle), [], [], day)
    return board.elapsed


def test_f_counts_completed_working_days() -> None:
    # Thu Nov 19: 13 of 20 working days completed
    assert f(d(19)) == 13 / 20


def test_f_is_zero_before_and_on_the_start_day() -> None:
    assert f(d(1)) == 0.0
    assert f(d(20, 10)) == 0.0
    assert f(START) == 0.0  # nothing completed yet


def test_f_is_one_after_the_end() -> None:
    assert f(d(28)) == 1.0
    assert f(d(1, 12)) == 1.0


def test_f_on_the_last_day_is_not_yet_one() -> None:
    # Fri Nov 27: 19 of 20 completed
    assert f(END) == 19 / 20


def test_f_with_holidays() -> None:
    # holidays Wed Nov 4 and Thu Nov 26: the cycle has 18 working days.
    # On Thu Nov 5: completed Mon 2, Tue 3 (Wed 4 is a holiday) = 2 -> 2/18
    crew = {"holidays": (d(4), d(26))}
    assert f(d(5), crew) == 2 / 18
    # On the holiday itself the same two days are complete
    assert f(d(4), crew) == 2 / 18


def test_f_on_a_weekend_equals_the_following_monday() -> None:
    # Sat Nov 7, Sun Nov 8 and Mon Nov 9: the five days of week 1 completed -> 5/20
    for day in (d(7), d(8), d(9)):
        assert f(day) == 5 / 20


def test_f_with_a_custom_week() -> None:
    # Mon–Sat team: Nov 2..28 would be 24 days, but the cycle ends Fri 27 -> 23 working days
    # (4 weeks x 6 = 24, minus Sat Nov 28 which is outside). On Mon Nov 9 the completed
    # days are Nov 2..7 = 6 -> 6/23
    six = {"working_days": ("mon", "tue", "wed", "thu", "fri", "sat")}
    assert f(d(9), six) == 6 / 23


def test_f_of_a_cycle_without_working_days() -> None:
    weekend = {"start": d(7), "end": d(8)}  # Sat..Sun
    assert f(d(8), cycle=weekend) == 0.0
    assert f(d(9), cycle=weekend) == 1.0
