"""Working days of a team: its weekdays minus its holidays, and the elapsed fraction f.

Pure functions on dates; no I/O, no clock. "today" is always passed in.
"""

from __future__ import annotations

from datetime import date, timedelta

from huddle.domain.plan import WEEKDAYS, Cycle, Team

_ONE_DAY = timedelta(days=1)
# How far `WorkCalendar.previous` looks back before giving up.
_LOOKBACK_DAYS = 366


class WorkCalendar:
    """A team's working-day rule, prepared once for many questions (weekday set, holiday set)."""

    __slots__ = ("_holidays", "_weekdays")

    def __init__(self, team: Team) -> None:
        self._weekdays = frozenset(WEEKDAYS.index(day) for day in team.working_days)
        self._holidays = frozenset(team.holidays)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self._weekdays and day not in self._holidays

    def between(self, start: date, end: date) -> list[date]:
        """Working days from start to end, both inclusive (empty when end < start)."""
        days: list[date] = []
        day = start
        while day <= end:
            if self.is_working_day(day):
                days.append(day)
            day += _ONE_DAY
        return days

    def previous(self, day: date) -> date | None:
        """The last working day strictly before `day`; None if none within a year."""
        candidate = day
        for _ in range(_LOOKBACK_DAYS):
            candidate -= _ONE_DAY
            if self.is_working_day(candidate):
                return candidate
        return None


def is_working_day(team: Team, day: date) -> bool:
    return WorkCalendar(team).is_working_day(day)


def working_days(team: Team, start: date, end: date) -> list[date]:
    """The team's working days from start to end, both inclusive."""
    return WorkCalendar(team).between(start, end)


def fraction_elapsed(completed: int, total: int, cycle: Cycle, today: date) -> float:
    """f from the two counts; 0 before the start, 1 after the end.

    A cycle without a single working day is 0 until its end and 1 after it.
    """
    if today <= cycle.start:
        return 0.0
    if today > cycle.end:
        return 1.0
    if total == 0:
        return 0.0
    return completed / total
