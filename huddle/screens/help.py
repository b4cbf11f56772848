"""Help: the keys, the screens and what the symbols on the board mean."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from huddle.domain.plan import Team
from huddle.domain.statuses import LEGEND
from huddle.messages import Shown
from huddle.present import COUNTER_MARK
from huddle.widgets.keys_footer import KeysFooter

KEYS = """\
# huddle — keys

| key | does |
|---|---|
| ↑ ↓ or k j | move between key results (and individual cards) |
| Enter | open the key result's detail; on an individual card, fold / unfold it |
| Escape | back |
| l | log today's numbers |
| r | at-risk list (worst first) |
| a, c | in a key result's detail, for leads: adjust its target or baseline, set confidence |
| c | on the board from the cycle's last day, for leads: close the cycle (scores, reflections) |
| h | huddle mode: the standing huddle's agenda with a countdown (? there explains) |
| p | propose my objective (or revise a returned one); leads: approve or return proposals |
| m | my day and my review; leads: pick a member's review, write feedback |
| ? | this help |
| Ctrl+P | command palette (screens, key results; leads: Setup, Close cycle) |
| q | quit |
"""


def legend(team: Team | None) -> str:
    """What the marks on the board mean, in this team's own margins and stale setting."""
    team = team or Team(name="huddle")
    settings = {
        "at_risk_margin": _points(team.at_risk_margin),
        "off_track_margin": _points(team.off_track_margin),
        "days": "working day" if team.stale_after == 1 else f"{team.stale_after} working days",
        "min_sample": team.min_sample,
    }
    states = "".join(f"| {s.legend()} | {s.means.format(**settings)} |\n" for s in LEGEND)
    return f"""\
# The board

| mark | means |
|---|---|
{states}| {COUNTER_MARK} | better while its counter key result got worse (last 5 working days) |
| `█▌░░│░` | the bar fills to the progress; `│` is where the pace says it should be today |
| ▲ / ▼ | change between the last two working days with entries (the detail says which); \
green is good for this KR, red is bad; ±0 is no change |
| `▁▃▅█` | the last 14 working days |

A threshold's band is 2 % of the threshold unless the key result sets its own.
Off track is the one status on a red fill; at risk is bold yellow; a folded card's
title says its worst status and how many of its key results need attention.
At-risk and off-track rows have a heavy mark on the left and a bold title.
In a key result's detail a lead adjusts its target or baseline (a) and sets a
confidence (c), shown beside the computed status, never instead.
The line above the keys explains the focused key result's status.
The board updates by itself within a second when anyone logs a number.
"""


def _points(margin: float) -> str:
    points = round(margin * 100, 1)
    return f"{points:g} point{'' if points == 1 else 's'}"


class HelpScreen(ModalScreen[None]):
    """Keys and legend. Escape or ? closes it; q quits, as everywhere else. Its own footer
    covers the board's, whose keys do nothing here."""

    APP_KEYS = True  # q quits here

    # A modal screen cuts the app's own bindings off: q is bound here again.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "app.pop_screen", "Close", id="help.close"),
        Binding("q", "app.quit", "Quit", id="help.quit"),
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

    def __init__(self) -> None:
        super().__init__()
        self.team: Team | None = None

    def board_changed(self, shown: Shown) -> None:
        """The legend says the team's own margins: again, if a plan load changes them."""
        plan = shown.file.plan
        team = plan.team if plan else None
        if team != self.team:
            self.team = team
            if self.is_mounted:
                self.query_one(Markdown).update(KEYS + "\n" + legend(team))

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            scroll.border_subtitle = "↑↓ scroll · Escape closes"
            yield Markdown(KEYS + "\n" + legend(self.team))
        yield KeysFooter()
