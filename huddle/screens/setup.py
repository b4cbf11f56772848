"""The leads' setup screen: the plan's team, cycle, members, objectives and key results,
edited one item at a time.

The list on the left names every item (and a new one of each kind); the form on the
right shows the highlighted item's fields. Ctrl+S builds the new plan from what was
typed, by the plan file's validation (`huddle.inputs.plan_form`): every problem is
shown at its field and nothing is sent while one remains. The app then saves it through
`huddle plan load`'s service (one transaction, each change recorded with who and when,
the role judged by the real uid). A changed target or baseline takes a reason, as
`adjust` does. Someone who is no lead sees every field read-only, and why.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from huddle.domain.errors import InvalidInput
from huddle.domain.plan import Plan
from huddle.domain.roles import Actor, lead_refusal
from huddle.inputs.plan_form import (
    SOURCE,
    Field,
    Item,
    Path,
    edited_plan,
    field_of,
    field_texts,
    item_id,
    plan_items,
    target_changes,
)
from huddle.messages import Shown, WriteDone, WriteFailed, write
from huddle.screens.field_problems import clear_problems, mark_problem
from huddle.service.plan import load_plan, starts_new_cycle
from huddle.widgets import KeysFooter

EDIT_PLAN = "edit the plan"
REASON_HINT = "reason (required when a target or baseline changes)"


class SetupScreen(Screen[None]):
    """Esc goes back to the board; Tab moves from the list into the fields; Ctrl+S saves."""

    APP_KEYS = False  # q and ? are typed into the fields here
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.board", "Board", id="setup.back"),
        Binding("ctrl+s", "save", "Save", id="setup.save"),
    ]
    DEFAULT_CSS = """
    SetupScreen #setup-title { text-style: bold; padding: 0 1; }
    SetupScreen #setup-state { padding: 0 1; color: $text-muted; }
    SetupScreen #setup-body { height: 1fr; }
    SetupScreen #setup-items { width: 30; height: 1fr; }
    SetupScreen #setup-form { width: 1fr; height: 1fr; padding: 0 1; }
    SetupScreen .row, SetupScreen #reason-row { height: 1; }
    SetupScreen .row > Label, SetupScreen #reason-row > Label { width: 19; }
    SetupScreen .row > Input, SetupScreen .row > Select { width: 1fr; }
    SetupScreen #reason-row { padding: 0 1; }
    SetupScreen #setup-reason { width: 1fr; }
    SetupScreen .field-error { height: auto; color: $text-error; padding-left: 19; }
    SetupScreen #reason-error { padding-left: 20; }
    SetupScreen .field-error.-empty { display: none; }
    SetupScreen #setup-status { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    SetupScreen #setup-status.-error { color: $error; text-style: bold; }
    """

    def __init__(self, os_user: str) -> None:
        super().__init__(id="setup")
        self.os_user = os_user
        self.plan: Plan | None = None
        self.items: list[Item] = []
        self.item: Item | None = None  # the one the form shows
        self.saving = False

    # ------------------------------------------------------------ data down

    def board_changed(self, shown: Shown) -> None:
        self.plan = shown.file.plan
        self.items = plan_items(self.plan) if self.plan is not None else []
        if self.is_mounted:
            self._show_state()
            self._list_items()

    @property
    def refusal(self) -> str | None:
        """Why the person at this terminal may not save (None: a lead)."""
        return lead_refusal(Actor.of(self.plan, self.os_user), EDIT_PLAN)

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static("Setup: the plan", id="setup-title")
        yield Static("", id="setup-state", markup=False)
        with Horizontal(id="setup-body"):
            yield OptionList(id="setup-items")
            yield VerticalScroll(id="setup-form")
        with Horizontal(id="reason-row"):
            yield Label("Reason")
            yield Input(placeholder=REASON_HINT, id="setup-reason", compact=True)
        yield _error_line("reason-error")
        yield Static("", id="setup-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_state()
        self._list_items()
        self.query_one(OptionList).focus()

    def _show_state(self) -> None:
        refusal = self.refusal
        if self.plan is None:
            state = "No plan yet: load one with `huddle plan load`."
        elif refusal is not None:
            state = f"Read only: {refusal}."
        else:
            state = "Pick an item, Tab to its fields, Ctrl+S saves it. Nothing is removed here."
        self.query_one("#setup-state", Static).update(state)
        self.query_one("#setup-reason", Input).disabled = refusal is not None

    def _list_items(self) -> None:
        """The list of items, the highlighted one kept (the form is left as typed)."""
        options = self.query_one(OptionList)
        wanted = [(item_id(item), item.label) for item in self.items]
        have = [(o.id, str(o.prompt)) for o in options.options]
        if wanted == have:
            return
        kept = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        options.add_options(Option(Content(label), id=id_) for id_, label in wanted)
        ids = [id_ for id_, _ in wanted]
        if ids:
            options.highlighted = ids.index(kept) if kept in ids else 0

    @on(OptionList.OptionHighlighted, "#setup-items")
    async def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        item = next((i for i in self.items if item_id(i) == event.option.id), None)
        if item is not None and (self.item is None or item_id(self.item) != item_id(item)):
            await self._show_item(item)

    async def _show_item(self, item: Item) -> None:
        """Build the form of `item`, its fields showing the stored values."""
        assert self.plan is not None
        self.item = item
        form = self.query_one("#setup-form", VerticalScroll)
        await form.remove_children()
        texts = field_texts(self.plan, item)
        rows: list[Widget] = []
        if item.read_only:
            rows.append(Static(f"Shown only: {item.read_only}.", markup=False))
        locked = item.read_only is not None or self.refusal is not None
        for field in item.fields:
            widget = _field_widget(field, texts[field.path])
            widget.disabled = locked
            rows.append(Horizontal(Label(field.label, markup=False), widget, classes="row"))
            rows.append(_error_line(f"{field.widget_id}-error"))
        await form.mount_all(rows)
        self._clear_problems()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # ------------------------------------------------------------ writes up

    def _typed(self, item: Item) -> dict[Path, str]:
        typed: dict[Path, str] = {}
        for field in item.fields:
            widget = self.query_one(f"#{field.widget_id}")
            if isinstance(widget, Select):
                typed[field.path] = "" if widget.is_blank() else str(widget.value)
            elif isinstance(widget, Input):
                typed[field.path] = widget.value
        return typed

    def action_save(self) -> None:
        item, plan = self.item, self.plan
        if self.saving or item is None or plan is None:
            return
        self._clear_problems()
        refusal = self.refusal or item.read_only
        if refusal is not None:
            self._status(f"⚠ not saved: {refusal}", error=True)
            return
        reason = self.query_one("#setup-reason", Input).value.strip()
        try:
            new = edited_plan(plan, item, self._typed(item))
            changed = target_changes(plan, new)
            if changed and not reason:
                said = "; ".join(changed)
                raise InvalidInput("reason", f"is required: {said}. Say why, in a few words")
        except InvalidInput as error:
            self._show_problem(error)
            return
        if new == plan:
            self._status("Nothing changed.")
            return
        if starts_new_cycle(plan, new):
            message = (
                "is after the cycle's last day: that starts the next cycle (huddle cycle next)"
            )
            self._show_problem(InvalidInput("cycle.start", message))
            return
        self.saving = True
        self._status("saving…")
        write(self, load_plan, new, source=SOURCE, reason=reason or None)

    @on(WriteDone)
    async def _saved(self, event: WriteDone) -> None:
        self.saving = False
        self.query_one("#setup-reason", Input).value = ""
        if self.item is not None:
            kept = next((i for i in self.items if item_id(i) == item_id(self.item)), None)
            if kept is not None:
                await self._show_item(kept)
        self._status("✓ saved: every change is recorded with who and when")

    @on(WriteFailed)
    def _not_saved(self, event: WriteFailed) -> None:
        self.saving = False
        error = event.error
        if isinstance(error, InvalidInput) and "--reason" in error.message:
            # The service refuses undoing a lead's adjustment (or reopening a closed
            # cycle) without a reason: the lead gives one here.
            message = error.message.replace("load it with --reason", "give a reason")
            self._show_problem(InvalidInput("reason", message))
        elif isinstance(error, InvalidInput):
            self._show_problem(error)
        else:
            self._status(f"⚠ not saved: {error}", error=True)

    def _show_problem(self, error: InvalidInput) -> None:
        field: Field | None = None
        if self.item is not None:
            field = field_of(self.item, error)
        if error.field == "reason":
            self._error("reason-error", error.message, "setup-reason")
        elif field is not None:
            self._error(f"{field.widget_id}-error", error.message, field.widget_id)
        else:
            self._status(f"⚠ not saved: {error.field}: {error.message}", error=True)
            return
        self._status("⚠ not saved: fix the marked field first", error=True)

    def _error(self, line: str, message: str, widget: str) -> None:
        mark_problem(self, line, message, widget)

    def _clear_problems(self) -> None:
        clear_problems(self)
        self._status("")

    def _status(self, text: str, *, error: bool = False) -> None:
        if not self.is_attached:
            return
        line = self.query_one("#setup-status", Static)
        line.update(text)
        line.set_class(error, "-error")


def _error_line(widget_id: str) -> Static:
    return Static("", id=widget_id, classes="field-error -empty", markup=False)


def _field_widget(field: Field, text: str) -> Input | Select[str]:
    if field.choices:
        return Select(
            [(choice, choice) for choice in field.choices],
            value=text if text in field.choices else field.choices[0],
            allow_blank=False,
            id=field.widget_id,
            compact=True,
        )
    return Input(text, id=field.widget_id, compact=True)
