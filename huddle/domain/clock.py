"""Time, injected: nothing date-dependent reads the real clock except through here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo

import msgspec

from huddle.domain.zones import today_in


class Clock(msgspec.Struct, frozen=True):
    """Tells "now" (UTC, for typed_at) and "today" (the team's local date).

    `Clock.pinned(day)` fixes today for tests, `--today` and the demo; `now()` then
    still moves so that corrections typed one after another stay ordered.
    """

    now: Callable[[], datetime]
    today: Callable[[], date]
    # The machine's real date. `--today` pins "today" for reports and the demo, but no
    # write may describe a day after the real one.
    real_today: Callable[[], date] = date.today

    def write_limit(self) -> date:
        """The last day an entry may describe: today, and never after the real date.

        One day of slack on the real date: the team's day may start before the
        machine's (a Berlin team on a UTC machine, just after midnight).
        """
        return min(self.today(), self.real_today() + timedelta(days=1))

    @classmethod
    def system(cls, where: tzinfo | None = None) -> Clock:
        """The real clock; today is the date in `where` (None: the machine's zone)."""
        return cls(now=lambda: datetime.now(UTC), today=lambda: today_in(where))

    @classmethod
    def pinned(cls, today: date) -> Clock:
        return cls(now=lambda: datetime.now(UTC), today=lambda: today)
