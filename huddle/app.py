"""The Textual app: wires the store and the clock to the screens; keeps the board live.

A timer stats the file every `poll_interval`; when it changed (or today moved on), a
thread worker re-reads it and rebuilds the BoardView, and the screens update in place.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from huddle.clock import Clock
from huddle.engine import build_board
from huddle.errors import HuddleError
from huddle.screens.board import BoardScreen
from huddle.store import Store, WriteInfo
from huddle.view import BoardView

if TYPE_CHECKING:
    from textual.command import Provider

LOG_UNAVAILABLE = "logging form not available"


def live_text(info: WriteInfo | None, today: date) -> str:
    """`● live · file changed 09:12 by ana (log)`, in local time; the date if not today."""
    if info is None:
        return "● live · no writes yet"
    at = info.at.astimezone()
    when = at.strftime("%H:%M") if at.date() == today else at.strftime("%Y-%m-%d %H:%M")
    return f"● live · file changed {when} by {info.by} ({info.action})"


def huddle_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from huddle.screens.palette import HuddleCommands

    return HuddleCommands


class HuddleApp(App[None]):
    """The huddle board on one database file."""

    # Absolute, so that subclasses defined elsewhere (tests, bench) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "huddle"
    COMMANDS = App.COMMANDS | {huddle_commands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    board: reactive[BoardView | None] = reactive[BoardView | None](None, init=False)
    live: reactive[str] = reactive("", init=False)

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        poll_interval: float = 0.5,
        member: str | None = None,
        open_log: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.poll_interval = poll_interval
        self.member = member
        self.open_log = open_log
        self._refreshing = False
        # The store has read the file already: the first board is ready before the
        # first frame, so the board screen composes its cards in one pass.
        board, self._seen_write, self._today = self._read()
        self.set_reactive(HuddleApp.board, board)
        self.set_reactive(HuddleApp.live, live_text(self._seen_write, self._today))

    # -- start and live refresh

    def get_default_screen(self) -> BoardScreen:
        return BoardScreen(self.size.width)

    def on_mount(self) -> None:
        self.set_interval(self.poll_interval, self._poll, name="poll")
        if self.open_log:
            self.action_log()

    def _read(self) -> tuple[BoardView | None, WriteInfo | None, date]:
        """One consistent read of the file and the board it makes (any thread)."""
        today = self.clock.today()
        snapshot = self.store.snapshot()
        board = None
        if snapshot.plan is not None:
            board = build_board(snapshot.plan, snapshot.entries, snapshot.changes, today)
        return board, snapshot.last_write, today

    def _apply(self, board: BoardView | None, info: WriteInfo | None, today: date) -> None:
        self._today = today
        self._seen_write = info
        self.board = board
        self.live = live_text(info, today)
        self._refreshing = False

    def _poll(self) -> None:
        if self._refreshing:
            return
        try:
            changed = self.store.has_changed()
            # A write by this process (the log form) leaves the stat as the store last saw it.
            changed = changed or self._own_write()
        except (HuddleError, OSError) as error:  # mid-replace, removed, unreadable
            self._failed(error)
            return
        if changed or self.clock.today() != self._today:
            self.reload()

    def _own_write(self) -> bool:
        return self.store.last_write() != self._seen_write

    def reload(self) -> None:
        """Re-read the file and rebuild the board off the UI thread."""
        self._refreshing = True
        self._reload()

    @work(thread=True, group="refresh", exit_on_error=False)
    def _reload(self) -> None:
        try:
            result = self._read()
        except Exception as error:  # whatever it is, the board must keep polling
            self.call_from_thread(self._failed, error)
            return
        self.call_from_thread(self._apply, *result)

    def _failed(self, error: Exception) -> None:
        self._refreshing = False
        self.live = f"⚠ cannot read the file: {error}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only where a screen says so (not on the log form, where q and ? may be typed).
        if action in ("quit", "help"):
            return bool(getattr(self.screen, "APP_KEYS", False))
        return True

    # -- screens

    def open_detail(self, key: str) -> None:
        from huddle.screens.detail import KrDetailScreen

        self.push_screen(KrDetailScreen(key))

    def action_board(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_at_risk(self) -> None:
        from huddle.screens.at_risk import AtRiskScreen

        self.push_screen(AtRiskScreen())

    def action_huddle(self) -> None:
        from huddle.screens.huddle_mode import HuddleModeScreen

        self.push_screen(HuddleModeScreen())

    def action_help(self) -> None:
        from huddle.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_log(self) -> None:
        try:
            from huddle.screens.log import LogScreen
        except ImportError:
            self.notify(LOG_UNAVAILABLE, severity="warning")
            return
        self.push_screen(LogScreen(self.store, self.clock, member_id=self.member), self._logged)

    def _logged(self, result: object) -> None:
        from huddle.screens.log import LogResult

        if self._refreshing:  # the poll re-reads after it if the save came too late for it
            return
        if isinstance(result, LogResult) and result.today == self.clock.today():
            self._apply(result.board, result.last_write, result.today)  # computed by the form
        else:
            self.reload()
