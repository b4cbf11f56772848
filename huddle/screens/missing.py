"""Who hasn't logged for the last completed working day: the wallboard's third page.

Read-only: it takes no keys and offers no write. The words are `huddle missing`'s.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from huddle.engine.missing import (
    NO_DAY_YET,
    MissingReport,
    last_completed_working_day,
    who_has_not_logged,
)
from huddle.messages import Shown
from huddle.present.missing import missing_text
from huddle.screens.board import NO_PLAN

TITLE = "Who hasn't logged"


def missing_report(shown: Shown) -> MissingReport | None:
    """Who has not logged for the last working day completed before the board's today
    (None: no plan yet)."""
    plan, board = shown.file.plan, shown.board
    if plan is None or board is None:
        return None
    day = last_completed_working_day(plan, board.today)
    if day is None:
        return MissingReport(None, 0, (), NO_DAY_YET)
    return who_has_not_logged(plan, shown.file.month_of(day).entries, day)


class MissingScreen(Screen[None]):
    """Each member with the KRs they have not logged, as `huddle missing` prints it."""

    DEFAULT_CSS = """
    MissingScreen #missing-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    MissingScreen #missing-body { padding: 1 2; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.report: MissingReport | None = None  # the app hands each new one down

    def compose(self) -> ComposeResult:
        yield Static(TITLE, id="missing-title")
        yield Static(id="missing-body")

    def on_mount(self) -> None:
        self._show()

    def board_changed(self, shown: Shown) -> None:
        self.report = missing_report(shown)
        if self.is_mounted and self.is_attached:
            self._show()

    def _show(self) -> None:
        text = NO_PLAN if self.report is None else missing_text(self.report)
        self.query_one("#missing-body", Static).update(Text(text))
