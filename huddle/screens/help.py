"""Help: the keys, the screens and what the symbols on the board mean."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# huddle — keys

| key | does |
|---|---|
| ↑ ↓ or k j | move between key results (and individual cards) |
| Enter | open the key result's detail; on an individual card, fold / unfold it |
| Escape | back |
| l | log today's numbers |
| r | at-risk list (worst first) |
| h | huddle mode: scoreboard, then each at-risk KR, with a countdown |
| ? | this help |
| Ctrl+P | command palette (screens and key results) |
| q | quit |

# The board

| mark | means |
|---|---|
| ✓ on track | progress is within 10 points of the pace |
| ▲ at risk | 10–25 points behind pace, or close to a threshold |
| ✗ off track | more than 25 points behind pace, or a threshold breached |
| ★ achieved | the target is reached |
| · no data | nothing logged in the period yet |
| stale | nothing logged for the last two working days |
| `█▌░░│░` | the bar fills to the progress; `│` is where the pace says it should be today |
| ▲ / ▼ | change since the previous working day (green is good for this KR, red is bad) |
| `▁▃▅█` | the last 14 working days |

At-risk and off-track rows have a heavy mark on the left and a bold title.
The line above the keys explains the focused key result's status.
The board updates by itself within a second when anyone logs a number.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and legend. Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "app.pop_screen", "Close", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%;
        max-width: 90;
        height: 90%;
        border: round $accent;
        background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            scroll.border_subtitle = "↑↓ scroll · Escape closes"
            yield Markdown(HELP)
