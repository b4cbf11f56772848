"""Huddle mode's read-only pages as text: who hasn't logged, the scoreboard, one KR that
needs attention, and the wrap-up. Each is one `Content` (plain text: what people typed
is never read as markup), statuses in their colours and always with their words."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from huddle.domain.formatting import format_percent
from huddle.domain.huddle import HuddleDay
from huddle.engine.missing import MissingReport
from huddle.engine.view import BoardView, KrView
from huddle.present import (
    ESCALATED,
    action_line,
    bar_cells,
    confidence_text,
    delta_text,
    long_day,
    note_line,
    spark_text,
    status_text,
    value_text,
    who,
)
from huddle.present.ahead import projection_text
from huddle.widgets.ahead_lines import needed_parts
from huddle.widgets.kr_row import fit
from huddle.widgets.status_style import status_style

Part = tuple[str, str] | str
STATUS_WIDTH = 20  # "✗ off track, stale" and a space
BAR_WIDTH = 14
TITLE_MAX = 48
WIDE = 160  # from here (a wall screen) the bars are twice as long


def _lines(*lines: list[Part]) -> Content:
    return Content.assemble(*[part for line in lines for part in (*line, "\n")])


def missing_content(report: MissingReport) -> Content:
    """Who hasn't logged, per member, the KRs missing; a logged 0 counts as logged."""
    day = report.day
    if day is None or report.note:
        return _lines([("Nothing to check: ", "bold"), f"{report.note}."])
    when = f"{long_day(day)} ({day.isoformat()})"
    if not report.lines:
        return _lines(
            [("✓ Everyone logged", "$success bold"), f" for {when}: {report.expected} numbers."]
        )
    lines: list[list[Part]] = [
        [(f"Not logged for {when}", "bold"), f": {report.missing} of {report.expected} numbers"],
        [],
    ]
    width = max(len(line.name) for line in report.lines)
    for line in report.lines:
        lines.append([(f"  {line.name:<{width}}  ", "bold"), ", ".join(line.keys)])
    lines += [[], [("A number logged as 0 counts as logged.", "$text-muted")]]
    return _lines(*lines)


def scoreboard_content(board: BoardView, width: int, *, dark: bool = True) -> Content:
    """Every objective with its roll-up, and each KR's status (coloured for a dark or a
    light theme), key and value (millions as `1.23 M`, as on the board)."""
    lines: list[list[Part]] = []
    title_width = min(TITLE_MAX, max(8, width - 6 - STATUS_WIDTH - 12 - 18))
    bar_width = BAR_WIDTH if width < WIDE else 2 * BAR_WIDTH
    for objective in board.objectives:
        cells, _ = bar_cells(objective.progress, None, bar_width)
        owner = "" if objective.is_team else f" · {objective.owner_name}"
        head = fit(f"{objective.title}{owner}", max(8, width - bar_width - 8)).rstrip()
        lines.append(
            [(f"{format_percent(objective.progress):>5} ", "bold"), cells, "  ", (head, "bold")]
        )
        for kr in objective.key_results:
            status = status_text(kr.status, kr.stale)
            lines.append(
                [
                    "      ",
                    (f"{status:<{STATUS_WIDTH}}", status_style(kr.status, dark=dark)),
                    (f"{kr.key:<11} ", "bold"),
                    fit(kr.title, title_width),
                    f" {value_text(kr, compact=True):>17}",
                ]
            )
        lines.append([])
    return _lines(*lines)


class Scoreboard(Widget):
    """The scoreboard, fitted to its width; its page scrolls."""

    DEFAULT_CSS = """
    Scoreboard { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    board: reactive[BoardView | None] = reactive[BoardView | None](None)

    def render(self) -> Content:
        if self.board is None:
            return Content("No plan yet.")
        width = self.content_size.width or 80
        return scoreboard_content(self.board, width, dark=self.app.current_theme.dark)


def owner_line(board: BoardView, kr: KrView) -> str:
    """`Ana Silva's key result (Ana: high-quality answers)` for an individual KR, or the
    team objective it belongs to."""
    for objective in board.objectives:
        if kr in objective.key_results:
            if objective.is_team:
                return f"Team key result · {objective.title}"
            return f"Owner: {objective.owner_name} · {objective.title}"
    return ""


def attention_content(
    board: BoardView, kr: KrView, number: int, count: int, *, dark: bool = True
) -> Content:
    """One KR that needs attention: status, owner, value, why, where it lands at this pace
    and what it needs from here (where defined), the last 14 days."""
    lines: list[list[Part]] = [
        [
            (status_text(kr.status, kr.stale), status_style(kr.status, dark=dark)),
            (f"   needs attention {number} of {count}", "$text-muted"),
        ],
        [],
        [(kr.key, "bold"), "  ", (kr.title, "bold")],
        [owner_line(board, kr)],
        [],
        [value_text(kr), "   ", delta_text(kr)],
        [kr.reason],
    ]
    projection, needed = projection_text(kr), needed_parts(kr, dark=dark)
    if projection:
        lines.append([projection])
    if needed:
        lines.append(list(needed))
    lines.append([f"last 14 working days  {spark_text(kr.spark)}"])
    if kr.confidence:
        lines.append([confidence_text(kr)])
    lines += [
        [],
        [("Who owns the next step? What do we try today?", "italic")],
        [("Enter: the KR's detail · a: add an action for it", "$text-muted")],
    ]
    return _lines(*lines)


def wrap_up_content(day: HuddleDay, names: Mapping[str, str], missing: MissingReport) -> Content:
    """What this huddle recorded, and what it escalated."""
    open_lines = day.open_actions
    overdue = sum(1 for line in open_lines if line.overdue)
    lines: list[list[Part]] = [
        [(f"Recorded for the huddle of {long_day(day.day)} ({day.day.isoformat()})", "bold")],
        [],
    ]
    for title, notes in (("Wins", day.wins), ("Blockers", day.blockers)):
        lines.append([(f"{title} ({len(notes)})", "bold")])
        lines += [["  ", note_line(note, names)] for note in notes] or [["  none"]]
    lines.append(
        [
            ("Actions", "bold"),
            f": {len(day.added_actions)} added, {len(day.closed_actions)} done, "
            f"{len(open_lines)} open ({overdue} overdue)",
        ]
    )
    for line in day.actions:
        state = "done" if line.done else ("new" if not line.carried else "open")
        lines.append(["  ", action_line(line, names), (f"  ({state})", "$text-muted")])
    escalated = [
        f"{note.text} — {who(note.member, names)} ({note.kind})" for note in day.escalated_notes
    ]
    escalated += [
        action_line(line, names).replace(f"  {ESCALATED}", "") for line in day.escalated_actions
    ]
    lines += [[], [(f"Escalated ({len(escalated)})", "bold")]]
    lines += [["  ⚑ ", text] for text in escalated] or [["  none"]]
    if missing.lines:
        names_missing = ", ".join(line.name for line in missing.lines)
        lines += [[], [("Still to log: ", "bold"), names_missing]]
    lines += [[], [("Enter: finish the huddle · ←: back", "$text-muted")]]
    return _lines(*lines)
