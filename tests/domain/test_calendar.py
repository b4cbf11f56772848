"""Working days, holidays, a custom week, the previous working day (f: tests/engine)."""

from __future__ import annotations

from datetime import date

from huddle.domain.calendar import WorkCalendar, is_working_day, working_days
from tests.factories.builders import END, START, d, team


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


def test_previous_working_day() -> None:
    assert WorkCalendar(team()).previous(d(10)) == d(9)  # Tue -> Mon
    assert WorkCalendar(team()).previous(d(9)) == d(6)  # Mon -> Fri before
    assert WorkCalendar(team(holidays=(d(6),))).previous(d(9)) == d(5)  # skips the holiday
    assert WorkCalendar(team()).previous(d(8)) == d(6)  # Sunday -> Friday


def test_previous_working_day_gives_up_after_a_year() -> None:
    # Only Mondays work and every Monday in the past 366 days is a holiday.
    day = date(2026, 11, 23)
    mondays = tuple(date.fromordinal(day.toordinal() - 7 * n) for n in range(1, 54))
    crew = team(working_days=("mon",), holidays=mondays)
    assert WorkCalendar(crew).previous(day) is None
