"""A one-line text field that shows the start of its text once focus leaves it.

Textual's Input stays scrolled to wherever its cursor was: a blocker typed longer than
its field showed only its tail ("…his morning and nobody could refund customers") once
the next one was being typed. Shown from its start it reads as a list of notes does.
Focused again, it scrolls back to the cursor as soon as the cursor moves.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class StartShowingInput(Input):
    """An Input whose text shows from its start when it is not being typed in."""

    def on_blur(self, event: events.Blur) -> None:
        self.scroll_to(x=0, animate=False, immediate=True)
