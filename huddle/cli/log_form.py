"""`huddle log [KEY]` without a VALUE: the log form (of one KR with KEY), and back to the
shell once it is saved or cancelled, saying what was saved.

`LogFormApp` is made on first use (PEP 562): importing this module loads no Textual, as
no module of the command line does until a command opens the app.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from huddle.app import HuddleApp


def __getattr__(name: str) -> Any:
    if name == "LogFormApp":
        return _log_form_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _log_form_app() -> type[HuddleApp]:
    from huddle.app import HuddleApp
    from huddle.domain.clock import Clock
    from huddle.screens.log import LogResult
    from huddle.store.store import Store

    class LogFormApp(HuddleApp):
        """The app with the log form open; it quits when the form closes."""

        def __init__(
            self, store: Store, clock: Clock, *, member: str | None, key: str | None
        ) -> None:
            super().__init__(store, clock, member=member, open_log=True)
            self.key = key
            self.result: LogResult | None = None

        def action_log(self) -> None:
            self.push_screen(self.log_form(only=self.key), self.logged)

        def logged(self, result: LogResult | None) -> None:
            self.result = result
            self.exit()

    return LogFormApp
