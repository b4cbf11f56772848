"""Rows of text in columns, drawn as plain lines: no cursor, no scrolling of its own.

Cheap to mount and to update (one widget, one render), and it grows with its rows, so
the page around it scrolls, not the table. Cells are text as given, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
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

    def render(self) -> Content:
        width = self.content_size.width
        widths = self.widths(width)
        header = " ".join(
            fit(c.title, w, right=c.right) for c, w in zip(self.columns, widths, strict=True)
        )
        lines = [Content.styled(header, self.HEADER_STYLE)]
        for row in self.rows:
            text = " ".join(
                fit(cell, w, right=c.right)
                for cell, c, w in zip(row.cells, self.columns, widths, strict=True)
            )
            lines.append(Content.styled(text, row.style) if row.style else Content(text))
        if not self.rows:
            lines.append(Content(self.empty))
        # A line never wraps: on a narrow screen the last (flexible) column is cut.
        return Content("\n").join(line.truncate(width, ellipsis=True) for line in lines)
