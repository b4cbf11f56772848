"""The huddle's actions: open ones carried over (overdue marked), done ones ticked, and a
line to add a new one with its owner and due date.

Space or Enter on an action marks it done or open again (`Toggled`); Enter in the new action's
text or due field asks for it to be added (`AddWanted`). The editor never writes: the
screen does, and hands back the record (`show`), or says what was wrong (`show_error`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from huddle.domain.huddle import ActionLine, HuddleDay
from huddle.present import ESCALATED, due_text, who
from huddle.widgets.notes_editor import escalate_label
from huddle.widgets.start_showing_input import StartShowingInput

NO_ACTIONS = "No open actions. Add one below."


def new_action_title(kr: str | None = None, refusal: str | None = None) -> str:
    """`New action for fcr · Enter adds it`, or why none may be added."""
    if refusal is not None:
        return f"New action: {refusal}"
    return f"New action{f' for {kr}' if kr else ''} · Enter adds it"


def action_lines(line: ActionLine, names: Mapping[str, str]) -> Content:
    """Two lines: `☐ #3 Ask the survey vendor …` (`☑` and struck through when done), then
    `Tom Okafor · due Tue Nov 24 · carried · ⚑ escalated`, overdue in the alert colour."""
    action = line.action
    parts: list[tuple[str, str] | str] = [
        ("☑ " if line.done else "☐ ", "bold"),
        (f"#{action.id} ", "bold"),
        (action.text, "strike" if line.done else ""),
        "\n    ",
        who(action.owner, names),
    ]
    due = due_text(line)
    if due:
        parts.append((f" · {due}", "$error bold" if line.overdue else ""))
    if line.carried and not line.done:
        parts.append((" · carried", "$text-muted"))
    if action.kr is not None:
        parts.append(f" · for {action.kr}")
    if action.escalate:
        parts.append((f" · {ESCALATED}", "$warning"))
    return Content.assemble(*parts)


class ActionItem(Widget, can_focus=True):
    """One action; Space or Enter (or a click) marks it done, or open again."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "mark", "Done / open", id="action_item.toggle"),
        Binding("down,j", "app.focus_next", show=False, id="action_item.next"),
        Binding("up,k", "app.focus_previous", show=False, id="action_item.previous"),
    ]

    DEFAULT_CSS = """
    ActionItem { height: 2; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    ActionItem:focus { background: $accent 25%; }
    """

    line: reactive[ActionLine | None] = reactive[ActionLine | None](None)

    def __init__(self, line: ActionLine, names: Mapping[str, str]) -> None:
        super().__init__()
        self.names = names
        self.set_reactive(ActionItem.line, line)
        self.action_id = line.action.id

    def render(self) -> Content:
        return action_lines(self.line, self.names) if self.line else Content("")

    def action_mark(self) -> None:
        if self.line is not None:
            self.post_message(ActionsEditor.Toggled(self.action_id, not self.line.done))

    def on_click(self) -> None:
        self.focus()
        self.action_mark()


class ActionsEditor(Vertical):
    """The day's actions and a form for a new one."""

    DEFAULT_CSS = """
    ActionsEditor { height: 1fr; padding: 0 1; }
    ActionsEditor > #action-list { height: 1fr; }
    ActionsEditor > .section-title { text-style: bold; margin-top: 1; }
    ActionsEditor > #action-form { height: 1; }
    ActionsEditor #action-text { width: 1fr; }
    ActionsEditor #action-owner { width: 20; margin-left: 1; }
    ActionsEditor #action-due { width: 20; margin-left: 1; }
    ActionsEditor #action-escalate { width: auto; margin-left: 1; }
    ActionsEditor > #action-error { height: auto; color: $error; }
    """

    class Toggled(Message):
        def __init__(self, action_id: int, done: bool) -> None:
            super().__init__()
            self.action_id = action_id
            self.done = done

    class AddWanted(Message):
        def __init__(
            self, text: str, owner: str, due: str, escalate: bool, kr: str | None = None
        ) -> None:
            super().__init__()
            self.text = text
            self.owner = owner
            self.due = due
            self.escalate = escalate
            self.kr = kr  # the key result it is raised for

    def __init__(
        self,
        owners: Sequence[tuple[str, str]],
        owner: str | None,
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.owners = list(owners)  # (member id, name)
        self.owner = owner
        self.kr: str | None = None  # the key result the new action is for (a KR's page)
        self.refusal: str | None = None  # why no action may be added here

    def compose(self) -> ComposeResult:
        yield Label("Open and carried over · Space: done / open again", classes="section-title")
        with VerticalScroll(id="action-list", can_focus=False):
            yield Static(NO_ACTIONS, id="no-actions")
        yield Label(new_action_title(), classes="section-title", id="action-form-title")
        with Horizontal(id="action-form"):
            yield StartShowingInput(
                placeholder="what is to be done",
                id="action-text",
                compact=True,
                select_on_focus=False,  # what is there is kept, the caret at its end
            )
            yield Select(
                [(Content(name), member) for member, name in self.owners],
                prompt="owner",
                value=self.owner if self.owner else Select.NULL,
                id="action-owner",
                compact=True,
            )
            yield Input(placeholder="due: tomorrow, fri…", id="action-due", compact=True)
            yield Checkbox(escalate_label(False), id="action-escalate", compact=True)
        yield Static("", id="action-error", markup=False)

    def items(self) -> list[ActionItem]:
        return list(self.query_one("#action-list").query_children(ActionItem))

    def show(self, day: HuddleDay, names: Mapping[str, str]) -> None:
        """The day's actions, updated in place where the same actions are shown."""
        items = self.items()
        self.query_one("#no-actions").display = not day.actions
        if [item.action_id for item in items] == [line.action.id for line in day.actions]:
            for item, line in zip(items, day.actions, strict=True):
                item.names = names
                item.line = line
            return
        focused = next((item.action_id for item in items if item.has_focus), None)
        for item in items:
            item.remove()
        new_items = [ActionItem(line, names) for line in day.actions]
        self.query_one("#action-list").mount_all(new_items)
        for item in new_items:
            if item.action_id == focused:
                self.call_after_refresh(item.focus)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        owner = self.query_one("#action-owner", Select).value
        self.post_message(
            self.AddWanted(
                self.query_one("#action-text", Input).value,
                owner if isinstance(owner, str) else "",
                self.query_one("#action-due", Input).value,
                self.query_one("#action-escalate", Checkbox).value,
                self.kr,
            )
        )

    def show_error(self, message: str) -> None:
        self.query_one("#action-error", Static).update(message)

    def clear_form(self) -> None:
        """After an action was added: an empty form, ready for the next."""
        self.query_one("#action-text", Input).value = ""
        self.query_one("#action-due", Input).value = ""
        self.query_one("#action-escalate", Checkbox).value = False
        self.show_error("")
        self._for_kr(None)

    def refuse_new(self, reason: str | None) -> None:
        """Say before anything is typed why no action may be added here (None: it may),
        and take the form out of reach while so."""
        self.refusal = reason
        self.query_one("#action-form").disabled = reason is not None
        self._show_title()

    def _for_kr(self, kr: str | None) -> None:
        self.kr = kr
        self._show_title()

    def _show_title(self) -> None:
        title = new_action_title(self.kr, self.refusal)
        self.query_one("#action-form-title", Label).update(Content(title))

    @on(Checkbox.Changed, "#action-escalate")
    def _escalate_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        event.checkbox.label = escalate_label(event.value)

    def start_new(self, kr: str | None = None, owner: str | None = None) -> None:
        """Focus the new action's text (from a KR's page: for that KR, its owner's)."""
        field = self.query_one("#action-text", Input)
        if kr is not None or not field.value:
            self._for_kr(kr)
        if owner is not None:
            self.query_one("#action-owner", Select).value = owner
        field.focus()
