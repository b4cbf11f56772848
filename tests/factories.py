"""Plans, entries and databases for tests: one home for what every layer's tests build."""

from __future__ import annotations

from collections.abc import Sequence

from huddle.domain.entry import Entry
from huddle.store.store import Store


def append_entries(store: Store, entries: Sequence[Entry], *, by: str = "test") -> None:
    """Append entries in one transaction, as the store's own tests need (no permissions)."""
    noun = "entry" if len(entries) == 1 else "entries"
    with store.transaction(by=by, action=f"log {len(entries)} {noun}") as tx:
        tx.add_entries(entries)
