"""The proposal form: an agent proposes his own objective (title, the team objective it
serves, 1 to 3 key results), revises a returned one (the lead's comment shown), or a lead
edits a proposal before approving it.

What is typed is checked here by the plan file's own rules (`objective_from_dict`, the
one home of each rule) and against the plan as last shown; every problem is shown at
its field and nothing is sent while one remains. The app then writes (`propose` or
`approve_proposal`, one transaction judged by the real uid) and answers `WriteDone`
(the form closes) or `WriteFailed` (shown at its field, what was typed stays).
"""

from __future__ import annotations

import re
import typing
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from huddle.domain.errors import InvalidInput
from huddle.domain.formatting import format_target
from huddle.domain.plan import Direction, Kind, Objective, Plan, Unit
from huddle.domain.proposal import MAX_KEY_RESULTS, Proposal, as_proposed, plan_with
from huddle.domain.roles import Actor
from huddle.domain.typed_values import parse_target
from huddle.messages import Shown, WriteDone, WriteFailed, write
from huddle.screens.field_problems import clear_problems, mark_problem
from huddle.service.proposals import approve_proposal, propose

KR_TEXTS = ("key", "title", "baseline", "target")
KR_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": typing.get_args(Kind),
    "unit": typing.get_args(Unit),
    "direction": typing.get_args(Direction),
}
_KR_FIELD = re.compile(r"^key_results\[(\d+)\]\.(\w+)")


class ProposalForm(ModalScreen[bool]):
    """Ctrl+S sends, Esc cancels. Answers True once saved."""

    DEFAULT_CSS = """
    ProposalForm { align: center middle; }
    ProposalForm > VerticalScroll {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ProposalForm .form-title { text-style: bold; }
    ProposalForm #proposal-comment { color: $text-warning; }
    ProposalForm .row { height: 1; }
    ProposalForm .row > Label { width: 8; }
    ProposalForm .row > Input { width: 1fr; }
    ProposalForm .row > Select { width: 1fr; }
    ProposalForm .kr-key { max-width: 14; }
    ProposalForm .kr-number { max-width: 12; }
    ProposalForm .field-error { height: auto; color: $text-error; padding-left: 8; }
    ProposalForm .field-error.-empty { display: none; }
    ProposalForm #proposal-status { height: auto; }
    ProposalForm #proposal-status.-error { color: $text-error; text-style: bold; }
    ProposalForm #proposal-buttons { height: 1; align-horizontal: right; }
    ProposalForm Button { margin-left: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="proposal.cancel"),
        Binding("ctrl+s", "save", "Save", id="proposal.save"),
    ]

    def __init__(self, proposal: Proposal | None = None, *, approving: bool = False) -> None:
        super().__init__()
        self.proposal = proposal  # None: a new one; else revised (or, approving, edited)
        self.approving = approving
        self.plan: Plan | None = None
        self.saving = False

    @property
    def heading(self) -> str:
        if self.proposal is None:
            return "Propose my objective"
        if self.approving:
            return f"Edit {self.proposal.id}, then approve"
        return f"Revise {self.proposal.id}"

    def board_changed(self, shown: Shown) -> None:
        self.plan = shown.file.plan

    def compose(self) -> ComposeResult:
        proposal = self.proposal
        heading = self.heading
        team = [o for o in self.plan.objectives if o.is_team] if self.plan else []
        with VerticalScroll():
            yield Static(heading, classes="form-title", markup=False)
            if proposal is not None and proposal.comment:
                yield Static(
                    f'Lead\'s comment: "{proposal.comment}"', id="proposal-comment", markup=False
                )
            with Horizontal(classes="row"):
                yield Label("Title")
                yield Input(placeholder="what I will achieve", id="title", compact=True)
            yield from self._error_line("title")
            with Horizontal(classes="row"):
                yield Label("For")
                yield Select(
                    [(o.title, o.id) for o in team],
                    prompt="the team objective it serves",
                    id="parent",
                    compact=True,
                )
            yield from self._error_line("parent")
            for row in range(MAX_KEY_RESULTS):
                with Horizontal(classes="row"):
                    yield Label(f"KR {row + 1}")
                    yield Input(
                        placeholder="key", id=f"kr{row}-key", classes="kr-key", compact=True
                    )
                    yield Input(placeholder="title", id=f"kr{row}-title", compact=True)
                with Horizontal(classes="row"):
                    yield Label("")
                    for name, choices in KR_CHOICES.items():
                        yield Select(
                            [(choice, choice) for choice in choices],
                            allow_blank=False,
                            id=f"kr{row}-{name}",
                            compact=True,
                        )
                    for name in ("baseline", "target"):
                        yield Input(
                            placeholder=name,
                            id=f"kr{row}-{name}",
                            classes="kr-number",
                            compact=True,
                        )
                yield from self._error_line(f"kr{row}")
            yield Static("", id="proposal-status", classes="-empty", markup=False)
            with Horizontal(id="proposal-buttons"):
                yield Button("Cancel (Esc)", id="cancel", compact=True)
                label = "Approve (Ctrl+S)" if self.approving else "Send (Ctrl+S)"
                yield Button(label, id="save", variant="primary", compact=True)

    def _error_line(self, name: str) -> ComposeResult:
        yield Static("", id=f"{name}-error", classes="field-error -empty", markup=False)

    def on_mount(self) -> None:
        if self.proposal is not None:
            self._fill(self.proposal.objective)
        self.query_one("#title", Input).focus()

    def _fill(self, objective: Objective) -> None:
        self.query_one("#title", Input).value = objective.title
        if objective.parent:
            self.query_one("#parent", Select).value = objective.parent
        for row, kr in enumerate(objective.key_results[:MAX_KEY_RESULTS]):
            self._input(row, "key").value = kr.key
            self._input(row, "title").value = kr.title
            for name in KR_CHOICES:
                self.query_one(f"#kr{row}-{name}", Select).value = getattr(kr, name)
            self._input(row, "baseline").value = (
                "" if kr.is_hold else format_target(kr.start_value, kr.unit)
            )
            self._input(row, "target").value = format_target(kr.target, kr.unit)

    def _input(self, row: int, name: str) -> Input:
        return self.query_one(f"#kr{row}-{name}", Input)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(False)

    # -- checking and sending

    def action_save(self) -> None:
        if self.saving:
            return
        self._clear_errors()
        rows: list[int] = []
        try:
            objective = self._objective(rows)
        except InvalidInput as error:
            self._show_problem(error, rows)
            return
        self.saving = True
        self._status("Saving…")
        if self.proposal is None:
            write(self, propose, objective)
        elif self.approving:
            write(self, approve_proposal, self.proposal.id, objective=objective)
        else:
            write(self, propose, objective, revise=self.proposal.id)

    def _objective(self, rows: list[int]) -> Objective:
        """The objective typed, by the plan file's rules and the plan as shown; `rows`
        gets the form row of each key result sent (blank rows are left out)."""
        from huddle.inputs.proposal_file import objective_from_dict

        data: dict[str, Any] = {"title": self.query_one("#title", Input).value}
        parent = self.query_one("#parent", Select).value
        if isinstance(parent, str):
            data["parent"] = parent
        key_results: list[dict[str, Any]] = []
        for row in range(MAX_KEY_RESULTS):
            texts = {name: self._input(row, name).value.strip() for name in KR_TEXTS}
            if not any(texts.values()):
                continue
            rows.append(row)
            kr: dict[str, Any] = {
                name: self.query_one(f"#kr{row}-{name}", Select).value for name in KR_CHOICES
            }
            kr |= {"key": texts["key"], "title": texts["title"]}
            field = f"key_results[{len(key_results)}]"
            for name in ("baseline", "target"):
                if texts[name]:
                    kr[name] = parse_target(kr["unit"], texts[name], f"{field}.{name}")
            key_results.append(kr)
        data["key_results"] = key_results
        objective = objective_from_dict(data)
        if self.plan is not None:
            member = self.proposal.member if self.proposal else self._member()
            plan_with(self.plan, as_proposed(self.plan, objective, member))
        return objective

    def _member(self) -> str:
        actor = Actor.of(self.plan, getattr(self.app, "os_user", ""))
        return actor.member_id or "team"

    def _show_problem(self, error: InvalidInput, rows: list[int]) -> None:
        found = _KR_FIELD.match(error.field)
        if found and int(found[1]) < len(rows):
            row = rows[int(found[1])]
            name = found[2]
            self._error(f"kr{row}", f"{name}: {error.message}", f"kr{row}-{name}")
        elif error.field in ("title", "parent"):
            self._error(error.field, error.message, error.field)
        else:
            where = "key results" if error.field.startswith("key_results") else error.field
            self._error("kr0" if where == "key results" else "title", f"{where}: {error.message}")
        self._status("Not sent: fix the marked field first.", error=True)

    def _error(self, line: str, message: str, widget: str | None = None) -> None:
        mark_problem(self, f"{line}-error", message, widget)

    def _clear_errors(self) -> None:
        clear_problems(self)
        self._status("")

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#proposal-status", Static)
        status.update(text)
        status.set_class(error, "-error")
        status.set_class(not text, "-empty")

    @on(WriteDone)
    def _saved(self, event: WriteDone) -> None:
        self.saving = False
        done = "Approved" if self.approving else "Sent to the leads"
        self.app.notify(done, title=self.heading, markup=False)
        self.dismiss(True)

    @on(WriteFailed)
    def _not_saved(self, event: WriteFailed) -> None:
        self.saving = False
        error = event.error
        if isinstance(error, InvalidInput):
            rows = [row for row in range(MAX_KEY_RESULTS) if self._input(row, "key").value.strip()]
            self._show_problem(error, rows)
        else:
            self._status(f"Not sent: {error}", error=True)
