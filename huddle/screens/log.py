"""The log form: an agent types today's numbers, one field group per key result.

Who (preselected from the OS user), which date (today by default, earlier days of the
cycle allowed, never the future), then one `KrFields` group per KR the member logs.
Tab / Shift-Tab move, Enter moves on and saves from the last field, Ctrl+S saves.
The whole form is one store transaction through `huddle.service.log_entries`, run in a
thread worker; on success the screen dismisses with a `LogResult` and a toast shows each
logged KR's new team value and status.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Select, Static

from huddle import service
from huddle.clock import Clock
from huddle.engine import build_board
from huddle.errors import HuddleError, InvalidInput, NotAllowed
from huddle.formatting import format_day, format_value
from huddle.identity import current_os_user
from huddle.models import Entry, KeyResult, Member, Plan
from huddle.store import Store, WriteInfo
from huddle.view import BoardView
from widgets.keys_footer import KeysFooter
from widgets.log_fields import KrFields, Logged
from widgets.status_badge import status_text

EAGER_GROUPS = 2  # field groups mounted before the first paint (the rest come a frame later)


@dataclass(frozen=True)
class LogResult:
    """What a saved log form wrote, and each logged KR's new team value and status.

    `board` is the board computed after the save, as of `today`, from the file as it
    was then (last written as `last_write`): the app shows it rather than computing it
    again.
    """

    member: str
    day: date
    entries: tuple[Entry, ...]
    summary: tuple[str, ...]  # e.g. "fcr  72.4 %  ✓ on track"
    board: BoardView
    today: date
    last_write: WriteInfo | None


def describe(kr: KeyResult, entry: Entry) -> str:
    """A logged entry the way a person reads it: "34", "42/50", "4m30s × 12", "30/10/5"."""
    if kr.kind == "ratio":
        return f"{entry.numerator}/{entry.denominator}"
    if kr.kind == "nps":
        return f"{entry.promoters}/{entry.passives}/{entry.detractors}"
    shown = format_value(entry.value, kr.unit)
    if kr.kind == "mean" and entry.volume is not None:
        shown += f" × {entry.volume:g}"
    return shown


def parse_day(text: str, today: date) -> date:
    """`2026-11-20`, `today`, `yesterday`; InvalidInput("date", …) otherwise."""
    cleaned = text.strip().lower()
    if cleaned in ("", "today"):
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        shown = text.strip()[:20]
        raise InvalidInput("date", f"'{shown}' is not a date (YYYY-MM-DD)") from None


def check_day(plan: Plan, day: date, today: date) -> str | None:
    """Why `day` cannot be logged, or None."""
    if day > today:
        return f"{day.isoformat()} is in the future (today is {today.isoformat()})"
    cycle = plan.cycle
    if not cycle.contains(day):
        return (
            f"{day.isoformat()} is outside the cycle {cycle.name} "
            f"({cycle.start.isoformat()} … {cycle.end.isoformat()})"
        )
    return None


class ConfirmVoid(ModalScreen[bool]):
    """Clearing a logged number removes it from the board: ask first."""

    DEFAULT_CSS = """
    ConfirmVoid {
        align: center middle;
    }
    ConfirmVoid > Vertical {
        width: 64;
        height: auto;
        max-width: 100%;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmVoid #void-list {
        margin: 1 0;
        text-style: bold;
    }
    ConfirmVoid Horizontal {
        height: auto;
        align-horizontal: right;
    }
    ConfirmVoid Button {
        margin-left: 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Void them", id="log.void.yes"),
        Binding("n,escape", "answer(False)", "Keep them", id="log.void.no"),
    ]

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__()
        self.lines = tuple(lines)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("You cleared numbers that are already logged. Void them?")
            yield Static("\n".join(self.lines), id="void-list", markup=False)
            yield Static("The old entries stay in the history; the board stops counting them.")
            with Horizontal():
                yield Button("Keep (n)", id="keep")
                yield Button("Void (y)", id="void", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "void")


class LogScreen(Screen[LogResult | None]):
    """Log one member's numbers for one date, all in one transaction."""

    DEFAULT_CSS = """
    LogScreen {
        layout: vertical;
    }
    LogScreen #log-title {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    LogScreen .log-row {
        height: 1;
        padding: 0 1;
    }
    LogScreen .log-row > Label {
        width: 8;
    }
    LogScreen #member {
        width: 30;
        margin-right: 1;
    }
    LogScreen #date {
        width: 14;
        margin-right: 1;
    }
    LogScreen .row-error {
        width: 1fr;
        height: 1;
        color: $text-error;
    }
    LogScreen .row-error.-hint {
        color: $text-muted;
    }
    LogScreen #groups {
        height: 1fr;
        margin-top: 1;
    }
    LogScreen #form-status {
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $text-warning;
    }
    LogScreen #form-status.-error {
        color: $text-error;
        text-style: bold;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="log.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="log.cancel"),
    ]

    def __init__(
        self,
        store: Store,
        clock: Clock,
        member_id: str | None = None,
        *,
        os_user: str | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.os_user = os_user or current_os_user()
        self.plan: Plan | None = store.plan()
        self.today = clock.today()
        self.day: date | None = self.today
        self.saving = False
        plan = self.plan
        self.actor = plan.member_for_os_user(self.os_user) if plan is not None else None
        self.member_id: str | None = member_id
        if self.member_id is None and self.actor is not None:
            self.member_id = self.actor.id
        if plan is not None and self.member_id is not None and plan.member(self.member_id) is None:
            self.member_id = None
        self._entries: list[Entry] = store.entries() if plan is not None else []
        self._deferred: list[KrFields] = []

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        plan = self.plan
        title = "Log numbers"
        if plan is not None:
            title += f" — {plan.team.name} · {plan.cycle.name}"
        yield Static(title, id="log-title", markup=False)
        options = [(f"{m.name} ({m.id})", m.id) for m in self._pickable()]
        with Horizontal(classes="log-row"):
            yield Label("who")
            yield Select(
                options,
                prompt="pick who you log for",
                value=self.member_id if self.member_id is not None else Select.NULL,
                id="member",
                compact=True,
            )
            yield Static("", id="member-error", classes="row-error", markup=False)
        with Horizontal(classes="log-row"):
            yield Label("date")
            yield Input(self.today.isoformat(), id="date", compact=True)
            yield Static("", id="date-error", classes="row-error", markup=False)
        with VerticalScroll(id="groups", can_focus=False):  # Tab goes field to field
            # The first groups fill the screen at once; the rest mount in one go right
            # after the first paint, so the form is ready to type into sooner.
            groups = self._groups()
            yield from groups[:EAGER_GROUPS]
            self._deferred = groups[EAGER_GROUPS:]
        yield Static("", id="form-status", markup=False)
        yield KeysFooter()

    def _pickable(self) -> list[Member]:
        """Whom the picker offers: those this user may log for (everyone when that is
        no one, so the message beside the picker can say why), and the preselected one."""
        plan = self.plan
        if plan is None:
            return []
        allowed = service.members_loggable_by(plan, self.actor) or list(plan.members)
        ids = {m.id for m in allowed}
        return [m for m in plan.members if m.id in ids or m.id == self.member_id]

    def _groups(self) -> list[KrFields]:
        plan = self.plan
        if plan is None or self.member_id is None:
            return []
        return [
            KrFields(kr, self._logged(kr), title=kr.title + ("" if objective.is_team else " (MBO)"))
            for objective, kr in service.krs_for_member(plan, self.member_id)
        ]

    def on_mount(self) -> None:
        if self._deferred:
            self.call_after_refresh(self._mount_deferred)
        if self.plan is None:
            self._status("No plan is loaded yet: a lead loads one with `huddle plan load`.", True)
            return
        self._check_member()
        self._check_date()
        first = self._inputs()
        if self.member_id is not None and first:
            first[0].focus()
        else:
            self.query_one("#member", Select).focus()

    async def _mount_deferred(self) -> None:
        groups, self._deferred = self._deferred, []
        if groups and self.is_attached:
            await self.query_one("#groups", VerticalScroll).mount_all(groups)

    # ------------------------------------------------------------ data for the groups

    def _logged(self, kr: KeyResult) -> Logged | None:
        if self.member_id is None or self.day is None:
            return None
        entry = service.logged_entry(self._entries, kr.key, self.member_id, self.day)
        if entry is None:
            return None
        return Logged(
            values=service.entry_values(entry, kr),
            shown=describe(kr, entry),
            when=self._when(entry.typed_at),
            by=entry.typed_by,
        )

    def _when(self, moment: datetime) -> str:
        local = moment.astimezone() if moment.tzinfo is not None else moment
        clock = local.strftime("%H:%M")
        return clock if local.date() == self.today else f"{format_day(local.date())} {clock}"

    def _inputs(self) -> list[Input]:
        return list(self.query("#groups Input").results(Input))

    def _group_list(self) -> list[KrFields]:
        return list(self.query(KrFields).results(KrFields))

    # ------------------------------------------------------------ who and when

    @on(Select.Changed, "#member")
    async def _member_changed(self, event: Select.Changed) -> None:
        value = event.value
        member_id = value if isinstance(value, str) else None
        if member_id == self.member_id:
            return
        self.member_id = member_id
        self._deferred = []
        self._check_member()
        groups = self.query_one("#groups", VerticalScroll)
        await groups.remove_children()
        await groups.mount_all(self._groups())
        inputs = self._inputs()
        if inputs and self.member_id is not None:
            inputs[0].focus()  # picked: straight on to the numbers

    def _check_member(self) -> bool:
        label = self.query_one("#member-error", Static)
        plan = self.plan
        problem: str | None = None
        if plan is None:
            problem = "no plan"
        elif self.member_id is None:
            if self.actor is None and not plan.team.shared_terminal_logging:
                problem = f"OS user '{self.os_user}' is no member: ask a lead to add it"
            else:  # a shared terminal: not an error yet, a hint
                label.update("Enter, then type a name to pick")
                label.add_class("-hint")
                return False
        elif not service.can_log_for(plan, self.actor, self.member_id):
            problem = self._refusal(plan, self.member_id)
        label.update(f"✗ {problem}" if problem else "")
        label.remove_class("-hint")
        return problem is None

    def _refusal(self, plan: Plan, member_id: str) -> str:
        if plan.cycle.closed:
            return f"cycle {plan.cycle.name} is closed: only leads may log"
        if self.actor is None:
            return f"OS user '{self.os_user}' is no member and may not log for {member_id}"
        return f"{self.actor.id} may log only for {self.actor.id}"

    @on(Input.Changed, "#date")
    def _date_changed(self) -> None:
        before = self.day
        self._check_date()
        if self.day is not None and self.day != before:
            for group in self._group_list():
                group.set_logged(self._logged(group.kr))
            self._deferred = [
                KrFields(g.kr, self._logged(g.kr), title=g.title) for g in self._deferred
            ]

    def _check_date(self) -> bool:
        label = self.query_one("#date-error", Static)
        problem: str | None = None
        try:
            day = parse_day(self.query_one("#date", Input).value, self.today)
        except InvalidInput as error:
            problem = error.message
            self.day = None
        else:
            if self.plan is not None:
                problem = check_day(self.plan, day, self.today)
            self.day = None if problem else day
        label.update(f"✗ {problem}" if problem else "")
        self.query_one("#date", Input).set_class(problem is not None, "-invalid")
        return problem is None

    # ------------------------------------------------------------ keys

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = self._inputs()
        if inputs and event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(KrFields.Changed)
    def _field_changed(self, event: KrFields.Changed) -> None:
        event.stop()
        self._status("")

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)

    # ------------------------------------------------------------ saving

    def action_save(self) -> None:
        if self.saving or self.plan is None:
            return
        ok_member = self._check_member()
        ok_date = self._check_date()
        groups = self._group_list()
        invalid = [group for group in groups if group.state == "invalid"]
        if not (ok_member and ok_date) or invalid:
            count = len(invalid) + (not ok_member) + (not ok_date)
            self._status(f"Not saved: fix the {count} marked field(s) first.", True)
            self._focus_first_problem(ok_member, ok_date, invalid)
            return
        assert self.member_id is not None and self.day is not None
        typed_by = service.actor_label(self.plan, self.os_user)
        entries: list[Entry] = []
        voids: list[str] = []
        for group in groups:
            if group.state == "changed":
                values: dict[str, Any] = {
                    k: v for k, v in group.values.items() if v is not None
                }
                entries.append(
                    Entry(
                        kr=group.kr.key,
                        member=self.member_id,
                        date=self.day,
                        typed_by=typed_by,
                        typed_at=self.clock.now(),
                        **values,
                    )
                )
            elif group.state == "void" and group.logged is not None:
                entries.append(
                    service.void_of(
                        group.kr.key, self.member_id, self.day, typed_by=typed_by, clock=self.clock
                    )
                )
                voids.append(f"{group.kr.key}: {group.logged.shown} (logged {group.logged.when})")
        if not entries:
            self._status("Nothing to save: every field is empty or unchanged.")
            return
        if voids:

            def answered(void: bool | None) -> None:
                if void:
                    self._write(entries)
                else:
                    self._status("Not saved: refill the cleared fields or save again to void.")

            self.app.push_screen(ConfirmVoid(voids), answered)
            return
        self._write(entries)

    def _focus_first_problem(self, ok_member: bool, ok_date: bool, invalid: list[KrFields]) -> None:
        if not ok_member:
            self.query_one("#member", Select).focus()
        elif not ok_date:
            self.query_one("#date", Input).focus()
        elif invalid:
            group = invalid[0]
            field = next(iter(group.errors), group.field_names[0])
            group.input(field).focus()

    def _write(self, entries: list[Entry]) -> None:
        self.saving = True
        self._status("Saving…")
        self.run_worker(lambda: self._save_in_thread(entries), thread=True, group="log-save")

    def _save_in_thread(self, entries: list[Entry]) -> None:
        try:
            service.log_entries(self.store, entries, actor_os_user=self.os_user, clock=self.clock)
            result = self._result(entries)
        except HuddleError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._saved, result)

    def _result(self, entries: list[Entry]) -> LogResult:
        snapshot = self.store.snapshot()  # one consistent read, not three
        plan = snapshot.plan
        assert plan is not None and self.member_id is not None and self.day is not None
        board = build_board(plan, snapshot.entries, snapshot.changes, self.today)
        summary: list[str] = []
        for entry in entries:
            view = board.kr(entry.kr)
            if view is None:
                continue
            value = format_value(view.current, view.unit)
            summary.append(f"{view.key}  {value}  {status_text(view.status, view.stale)}")
        return LogResult(
            self.member_id, self.day, tuple(entries), tuple(summary),
            board=board, today=self.today, last_write=snapshot.last_write,
        )

    def _saved(self, result: LogResult) -> None:
        self.saving = False
        voided = sum(entry.void for entry in result.entries)
        count = len(result.entries) - voided
        title = f"Saved {count} number{'s' if count != 1 else ''} for {result.member}"
        if voided:
            title += f", voided {voided}"
        if result.day != self.today:
            title += f" on {format_day(result.day)}"
        self.app.notify("\n".join(result.summary) or "saved", title=title, timeout=6)
        self.dismiss(result)

    def _failed(self, error: HuddleError) -> None:
        self.saving = False
        field = getattr(error, "field", None)
        message = getattr(error, "message", None) or str(error)
        if isinstance(error, NotAllowed):
            self.query_one("#member-error", Static).update(f"✗ {message}")
        elif isinstance(field, str):
            if field == "member":
                self.query_one("#member-error", Static).update(f"✗ {message}")
            elif field == "date":
                self.query_one("#date-error", Static).update(f"✗ {message}")
        self._status(f"Not saved: {error}", True)

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#form-status", Static)
        status.update(text)
        status.set_class(error, "-error")
