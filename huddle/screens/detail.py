"""KR detail: the value day by day against the pace line, the entries, members, changes.

The app computes the detail (in a worker, from the board's folded series) of the KR this
screen names (`details_wanted`: when it is pushed and whenever the board changes) and
hands it down through `board_changed`, like the board. Leads adjust the KR (`a`) and
set their confidence (`c`) from here; for anyone else both keys are disabled and one
line says why. A KR that a plan loaded since has left out says so, and offers nothing.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from huddle.domain.formatting import format_day, format_target, format_value
from huddle.domain.plan import HOLD_DIRECTIONS, Unit
from huddle.domain.statuses import word
from huddle.engine.detail import KrDetail
from huddle.engine.view import KrView
from huddle.messages import Shown
from huddle.present import (
    day_text,
    delta_days_text,
    delta_text,
    drags_text,
    entry_text,
    kr_status_word,
    reason_text,
    since_text,
    value_text,
)
from huddle.screens.dialogs.lead_form import NOT_IN_PLAN
from huddle.widgets import PaceChart, StatusBadge
from huddle.widgets.ahead_lines import needed_content, projection_content
from huddle.widgets.keys_footer import KeysFooter
from huddle.widgets.text_table import Column, Row, TextTable

# 73 cells before the note: "typed by/at" stay in view at 80 columns.
ENTRY_COLUMNS = (
    Column("date", 10),
    Column("member", 14),
    Column("value", 10, right=True),
    Column("state", 8),
    Column("typed by", 14),
    Column("typed at", 11),
    Column("note"),
)
MEMBER_COLUMNS = (
    Column("member", 20),
    Column("value", 12, right=True),
    Column("days", 5, right=True),
    Column("last", 8),
)
CHANGE_COLUMNS = (
    Column("when", 16),
    Column("by", 14),
    Column("field", 10),
    Column("old", 10, right=True),
    Column("new", 10, right=True),
    Column("reason"),
)
STATE_STYLES = {"replaced": "dim strike", "voided": "dim strike", "void": "italic"}
STATE_WORDS = {
    "counts": "",
    "replaced": "replaced",
    "void": "removal",
    "voided": "voided",
}


class KrDetailScreen(Screen[None]):
    """Everything about one KR. Escape goes back to where you were."""

    APP_KEYS = True  # q quits and ? opens help here
    # On a short terminal the chart is lower, so that more entries show without scrolling.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="detail.back"),
        Binding("a", "adjust", "Adjust", id="detail.adjust"),
        Binding("c", "confidence", "Confidence", id="detail.confidence"),
    ]

    def __init__(self, key: str) -> None:
        super().__init__(classes="detail")
        self.key = key
        self.detail: KrDetail | None = None
        self.gone = False  # the plan shown has no such KR (a plan loaded since left it out)
        # Whether a and c look enabled: what the last KR shown said. While the next one
        # loads they keep that look (the same person, most often the same answer), so
        # that the footer is not rebuilt twice for every KR opened.
        self._keys_allowed = False

    def show_key(self, key: str) -> None:
        """Show KR `key` next (the app keeps one detail screen and reuses it)."""
        if key == self.key:
            return
        self.key, self.detail, self.gone = key, None, False
        if self.is_mounted:
            self._show_content(False)  # nothing of the KR shown before, until it comes
            self.query_one("#detail-title", Static).update(f"{key} …")
            self.query_one("#detail-body", VerticalScroll).scroll_home(animate=False)

    def compose(self) -> ComposeResult:
        yield Static("", id="detail-title")
        with Vertical(id="detail-content") as content:
            content.display = False  # until the KR's detail comes
            with Horizontal(id="detail-status-line"):
                yield StatusBadge()
                yield Label("", id="detail-numbers", markup=False)
            yield Static("", id="detail-reason", markup=False)
            yield Static("", id="detail-since", markup=False)
            yield Static("", id="detail-projection", markup=False)
            yield Static("", id="detail-needed", markup=False)
            yield Static("", id="detail-lead", markup=False)
            with VerticalScroll(id="detail-body"):
                yield Label(
                    "Value by working day (bars) against the pace line (─)", classes="section"
                )
                yield PaceChart()
                yield Label("Entries, newest first", classes="section", id="entries-title")
                yield TextTable(ENTRY_COLUMNS, empty="no entries yet", id="entries")
                yield Label("By member", classes="section", id="members-title")
                yield TextTable(MEMBER_COLUMNS, id="members")
                yield Label(
                    "Changes to target, baseline and confidence, newest first",
                    classes="section",
                )
                yield TextTable(CHANGE_COLUMNS, empty="no changes", id="changes")
        yield KeysFooter()

    def _show_content(self, shown: bool) -> None:
        # `display` on the one container, not a class on the screen: a class would have
        # Textual match the CSS of every widget below again, the footer's keys included.
        self.query_one("#detail-content", Vertical).display = shown

    def details_wanted(self) -> tuple[str]:
        return (self.key,)

    def board_changed(self, shown: Shown) -> None:
        """Show this KR's detail once it comes; until then, the one shown stays."""
        if self.key in shown.details and self.is_attached:  # not one asked for another KR
            self.show_detail(shown.details[self.key])

    def show_detail(self, detail: KrDetail | None) -> None:
        """Show `detail` (None: the plan has no such KR any more)."""
        self.detail, self.gone = detail, detail is None
        if detail is None:
            self.query_one("#detail-title", Static).update(f"{self.key}: {NOT_IN_PLAN}")
            self._show_content(False)  # its chart and entries are of a KR the plan left out
            if self._keys_allowed:
                self._keys_allowed = False
                self.refresh_bindings()
            return
        self._show(detail)
        self._show_lead(detail)
        self._show_content(True)
        if self._keys_allowed != (detail.lead_refusal is None):
            self._keys_allowed = detail.lead_refusal is None
            self.refresh_bindings()  # the footer recomposes: only when a/c change

    def lead_refusal(self) -> str | None:
        """Why the person at the keyboard may not act on this KR; None for a lead."""
        if self.detail is None:
            return (
                f"{self.key} is {NOT_IN_PLAN}" if self.gone else "the key result is still loading"
            )
        return self.detail.lead_refusal

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("adjust", "confidence"):
            return True if self._keys_allowed else None  # None: shown, but disabled
        return True

    def action_adjust(self) -> None:
        from huddle.screens.adjust import AdjustForm

        if self.detail is not None and not self.lead_refusal():
            self.app.push_screen(AdjustForm(self.detail.kr))

    def action_confidence(self) -> None:
        from huddle.screens.confidence import ConfidenceForm

        if self.detail is not None and not self.lead_refusal():
            self.app.push_screen(ConfidenceForm(self.detail.kr))

    def _show_lead(self, detail: KrDetail) -> None:
        refusal = detail.lead_refusal
        line = self.query_one("#detail-lead", Static)
        line.display = refusal is not None
        line.update(f"✗ a, c: {refusal}" if refusal else "")

    def _show_ahead(self, kr: KrView) -> None:
        """Where the KR lands at this pace and what it needs from here; hidden where the
        outlook is not defined (before the first completed working day, after the last,
        without data)."""
        projection = projection_content(kr)
        needed = needed_content(kr, self.app.no_color, dark=self.app.current_theme.dark)
        for selector, line in (("#detail-projection", projection), ("#detail-needed", needed)):
            widget = self.query_one(selector, Static)
            widget.display = bool(line)
            widget.update(line)

    def _show(self, detail: KrDetail) -> None:
        kr = detail.kr
        self.query_one("#detail-title", Static).update(
            Text.assemble(
                (kr.key, "bold"), " ", (kr.title, "bold"), f"  ·  {detail.objective_title}"
            )
        )
        self.query_one(StatusBadge).show(kr)
        numbers = value_text(kr)
        if kr.delta is not None:  # which days the change compares
            numbers += f"   {delta_text(kr)} ({delta_days_text(kr)})"
        if kr.direction in ("up", "down"):
            numbers += f"   baseline {format_target(kr.baseline, kr.unit)}"
        self.query_one("#detail-numbers", Label).update(numbers)
        self.query_one("#detail-reason", Static).update(reason_text(kr))
        self.query_one("#detail-since", Static).update(since_line(detail))
        self._show_ahead(kr)

        chart = self.query_one(PaceChart)
        chart.values = detail.values
        chart.pace = detail.pace
        chart.unit = kr.unit
        chart.marks = (kr.target,) if kr.direction in HOLD_DIRECTIONS else (kr.baseline, kr.target)
        chart.first_label = format_day(detail.days[0]) if detail.days else ""
        chart.last_label = format_day(detail.days[-1]) if detail.days else ""

        title = "Entries, newest first"
        if detail.entry_count > len(detail.entries):
            title += f" (the last {len(detail.entries)} of {detail.entry_count:,})"
        self.query_one("#entries-title", Label).update(title)
        self.query_one("#entries", TextTable).rows = tuple(
            Row(
                (
                    row.entry.date.isoformat(),
                    row.member_name,
                    entry_text(kr.kind, kr.unit, row.entry),
                    STATE_WORDS[row.state],
                    detail.person(row.entry.typed_by),
                    row.entry.typed_at.astimezone().strftime("%m-%d %H:%M"),
                    row.entry.note,
                ),
                STATE_STYLES.get(row.state, ""),
            )
            for row in detail.entries
        )
        members = self.query_one("#members", TextTable)
        members.display = detail.show_members
        self.query_one("#members-title", Label).display = detail.show_members
        members.rows = tuple(
            Row((line.name, line.value, str(line.days), day_text(line.last)))
            for line in detail.members
        )
        self.query_one("#changes", TextTable).rows = tuple(
            Row(
                (
                    change.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    detail.person(change.by),
                    change.field,
                    _change_value(change.old, kr.unit),
                    _change_value(change.new, kr.unit),
                    change.reason,
                )
            )
            for change in detail.changes
        )


def since_line(detail: KrDetail) -> str:
    """`at risk since Nov 16 · n = 7,085 · who drags: David Cohen 67.3 % (−0.6 pts), …`."""
    kr = detail.kr
    since = since_text(detail.since, detail.today)
    parts = [f"{kr_status_word(kr)} {since}" if since else ""]
    if kr.n is not None and not kr.low_sample:
        parts.append(f"n = {kr.n:,}")
    who = drags_text(detail.drags, kr.unit)
    if who:
        parts.append(f"who drags: {who}")
    return " · ".join(part for part in parts if part)


def _change_value(value: float | str | None, unit: Unit) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return word(value)  # a confidence level
    return format_value(value, unit)
