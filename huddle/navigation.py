"""The app's keys that open screens over the board, and how every screen gets its data.

Mixed into `HuddleApp`: nothing here reads the store. What the app shows (`Shown`) is
handed down to each screen that `FollowsBoard`: when it is pushed (before it composes)
and, while it is on the stack, whenever the app shows something new (`show`). No screen
watches the app: a screen that watched it stayed alive (with its thousands of widgets'
objects) until the board next changed, and a lead opening detail after detail in a
quiet hour piled them up. KR details, which take a worker to compute, come down the same
way, to the screen that asked for them (`FollowsDetails`), and so does a member's page
(`FollowsReview`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec.structs import replace
from textual import on
from textual.app import App
from textual.screen import Screen

from huddle.messages import (
    FollowsBoard,
    FollowsDetails,
    FollowsReview,
    OpenDetail,
    ShowAgain,
    Shown,
)

if TYPE_CHECKING:
    from huddle.domain.clock import Clock
    from huddle.engine.detail import KrDetail
    from huddle.engine.member_page import MemberPage
    from huddle.engine.view import BoardView
    from huddle.reading.board_state import BoardState


DETAIL = "kr-detail"


class ScreenNavigation(App[None]):
    """Board, KR detail, at risk, huddle mode and help; `q` and `?` where a screen allows."""

    state: BoardState  # what the board shows (set by the app)
    shown: Shown  # what goes down to the screens (set by the app)
    clock: Clock
    os_user: str

    # -- data down

    @property
    def board(self) -> BoardView | None:
        return self.shown.board

    @property
    def live(self) -> str:
        return self.shown.live

    def show(self, shown: Shown, *, details: bool = True) -> None:
        """Show `shown`: hand it to every screen on the stack (and, unless `details` is
        False, compute again the KR details they show)."""
        self.shown = shown
        for screen in self.screen_stack:
            self.hand_down(screen, details=details)

    def hand_down(self, screen: Screen[Any], *, details: bool = True) -> None:
        if isinstance(screen, FollowsBoard):
            screen.board_changed(self.shown)
        if details and isinstance(screen, FollowsDetails | FollowsReview):
            # Once the frame is out, so that computing them (in a worker, holding the GIL
            # at times) does not slow the screen's own paint.
            self.call_after_refresh(self._ask_details, screen)

    def push_screen(self, screen: Screen[Any] | str, *args: Any, **kwargs: Any) -> Any:
        """Every screen is pushed with what the app shows now."""
        self.hand_down(self.get_screen(screen) if isinstance(screen, str) else screen)
        return super().push_screen(screen, *args, **kwargs)

    def _ask_details(self, screen: Screen[Any]) -> None:
        if screen not in self.screen_stack:
            return
        if isinstance(screen, FollowsDetails):
            for key in screen.details_wanted():
                self.compute_detail(screen, key, self.state)
        if isinstance(screen, FollowsReview):
            self.compute_page(screen, screen.review_wanted(), self.state)

    @on(ShowAgain)
    def _show_again(self, event: ShowAgain) -> None:
        if isinstance(event.screen, Screen):
            self._ask_details(event.screen)

    def compute_detail(self, screen: FollowsDetails, key: str, state: BoardState) -> object:
        """Compute KR `key`'s detail in `state`, in a worker, for `hand_detail` (the app)."""
        raise NotImplementedError

    def hand_detail(
        self, screen: FollowsDetails, state: BoardState, detail: KrDetail | None, key: str
    ) -> None:
        """A detail computed from `state`, handed to the screen that asked for it, unless
        the app shows a newer state (whose details are on their way)."""
        if state is self.state:
            screen.board_changed(replace(self.shown, details={key: detail}))

    def compute_page(self, screen: FollowsReview, member: str, state: BoardState) -> object:
        """Compute `member`'s page in `state`, in a worker, for `hand_page` (the app)."""
        raise NotImplementedError

    def hand_page(
        self, screen: FollowsReview, state: BoardState, page: MemberPage | None, member: str
    ) -> None:
        """A member's page computed from `state`, handed to the screen that asked for it,
        unless the app shows a newer state (whose page is on its way)."""
        if state is self.state:
            screen.board_changed(replace(self.shown, pages={member: page}))

    def open_screens(self) -> list[Screen[Any]]:
        """The screens on the stack, and huddle mode kept aside while the huddle goes on."""
        from huddle.screens.huddle_mode import SCREEN_NAME

        screens = list(self.screen_stack)
        if self.is_screen_installed(SCREEN_NAME):
            kept = self.get_screen(SCREEN_NAME)
            if kept not in screens:
                screens.append(kept)
        return screens

    # -- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only where a screen says so (not on the log form, where q and ? may be typed).
        if action in ("quit", "help"):
            return bool(getattr(self.screen, "APP_KEYS", False))
        return True

    def prepare_detail(self) -> None:
        """Build the one KR detail screen before the first Enter (the app, once idle), so
        that the first KR opened is drawn as soon as the others."""
        from huddle.screens.detail import KrDetailScreen
        from huddle.widgets.textual_compat import mount_ahead

        if not self.is_screen_installed(DETAIL):
            self.install_screen(KrDetailScreen(""), DETAIL)  # its KR comes with Enter
        mount_ahead(self, self.get_screen(DETAIL))

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

        self.push_screen(AtRiskScreen())

    def action_huddle(self) -> None:
        from huddle.screens.huddle_mode import open_huddle_mode

        open_huddle_mode(self, self.clock, self.os_user)

    def action_close_cycle(self) -> None:
        from huddle.screens.close import CloseScreen

        if not isinstance(self.screen, CloseScreen):
            self.push_screen(CloseScreen(self.os_user))

    def action_setup(self) -> None:
        from huddle.screens.setup import SetupScreen

        if not isinstance(self.screen, SetupScreen):
            self.push_screen(SetupScreen(self.os_user))

    def action_proposals(self) -> None:
        """p: a lead's proposals screen; a member's proposal form (his returned proposal
        to revise, when there is one, else a new one)."""
        from huddle.domain.proposal import proposals_of
        from huddle.domain.roles import Actor
        from huddle.screens.proposal_form import ProposalForm
        from huddle.screens.proposals import ProposalsScreen

        actor = Actor.of(self.shown.file.plan, self.os_user)
        if actor.is_lead:
            self.push_screen(ProposalsScreen())
        elif actor.member is None:
            self.notify(
                f"OS user '{self.os_user}' is no member of the team: only members propose.",
                severity="warning",
                markup=False,
            )
        else:
            proposals = proposals_of(self.shown.file.proposals)
            mine = [p for p in proposals if p.member == actor.member_id]
            returned = next((p for p in reversed(mine) if p.status == "returned"), None)
            self.push_screen(ProposalForm(returned))

    def action_member_page(self) -> None:
        """m: a lead picks a member, then sees his page; a member sees his own page."""
        from huddle.domain.roles import Actor
        from huddle.screens.member_page import MemberPageScreen
        from huddle.screens.member_picker import MemberPicker

        actor = Actor.of(self.shown.file.plan, self.os_user)
        if actor.is_lead:

            def open_page(member: str | None) -> None:
                if member is not None:
                    self.push_screen(MemberPageScreen(member, self.os_user))

            self.push_screen(MemberPicker(), open_page)
        elif actor.member is None:
            self.notify(
                f"OS user '{self.os_user}' is no member of the team: no page of his own.",
                severity="warning",
                markup=False,
            )
        else:
            self.push_screen(MemberPageScreen(actor.member.id, self.os_user))

    def action_help(self) -> None:
        from huddle.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
