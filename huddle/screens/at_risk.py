"""The at-risk review: KRs off track, at risk, stale or low on sample, worst first, each
with its reason, what it needs from here, since when and who drags.

The list comes from the board at once; since when and who drags come from each KR's
detail, which the app computes in a worker for each KR this screen names
(`details_wanted`: when it is pushed and whenever the board changes) and hands down
through `board_changed`, like the board.
"""

from __future__ import annotations

from collections.abc import Mapping
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

from huddle.engine.attention import attention_order, shown_state
from huddle.engine.detail import KrDetail
from huddle.engine.view import BoardView, KrView
from huddle.messages import OpenDetail, Shown
from huddle.present import (
    drags_text,
    kr_status_text,
    reason_text,
    since_text,
    value_text,
)
from huddle.widgets.ahead_lines import needed_parts
from huddle.widgets.keys_footer import KeysFooter
from huddle.widgets.reconcile import nearest
from huddle.widgets.status_style import resolved, status_style

NOTHING_AT_RISK = "Nothing is at risk, off track, stale or low on sample. ✓"

REASON_INDENT = 3


def describe(
    kr: KrView,
    owner_names: dict[str, str],
    detail: KrDetail | None = None,
    style: str = "bold",
    variables: Mapping[str, str] | None = None,
    *,
    no_color: bool = False,
    dark: bool = True,
) -> Group:
    """Status, key, title (owner for MBO KRs), value; below, indented, the reason, what
    it needs from here (where defined; out of reach marked like off track, in the theme's
    `variables`), and since when and who drags once the KR's detail is known.

    Lines below the first wrap under themselves (a hanging indent), not back to the
    first column.
    """
    owner = "" if kr.owner == "team" else f" · {owner_names.get(kr.owner, kr.owner)}"
    first = Text.assemble(
        (kr_status_text(kr), style),
        "  ",
        (kr.key, "bold"),
        f" {kr.title}{owner}  ",
        value_text(kr),
    )
    lines: list[Text | Padding] = [first, Padding(Text(reason_text(kr)), (0, 0, 0, REASON_INDENT))]
    needed = needed_parts(kr, no_color, dark=dark)
    if needed:
        text = Text.assemble(*((part, resolved(how, variables or {})) for part, how in needed))
        lines.append(Padding(text, (0, 0, 0, REASON_INDENT)))
    if detail is not None:
        since = since_text(detail.since, detail.today)
        who = drags_text(detail.drags, kr.unit)
        tail = " · ".join(part for part in (since, f"who drags: {who}" if who else "") if part)
        if tail:
            lines.append(Padding(Text(tail), (0, 0, 0, REASON_INDENT)))
    return Group(*lines)


class AtRiskScreen(Screen[None]):
    """For leads: what needs attention. Enter opens a KR's detail; Escape goes back."""

    APP_KEYS = True  # q quits and ? opens help here

    DEFAULT_CSS = """
    AtRiskScreen #at-risk-list > .option-list--option-highlighted {
        background: $primary 25%;
    }
    AtRiskScreen #at-risk-list:focus > .option-list--option-highlighted {
        background: $primary 40%;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="at_risk.back"),
        # j/k as on the board (the list itself knows only the arrows).
        Binding("j", "move(1)", show=False, id="at_risk.next"),
        Binding("k", "move(-1)", show=False, id="at_risk.previous"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.board: BoardView | None = None  # the app hands each new one to `board_changed`
        self.details: dict[str, KrDetail] = {}  # the last of each KR, until the next comes

    def compose(self) -> ComposeResult:
        yield Static("At risk — worst first", id="at-risk-title")
        yield OptionList(id="at-risk-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show()

    def board_changed(self, shown: Shown) -> None:
        """List what needs attention now; a flagged KR's detail, once computed, adds its
        since when and who drags."""
        self.board = shown.board
        self.details.update((key, d) for key, d in shown.details.items() if d is not None)
        if self.is_mounted and self.is_attached:
            self._show()

    def details_wanted(self) -> list[str]:
        """Every flagged KR's."""
        board = self.board
        return [kr.key for kr in attention_order(board.key_results())] if board else []

    def _show(self) -> None:
        board = self.board
        options = self.query_one(OptionList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        before = [option.id for option in options.options if option.id]
        options.clear_options()
        flagged = attention_order(board.key_results()) if board is not None else []
        if not flagged:
            options.add_option(Option(NOTHING_AT_RISK, id="-none", disabled=True))
            return
        names = {o.owner: o.owner_name for o in board.objectives} if board else {}
        variables = self.app.theme_variables
        no_color, dark = self.app.no_color, self.app.current_theme.dark
        items: list[Option | None] = []
        for kr in flagged:
            style = resolved(status_style(shown_state(kr), no_color, dark=dark), variables)
            detail = self.details.get(kr.key)
            item = describe(kr, names, detail, style, variables, no_color=no_color, dark=dark)
            items += [None, Option(item, id=kr.key)]
        options.add_options(items[1:])  # a divider between items
        keys = [kr.key for kr in flagged]
        options.highlighted = keys.index(nearest(before, highlighted, keys) or keys[0])
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
