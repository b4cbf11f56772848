"""A text progress bar with a marker where the pace says progress should be by now."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
TRACK = "░"
MARKER = "│"


def bar_cells(progress: float | None, expected: float | None, width: int) -> tuple[str, int | None]:
    """The bar's characters for `width` cells and the marker's cell (None: no marker).

    Progress is clamped to 0..1 and drawn in eighths of a cell; an empty cell is `░`.
    The marker sits in the cell holding the expected fraction (the last cell for 1.0).
    """
    if width <= 0:
        return "", None
    fraction = 0.0 if progress is None else min(max(progress, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, rest = divmod(eighths, 8)
    cells = FULL * full
    if rest and full < width:
        cells += EIGHTHS[rest]
    cells += TRACK * (width - len(cells))
    marker = None
    if expected is not None:
        marker = min(width - 1, max(0, int(min(max(expected, 0.0), 1.0) * width)))
    return cells, marker


class PaceBar(Widget):
    """`█▌░░│░` — filled to the progress, `│` at the expected pace. Width follows the layout.

    Colour comes from the status class the row sets (`-on-track` …); the glyphs alone
    carry the meaning, so it reads the same with 16 colours or NO_COLOR.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"pace-bar--track", "pace-bar--marker"}

    DEFAULT_CSS = """
    PaceBar {
        width: 12;
        height: 1;
        color: $primary;
    }
    PaceBar > .pace-bar--track { color: $foreground 30%; }
    PaceBar > .pace-bar--marker { color: $foreground; text-style: bold; }
    PaceBar.-on-track, PaceBar.-achieved { color: $success; }
    PaceBar.-at-risk { color: $warning; }
    PaceBar.-off-track { color: $error; }
    PaceBar.-no-data { color: $text-muted; }
    """

    progress: reactive[float | None] = reactive(None)
    expected: reactive[float | None] = reactive(None)

    def __init__(
        self,
        progress: float | None = None,
        expected: float | None = None,
        *,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(PaceBar.progress, progress)
        self.set_reactive(PaceBar.expected, expected)

    def render(self) -> Text:
        width = self.size.width
        cells, marker = bar_cells(self.progress, self.expected, width)
        track = self.get_component_rich_style("pace-bar--track", partial=True)
        marker_style = self.get_component_rich_style("pace-bar--marker", partial=True)
        text = Text(no_wrap=True, overflow="crop")
        for index, char in enumerate(cells):
            if index == marker:
                text.append(MARKER, marker_style)
            elif char == TRACK:
                text.append(char, track)
            else:
                text.append(char, Style())
        return text
