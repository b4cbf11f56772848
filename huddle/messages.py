"""Messages the screens post up to the app, which alone talks to the store.

A screen that wants something written posts a `WriteRequest`: the app runs its `write`
in a thread worker (one store transaction, roles judged by the service inside it),
shows the new board, and answers the screen through `write_done` or `write_failed`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from textual.message import Message

from huddle.domain.entry import Entry

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.domain.errors import HuddleError
    from huddle.engine.detail import KrDetail
    from huddle.engine.view import BoardView
    from huddle.store.format import Snapshot
    from huddle.store.store import Store


class DetailShower(Protocol):
    def show_detail(self, detail: KrDetail | None) -> None: ...


class WriteReplies(Protocol):
    """What a screen that asks for a write hears back (on the UI thread)."""

    def write_done(self, board: BoardView) -> None: ...

    def write_failed(self, error: HuddleError) -> None: ...


class WriteRequest(Message):
    """A screen asks the app to write; subclasses say what, in `write` (a service call)."""

    def __init__(self, reply_to: WriteReplies) -> None:
        super().__init__()
        self.reply_to = reply_to

    def write(self, store: Store, *, os_user: str, clock: Clock) -> Snapshot:
        """Do the write (in a worker thread); the file as written."""
        raise NotImplementedError


class OpenDetail(Message):
    """Show the detail of the KR `key`."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class LogSubmitted(WriteRequest):
    """The log form asks for its entries to be saved, in one transaction; `seen` is what
    it showed as counting for each (kr, member, date), checked again at the save."""

    def __init__(
        self,
        form: WriteReplies,
        entries: Sequence[Entry],
        seen: Mapping[tuple[str, str, date], Entry | None] | None = None,
    ) -> None:
        super().__init__(form)
        self.entries = tuple(entries)
        self.seen = dict(seen or {})

    def write(self, store: Store, *, os_user: str, clock: Clock) -> Snapshot:
        from huddle.service.log import log_entries

        return log_entries(
            store, self.entries, actor_os_user=os_user, clock=clock, seen=self.seen
        )


class DetailWanted(Message):
    """A detail screen needs the detail of `key` computed for the board now shown."""

    def __init__(self, screen: DetailShower, key: str) -> None:
        super().__init__()
        self.screen = screen
        self.key = key
