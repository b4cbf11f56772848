"""A one-line sparkline of the last 14 working days: ▁▂▃▄▅▆▇█, a gap for a day with no entry."""

from __future__ import annotations

from collections.abc import Sequence

from textual.reactive import reactive
from textual.widgets import Static

BLOCKS = "▁▂▃▄▅▆▇█"


def spark_text(values: Sequence[float | None]) -> str:
    """One block per value scaled between the smallest and largest value; None -> " ".

    Equal values (or a single one) draw a mid-height block so "flat" still shows.
    """
    known = [v for v in values if v is not None]
    if not known:
        return " " * len(values)
    low, high = min(known), max(known)
    span = high - low
    chars = []
    for value in values:
        if value is None:
            chars.append(" ")
        elif span == 0:
            chars.append(BLOCKS[3])
        else:
            chars.append(BLOCKS[round((value - low) / span * (len(BLOCKS) - 1))])
    return "".join(chars)


class SparkCell(Static):
    """Fourteen daily values as block characters."""

    DEFAULT_CSS = """
    SparkCell {
        width: 14;
        height: 1;
        color: $secondary;
        text-wrap: nowrap;
    }
    """

    values: reactive[tuple[float | None, ...]] = reactive(())

    def __init__(
        self,
        values: Sequence[float | None] = (),
        *,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(spark_text(values), id=id, classes=classes)
        self.set_reactive(SparkCell.values, tuple(values))

    def watch_values(self, values: tuple[float | None, ...]) -> None:
        self.update(spark_text(values))
