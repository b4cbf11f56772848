"""The Textual app: the one store client of the UI; screens get data and post messages.

A timer stats the file every `poll_interval`; when it changed (or today moved on), a
thread worker re-reads what changed and evaluates the board again from the cycle's fold
(`huddle.reading.board_state`). Saves and the KR detail run in workers too.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from huddle.collector import keep_full_collections_short
from huddle.domain.clock import Clock
from huddle.domain.errors import HuddleError
from huddle.engine.view import BoardView
from huddle.messages import DetailWanted, WriteRequest
from huddle.navigation import ScreenNavigation
from huddle.present import live_text
from huddle.reading.board_state import BoardState, board_state
from huddle.screens.board import BoardScreen
from huddle.store.os_user import current_os_user
from huddle.store.store import Store
from huddle.widgets.textual_compat import CrashKeepingApp

if TYPE_CHECKING:
    from textual.command import Provider

    from huddle.screens.log import LogResult, LogScreen


def huddle_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from huddle.screens.palette import HuddleCommands

    return HuddleCommands


class HuddleApp(CrashKeepingApp, ScreenNavigation):
    """The huddle board on one database file."""

    # Absolute, so that subclasses defined elsewhere (tests, bench) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "huddle"
    COMMANDS: ClassVar = {huddle_commands}  # it lists Textual's system commands too

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

    # always_update: a write that leaves the numbers as they were still changes the detail.
    # The screens watch these and repaint what changed: no repaint of the whole screen.
    board: reactive[BoardView | None] = reactive[BoardView | None](
        None, init=False, always_update=True, repaint=False
    )
    live: reactive[str] = reactive("", init=False, repaint=False)

    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        poll_interval: float = 0.5,
        member: str | None = None,
        open_log: bool = False,
        os_user: str | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.poll_interval = poll_interval
        self.member = member
        self.open_log = open_log
        self.os_user = os_user or current_os_user()
        # The store has read the file already: the first board is ready before the
        # first frame, so the board screen composes its cards in one pass.
        self.state = board_state(store.latest, clock.today())  # what the board now shows
        self.set_reactive(HuddleApp.board, self.state.board)
        self.set_reactive(HuddleApp.live, live_text(store.latest, clock.today()))

    def _apply(self, state: BoardState) -> None:
        """Show a state's board, unless a newer snapshot is already in the store."""
        if state.snapshot is not self.store.latest:
            return
        self.state = state
        self.board = state.board
        self.live = live_text(state.snapshot, self.clock.today())

    def get_default_screen(self) -> BoardScreen:
        return BoardScreen(self.board, self.live, self.size.width)

    def on_mount(self) -> None:
        self.set_interval(self.poll_interval, self._poll, name="poll")
        self.call_after_refresh(self._warm_month)
        keep_full_collections_short(self)
        if self.open_log:
            self.action_log()

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm_month(self) -> None:  # after the first frame: the log form finds it decoded
        self.store.latest.month_of(self.clock.today())

    def _poll(self) -> None:
        if self.workers and any(w.group == "refresh" and w.is_running for w in self.workers):
            return
        # A write by this process leaves the file as the store saw it, but not as shown.
        stale = self.store.latest is not self.state.snapshot or self.store.has_changed()
        if stale or (self.board and self.board.today != self.clock.today()):
            self.reload()

    @work(thread=True, group="refresh", exit_on_error=False)
    def reload(self) -> None:
        """Re-read what changed in the file and evaluate the board again (off the UI thread)."""
        state = board_state(self.store.read(), self.clock.today(), self.state)
        self.call_from_thread(self._apply, state)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            if event.worker.group == "refresh":  # mid-replace, removed, unreadable
                self.live = f"⚠ cannot read the file: {error}"
            else:
                self.notify(str(error), title="Failed", severity="error", markup=False)

    # -- the KR detail

    @on(DetailWanted)
    @work(thread=True, group="detail", exit_on_error=False)
    def _compute_detail(self, event: DetailWanted) -> None:
        """The detail of the board now shown, from the series it was evaluated from."""
        from huddle.engine.detail import build_detail

        snapshot, series, board = (state := self.state).snapshot, state.series, state.board
        if snapshot.plan is None or board is None:
            return
        detail = build_detail(
            snapshot.plan,
            snapshot.cycle_entries(),
            snapshot.changes,
            event.key,
            board.today,
            series=series.get(event.key),
            os_user=self.os_user,
        )
        self.call_from_thread(event.screen.show_detail, detail)

    # -- logging

    def action_log(self) -> None:
        self.push_screen(self.log_form(), self.logged)

    def log_form(self, only: str | None = None) -> LogScreen:
        """The log form (of KR `only`), looking up what counts in the file as it is now
        (decoding the one month a date asks for)."""
        from huddle.screens.log import LogScreen

        latest, today = self.store.latest, self.clock.today()
        recent = latest.entries_in_months_of((today, today - timedelta(days=today.day)))
        return LogScreen(
            latest.plan,
            lambda member, day: self.store.latest.counting_entries(member, day),
            self.clock,
            self.os_user,
            self.member,
            only=only,
            recent=recent,
        )

    def logged(self, result: LogResult | None) -> None:
        """The log form closed (`result`: what it saved, None when cancelled); tests hook in."""

    @on(WriteRequest)
    @work(thread=True, group="save", exit_on_error=False)
    def _write(self, event: WriteRequest) -> None:
        try:
            snapshot = event.write(self.store, os_user=self.os_user, clock=self.clock)
        except HuddleError as error:
            self.call_from_thread(event.reply_to.write_failed, error)
            return
        state = board_state(snapshot, self.clock.today(), self.state)  # the fold, advanced
        self.call_from_thread(self._apply, state)
        if state.board is not None:
            self.call_from_thread(event.reply_to.write_done, state.board)
