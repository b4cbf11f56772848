"""The log form: an agent types today's numbers, one field group per key result.

Who (preselected from the OS user), which date (today by default, earlier days of the
cycle allowed, never the future), then one `KrFields` group per KR the member logs.
Tab / Shift-Tab move, Enter moves on and saves from the last field, Ctrl+S saves.
The form is handed the plan and a way to look up what is already logged for a member
and date (the app's snapshot decodes that date's month); it never reads or writes the
store. Saving posts `LogSubmitted` to the app, which writes the entries in one
transaction and answers with `write_done` (the form closes with a `LogResult` and a
toast of each logged KR's new team value) or `write_failed` (the form stays, as typed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Label, Select, Static

from huddle.domain.clock import Clock
from huddle.domain.entry import Entry, date_problem, entry_values, void_of
from huddle.domain.errors import HuddleError, InvalidInput, NotAllowed
from huddle.domain.formatting import format_day, format_value
from huddle.domain.permissions import actor_label, log_refusal, members_loggable_by
from huddle.domain.plan import KeyResult, Member, Plan
from huddle.domain.typed_values import parse_date
from huddle.engine.view import BoardView
from huddle.messages import LogSubmitted
from huddle.present import entry_text, status_text
from huddle.screens.dialogs.confirm import ConfirmDialog
from huddle.widgets.keys_footer import KeysFooter
from huddle.widgets.log_fields import KrFields, Logged

EAGER_GROUPS = 2  # field groups mounted before the first paint (the rest come a frame later)


@dataclass(frozen=True)
class LogResult:
    """What a saved log form wrote, and each logged KR's new team value and status."""

    member: str
    day: date
    entries: tuple[Entry, ...]
    summary: tuple[str, ...]  # e.g. "fcr  72.4 %  ✓ on track"


class LogScreen(Screen[LogResult | None]):
    """Log one member's numbers for one date, all in one transaction."""

    CSS_PATH = "log.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="log.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="log.cancel"),
    ]

    def __init__(
        self,
        plan: Plan | None,
        logged: Callable[[str, date], dict[str, Entry]],
        clock: Clock,
        os_user: str,
        member_id: str | None = None,
    ) -> None:
        super().__init__()
        self.plan = plan
        self.logged = logged  # (member, date) -> per KR, the entry that counts now
        self.clock = clock
        self.os_user = os_user
        self.today = clock.today()
        self.day: date | None = self.today
        self.saving = False
        self.actor = plan.member_for_os_user(os_user) if plan is not None else None
        self.member_id: str | None = member_id
        if self.member_id is None and self.actor is not None:
            self.member_id = self.actor.id
        if plan is not None and self.member_id is not None and plan.member(self.member_id) is None:
            self.member_id = None
        self._logged_now: dict[str, Entry] = self._counting()
        self._deferred: list[KrFields] = []
        self._pending: list[Entry] = []

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        plan = self.plan
        title = "Log numbers"
        if plan is not None:
            title += f" — {plan.team.name} · {plan.cycle.name}"
        yield Static(title, id="log-title", markup=False)
        options = [(Text(f"{m.name} ({m.id})"), m.id) for m in self._pickable()]
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
        allowed = members_loggable_by(plan, self.actor) or list(plan.members)
        ids = {m.id for m in allowed}
        return [m for m in plan.members if m.id in ids or m.id == self.member_id]

    def _groups(self) -> list[KrFields]:
        plan = self.plan
        if plan is None or self.member_id is None:
            return []
        return [
            KrFields(kr, self._logged(kr), title=kr.title + ("" if objective.is_team else " (MBO)"))
            for objective, kr in plan.krs_for_member(self.member_id)
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

    def _counting(self) -> dict[str, Entry]:
        """Per KR, what counts now for the member and date shown."""
        if self.member_id is None or self.day is None:
            return {}
        return self.logged(self.member_id, self.day)

    def _logged(self, kr: KeyResult) -> Logged | None:
        entry = self._logged_now.get(kr.key)
        if entry is None:
            return None
        return Logged(
            values=entry_values(entry, kr.kind),
            shown=entry_text(kr.kind, kr.unit, entry),
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
        self._logged_now = self._counting()
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
        if plan is None:
            problem: str | None = "no plan"
        else:
            problem = log_refusal(plan, self.actor, self.os_user, self.member_id)
        if problem is None and self.member_id is None:  # not an error yet: a hint
            label.update("Enter, then type a name to pick")
            label.add_class("-hint")
            return False
        label.update(f"✗ {problem}" if problem else "")
        label.remove_class("-hint")
        return problem is None

    @on(Input.Changed, "#date")
    def _date_changed(self) -> None:
        before = self.day
        self._check_date()
        if self.day is not None and self.day != before:
            self._logged_now = self._counting()
            for group in self._group_list():
                group.set_logged(self._logged(group.kr))
            self._deferred = [
                KrFields(g.kr, self._logged(g.kr), title=g.title) for g in self._deferred
            ]

    def _check_date(self) -> bool:
        label = self.query_one("#date-error", Static)
        problem: str | None = None
        text = self.query_one("#date", Input).value
        try:
            day = parse_date(text, "date", self.today) if text.strip() else self.today
        except InvalidInput as error:
            problem = error.message
            self.day = None
        else:
            if self.plan is not None:
                problem = date_problem(self.plan.cycle, day, self.today)
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
        typed_by = actor_label(self.plan, self.os_user)
        entries: list[Entry] = []
        voids: list[str] = []
        for group in groups:
            if group.state == "changed":
                values: dict[str, Any] = {k: v for k, v in group.values.items() if v is not None}
                entries.append(
                    Entry(
                        kr=group.kr.key, member=self.member_id, date=self.day,
                        typed_by=typed_by, typed_at=self.clock.now(), **values,
                    )
                )
            elif group.state == "void" and group.logged is not None:
                entries.append(
                    void_of(group.kr.key, self.member_id, self.day, typed_by=typed_by,
                            at=self.clock.now())
                )
                voids.append(f"{group.kr.key}: {group.logged.shown} (logged {group.logged.when})")
        if not entries:
            self._status("Nothing to save: every field is empty or unchanged.")
            return
        if voids:

            def answered(void: bool | None) -> None:
                if void:
                    self._submit(entries)
                else:
                    self._status("Not saved: refill the cleared fields or save again to void.")

            self.app.push_screen(
                ConfirmDialog(
                    "You cleared numbers that are already logged. Void them?",
                    voids,
                    note="The old entries stay in the history; the board stops counting them.",
                    yes="Void (y)", no="Keep (n)",
                ),
                answered,
            )
            return
        self._submit(entries)

    def _focus_first_problem(self, ok_member: bool, ok_date: bool, invalid: list[KrFields]) -> None:
        if not ok_member:
            self.query_one("#member", Select).focus()
        elif not ok_date:
            self.query_one("#date", Input).focus()
        elif invalid:
            group = invalid[0]
            field = next(iter(group.errors), group.field_names[0])
            group.input(field).focus()

    def _submit(self, entries: list[Entry]) -> None:
        self.saving = True
        self._pending = entries
        self._status("Saving…")
        self.post_message(LogSubmitted(self, entries))

    def write_done(self, board: BoardView) -> None:
        """The app saved the entries; `board` is the board with them."""
        self.saving = False
        entries, self._pending = self._pending, []
        assert self.member_id is not None and self.day is not None
        summary: list[str] = []
        for entry in entries:
            view = board.kr(entry.kr)
            if view is not None:
                value = format_value(view.current, view.unit)
                summary.append(f"{view.key}  {value}  {status_text(view.status, view.stale)}")
        result = LogResult(self.member_id, self.day, tuple(entries), tuple(summary))
        voided = sum(entry.void for entry in entries)
        count = len(entries) - voided
        title = f"Saved {count} number{'s' if count != 1 else ''} for {result.member}"
        if voided:
            title += f", voided {voided}"
        if result.day != self.today:
            title += f" on {format_day(result.day)}"
        self.app.notify("\n".join(summary) or "saved", title=title, timeout=6, markup=False)
        self.dismiss(result)

    def write_failed(self, error: HuddleError) -> None:
        """The app could not save: say why; what was typed stays."""
        self._pending = []
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
