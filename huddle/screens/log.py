"""The log form: an agent types today's numbers, one field group per key result.

Who (preselected from the OS user; on a shared terminal, whom it last logged for), which
date (today by default, `yesterday` is the previous working day, earlier days of the
cycle allowed, never the future; a non-working day is warned of), then one `KrFields`
group per KR the member logs (or only the KR `huddle log KEY` names). The form opens on
"who"; Tab / Shift-Tab move (who, date, the fields in order), Enter moves on and saves
from the last field, Ctrl+S saves; Escape asks before it throws typed numbers away.
Handed down the file as the app shows it (the plan, what counts for a member and date),
the form never reads or writes the store: saving asks the app to write (`log_entries`,
with what the form showed as counting), and the app answers `WriteDone` (the form closes
with a `LogResult`, a toast of each KR's new team value) or `WriteFailed` (it stays, as
typed; if someone logged meanwhile, it shows theirs and asks).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from huddle.domain.clock import Clock
from huddle.domain.corrections import ChangedMeanwhile
from huddle.domain.entry import Entry
from huddle.domain.errors import NotAllowed
from huddle.domain.plan import KeyResult, Plan
from huddle.domain.roles import Actor, log_refusal
from huddle.messages import FileView, Shown, WriteDone, WriteFailed, write
from huddle.present import saved_text
from huddle.screens.log_draft import (
    Draft,
    LogResult,
    check_date,
    discard_dialog,
    draft,
    last_member_typed_here,
    logged_of,
    meanwhile_details,
    meanwhile_dialog,
    not_saved,
    pickable,
    summary_lines,
    void_dialog,
)
from huddle.service.log import log_entries
from huddle.widgets.field_label import FieldLabel, mark_focus
from huddle.widgets.keys_footer import KeysFooter
from huddle.widgets.log_fields import FieldInput, KrFields, Logged
from huddle.widgets.member_picker import MemberPicker

EAGER_GROUPS = 2  # field groups mounted before the first paint (the rest come a frame later)
__all__ = ["LogResult", "LogScreen"]


class LogScreen(Screen[LogResult | None]):
    """Log one member's numbers for one date, all in one transaction."""

    TAKES_KEYS_AHEAD = True  # its fields take a burst themselves (widgets/typed_ahead.py)
    CSS_PATH = "log.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: Ctrl+S goes the way the keys typed before it went (to the
        # field they are in, or held while the fields are built), and saves after them.
        Binding("ctrl+s", "save", "Save", id="log.save"),
        Binding("escape", "cancel", "Cancel", id="log.cancel"),
    ]

    def __init__(
        self,
        clock: Clock,
        os_user: str,
        member_id: str | None = None,
        only: str | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.os_user = os_user
        self.only = only  # the one KR to log (`huddle log KEY`), else every KR
        self.today = clock.today()
        self.day: date | None = self.today
        self.saving = False
        self.file: FileView | None = None  # the file as the app last showed it
        self.plan: Plan | None = None  # the plan when the form opened
        self.actor = Actor.of(None, os_user)  # again with the plan, when it comes
        self.member_id: str | None = member_id
        self.last_used_here = False
        self._logged_now: dict[str, Entry] = {}
        self._deferred: list[KrFields] = []
        self._pending = Draft()

    def board_changed(self, shown: Shown) -> None:
        """The file as the app shows it: what counts is looked up in it (the form keeps
        the plan it opened with, and what was typed)."""
        first, self.file = self.file is None, shown.file
        if first:
            self._open(shown.file)

    def _open(self, file: FileView) -> None:
        """Who the form logs for, from the plan and the person at the keyboard."""
        plan = self.plan = file.plan
        if plan is None:
            return
        self.actor = Actor.of(plan, self.os_user)
        if self.member_id is None:
            self.member_id = self.actor.member_id
        # A shared terminal remembers whom it last logged for (from the entries it typed
        # this month and last month).
        if self.member_id is None:
            today = self.today
            recent = file.entries_in_months_of((today, today - timedelta(days=today.day)))
            self.member_id = last_member_typed_here(plan, recent, self.os_user)
            self.last_used_here = self.member_id is not None
        if self.member_id is not None and plan.member(self.member_id) is None:
            self.member_id = None
            self.last_used_here = False
        self._logged_now = self._counting()

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        plan = self.plan
        title = "Log numbers"
        if plan is not None:
            title += f" — {plan.team.name} · {plan.cycle.name}"
        yield Static(title, id="log-title", markup=False)
        members = pickable(plan, self.actor, self.member_id)
        options = [(Text(f"{m.name} ({m.id})"), m.id) for m in members]
        picker = MemberPicker(
            options,
            prompt="pick who you log for",
            value=self.member_id if self.member_id is not None else Select.NULL,
            id="member",
            compact=True,
        )
        with Horizontal(classes="log-row"):
            yield FieldLabel("who", picker)
            yield picker
            yield Static("", id="member-error", classes="row-error", markup=False)
        date_field = FieldInput(self.today.isoformat(), id="date", compact=True)
        with Horizontal(classes="log-row"):
            yield FieldLabel("date", date_field)
            yield date_field
            yield Static("", id="date-error", classes="row-error", markup=False)
        with VerticalScroll(id="groups", can_focus=False):  # Tab goes field to field
            # The first groups fill the screen at once; the rest mount in one go right
            # after the first paint, so the form is ready to type into sooner.
            groups = self._groups()
            yield from groups[:EAGER_GROUPS]
            self._deferred = groups[EAGER_GROUPS:]
        yield Static("", id="form-status", markup=False)
        yield KeysFooter()

    def _groups(self) -> list[KrFields]:
        plan = self.plan
        if plan is None or self.member_id is None:
            return []
        return [
            KrFields(kr, self._logged(kr), title=kr.title + ("" if objective.is_team else " (MBO)"))
            for objective, kr in plan.krs_for_member(self.member_id)
            if self.only is None or kr.key == self.only
        ]

    def on_mount(self) -> None:
        picker = self.query_one("#member", MemberPicker)
        if self._deferred:
            picker.hold_keys()  # a burst from "who" may run past the groups mounted so far
            self.call_after_refresh(self._mount_deferred)
        if self.plan is None:
            self._status("No plan is loaded yet: a lead loads one with `huddle plan load`.", True)
            return
        self._check_member()
        self._check_date()
        # The form always opens on "who" (said, not assumed): Tab, Tab and you are at the
        # first number, however "who" was preselected. Focused at once, so that keys
        # typed while the form opens go there too.
        self.set_focus(picker)
        if self.only is not None and self.member_id is not None and not self._groups():
            self._status(f"{self.only} is not one of the key results this member logs.", True)

    async def _mount_deferred(self) -> None:
        groups, self._deferred = self._deferred, []
        if groups and self.is_attached:
            await self.query_one("#groups", VerticalScroll).mount_all(groups)
        if self.is_attached:  # once laid out: Tab follows the layout
            self.call_after_refresh(self.query_one("#member", MemberPicker).release_keys)

    def on_descendant_focus(self) -> None:
        mark_focus(list(self.query(FieldLabel).results(FieldLabel)), self.focused)

    def on_descendant_blur(self) -> None:
        mark_focus(list(self.query(FieldLabel).results(FieldLabel)), self.focused)

    # ------------------------------------------------------------ data for the groups

    def _counting(self) -> dict[str, Entry]:
        """Per KR, what counts now for the member and date shown (decoding the one month
        the date asks for)."""
        if self.file is None or self.member_id is None or self.day is None:
            return {}
        return self.file.counting_entries(self.member_id, self.day)

    def _logged(self, kr: KeyResult) -> Logged | None:
        if self.plan is None:
            return None
        return logged_of(self.plan, kr, self._logged_now.get(kr.key), self.today)

    def _inputs(self) -> list[Input]:
        return list(self.query("#groups Input").results(Input))

    def _group_list(self) -> list[KrFields]:
        return list(self.query(KrFields).results(KrFields))

    # ------------------------------------------------------------ who and when

    @on(MemberPicker.Picked, "#member")
    async def _picked(self, event: MemberPicker.Picked) -> None:
        """Picked from the list (whom it showed, or someone else): straight on to the
        numbers, with the keys typed since the pick."""
        await self._show_member(event.picker.value)
        # Once the new fields are laid out (Tab follows the layout) and the focus that
        # Select's own handler of the pick gave the picker has landed.
        self.call_after_refresh(self._on_to_the_numbers, event.picker)

    def _on_to_the_numbers(self, picker: MemberPicker) -> None:
        inputs = self._inputs()
        if inputs and self.member_id is not None:
            self.set_focus(inputs[0])
        picker.release_keys()

    @on(Select.Changed, "#member")
    async def _member_changed(self, event: Select.Changed) -> None:
        await self._show_member(event.value)

    async def _show_member(self, value: object) -> None:
        member_id = value if isinstance(value, str) else None
        if member_id == self.member_id:
            return
        self.member_id = member_id
        self._status("")  # a "Not saved" is about the form as it was
        self.last_used_here = False
        self._logged_now = self._counting()
        self._deferred = []
        self._check_member()
        groups = self.query_one("#groups", VerticalScroll)
        await groups.remove_children()
        await groups.mount_all(self._groups())

    def _check_member(self, *, saving: bool = False) -> bool:
        label = self.query_one("#member-error", Static)
        plan = self.plan
        if plan is None:
            problem: str | None = "no plan"
        else:
            problem = log_refusal(plan, self.actor, self.member_id)
        hint = ""
        if problem is None and self.member_id is None:
            if saving:  # an error now, marked like any other
                problem = "pick who you log for"
            else:
                hint = "Enter, then type a name to pick"
        elif problem is None and self.last_used_here:
            hint = "last picked here · Enter to change"
        self._mark(label, f"✗ {problem}" if problem else hint, "" if problem else "-hint")
        self.query_one("#member", Select).set_class(problem is not None, "-invalid")
        return problem is None and self.member_id is not None

    @on(MemberPicker.Searching, "#member")
    def _echo_search(self, event: MemberPicker.Searching) -> None:
        label = self.query_one("#member-error", Static)
        if event.text:
            self._mark(label, f"typed “{event.text}” · Enter picks", "-hint")
        elif self.query_one("#member", Select).expanded:
            self._mark(label, "type a name, Enter picks", "-hint")
        else:
            self._check_member()

    @staticmethod
    def _mark(label: Static, text: str, kind: str) -> None:  # kind: "" error, -hint, -warning
        label.update(text)
        label.set_class(kind == "-hint", "-hint")
        label.set_class(kind == "-warning", "-warning")

    @on(Input.Changed, "#date")
    def _date_changed(self) -> None:
        before = self.day
        self._status("")  # a "Not saved" is about the form as it was
        self._check_date()
        if self.day is not None and self.day != before:
            self._show_logged()

    def _show_logged(self) -> None:
        """What counts now for the member and date shown; typed numbers stay typed."""
        self._logged_now = self._counting()
        for group in self._group_list():
            group.set_logged(self._logged(group.kr))
        self._deferred = [KrFields(g.kr, self._logged(g.kr), title=g.title) for g in self._deferred]

    def _check_date(self) -> bool:
        field = self.query_one("#date", Input)
        self.day, said, kind = check_date(field.value, self.plan, self.today)
        self._mark(self.query_one("#date-error", Static), said, kind)
        field.set_class(self.day is None, "-invalid")
        return self.day is not None

    # ------------------------------------------------------------ keys

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter saves from the last field (elsewhere the field has moved on itself)."""
        event.stop()
        inputs = self._inputs()
        if inputs and event.input is inputs[-1]:
            self._save()

    @on(KrFields.Changed)
    def _field_changed(self, event: KrFields.Changed) -> None:
        event.stop()
        self._status("")

    def action_cancel(self) -> None:
        if self.saving:
            return
        typed = [group.kr.key for group in self._group_list() if group.edited]
        if not typed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(discard_dialog(typed), answered)

    # ------------------------------------------------------------ saving

    def action_save(self) -> None:
        focused = self.focused  # Ctrl+S comes at once: save after the keys typed before it
        if isinstance(focused, FieldInput):
            focused.call_later(self._save)
        else:
            self._save()

    def _save(self) -> None:
        if self.saving or self.plan is None:
            return
        ok_member = self._check_member(saving=True)
        ok_date = self._check_date()
        groups = self._group_list()
        for group in groups:
            group.sync()
        invalid = [group for group in groups if group.state == "invalid"]
        if not (ok_member and ok_date) or invalid:
            self._status(not_saved(ok_member, ok_date, len(invalid)), True)
            self._focus_first_problem(ok_member, ok_date, invalid)
            return
        assert self.member_id is not None and self.day is not None
        saving = draft(
            groups,
            self.member_id,
            self.day,
            typed_by=self.actor.recorded_as,
            now=self.clock.now(),
            counting=self._logged_now,
        )
        if not saving.entries:
            self._status("Nothing to save: every field is empty or unchanged.")
            return
        if saving.voids:

            def answered(void: bool | None) -> None:
                if void:
                    self._submit(saving)
                else:
                    self._status("Not saved: refill the cleared fields or save again to void.")

            self.app.push_screen(void_dialog(saving.voids), answered)
            return
        self._submit(saving)

    def _focus_first_problem(self, ok_member: bool, ok_date: bool, invalid: list[KrFields]) -> None:
        if not ok_member:
            self.query_one("#member", Select).focus()
        elif not ok_date:
            self.query_one("#date", Input).focus()
        elif invalid:
            group = invalid[0]
            field = next(iter(group.errors), group.field_names[0])
            group.input(field).focus()

    def _submit(self, saving: Draft) -> None:
        self.saving = True
        self._pending = saving
        self._status("Saving…")
        write(self, log_entries, saving.entries, seen=saving.seen)

    @on(WriteDone)
    def _saved(self, event: WriteDone) -> None:
        """The app saved the entries; `event.board` is the board with them."""
        board = event.board
        self.saving = False
        entries, self._pending = self._pending.entries, Draft()
        assert self.member_id is not None and self.day is not None
        summary = summary_lines(entries, board) if board is not None else []
        result = LogResult(self.member_id, self.day, tuple(entries), tuple(summary))
        voided = sum(entry.void for entry in entries)
        name = self.plan.person_name(result.member) if self.plan else result.member
        title = saved_text(len(entries) - voided, voided, name, result.day, self.today)
        self.app.notify("\n".join(summary) or "saved", title=title, timeout=6, markup=False)
        self.dismiss(result)

    @on(WriteFailed)
    def _not_saved(self, event: WriteFailed) -> None:
        """The app could not save: say why; what was typed stays."""
        error = event.error
        self._pending = Draft()
        self.saving = False
        if isinstance(error, ChangedMeanwhile):
            self._changed_meanwhile(error)
            return
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

    def _changed_meanwhile(self, error: ChangedMeanwhile) -> None:
        """Someone logged some of the same numbers since the form showed them: show what
        counts now (typed numbers stay) and ask whether to save these over them."""
        self._show_logged()  # the app handed down the file as the failed save found it
        details = meanwhile_details(error, self._group_list())
        self._status("Not saved yet: someone else logged meanwhile (shown under the fields).")

        def answered(save: bool | None) -> None:
            if save:
                self.action_save()

        self.app.push_screen(meanwhile_dialog(details), answered)

    def _status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#form-status", Static)
        status.update(text)
        status.set_class(error, "-error")
