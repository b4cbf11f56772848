"""The board's header: team, cycle, day N of M with an elapsed bar, today, and the live line.

Drawn as two lines of text by one widget (cheap to start and to update).
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from huddle.domain.formatting import format_percent
from huddle.engine.view import BoardView
from huddle.present import TRACK, bar_cells

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
BAR_MAX = 40


def today_text(day: date) -> str:
    """`Mon 2026-11-23`."""
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"


def day_text(board: BoardView) -> str:
    """`day 38 of 64`, or where the cycle stands when today is outside it."""
    if board.today < board.start:
        return f"starts {board.start.isoformat()}"
    if board.today > board.end:
        return f"ended {board.end.isoformat()}"
    return f"day {board.day_number} of {board.day_count}"


class BoardHeader(Widget):
    """Line 1: `Support EMEA  2026-Q4  day 38 of 63 ████░░ 59 % gone     Mon 2026-11-23`.
    Line 2: the live indicator (when the file last changed and who wrote it)."""

    DEFAULT_CSS = """
    BoardHeader {
        height: 2;
        background: $panel;
        padding: 0 1;
    }
    """

    # A new board repaints the header only when what it shows of it changed (a write
    # changes the numbers, not the team, the cycle or the day): see `watch_board`.
    board: reactive[BoardView | None] = reactive[BoardView | None](None, repaint=False)
    live: reactive[str] = reactive("")

    def watch_board(self, old: BoardView | None, new: BoardView | None) -> None:
        if _shown(old) != _shown(new):
            self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        board = self.board
        if board is None:
            first = Content.styled("huddle — no plan yet", "bold")
        else:
            left = f"{board.team}  {board.cycle}  {day_text(board)} "
            elapsed = f" {format_percent(board.elapsed)} gone"
            today = today_text(board.today)
            room = width - cell_len(left) - cell_len(elapsed) - cell_len(today) - 2
            bar_width = max(0, min(BAR_MAX, room))
            cells, _ = bar_cells(board.elapsed, None, bar_width)
            filled = cells.rstrip(TRACK)
            gap = max(1, room - bar_width + 2)
            first = Content.assemble(
                (board.team, "bold"),
                f"  {board.cycle}  {day_text(board)} ",
                (filled, "$primary"),  # calm: the status colours stand out
                (cells[len(filled) :], "$foreground 30%"),
                elapsed,
                " " * gap,
                (today, "bold"),
            )
        second = Content.styled(self.live, "$text-muted")
        return Content("\n").join([first.truncate(width), second.truncate(width, ellipsis=True)])


def _shown(board: BoardView | None) -> tuple[object, ...] | None:
    """What the header shows of a board."""
    if board is None:
        return None
    return (board.team, board.cycle, board.today, board.elapsed, day_text(board))
