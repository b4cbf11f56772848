"""Huddle mode: a full-screen walk through the board with a countdown (default 15 minutes).

Scoreboard first, then each KR that needs attention, one per page. Modest by design:
wins, blockers and actions are not recorded here yet.
"""

from __future__ import annotations

import time
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from huddle.domain.formatting import format_percent
from huddle.engine.attention import attention_order
from huddle.engine.view import BoardView, KrView
from huddle.present import (
    bar_cells,
    confidence_text,
    delta_text,
    spark_text,
    status_text,
    value_text,
)
from huddle.widgets.keys_footer import KeysFooter

HUDDLE_MINUTES = 15


def countdown_text(remaining: float) -> str:
    """`14:05 left`, or `3:10 over` once the time is up."""
    seconds = round(abs(remaining))
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d} {'left' if remaining >= 0 else 'over'}"


def scoreboard(board: BoardView) -> Text:
    text = Text()
    for objective in board.objectives:
        cells, _ = bar_cells(objective.progress, None, 20)
        text.append(f"{format_percent(objective.progress):>6} {cells}  ", "bold")
        text.append(f"{objective.title}\n", "bold")
        for kr in objective.key_results:
            text.append(f"         {status_text(kr.status, kr.stale):<20} {kr.key} {kr.title}\n")
        text.append("\n")
    return text


def kr_page(kr: KrView) -> Text:
    text = Text()
    text.append(f"{status_text(kr.status, kr.stale)}\n\n", "bold")
    text.append(f"{kr.key}  {kr.title}\n\n", "bold")
    text.append(f"{value_text(kr)}   {delta_text(kr)}\n\n")
    text.append(f"{kr.reason}\n\n")
    text.append(f"last 14 working days  {spark_text(kr.spark)}\n")
    if kr.confidence:
        text.append(f"\n{confidence_text(kr)}\n")
    text.append("\nWho owns the next step? What do we try today?\n", "italic")
    return text


class HuddleModeScreen(Screen[None]):
    """Full-screen walkthrough; q quits, ? helps."""

    APP_KEYS = True  # q quits and ? opens help here
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n,space", "step(1)", "Next", key_display="→/n", id="huddle.next"),
        Binding("left,p", "step(-1)", "Back a page", key_display="←/p", id="huddle.previous"),
        Binding("escape", "app.pop_screen", "Leave", id="huddle.leave"),
    ]

    DEFAULT_CSS = """
    HuddleModeScreen #huddle-top { height: 1; background: $panel; padding: 0 1; }
    HuddleModeScreen #huddle-page { height: 1fr; padding: 1 2; overflow-y: auto; }
    """

    def __init__(self, minutes: int = HUDDLE_MINUTES) -> None:
        super().__init__()
        self.minutes = minutes
        self.page = 0
        self.board: BoardView | None = None
        self._started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Static("", id="huddle-top")
        yield Static("", id="huddle-page")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)
        self.watch(self.app, "board", self._show_board)

    def _show_board(self, board: BoardView | None) -> None:
        self.board = board
        self._render_page()

    def pages(self) -> list[str]:
        board = self.board
        if board is None:
            return ["scoreboard"]
        return ["scoreboard", *(kr.key for kr in attention_order(board.key_results()))]

    def action_step(self, step: int) -> None:
        self.page = min(max(self.page + step, 0), len(self.pages()) - 1)
        self._render_page()

    def _tick(self) -> None:
        self._render_top()

    def _render_top(self) -> None:
        remaining = self.minutes * 60 - (time.monotonic() - self._started)
        pages = self.pages()
        title = (
            "Scoreboard" if self.page == 0 else f"Needs attention {self.page} of {len(pages) - 1}"
        )
        self.query_one("#huddle-top", Static).update(
            f"Huddle · {title} · page {self.page + 1}/{len(pages)} · ⏱ {countdown_text(remaining)}"
        )

    def _render_page(self) -> None:
        board = self.board
        pages = self.pages()
        self.page = min(self.page, len(pages) - 1)
        body = self.query_one("#huddle-page", Static)
        if board is None:
            body.update("No plan yet.")
        elif self.page == 0:
            body.update(scoreboard(board))
        else:
            kr = board.kr(pages[self.page])
            body.update(kr_page(kr) if kr else "")
        self._render_top()
