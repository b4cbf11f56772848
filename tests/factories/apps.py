"""The app as the TUI tests drive it (only the TUI tests import this: it loads Textual)."""

from __future__ import annotations

from huddle.app import HuddleApp
from huddle.domain.clock import Clock
from huddle.screens.log import LogResult
from huddle.store.store import Store


class LogApp(HuddleApp):
    """The app with the log form open at once, recording what the form returned."""

    def __init__(
        self, store: Store, clock: Clock, *, member_id: str | None = None, os_user: str = "asilva"
    ) -> None:
        super().__init__(
            store, clock, member=member_id, open_log=True, os_user=os_user, poll_interval=60
        )
        self.results: list[LogResult | None] = []

    def logged(self, result: LogResult | None) -> None:
        self.results.append(result)
