"""The at-risk list: KRs off track, at risk or stale, worst first, each with its reason."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from huddle.engine.attention import attention_order
from huddle.engine.view import BoardView, KrView
from huddle.messages import OpenDetail
from huddle.present import reason_text, status_text, value_text
from huddle.widgets.keys_footer import KeysFooter

NOTHING_AT_RISK = "Nothing is at risk, off track or stale. ✓"

REASON_INDENT = 3


def describe(kr: KrView, owner_names: dict[str, str]) -> Group:
    """Status, key, title (owner for MBO KRs), value; below, indented, the reason.

    The reason wraps under itself (a hanging indent), not back to the first column.
    """
    owner = "" if kr.owner == "team" else f" · {owner_names.get(kr.owner, kr.owner)}"
    first = Text.assemble(
        (status_text(kr.status, kr.stale), "bold"),
        "  ",
        (kr.key, "bold"),
        f" {kr.title}{owner}  ",
        value_text(kr),
    )
    return Group(first, Padding(Text(reason_text(kr)), (0, 0, 0, REASON_INDENT)))


class AtRiskScreen(Screen[None]):
    """For leads: what needs attention. Enter opens a KR's detail; Escape goes back."""

    APP_KEYS = True  # q quits and ? opens help here

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="at_risk.back"),
        # j/k as on the board (the list itself knows only the arrows).
        Binding("j", "move(1)", show=False, id="at_risk.next"),
        Binding("k", "move(-1)", show=False, id="at_risk.previous"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("At risk — worst first", id="at-risk-title")
        yield OptionList(id="at-risk-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "board", self._show)

    def _show(self, board: BoardView | None) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        flagged = attention_order(board.key_results()) if board is not None else []
        if not flagged:
            options.add_option(Option(NOTHING_AT_RISK, id="-none", disabled=True))
            return
        names = {o.owner: o.owner_name for o in board.objectives} if board else {}
        options.add_options(Option(describe(kr, names), id=kr.key) for kr in flagged)
        keys = [kr.key for kr in flagged]
        options.highlighted = keys.index(highlighted) if highlighted in keys else 0
        options.focus()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and not event.option.id.startswith("-"):
            self.post_message(OpenDetail(event.option.id))
