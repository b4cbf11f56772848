"""Time, injected: nothing date-dependent reads the real clock except through here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime


@dataclass(frozen=True)
class Clock:
    """Tells "now" (UTC, for typed_at) and "today" (the team's local date).

    `Clock.pinned(day)` fixes today for tests, `--today` and the demo; `now()` then
    still moves so that corrections typed one after another stay ordered.
    """

    now: Callable[[], datetime]
    today: Callable[[], date]

    @classmethod
    def system(cls) -> Clock:
        return cls(now=lambda: datetime.now(UTC), today=date.today)

    @classmethod
    def pinned(cls, today: date) -> Clock:
        return cls(now=lambda: datetime.now(UTC), today=lambda: today)
