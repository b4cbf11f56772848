"""The app's keys that open screens over the board, and how those screens follow it.

Mixed into `HuddleApp`: nothing here reads the store. Screens over the board are handed
each new board by `watch_board` rather than watching the app themselves: a screen that
watches the app stays alive (with its thousands of widgets' objects) until the board
next changes, and a lead opening detail after detail in a quiet hour piled them up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import App

from huddle.messages import FollowsBoard, OpenDetail

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.engine.view import BoardView
    from huddle.reading.board_state import BoardState


DETAIL = "kr-detail"


class ScreenNavigation(App[None]):
    """Board, KR detail, at risk, huddle mode and help; `q` and `?` where a screen allows."""

    state: BoardState  # what the board shows (set by the app)
    clock: Clock
    os_user: str

    def watch_board(self, board: BoardView | None) -> None:
        for screen in self.screen_stack[1:]:
            if isinstance(screen, FollowsBoard):
                screen.board_changed(board)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only where a screen says so (not on the log form, where q and ? may be typed).
        if action in ("quit", "help"):
            return bool(getattr(self.screen, "APP_KEYS", False))
        return True

    @on(OpenDetail)
    def open_detail(self, event: OpenDetail) -> None:
        from huddle.screens.detail import KrDetailScreen

        # One detail screen, kept and reused: a new one per KR left its ~10,000 objects
        # of widgets to Python's cyclic collector, whose full passes (50-100 ms at a year
        # of data) then held the UI thread while a lead went from KR to KR.
        if not self.is_screen_installed(DETAIL):
            self.install_screen(KrDetailScreen(event.key), DETAIL)
        screen = self.get_screen(DETAIL, KrDetailScreen)
        if screen in self.screen_stack:  # open below (at risk over a detail): one more
            self.push_screen(KrDetailScreen(event.key))
            return
        screen.show_key(event.key)
        self.push_screen(screen)

    def action_board(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_at_risk(self) -> None:
        from huddle.screens.at_risk import AtRiskScreen

        self.push_screen(AtRiskScreen(self.state.board))

    def action_huddle(self) -> None:
        from huddle.screens.huddle_mode import open_huddle_mode

        open_huddle_mode(self, lambda: self.state.snapshot, self.clock, self.os_user)

    def action_help(self) -> None:
        from huddle.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            plan = self.state.snapshot.plan
            self.push_screen(HelpScreen(plan.team if plan else None))
