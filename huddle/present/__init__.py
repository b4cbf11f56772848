"""Text for people, the same on every screen and in the command line (no Textual here).

A KR's status as symbol + word (`status`), its numbers and notes (`kr`), an
objective's roll-up (`objective`), what was
written (`writes`), the glyphs of the progress bar and the sparkline (`glyphs`) and the
huddle record (`huddle`). Widgets, screens and the command line all write these through
here. How a number, a day or a percentage is written lives a layer below, in
`huddle.domain.formatting`: the domain, the engine's reasons and the services write
numbers too, and they may not import this layer.
"""

from __future__ import annotations

from huddle.present.glyphs import (
    EIGHTHS,
    FULL,
    MARKER,
    SPARK_BLOCKS,
    TRACK,
    bar_cells,
    bar_progress,
    spark_text,
)
from huddle.present.huddle import (
    ESCALATED,
    action_line,
    count_words,
    day_summary,
    due_text,
    long_day,
    note_line,
    who,
)
from huddle.present.kr import (
    COUNTER_MARK,
    DragLike,
    confidence_mark,
    confidence_text,
    counter_text,
    delta_days_text,
    delta_shows_change,
    delta_text,
    drags_text,
    reason_text,
    since_text,
    value_text,
)
from huddle.present.objective import rollup_text
from huddle.present.status import (
    attention_summary,
    kr_status_fitted,
    kr_status_text,
    kr_status_word,
    kr_symbol,
    shown_symbol,
    shown_text,
    shown_word,
    status_text,
    status_word,
)
from huddle.present.writes import LastWrite, Written, day_text, entry_text, live_text, saved_text

__all__ = [
    "COUNTER_MARK",
    "EIGHTHS",
    "ESCALATED",
    "FULL",
    "MARKER",
    "SPARK_BLOCKS",
    "TRACK",
    "DragLike",
    "LastWrite",
    "Written",
    "action_line",
    "attention_summary",
    "bar_cells",
    "bar_progress",
    "confidence_mark",
    "confidence_text",
    "count_words",
    "counter_text",
    "day_summary",
    "day_text",
    "delta_days_text",
    "delta_shows_change",
    "delta_text",
    "drags_text",
    "due_text",
    "entry_text",
    "kr_status_fitted",
    "kr_status_text",
    "kr_status_word",
    "kr_symbol",
    "live_text",
    "long_day",
    "note_line",
    "reason_text",
    "rollup_text",
    "saved_text",
    "shown_symbol",
    "shown_text",
    "shown_word",
    "since_text",
    "spark_text",
    "status_text",
    "status_word",
    "value_text",
    "who",
]
