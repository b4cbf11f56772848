"""A block chart of a KR's value day by day against its pace line (text only, no plotting lib)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from huddle.domain.formatting import format_value
from huddle.domain.plan import Unit

LOWER = " ▁▂▃▄▅▆▇█"
PACE = "─"
AXIS_WIDTH = 9


def value_range(values: Sequence[float | None]) -> tuple[float, float]:
    """The chart's bottom and top: the values' range with a little room, never empty."""
    known = [v for v in values if v is not None]
    if not known:
        return 0.0, 1.0
    low, high = min(known), max(known)
    room = (high - low) * 0.05 or max(abs(high) * 0.05, 1.0)
    return low - room, high + room


def chart_lines(
    values: Sequence[float | None],
    pace: Sequence[float | None],
    height: int,
    width: int,
) -> list[tuple[str, list[bool]]]:
    """The chart's rows, top first: (characters, is-pace flags), `width` cells each.

    Column i is day i (stretched to fill `width` when there are few days). Values are
    bars in eighths from the bottom of `value_range`; the pace value of the day is a
    `─` in the row it falls in. None values are gaps.
    """
    days = max(len(values), len(pace))
    if days == 0 or height <= 0 or width <= 0:
        return [(" " * max(width, 0), [False] * max(width, 0)) for _ in range(max(height, 0))]
    low, high = value_range([*values, *pace])
    step = max(1, width // days)
    columns = min(width, days * step)

    def level(value: float) -> int:  # in eighths of a row
        return round((value - low) / (high - low) * height * 8)

    grid = [[" "] * width for _ in range(height)]
    flags = [[False] * width for _ in range(height)]
    for x in range(columns):
        day = x // step
        value = values[day] if day < len(values) else None
        if value is not None:
            eighths = level(value)
            for row in range(height):
                filled = eighths - row * 8
                if filled > 0:
                    grid[height - 1 - row][x] = LOWER[min(filled, 8)]
        target = pace[day] if day < len(pace) else None
        if target is not None:
            row = min(height - 1, max(0, (level(target) - 1) // 8))
            grid[height - 1 - row][x] = PACE
            flags[height - 1 - row][x] = True
    return [("".join(line), flag) for line, flag in zip(grid, flags, strict=True)]


class PaceChart(Widget):
    """Daily values as bars, the pace line as `─`, the value range on the left axis."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"pace-chart--pace", "pace-chart--axis"}

    DEFAULT_CSS = """
    PaceChart {
        height: 10;
        width: 1fr;
        color: $primary;
    }
    PaceChart > .pace-chart--pace { color: $warning; text-style: bold; }
    PaceChart > .pace-chart--axis { color: $text-muted; }
    """

    values: reactive[tuple[float | None, ...]] = reactive(())
    pace: reactive[tuple[float | None, ...]] = reactive(())
    unit: reactive[Unit] = reactive[Unit]("count")
    first_label: reactive[str] = reactive("")
    last_label: reactive[str] = reactive("")

    def render(self) -> Text:
        height = max(1, self.size.height - 1)
        width = max(1, self.size.width - AXIS_WIDTH)
        low, high = value_range([*self.values, *self.pace])
        pace_style = self.get_component_rich_style("pace-chart--pace", partial=True)
        axis_style = self.get_component_rich_style("pace-chart--axis", partial=True)
        text = Text(no_wrap=True, overflow="crop")
        lines = chart_lines(self.values, self.pace, height, width)
        for index, (line, flags) in enumerate(lines):
            if index == 0:
                label = format_value(high, self.unit)
            elif index == len(lines) - 1:
                label = format_value(low, self.unit)
            else:
                label = ""
            text.append(f"{label:>{AXIS_WIDTH - 2}} ┤", axis_style)
            for is_pace, run in groupby(zip(line, flags, strict=True), key=itemgetter(1)):
                text.append("".join(char for char, _ in run), pace_style if is_pace else None)
            text.append("\n")
        footer = self.first_label
        gap = max(1, width - len(self.first_label) - len(self.last_label))
        text.append(" " * AXIS_WIDTH + footer + " " * gap + self.last_label, axis_style)
        return text
