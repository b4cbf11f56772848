"""Huddle mode's top line: where in the agenda we are, and the countdown.

When the time is up the line turns to the alert colour and says so in words (NO_COLOR
and 16-colour terminals read it too), and keeps saying so beside the time over, until
the huddle ends: a glance at the wall a minute late still reads it.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def countdown_text(remaining: float) -> str:
    """`14:05 left`; `time's up` at zero; then `time's up · 3:10 over`."""
    seconds = round(abs(remaining))
    minutes, rest = divmod(seconds, 60)
    if remaining > -0.5 and seconds == 0:
        return "time's up"
    if remaining >= 0:
        return f"{minutes}:{rest:02d} left"
    return f"time's up · {minutes}:{rest:02d} over"


class HuddleHeader(Static):
    """`Huddle · Mon Nov 23 · 2/8 Scoreboard · ⏱ 12:41 left`."""

    DEFAULT_CSS = """
    HuddleHeader {
        height: 1;
        background: $panel;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    HuddleHeader.-over { background: $error; color: $text; text-style: bold; }
    """

    def show(self, where: str, remaining: float) -> None:
        over = remaining <= 0
        self.set_class(over, "-over")
        mark = "⏰" if over else "⏱"
        self.update(Content(f"{where} · {mark} {countdown_text(remaining)}"))
