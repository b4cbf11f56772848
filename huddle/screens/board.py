"""The board: header, a card per objective with a row per KR, the focused KR's reason."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from huddle.engine.view import BoardView, KrView, ObjectiveView
from huddle.messages import OpenDetail, Shown
from huddle.present import kr_status_text, reason_text
from huddle.widgets import BoardHeader, KeyResultRow, ObjectiveCard
from huddle.widgets.keys_footer import KeysFooter
from huddle.widgets.kr_row import status_width
from huddle.widgets.reconcile import arrange, free_id, nearest

NO_PLAN = "No plan in this database yet. Load one with `huddle plan load PLAN.toml`."
# Individual (MBO) cards start folded on short terminals so the team's cards fit.
FOLD_BELOW_HEIGHT = 40
# Lines around the cards: the header (2), the reason line and the footer.
CHROME_LINES = 4


def focused_reason(kr: KrView) -> str:
    """`fcr ▲ at risk — 18 pts behind pace (…) · lead's confidence: at risk "note"`."""
    return f"{kr.key} {kr_status_text(kr)} — {reason_text(kr)}"


def first_screenful(cards: list[ObjectiveCard], height: int, *, wide: bool) -> int:
    """How many cards, from the top, can show on a screen `height` lines high.

    A card is its rows plus two border lines (folded: the borders alone). Individual
    cards sit two abreast on a wide screen: each is counted as half, so the count errs
    on the side of more cards, never fewer than the screen shows.
    """
    lines = 0.0
    for count, card in enumerate(cards):
        if lines >= height:
            return count
        rows = 0 if card.collapsed else len(card.objective.key_results)
        lines += (2 + rows) / (2 if wide and not card.objective.is_team else 1)
    return len(cards)


def width_class(width: int) -> str:
    """The breakpoint class for a terminal `width` (see HORIZONTAL_BREAKPOINTS)."""
    return next(
        (name for edge, name in reversed(BoardScreen.HORIZONTAL_BREAKPOINTS) if width >= edge),
        "-narrow",
    )


class BoardScreen(Screen[None]):
    """Home. The app hands down each board (`board_changed`); rows are updated in place."""

    APP_KEYS = True  # q quits and ? opens help here

    # Focus goes to a KR row once the cards exist (not to the scroll container first).
    AUTO_FOCUS = None
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-medium"), (180, "-wide")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        # The focused row's own Enter shadows this one; it is here so that the footer
        # shows "⏎ Detail" in the first frame, before a row has focus.
        Binding("enter", "open_focused", "Detail", id="board.detail"),
        # priority: before the cards' scroll container, which would take the arrows to
        # scroll a board taller than the terminal instead of moving between its KRs.
        Binding("down,j", "move(1)", "Move", key_display="↑↓/jk", id="board.next", priority=True),
        Binding("up,k", "move(-1)", "Move up", show=False, id="board.previous", priority=True),
        Binding("l", "app.log", "Log", id="board.log"),
        Binding("r", "app.at_risk", "At risk", id="board.at_risk"),
        Binding("h", "app.huddle", "Huddle", id="board.huddle"),
        # Shown only from the cycle's last day on, while it is open (`check_action`).
        Binding("c", "close_cycle", "Close cycle", id="board.close"),
        # Not in the footer: at 60 columns it would push ? Help off the line (help lists it).
        Binding("p", "app.proposals", "Propose", show=False, id="board.propose"),
        # Not in the footer either, for the same reason.
        Binding("m", "app.member_page", "Member page", show=False, id="board.member_page"),
    ]

    def __init__(self, width: int = 0) -> None:
        # The width class from the start, so the first layout is already the right one
        # (set later, on the first resize, it would restyle every row once more).
        super().__init__(id="board", classes=width_class(width))
        self.board: BoardView | None = None
        self.shown: Shown | None = None
        self._focused_key: str | None = None
        # The cards in the DOM (or on their way in) by objective id, in the board's order.
        self._cards: dict[str, ObjectiveCard] = {}
        # Cards below the first screenful, mounted right after the first frame.
        self._later: list[ObjectiveCard] = []
        self._no_plan: Static | None = None

    def compose(self) -> ComposeResult:
        board = self.board
        header = BoardHeader()
        header.set_reactive(BoardHeader.board, board)
        header.set_reactive(BoardHeader.live, self.shown.live if self.shown else "")
        yield header
        with VerticalScroll(id="cards", can_focus=False):
            if board is None:
                self._no_plan = Static(NO_PLAN, id="no-plan")
                yield self._no_plan
            else:
                width = status_width(board.key_results())
                cards = [
                    self._new_card(objective, width, f"objective-{objective.id}")
                    for objective in board.objectives
                ]
                count = first_screenful(
                    cards, self.app.size.height - CHROME_LINES, wide=self.has_class("-wide")
                )
                yield from cards[:count]
                self._cards = {card.objective.id: card for card in cards[:count]}
                self._later = cards[count:]
        # The reason of the row that will take focus, so the first frame already has it.
        krs = board.key_results() if board else ()
        yield Static(focused_reason(krs[0]) if krs else "", id="reason", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        if self._later:
            self.call_after_refresh(self._mount_later)
        self._restore_focus()

    def _mount_later(self) -> None:
        later, self._later = self._later, []  # emptied when the plan changed meanwhile
        if later:
            self.query_one("#cards").mount_all(later)
            self._cards.update((card.objective.id, card) for card in later)

    def _new_card(self, objective: ObjectiveView, width: int, card_id: str | None) -> ObjectiveCard:
        """A card as the board starts it: folded on a short terminal (individual ones)."""
        return ObjectiveCard(
            objective,
            collapsed=self.app.size.height < FOLD_BELOW_HEIGHT,
            id=card_id,
            status_width=width,
        )

    def board_changed(self, shown: Shown) -> None:
        """What the app shows now: the header's line, and the board when it (or the file
        it was read from) is new."""
        before, self.shown = self.shown, shown
        if not self.is_mounted or before is None:
            self.board = shown.board  # composed from it
            return
        self.query_one(BoardHeader).live = shown.live
        if shown.file.plan is not (before.file.plan if before else None):
            self.refresh_bindings()
        if shown.board is not before.board or shown.file is not before.file:
            self._show_board(shown.board)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_cycle":
            return self.cycle_over()
        return True

    def cycle_over(self) -> bool:
        """From the cycle's last day on, while it is open: the board offers closing it."""
        board, plan = self.board, self.shown.file.plan if self.shown else None
        return (
            board is not None
            and plan is not None
            and not plan.cycle.closed
            and (board.today >= board.end)
        )

    async def action_close_cycle(self) -> None:
        await self.app.run_action("close_cycle")

    def cards(self) -> list[ObjectiveCard]:
        return list(self._cards.values())

    def rows(self) -> list[KeyResultRow]:
        return [row for card in self._cards.values() for row in card.rows()]

    def row(self, key: str) -> KeyResultRow | None:
        return next((row for row in self.rows() if row.key == key), None)

    def _show_board(self, board: BoardView | None) -> None:
        self.board = board
        self.query_one(BoardHeader).board = board
        if board is None:
            self._show_no_plan()
            return
        cards = self.cards()
        if (
            not self._later
            and [c.objective.id for c in cards] == [o.id for o in board.objectives]
            and all(
                card.can_update(objective)
                for card, objective in zip(cards, board.objectives, strict=True)
            )
        ):
            self._update_cards(board)
            focused = self.focused
            kr = board.kr(focused.key) if isinstance(focused, KeyResultRow) else None
            if kr is not None:  # now, in this frame (the row's Focused message comes later)
                self.show_reason(focused_reason(kr))
            return
        self._follow_plan(board)

    def _update_cards(self, board: BoardView) -> None:
        """Each card its objective, the cards and KRs as they are (rows update in place)."""
        width = status_width(board.key_results())
        for card, objective in zip(self._cards.values(), board.objectives, strict=True):
            card.status_width = width
            for row in card.rows():  # one board-wide width: the columns line up
                row.status_width = width
                row.changed = False  # the rows this change touches mark themselves
            card.objective = objective

    def _follow_plan(self, board: BoardView) -> None:
        """The plan itself changed (objectives or KRs added, removed, re-ordered, ids
        changed), or it changed before the cards below the first screenful were mounted:
        keep the cards of the objectives still here, remove the others, mount new ones,
        in the plan's order; focus stays where it was, or goes to the nearest row left."""
        container = self.query_one("#cards", VerticalScroll)
        if self._no_plan is not None:
            self._no_plan.remove()
            self._no_plan = None
        focused, targets = self.focused, self._target_keys()
        self._later = []
        old, self._cards = self._cards, {}
        width = status_width(board.key_results())
        for objective in board.objectives:
            card = old.get(objective.id)
            if card is None or card.objective.is_team != objective.is_team:
                card_id = free_id(container, f"objective-{objective.id}")
                card = self._new_card(objective, width, card_id)
            self._cards[objective.id] = card
        if focused is not None and not self._keeps(focused, board):
            # Let go of it first: Textual would move focus to the widget before it (from
            # the first row, round to the last card) and scroll there.
            self.set_focus(None, scroll_visible=False)
            self.call_after_refresh(self._focus_nearest, targets, _target_key(focused))
        gone = [card for card in old.values() if card not in self._cards.values()]
        if gone:
            container.remove_children(gone)
        self._update_cards(board)
        arrange(container, self.cards())
        if focused is None:
            self.call_after_refresh(self._focus_nearest, targets, None)

    def _keeps(self, widget: Widget, board: BoardView) -> bool:
        """Whether `widget` (a card or a row) stays on the board that follows `board`."""
        card = widget if isinstance(widget, ObjectiveCard) else widget.parent
        if not isinstance(card, ObjectiveCard):
            return False
        if self._cards.get(card.objective.id) is not card:
            return False
        if isinstance(widget, KeyResultRow):
            objective = next(o for o in board.objectives if o.id == card.objective.id)
            return any(kr.key == widget.key for kr in objective.key_results)
        return True

    def _show_no_plan(self) -> None:
        self._later = []
        container = self.query_one("#cards", VerticalScroll)
        container.remove_children(self.cards())
        self._cards = {}
        if self._no_plan is None:
            self._no_plan = Static(NO_PLAN, id=free_id(container, "no-plan"))
            container.mount(self._no_plan)
        self.show_reason("")

    def _target_keys(self) -> list[str]:
        return [key for target in self.focus_targets() if (key := _target_key(target))]

    def _focus_nearest(self, before: list[str], focused: str | None) -> None:
        """Focus what had focus (by its key), else the nearest of what followed it, else
        of what came before it, else the first row."""
        targets = {key: target for target in self.focus_targets() if (key := _target_key(target))}
        key = nearest(before, focused, targets)
        if key is not None:
            self.set_focus(targets[key])  # in view: it may be a new row where the old was
            return
        self._focused_key = None
        self._restore_focus()

    def _restore_focus(self) -> None:
        key = self._focused_key
        row = self.row(key) if key else None
        if row is None:
            rows = [r for r in self.rows() if r.focusable]
            row = rows[0] if rows else None
        if row is not None and row.focusable:
            # At once (not .focus(), which waits a tick): the footer composes its keys
            # with the row's (⏎ Detail) before the first frame, not a frame later.
            self.set_focus(row, scroll_visible=False)
        else:
            self.show_reason("")

    def show_reason(self, text: str) -> None:
        reason = self.query_one("#reason", Static)
        if reason.content != text:  # a write elsewhere re-focuses the row: often no change
            reason.update(text, layout=False)  # one line, always: no layout pass

    def focus_targets(self) -> list[Widget]:
        """What j/k move between: KR rows, and the individual cards (to fold or unfold).

        Rows of a folded card are left out: they are hidden (a row's `focusable` looks at
        its own display only, not its card's).
        """
        targets: list[Widget] = []
        for card in self._cards.values():
            if card.collapsible and card.focusable:
                targets.append(card)
            if not card.collapsed:
                targets += [row for row in card.rows() if row.focusable]
        return targets

    def action_move(self, step: int) -> None:
        targets = self.focus_targets()
        if not targets:
            return
        focused = self.focused
        if focused in targets:
            index = (targets.index(focused) + step) % len(targets)
        else:
            index = 0 if step > 0 else len(targets) - 1
        # set_focus now (not .focus(), which waits a tick): fast repeated keys each move.
        self.set_focus(targets[index])

    # Keys sent in a burst (auto-repeat, a batching SSH link) move focus several times
    # before the rows' focus messages arrive, and those arrive in no set order: each one
    # only says "look again", and the line explains what has focus now.

    def action_open_focused(self) -> None:
        if isinstance(self.focused, KeyResultRow):
            self.post_message(OpenDetail(self.focused.key))

    @on(KeyResultRow.Focused)
    def _row_focused(self) -> None:
        self._explain_focused()

    @on(KeyResultRow.Selected)
    def _row_selected(self, event: KeyResultRow.Selected) -> None:
        self.post_message(OpenDetail(event.kr.key))

    @on(events.DescendantFocus)
    def _card_focused(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, ObjectiveCard):
            self._explain_focused()

    @on(ObjectiveCard.Toggled)
    def _card_toggled(self) -> None:
        self._explain_focused()

    def _explain_focused(self) -> None:
        focused = self.focused
        if isinstance(focused, KeyResultRow):
            self._focused_key = focused.key
            self.show_reason(focused_reason(focused.kr))
        elif isinstance(focused, ObjectiveCard):
            objective = focused.objective
            action = "Enter shows its key results" if focused.collapsed else "Enter folds it"
            self.show_reason(f"{objective.title} ({objective.owner_name}) — {action}")


def _target_key(widget: Widget | None) -> str | None:
    """What a focus target stands for, across a plan change: a KR, or a card's objective."""
    if isinstance(widget, KeyResultRow):
        return f"kr:{widget.key}"
    if isinstance(widget, ObjectiveCard):
        return f"objective:{widget.objective.id}"
    return None
