"""Messages the screens post up to the app, which alone talks to the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from textual.message import Message

from huddle.domain.entry import Entry

if TYPE_CHECKING:
    from huddle.engine.detail import KrDetail
    from huddle.screens.log import LogScreen


class DetailShower(Protocol):
    def show_detail(self, detail: KrDetail | None) -> None: ...


class OpenDetail(Message):
    """Show the detail of the KR `key`."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class LogSubmitted(Message):
    """The log form asks for its entries to be saved, in one transaction.

    The app answers the form: `form.save_done(board)` or `form.save_failed(error)`.
    """

    def __init__(self, form: LogScreen, entries: Sequence[Entry]) -> None:
        super().__init__()
        self.form = form
        self.entries = tuple(entries)


class DetailWanted(Message):
    """A detail screen needs the detail of `key` computed for the board now shown."""

    def __init__(self, screen: DetailShower, key: str) -> None:
        super().__init__()
        self.screen = screen
        self.key = key
