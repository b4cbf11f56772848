"""Fixtures for the log form, the logging service and helpdesk mappings.

A small plan of our own (not the demo's) so that every expectation can be worked out
by hand; "today" is always pinned.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.domain.entry import Entry
from huddle.inputs.plan_file import parse_plan
from huddle.screens.log import LogResult
from huddle.store.codec import check_entry
from huddle.store.store import Store

TODAY = date(2026, 11, 23)  # a Monday
PLAN_TOML = """
[team]
name = "Support Test"
shared_terminal_logging = {shared}

[[members]]
id = "lee"
name = "Lee Lead"
role = "lead"
os_user = "llead"

[[members]]
id = "ana"
name = "Ana Agent"
os_user = "asilva"

[[members]]
id = "ben"
name = "Ben Agent"
os_user = "bnovak"

[[members]]
id = "cara"
name = "Cara NoLogin"

[cycle]
name = "2026-Q4"
start = 2026-10-01
end = 2026-12-31

[[objectives]]
id = "service"
title = "Great service"

[[objectives.key_results]]
key = "solved"
title = "Tickets solved"
kind = "sum"
target = 1000

[[objectives.key_results]]
key = "fcr"
title = "First contact resolution"
kind = "ratio"
unit = "%"
baseline = 60
target = 80
numerator_label = "resolved first time"
denominator_label = "contacts"

[[objectives.key_results]]
key = "frt"
title = "First response time"
kind = "mean"
unit = "minutes"
direction = "down"
baseline = 40
target = 20

[[objectives.key_results]]
key = "backlog"
title = "Open backlog"
kind = "latest"
direction = "down"
baseline = 400
target = 200

[[objectives.key_results]]
key = "nps"
title = "Net promoter score"
kind = "nps"
unit = "score"
baseline = 20
target = 40

[[objectives]]
id = "ana-quality"
title = "Ana: quality"
owner = "ana"

[[objectives.key_results]]
key = "qa-ana"
title = "QA score"
kind = "mean"
unit = "score"
direction = "at_least"
target = 85
scope = "owner"

[[objectives]]
id = "ben-kb"
title = "Ben: knowledge base"
owner = "ben"

[[objectives.key_results]]
key = "kb-ben"
title = "KB articles"
kind = "sum"
target = 6
scope = "owner"
"""


def make_plan_toml(*, shared: bool = False) -> str:
    return PLAN_TOML.replace("{shared}", "true" if shared else "false")


def make_store(path: Path, *, shared: bool = False) -> Store:
    store = Store(path, create=True)
    with store.transaction(by="test", action="plan") as tx:
        tx.put_plan(parse_plan(make_plan_toml(shared=shared)))
    return store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return make_store(tmp_path / "huddle.json")


@pytest.fixture
def shared_store(tmp_path: Path) -> Store:
    return make_store(tmp_path / "shared.json", shared=True)


@pytest.fixture
def clock() -> Clock:
    return Clock.pinned(TODAY)


def typed(
    kr: str, member: str, day: date = TODAY, *, minutes: int = 0, by: str = "ana", **values: object
) -> Entry:
    """An entry typed at 08:00 UTC today plus `minutes` (so tests control the order)."""
    at = datetime(2026, 11, 23, 8, 0, tzinfo=UTC) + timedelta(minutes=minutes)
    entry = Entry(kr=kr, member=member, date=day, typed_by=by, typed_at=at, **values)  # type: ignore[arg-type]
    check_entry(entry)
    return entry


class LogApp(HuddleApp):
    """The app with the log form open at once, recording what the form returned."""

    def __init__(
        self, store: Store, clock: Clock, *, member_id: str | None = None, os_user: str = "asilva"
    ) -> None:
        super().__init__(
            store, clock, member=member_id, open_log=True, os_user=os_user, poll_interval=60
        )
        self.animation_level = "none"  # repeatable and fast: no smooth scrolling in tests
        self.results: list[LogResult | None] = []

    def logged(self, result: LogResult | None) -> None:
        self.results.append(result)


@pytest.fixture
def log_app(store: Store, clock: Clock) -> Callable[..., LogApp]:
    def make(**kwargs: object) -> LogApp:
        return LogApp(store, clock, **kwargs)  # type: ignore[arg-type]

    return make
