"""What the log form's pilot tests do with the form: fill a field, read a message, seed
the file, wait."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Static

from huddle.domain.entry import Entry
from huddle.engine.board import build_board
from huddle.store.store import Store
from tests.factories.logging_team import TODAY


async def fill(pilot: Pilot[None], selector: str, text: str) -> None:
    """Focus an input and put `text` in it, as a paste would (each pilot key costs ~60 ms;
    typing key by key is what the full-day test does)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    await pilot.pause()


def shown(pilot: Pilot[None], selector: str) -> str:
    """The text a Static of the form shows (a message beside a field, the status line)."""
    return str(pilot.app.screen.query_one(selector, Static).render())


def board_value(store: Store, key: str) -> float | None:
    """KR `key`'s team value as the board computes it from the file."""
    snapshot = store.read()
    assert snapshot.plan is not None
    view = build_board(snapshot.plan, snapshot.entries, snapshot.changes, TODAY).kr(key)
    assert view is not None
    return view.current


def seed(store: Store, *entries: Entry) -> None:
    """Entries in the file before (or while) the form is open, as another process writes."""
    with store.transaction(by="test", action="seed") as tx:
        tx.add_entries(list(entries))


async def settle(pilot: Pilot[None]) -> None:
    """Let the app's workers (saves) finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
