"""Plans, entries and databases for tests: one home for what every layer's tests build."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from huddle.domain.entry import Entry
from huddle.domain.permissions import current_os_user
from huddle.store.store import Store


def append_entries(store: Store, entries: Sequence[Entry], *, by: str = "test") -> None:
    """Append entries in one transaction, as the store's own tests need (no permissions)."""
    noun = "entry" if len(entries) == 1 else "entries"
    with store.transaction(by=by, action=f"log {len(entries)} {noun}") as tx:
        tx.add_entries(entries)


def let_this_os_user_import(path: Path) -> None:
    """Name the OS user running the tests a feed user of the plan stored at `path` (set
    up directly in the file, as a lead's `plan load` would)."""
    store = Store(path)
    plan = store.read().plan
    assert plan is not None
    team = dataclasses.replace(plan.team, feed_users=(current_os_user(),))
    with store.transaction(by="test", action="setup") as tx:
        tx.put_plan(dataclasses.replace(plan, team=team))
