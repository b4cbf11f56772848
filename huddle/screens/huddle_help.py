"""`?` in huddle mode: how the agenda runs, and its keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

EXPLAINED = """\
# Huddle mode

A 15-minute standing huddle, page by page. The countdown runs from the moment the
huddle starts and keeps running when you look at a KR's detail or leave for the board;
`h` on the board comes back to the same page. At zero the top line turns red, says
"time's up" and the terminal bell rings once.

## The pages

- **Who hasn't logged** — each member and the KRs with no number for the last working
  day (a number logged as 0 counts as logged).
- **Scoreboard** — every objective and KR with its status; ↑↓ scroll.
- **Needs attention** — one page per KR off track, at risk or stale, worst first, with
  its owner for an individual KR.
- **Wins & blockers** — typed in place and saved as you type, under today's date.
- **Actions** — open ones carried over from earlier huddles (overdue ones marked);
  Space marks one done or open again; add new ones with owner and due date.
- **Wrap-up** — what was recorded and what was escalated.

## Keys

- **→ or n, ← or p** — next / previous page.
- **Enter** — on a KR's page: its detail (Esc comes back here); on the wrap-up: finish
  the huddle (the next `h` starts a new one).
- **w, b** — on wins & blockers: type a win, a blocker. Enter goes to the next one, Tab
  moves, Space on ⚑ escalates; clearing a note's text removes it.
- **a** — add an action (from a KR's page: one for that KR, shown with it).
- **In a field** every letter, `?` too, is text. **Ctrl+N** goes on: from a win to a
  new blocker, from a blocker to a new action. **Esc** stops typing (the page stays).
- **Esc** — out of a field; else back to the board (the huddle goes on).
- **?** — this help.

Who may write: on a shared terminal (`shared_terminal_logging`) anyone present adds
notes and actions and marks actions done; otherwise agents add their own wins and
blockers, leads add and close anything, and an owner closes his own action. The actions
page says so before you type when you may not add one.
"""


class HuddleHelpScreen(ModalScreen[None]):
    """Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "app.pop_screen", "Close", id="huddle_help.close"),
    ]

    DEFAULT_CSS = """
    HuddleHelpScreen { align: center middle; }
    HuddleHelpScreen > VerticalScroll {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: round $accent;
        background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Huddle mode"
            scroll.border_subtitle = "↑↓ scroll · Escape closes"
            yield Markdown(EXPLAINED)
