"""One key result on one line: title, pace bar, value / target, change, sparkline, status.

The row draws itself as one line of text (rather than composing a widget per column):
a board holds dozens of rows and one widget per row keeps start-up and refreshes cheap.
The columns are the text of `huddle.present` (bar and spark glyphs, value, change, status).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from huddle.engine.attention import shown_state
from huddle.engine.view import KrView
from huddle.present import (
    COUNTER_MARK,
    MARKER,
    TRACK,
    bar_cells,
    bar_progress,
    confidence_mark,
    delta_shows_change,
    delta_text,
    kr_status_fitted,
    spark_text,
    value_text,
)
from huddle.widgets.status_badge import STALE_CLASS, STATUS_CLASSES, kr_class
from huddle.widgets.status_style import bar_style, change_style, edge_rules, status_style

CHANGED_STYLE = "underline"  # neutral: no status colour, and seen with NO_COLOR too
CURSOR = "▸"
VALUE_WIDTH = 16
DELTA_WIDTH = 9
SPARK_WIDTH = 14
STATUS_WIDTH = 18  # "✗ off track, stale": the widest; a board needs less when none is
TITLE_MAX = 44
TITLE_MIN = 16  # below this the bar goes, then the change: the key and words come first
BAR_MIN = 8
# Rows narrower than this leave the sparkline out (an 80-column terminal).
SPARK_MIN_WIDTH = 100


def row_classes(kr: KrView) -> str:
    """`-at-risk -stale` …: the status class (`-low-sample` when too few responses stand
    behind it), and `-stale` when nothing was logged lately."""
    return kr_class(kr) + (f" {STALE_CLASS}" if kr.stale else "")


TRACK_STYLE = "$foreground 30%"


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis, or padded to it."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(0, width - 1)) + "…"


def title_text(key: str, title: str, width: int) -> str:
    """`fcr First contact…`: the key whole, the title cut after a whole word (mid-word
    only when not even its first word fits), padded to `width` cells."""
    text = f"{key} {title}"
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    if cell_len(key) >= width - 1:
        return set_cell_size(key, max(width, cell_len(key)))
    cut = set_cell_size(text, width - 1)
    at_a_break = cut.endswith(" ") or text[len(cut) : len(cut) + 1] == " "
    space = cut.rfind(" ")
    if not at_a_break and space > len(key):
        cut = cut[:space]
    return set_cell_size(cut.rstrip() + "…", width)


CONFIDENCE_GAP = 2  # between the status and the lead's confidence beside it


def status_cell_width(kr: KrView) -> int:
    """The cells a KR's status takes: `✗ off track`, and the lead's `  lead ▲` when set."""
    width = cell_len(kr_status_fitted(kr, STATUS_WIDTH))
    mark = confidence_mark(kr)
    return width + CONFIDENCE_GAP + cell_len(mark) if mark else width


def status_width(krs: Iterable[KrView]) -> int:
    """The status column a board needs: as wide as its widest status (with the lead's
    confidence beside it), not wider."""
    return max((status_cell_width(kr) for kr in krs), default=STATUS_WIDTH)


class Columns(NamedTuple):
    title: int
    bar: int
    spark: bool
    delta: bool = True
    status: int = STATUS_WIDTH


def columns(width: int, status_width: int = STATUS_WIDTH) -> Columns:
    """Column widths for a row `width` cells wide; the title and the bar share what is left.

    80 columns (a row of ~75, statuses up to 16 wide): title 21, bar 8, no sparkline;
    160: title 44, bar ~50. Narrower, the bar goes before the title drops below
    TITLE_MIN, then the change column.
    """
    spark = width >= SPARK_MIN_WIDTH
    fixed = 1 + (VALUE_WIDTH + 1) + (status_width + 1) + (SPARK_WIDTH + 1 if spark else 0)
    rest = max(0, width - fixed - (DELTA_WIDTH + 1))
    if rest >= TITLE_MIN + 1 + BAR_MIN:
        title = min(TITLE_MAX, rest - BAR_MIN - 1)
        return Columns(title, rest - title - 1, spark, status=status_width)
    if rest >= TITLE_MIN:
        return Columns(rest, 0, spark, status=status_width)
    return Columns(max(4, width - fixed), 0, spark, delta=False, status=status_width)


def making_room(cols: Columns, extra: int) -> Columns:
    """`cols` with `extra` cells given to the value and change columns: taken from the
    bar (all of it when too little would be left, the title taking back what is over),
    then from the title, so that a number is never cut and the columns right of the
    change stay where they are."""
    if extra <= 0:
        return cols
    title, bar, spark, delta, status = cols
    if bar - extra >= BAR_MIN:
        return Columns(title, bar - extra, spark, delta, status)
    if bar:
        extra -= bar + 1
    return Columns(max(4, title - extra), 0, spark, delta, status)


class KeyResultRow(Widget, can_focus=True):
    """A focusable row for one KR. Enter or a click posts `Selected`; focus posts `Focused`.

    Set `row.kr = new_view` to update it in place (focus and scroll stay); a row whose
    numbers changed stays underlined until the board changes again (`changed`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Detail", id="kr_row.select")
    ]

    DEFAULT_CSS = """
    KeyResultRow {
        height: 1;
        width: 1fr;
        border-left: blank;
    }
    KeyResultRow:focus { background: $primary 25%; }
    /* lighter on a light theme: the statuses' colours read on it (statuses.py) */
    KeyResultRow:light:focus { background: $primary 10%; }
    """ + edge_rules("KeyResultRow")

    class _RowMessage(Message):
        def __init__(self, row: KeyResultRow, kr: KrView) -> None:
            super().__init__()
            self.row = row
            self.kr = kr

        @property
        def control(self) -> KeyResultRow:
            return self.row

    class Selected(_RowMessage):
        """The user chose this KR (Enter or click)."""

    class Focused(_RowMessage):
        """This KR's row received focus."""

    kr: reactive[KrView] = reactive[KrView](
        None,  # type: ignore[arg-type]
        always_update=False,
        init=False,
    )
    # The newest change of the board touched this row. Shown until the next change rather
    # than for a second: the board owner has looked away and back, a glance finds what
    # changed, and a mark that ends with the next change costs no frame of its own (every
    # open board paid one per write). A style of the line, not a CSS class: a class
    # restyles the row (the stylesheet applied again).
    changed: reactive[bool] = reactive(False, init=False)
    # Set by the board to its `status_width`, so that every row's columns line up.
    status_width: reactive[int] = reactive(STATUS_WIDTH, init=False)

    def __init__(
        self,
        kr: KrView,
        *,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
        status_width: int = STATUS_WIDTH,
    ) -> None:
        # Classes set before mounting cost nothing; set afterwards each one restyles.
        super().__init__(id=id, classes=" ".join(filter(None, (classes, row_classes(kr)))))
        self.set_reactive(KeyResultRow.kr, kr)
        self.set_reactive(KeyResultRow.status_width, status_width)

    @property
    def key(self) -> str:
        return self.kr.key

    def render(self) -> Content:
        return self.line_content(self.content_size.width)

    def line_content(self, width: int) -> Content:
        """The row as one line of `width` cells (styles are theme variables: no colour
        is needed to read it, and NO_COLOR simply drops them)."""
        kr = self.kr
        cols = columns(width, self.status_width)
        # The board's form (`1.23 M`) keeps most numbers in their columns; what is still
        # too wide takes its cells from the bar and the title rather than losing digits.
        value = value_text(kr, compact=True)
        delta = delta_text(kr, compact=True) if cols.delta else ""
        value_width = max(VALUE_WIDTH, cell_len(value))
        delta_width = max(DELTA_WIDTH, cell_len(delta))
        cols = making_room(cols, value_width - VALUE_WIDTH + delta_width - DELTA_WIDTH)
        state = shown_state(kr)
        no_color = self.app.no_color
        dark = self.app.current_theme.dark
        parts: list[tuple[str, str] | str] = [(CURSOR if self.has_focus else " ", "$accent bold")]

        strong = self.has_focus or kr.behind
        mark = f" {COUNTER_MARK}" if kr.counter_warning else ""
        title = title_text(kr.key, kr.title, cols.title - len(mark)) + mark
        parts.append((title[: len(kr.key)], "bold"))
        parts.append((title[len(kr.key) :], "bold" if strong else ""))

        if cols.bar:
            parts.append(" ")
            cells, marker = bar_cells(bar_progress(kr), kr.expected, cols.bar)
            filled = bar_style(state, no_color)
            for index, char in enumerate(cells):
                if index == marker:
                    parts.append((MARKER, "$foreground bold"))
                else:
                    parts.append((char, TRACK_STYLE if char == TRACK else filled))

        parts.append(" " + value.rjust(value_width) + " ")
        if cols.delta:
            # A change too small to show (±0) is neither good nor bad.
            good = kr.delta_good if delta_shows_change(kr) else None
            parts.append((delta.ljust(delta_width), change_style(good, no_color, dark=dark)))
            parts.append(" ")
        if cols.spark:
            parts.append((spark_text(kr.spark).ljust(SPARK_WIDTH), "$secondary"))
            parts.append(" ")
        status = kr_status_fitted(kr, cols.status)
        parts.append((status, status_style(state, no_color, dark=dark)))
        mark = confidence_mark(kr)
        room = cols.status - cell_len(status)
        if mark and kr.confidence and room >= CONFIDENCE_GAP + cell_len(mark):
            # The lead's confidence at the column's right end: lined up from row to row.
            parts.append(" " * (room - cell_len(mark)) + mark[:-1])
            parts.append((mark[-1], status_style(kr.confidence, no_color, dark=dark)))
        else:
            parts.append(" " * room)
        line = Content.assemble(*parts).truncate(width, pad=True)
        return line.stylize(CHANGED_STYLE) if self.changed else line

    def watch_status_width(self) -> None:
        self.refresh()

    def watch_kr(self, old: KrView, new: KrView) -> None:
        for name in STATUS_CLASSES:
            self.set_class(name == kr_class(new), name)
        self.set_class(new.stale, STALE_CLASS)
        self.refresh()
        changed = (old.current, old.status, old.stale, old.delta, old.low_sample) != (
            new.current,
            new.status,
            new.stale,
            new.delta,
            new.low_sample,
        )
        if changed and self.is_mounted:
            self.changed = True
        if self.has_focus:
            self.post_message(self.Focused(self, new))

    def on_focus(self) -> None:
        self.refresh()
        self.post_message(self.Focused(self, self.kr))

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.post_message(self.Selected(self, self.kr))

    def action_select(self) -> None:
        self.post_message(self.Selected(self, self.kr))
