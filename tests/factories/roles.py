"""Roles for tests that run commands as the OS user running the tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from huddle.store.os_user import current_os_user
from huddle.store.store import Store


def let_this_os_user_import(path: Path) -> None:
    """Name the OS user running the tests a feed user of the plan stored at `path` (set
    up directly in the file, as a lead's `plan load` would)."""
    store = Store(path)
    plan = store.read().plan
    assert plan is not None
    team = dataclasses.replace(plan.team, feed_users=(current_os_user(),))
    with store.transaction(by="test", action="setup") as tx:
        tx.put_plan(dataclasses.replace(plan, team=team))
