"""The team's time zone: which calendar day a moment falls on for the team (docs/numbers.md).

A team names an IANA zone (`Europe/Berlin`) or none, which means the machine's own
zone. Helpdesk exports carry moments with an offset (`2026-11-23 23:30:00 +0000`); the
day they count on is the team's local day, so they are converted before the date is
taken. zoneinfo reads the operating system's time zone database, or the `tzdata`
package where the system has none (Windows, slim containers).
"""

from __future__ import annotations

import functools
from datetime import date, datetime, tzinfo

from huddle.domain.errors import RuleError


@functools.cache
def zone(name: str | None) -> tzinfo | None:
    """The zone called `name`; None (the machine's zone) for None. RuleError when unknown."""
    if name is None:
        return None
    # Here, not at the top: zoneinfo (and the sysconfig it reads) costs every command
    # ~2 ms, and a team without a zone never needs it.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise RuleError(
            "timezone", f"'{name}' is not an IANA time zone such as Europe/Berlin or UTC"
        ) from None


def local_date(moment: datetime, where: tzinfo | None) -> date:
    """The day `moment` falls on in `where` (None: the machine's zone).

    A moment without an offset is already local time: its own date is the day.
    """
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(where).date()


def today_in(where: tzinfo | None) -> date:
    """Today's date in `where` (None: the machine's zone)."""
    return datetime.now(where).date() if where is not None else date.today()
