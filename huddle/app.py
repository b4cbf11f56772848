"""The Textual app: the UI's one store client. Data goes down, writes come up.

A timer stats the file every `poll_interval`; when it changed (or today moved on), a
thread worker re-reads what changed and evaluates the board again from the cycle's fold
(`huddle.reading.board_state`). What the app shows goes down to the screens
(`huddle.navigation`); a screen's write comes up through `write`, which runs the service
function in a worker and answers the screen (`huddle.messages`). KR details are computed
in workers too.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from msgspec.structs import replace
from textual import on, work
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState, get_current_worker

from huddle.collector import keep_full_collections_short
from huddle.domain.clock import Clock
from huddle.domain.errors import HuddleError
from huddle.key_order import KeysInOrder
from huddle.messages import (
    FollowsDetails,
    FollowsReview,
    HoldsTyping,
    Shown,
    WriteDone,
    WriteFailed,
)
from huddle.navigation import ScreenNavigation
from huddle.present import live_text
from huddle.reading.board_state import BoardState, board_state
from huddle.screens.board import BoardScreen
from huddle.store.os_user import current_os_user
from huddle.store.store import Store
from huddle.widgets.textual_compat import CrashKeepingApp

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.message_pump import MessagePump

    from huddle.domain.plan import Plan
    from huddle.engine.member_page import MemberPage
    from huddle.screens.log import LogResult, LogScreen

# How long quitting waits for what was being typed to be saved: a write takes
# milliseconds; this much covers a store lock held by another writer for a moment, and
# still ends well before a hung-up session is killed outright.
SAVE_BEFORE_QUIT = 2.0
# Seconds after start when the KR detail screen is built ahead (`prepare_detail`): after
# the board's first frames, before a person is likely to press Enter.
PREPARE_AFTER = 0.3


def huddle_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from huddle.screens.palette import HuddleCommands

    return HuddleCommands


class HuddleApp(CrashKeepingApp, KeysInOrder, ScreenNavigation):
    """The huddle board on one database file."""

    # Absolute, so that subclasses defined elsewhere (tests, bench) find it too.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "huddle"
    COMMANDS: ClassVar = {huddle_commands}  # it lists Textual's system commands too

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    ]

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
        self.shown = self._shown(self.state)

    def _apply(self, state: BoardState) -> None:
        """Show a state, unless a newer snapshot is already in the store or it shows
        nothing new (a write and a refresh can bring the same snapshot)."""
        if state.snapshot is not self.store.latest:
            return
        shown, before = self._shown(state), self.shown
        if shown.file is before.file and shown.board is before.board and shown.live == before.live:
            return
        self.state = state
        self.show(shown)

    def _shown(self, state: BoardState) -> Shown:
        return Shown(state.board, live_text(state.snapshot, self.clock.today()), state.snapshot)

    def get_default_screen(self) -> BoardScreen:
        screen = BoardScreen(self.size.width)
        self.hand_down(screen)
        return screen

    def on_mount(self) -> None:
        self.set_interval(self.poll_interval, self._poll, name="poll")
        self.call_after_refresh(self._warm_month)
        self.set_timer(PREPARE_AFTER, self.prepare_detail)
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
                live = f"⚠ cannot read the file: {error}"
                if live != self.shown.live:
                    self.show(replace(self.shown, live=live), details=False)
            else:
                self.notify(str(error), title="Failed", severity="error", markup=False)

    # -- the KR details

    @work(thread=True, group="detail", exit_on_error=False)
    def compute_detail(self, screen: FollowsDetails, key: str, state: BoardState) -> None:
        """The detail of KR `key` in `state`, from the series its board was evaluated from."""
        from huddle.engine.detail import build_detail

        snapshot, series, board = state.snapshot, state.series, state.board
        if snapshot.plan is None or board is None:
            return
        detail = build_detail(
            snapshot.plan,
            snapshot.cycle_entries(),
            snapshot.changes,
            key,
            board.today,
            series=series.get(key),
            os_user=self.os_user,
        )
        self.call_from_thread(self.hand_detail, screen, state, detail, key)

    # -- a member's page

    @work(thread=True, group="page", exit_on_error=False)
    def compute_page(self, screen: FollowsReview, member: str, state: BoardState) -> None:
        """`member`'s page in `state`: his review (and his day when he is the one looking);
        a lead also gets the private notes, read through the service."""
        from huddle.domain.roles import Actor
        from huddle.engine.member_page import member_page

        snapshot, board = state.snapshot, state.board
        plan = snapshot.plan
        if plan is None or board is None:
            return
        found = plan.member(member)
        page = None
        if found is not None:
            actor = Actor.of(plan, self.os_user)
            page = member_page(
                plan,
                board,
                snapshot.cycle_entries(),
                snapshot.huddle,
                snapshot.feedback,
                found,
                board.today,
                own=actor.member_id == member,
            )
            if actor.is_lead and plan.team.private_dir is not None:
                page = self._with_private_notes(page, plan, member)
        self.call_from_thread(self.hand_page, screen, state, page, member)

    def _with_private_notes(self, page: MemberPage, plan: Plan, member: str) -> MemberPage:
        from huddle.service.feedback import read_private_notes

        try:
            notes = read_private_notes(plan, member, os_user=self.os_user)
        except HuddleError as error:
            return replace(page, private_problem=str(error))
        return replace(page, private=notes)

    # -- quitting

    async def action_quit(self) -> None:
        """q, SIGTERM, SIGHUP: what is being typed is saved first (a bounded wait)."""
        screens = [s for s in self.open_screens() if isinstance(s, HoldsTyping)]
        for screen in screens:
            screen.save_typing()
        deadline = time.monotonic() + SAVE_BEFORE_QUIT
        while any(s.saving for s in screens) and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        self.exit()

    # -- logging

    def action_log(self) -> None:
        self.push_screen(self.log_form(), self.logged)

    def log_form(self, only: str | None = None) -> LogScreen:
        """The log form (of KR `only`); what it shows comes down when it is pushed."""
        from huddle.screens.log import LogScreen

        return LogScreen(self.clock, self.os_user, self.member, only=only)

    def logged(self, result: LogResult | None) -> None:
        """The log form closed (`result`: what it saved, None when cancelled); tests hook in."""

    # -- writes

    @work(thread=True, group="save", exit_on_error=False)
    def write(
        self, asker: MessagePump, service: Callable[..., object], /, *args: Any, **kwargs: Any
    ) -> None:
        """Run `service(store, *args, os_user=…, clock=…, **kwargs)` (one store transaction)
        in a worker, show the file as it then is, and answer `asker`: `WriteDone` or
        `WriteFailed`. Not exclusive: the store's lock puts concurrent writes in turn."""
        worker = get_current_worker()
        try:
            service(self.store, *args, os_user=self.os_user, clock=self.clock, **kwargs)
        except Exception as error:
            self._show_latest()  # what a refused write found (someone logged meanwhile)
            asker.post_message(WriteFailed(worker, error))
            if not isinstance(error, HuddleError):
                raise  # not a refusal: the "Failed" notice as well
            return
        state = self._show_latest()  # the fold, advanced
        asker.post_message(WriteDone(worker, state.board))

    def _show_latest(self) -> BoardState:
        """Show the file as this store last read or wrote it (called from a worker)."""
        state = board_state(self.store.latest, self.clock.today(), self.state)
        self.call_from_thread(self._apply, state)
        return state
