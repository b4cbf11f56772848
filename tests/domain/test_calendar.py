"""Working days, holidays, custom week and the elapsed fraction f."""

from __future__ import annotations

from datetime import date

from huddle.domain.calendar import (
    completed_working_days,
    elapsed_fraction,
    is_working_day,
    previous_working_day,
    working_days,
)
from tests.factories.builders import END, START, cycle, d, team


def test_weekdays_by_default() -> None:
    assert is_working_day(team(), d(2))  # Monday
    assert is_working_day(team(), d(6))  # Friday
    assert not is_working_day(team(), d(7))  # Saturday
    assert not is_working_day(team(), d(8))  # Sunday


def test_holidays_are_not_working_days() -> None:
    assert not is_working_day(team(holidays=(d(4),)), d(4))


def test_custom_week() -> None:
    six = team(working_days=("mon", "tue", "wed", "thu", "fri", "sat"))
    assert is_working_day(six, d(7))  # Saturday works for this team
    assert not is_working_day(six, d(8))


def test_working_days_inclusive() -> None:
    # Fri Nov 6 .. Mon Nov 9: Fri, (Sat, Sun skipped), Mon
    assert working_days(team(), d(6), d(9)) == [d(6), d(9)]
    assert working_days(team(), d(9), d(6)) == []
    assert len(working_days(team(), START, END)) == 20  # four Mon–Fri weeks


def test_completed_days_are_strictly_before_today() -> None:
    # today Wed Nov 4: Mon 2 and Tue 3 are complete, Wed 4 is in progress
    assert completed_working_days(team(), cycle(), d(4)) == [d(2), d(3)]
    # after the end: all of them
    assert len(completed_working_days(team(), cycle(), d(30))) == 20


def test_f_counts_completed_working_days() -> None:
    # Thu Nov 19: 13 of 20 working days completed
    assert elapsed_fraction(team(), cycle(), d(19)) == 13 / 20


def test_f_is_zero_before_and_on_the_start_day() -> None:
    assert elapsed_fraction(team(), cycle(), d(1)) == 0.0
    assert elapsed_fraction(team(), cycle(), d(20, 10)) == 0.0
    assert elapsed_fraction(team(), cycle(), START) == 0.0  # nothing completed yet


def test_f_is_one_after_the_end() -> None:
    assert elapsed_fraction(team(), cycle(), d(28)) == 1.0
    assert elapsed_fraction(team(), cycle(), d(1, 12)) == 1.0


def test_f_on_the_last_day_is_not_yet_one() -> None:
    # Fri Nov 27: 19 of 20 completed
    assert elapsed_fraction(team(), cycle(), END) == 19 / 20


def test_f_with_holidays() -> None:
    # holidays Wed Nov 4 and Thu Nov 26: the cycle has 18 working days.
    # On Thu Nov 5: completed Mon 2, Tue 3 (Wed 4 is a holiday) = 2 -> 2/18
    crew = team(holidays=(d(4), d(26)))
    assert elapsed_fraction(crew, cycle(), d(5)) == 2 / 18
    # On the holiday itself the same two days are complete
    assert elapsed_fraction(crew, cycle(), d(4)) == 2 / 18


def test_f_on_a_weekend_equals_the_following_monday() -> None:
    # Sat Nov 7, Sun Nov 8 and Mon Nov 9: the five days of week 1 completed -> 5/20
    for day in (d(7), d(8), d(9)):
        assert elapsed_fraction(team(), cycle(), day) == 5 / 20


def test_f_with_a_custom_week() -> None:
    # Mon–Sat team: Nov 2..28 would be 24 days, but the cycle ends Fri 27 -> 23 working days
    # (4 weeks x 6 = 24, minus Sat Nov 28 which is outside). On Mon Nov 9 the completed
    # days are Nov 2..7 = 6 -> 6/23
    six = team(working_days=("mon", "tue", "wed", "thu", "fri", "sat"))
    assert elapsed_fraction(six, cycle(), d(9)) == 6 / 23


def test_f_of_a_cycle_without_working_days() -> None:
    weekend = cycle(start=d(7), end=d(8))  # Sat..Sun
    assert elapsed_fraction(team(), weekend, d(8)) == 0.0
    assert elapsed_fraction(team(), weekend, d(9)) == 1.0


def test_previous_working_day() -> None:
    assert previous_working_day(team(), d(10)) == d(9)  # Tue -> Mon
    assert previous_working_day(team(), d(9)) == d(6)  # Mon -> Fri before
    assert previous_working_day(team(holidays=(d(6),)), d(9)) == d(5)  # skips the holiday
    assert previous_working_day(team(), d(8)) == d(6)  # Sunday -> Friday


def test_previous_working_day_gives_up_after_a_year() -> None:
    # Only Mondays work and every Monday in the past 366 days is a holiday.
    day = date(2026, 11, 23)
    mondays = tuple(date.fromordinal(day.toordinal() - 7 * n) for n in range(1, 54))
    crew = team(working_days=("mon",), holidays=mondays)
    assert previous_working_day(crew, day) is None
