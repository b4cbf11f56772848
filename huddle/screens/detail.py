"""KR detail: the value day by day against the pace line, the entries, members, changes.

The app computes the detail (in a worker, from the board's folded series) when this
screen asks (`DetailWanted`: on mount and whenever the board changes) and hands it down
through `show_detail`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from huddle.domain.formatting import format_day, format_target, format_value
from huddle.domain.plan import Unit
from huddle.engine.detail import KrDetail
from huddle.engine.view import BoardView
from huddle.messages import DetailWanted
from huddle.present import day_text, delta_text, entry_text, reason_text, value_text
from huddle.widgets import PaceChart, StatusBadge
from huddle.widgets.keys_footer import KeysFooter

STATE_WORDS = {
    "counts": "",
    "replaced": "replaced",
    "void": "void (removes)",
    "voided": "voided",
}


class KrDetailScreen(Screen[None]):
    """Everything about one KR. Escape goes back to where you were."""

    APP_KEYS = True  # q quits and ? opens help here

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="detail.back")
    ]

    def __init__(self, key: str) -> None:
        super().__init__(classes="detail")
        self.key = key
        self.detail: KrDetail | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="detail-title")
        with Horizontal(id="detail-status-line"):
            yield StatusBadge()
            yield Label("", id="detail-numbers", markup=False)
        yield Static("", id="detail-reason", markup=False)
        with VerticalScroll(id="detail-body"):
            yield Label("Value by working day (bars) against the pace line (─)", classes="section")
            yield PaceChart()
            yield Label("Entries, newest first", classes="section", id="entries-title")
            yield DataTable(id="entries", cursor_type="row", zebra_stripes=False)
            yield Label("By member", classes="section", id="members-title")
            yield DataTable(id="members", cursor_type="row")
            yield Label("Changes to target, baseline and confidence", classes="section")
            yield DataTable(id="changes", cursor_type="row")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#entries", DataTable).add_columns(
            "date", "member", "value", "state", "note", "typed by", "typed at"
        )
        self.query_one("#members", DataTable).add_columns("member", "value", "days", "last")
        self.query_one("#changes", DataTable).add_columns(
            "when", "by", "field", "old", "new", "reason"
        )
        self.watch(self.app, "board", self._board_changed)

    def _board_changed(self, board: BoardView | None) -> None:
        self.post_message(DetailWanted(self, self.key))

    def show_detail(self, detail: KrDetail | None) -> None:
        """Show `detail` (None: the plan has no such KR any more)."""
        if not self.is_attached:
            return
        if detail is None:
            self.query_one("#detail-title", Static).update(f"{self.key}: no such key result")
            return
        self.detail = detail
        self._show(detail)

    def _show(self, detail: KrDetail) -> None:
        kr = detail.kr
        self.query_one("#detail-title", Static).update(
            Text.assemble(
                (kr.key, "bold"), " ", (kr.title, "bold"), f"  ·  {detail.objective_title}"
            )
        )
        badge = self.query_one(StatusBadge)
        badge.status = kr.status
        badge.stale = kr.stale
        numbers = f"{value_text(kr)}   {delta_text(kr)}".rstrip()
        if kr.direction in ("up", "down"):
            numbers += f"   baseline {format_target(kr.baseline, kr.unit)}"
        self.query_one("#detail-numbers", Label).update(numbers)
        self.query_one("#detail-reason", Static).update(reason_text(kr))

        chart = self.query_one(PaceChart)
        chart.values = detail.values
        chart.pace = detail.pace
        chart.unit = kr.unit
        chart.first_label = format_day(detail.days[0]) if detail.days else ""
        chart.last_label = format_day(detail.days[-1]) if detail.days else ""

        title = "Entries, newest first"
        if detail.entry_count > len(detail.entries):
            title += f" (the last {len(detail.entries)} of {detail.entry_count:,})"
        self.query_one("#entries-title", Label).update(title)
        entries = self.query_one("#entries", DataTable)
        entries.clear()
        for row in detail.entries:
            e = row.entry
            struck = row.state in ("replaced", "voided")
            style = "dim strike" if struck else ("italic" if row.state == "void" else "")
            cells = (
                e.date.isoformat(),
                row.member_name,
                entry_text(kr.kind, kr.unit, e),
                STATE_WORDS[row.state],
                e.note,
                e.typed_by,
                e.typed_at.astimezone().strftime("%m-%d %H:%M"),
            )
            entries.add_row(*(Text(cell, style=style) for cell in cells))
        if not detail.entries:
            entries.add_row("—", "no entries yet", "", "", "", "", "")

        members = self.query_one("#members", DataTable)
        shown = detail.show_members
        members.display = shown
        self.query_one("#members-title", Label).display = shown
        members.clear()
        if shown:
            for line in detail.members:
                members.add_row(line.name, line.value, str(line.days), day_text(line.last))

        changes = self.query_one("#changes", DataTable)
        changes.clear()
        for change in detail.changes:
            changes.add_row(
                change.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                change.by,
                change.field,
                _change_value(change.old, kr.unit),
                _change_value(change.new, kr.unit),
                change.reason,
            )
        if not detail.changes:
            changes.add_row("—", "", "", "", "", "no changes")


def _change_value(value: float | str | None, unit: Unit) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value.replace("_", " ")
    return format_value(value, unit)
