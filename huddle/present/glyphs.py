"""The glyphs of the progress bar and the sparkline."""

from __future__ import annotations

from collections.abc import Sequence

from huddle.domain.plan import HOLD_DIRECTIONS
from huddle.engine.status import hold_fill
from huddle.engine.view import KrView

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
TRACK = "░"
MARKER = "│"
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"


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


def bar_progress(kr: KrView) -> float | None:
    """What the bar fills to: progress; a hold KR is full while it holds, empty once breached."""
    if kr.direction in HOLD_DIRECTIONS:
        return None if kr.status == "no_data" else hold_fill(kr.status)
    return kr.progress


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
            chars.append(SPARK_BLOCKS[3])
        else:
            chars.append(SPARK_BLOCKS[round((value - low) / span * (len(SPARK_BLOCKS) - 1))])
    return "".join(chars)
