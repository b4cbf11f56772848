"""Rows of text in columns, drawn as plain lines: no cursor, no scrolling of its own.

Cheap to mount and to update (one widget), and it grows with its rows, so the page
around it scrolls, not the table. Only the lines in view are drawn (`render_line`): a
detail's 200 entries cost what its screenful costs. Cells are text as given, never
markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget


class Column(NamedTuple):
    title: str
    width: int | None = None  # None: takes what the fixed columns leave
    right: bool = False  # right-aligned (numbers)


class Row(NamedTuple):
    cells: tuple[str, ...]
    style: str = ""  # e.g. "dim strike" for a superseded entry


def fit(text: str, width: int, *, right: bool = False) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, or padded."""
    if cell_len(text) > width:
        return set_cell_size(text, max(0, width - 1)) + "…"
    padding = " " * (width - cell_len(text))
    return padding + text if right else text + padding


class TextTable(Widget):
    """A header line and one line per row; set `rows` to update."""

    DEFAULT_CSS = """
    TextTable {
        height: auto;
        width: 1fr;
    }
    """
    HEADER_STYLE = "bold $text-muted"

    rows: reactive[tuple[Row, ...]] = reactive((), layout=True)

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        empty: str = "—",
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.empty = empty

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + max(1, len(self.rows))

    def widths(self, width: int) -> list[int]:
        fixed = sum(c.width or 0 for c in self.columns) + len(self.columns) - 1
        flexible = [c for c in self.columns if c.width is None]
        rest = max(0, (width - fixed) // max(1, len(flexible)))
        return [c.width if c.width is not None else rest for c in self.columns]

    def line(self, y: int, width: int) -> Content:
        """Line `y` (0 is the header) in `width` cells."""
        widths = self.widths(width)
        if y == 0:
            cells: Sequence[str] = [c.title for c in self.columns]
            style = self.HEADER_STYLE
        elif self.rows:
            cells, style = self.rows[y - 1]
        else:
            return Content(self.empty).truncate(width, ellipsis=True)
        columns = zip(cells, self.columns, widths, strict=True)
        text = " ".join(fit(cell, w, right=c.right) for cell, c, w in columns)
        # A line never wraps: on a narrow screen the last (flexible) column is cut.
        return Content.styled(text, style).truncate(width, ellipsis=True)

    def render(self) -> Content:
        """The whole table (what a mouse selection copies)."""
        width = self.content_size.width
        height = 1 + max(1, len(self.rows))
        return Content("\n").join(self.line(y, width) for y in range(height))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self.text_selection is not None:  # Textual draws a selection on the whole render
            return super().render_line(y)
        if y > max(1, len(self.rows)):
            return Strip.blank(width, self.visual_style.rich_style)
        return Visual.to_strips(self, self.line(y, width), width, 1, self.visual_style)[0]
