"""A block chart of a KR's value day by day against its pace line (text only, no plotting lib)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from huddle.domain.formatting import format_target
from huddle.domain.plan import Unit

LOWER = " ▁▂▃▄▅▆▇█"
PACE = "─"
MAX_STEPS = 8  # the axis spans at most this many round steps


def round_step(span: float) -> float:
    """1, 2 or 5 times a power of ten: the smallest step that covers `span` in MAX_STEPS."""
    if span <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(span))
    return next(
        power * factor
        for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10)
        if span / (power * factor) <= MAX_STEPS
    )


def value_range(values: Sequence[float | None]) -> tuple[float, float]:
    """The chart's bottom and top: the values' range widened to round steps, never empty,
    never below zero when no value is (no negative tickets)."""
    known = [v for v in values if v is not None]
    if not known:
        return 0.0, 1.0
    low, high = min(known), max(known)
    if low == high:
        low, high = (low - 1, high + 1) if low < 0 else (max(0.0, low - 1), high + 1)
    step = round_step(high - low)
    bottom = math.floor(round(low / step, 9)) * step
    top = math.ceil(round(high / step, 9)) * step
    return (max(0.0, bottom) if low >= 0 else bottom), top


def axis(
    values: Sequence[float | None],
    pace: Sequence[float | None],
    marks: Sequence[float],
    unit: Unit,
) -> tuple[float, float, tuple[str, str]]:
    """Bottom, top and their labels (top first) of a chart of `values` against `pace`,
    taking in `marks` too (a KR's baseline and target, so the axis shows where it goes)."""
    low, high = value_range([*values, *pace, *marks])
    return low, high, (format_target(high, unit), format_target(low, unit))


def chart_lines(
    values: Sequence[float | None],
    pace: Sequence[float | None],
    height: int,
    width: int,
    span: tuple[float, float] | None = None,
) -> list[tuple[str, list[bool]]]:
    """The chart's rows, top first: (characters, is-pace flags), `width` cells each.

    Column i is day i (stretched to fill `width` when there are few days). Values are
    bars in eighths from the bottom of `span` (default: `value_range`); the pace value
    of the day is a `─` in the row it falls in. None values are gaps.
    """
    days = max(len(values), len(pace))
    if days == 0 or height <= 0 or width <= 0:
        return [(" " * max(width, 0), [False] * max(width, 0)) for _ in range(max(height, 0))]
    low, high = span or value_range([*values, *pace])
    step = max(1, width // days)
    columns = min(width, days * step)

    def level(value: float) -> int:  # in eighths of a row, within the chart
        return min(height * 8, max(0, round((value - low) / (high - low) * height * 8)))

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
    """Daily values as bars, the pace line as `─`, the value range on the left axis
    (round numbers, taking in the KR's baseline and target: `marks`)."""

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
    marks: reactive[tuple[float, ...]] = reactive(())
    unit: reactive[Unit] = reactive[Unit]("count")
    first_label: reactive[str] = reactive("")
    last_label: reactive[str] = reactive("")

    def render(self) -> Text:
        low, high, (top, bottom) = axis(self.values, self.pace, self.marks, self.unit)
        label_width = max(cell_len(top), cell_len(bottom))
        axis_width = label_width + 2  # "14,000 ┤": the same for every line
        height = max(1, self.size.height - 1)
        width = max(1, self.size.width - axis_width)
        pace_style = self.get_component_rich_style("pace-chart--pace", partial=True)
        axis_style = self.get_component_rich_style("pace-chart--axis", partial=True)
        text = Text(no_wrap=True, overflow="crop")
        lines = chart_lines(self.values, self.pace, height, width, (low, high))
        for index, (line, flags) in enumerate(lines):
            label = top if index == 0 else bottom if index == len(lines) - 1 else ""
            text.append(" " * (label_width - cell_len(label)) + label + " ┤", axis_style)
            for is_pace, run in groupby(zip(line, flags, strict=True), key=itemgetter(1)):
                text.append("".join(char for char, _ in run), pace_style if is_pace else None)
            text.append("\n")
        footer = self.first_label
        gap = max(1, width - len(self.first_label) - len(self.last_label))
        text.append(" " * axis_width + footer + " " * gap + self.last_label, axis_style)
        return text
