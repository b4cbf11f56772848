"""The adjust form: a lead gives a KR a new target and/or baseline, with the reason.

Opened from the KR detail (`a`). What is typed is parsed here (durations for time
units); the app writes it (`adjust_key_result`, one transaction, judged against the plan
as stored) and answers `WriteDone` (the form closes) or `WriteFailed` (the problem is
shown next to its field; what was typed stays).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from huddle.domain.change import check_direction, checked_reason
from huddle.domain.errors import InvalidInput
from huddle.domain.formatting import format_target
from huddle.domain.plan import HOLD_DIRECTIONS
from huddle.domain.typed_values import parse_target
from huddle.engine.view import BoardView, KrView
from huddle.screens.dialogs.lead_form import LeadForm
from huddle.service.lead import adjust_key_result

FIELDS = ("target", "baseline", "reason")


def direction_rule(kr: KrView) -> str:
    """What the numbers must keep, in words."""
    if kr.direction == "up":
        return "up: the target stays above the baseline"
    if kr.direction == "down":
        return "down: the target stays below the baseline"
    word = "floor" if kr.direction == "at_least" else "ceiling"
    return f"the target is the {word} to hold"


class AdjustForm(LeadForm):
    """New target, new baseline (up/down KRs only), reason. Ctrl+S saves, Esc cancels;
    Enter moves on, and saves from the reason. Answers True once saved."""

    NAME = "adjust"
    DEFAULT_CSS = """
    AdjustForm > Vertical { width: 70; }
    AdjustForm #adjust-now { color: $text-muted; }
    AdjustForm #adjust-rule { color: $text-muted; margin-bottom: 1; }
    AdjustForm .adjust-row { height: 1; }
    AdjustForm .adjust-row > Label { width: 14; }
    AdjustForm .adjust-row > Input { width: 1fr; }
    AdjustForm .field-error { height: auto; color: $text-error; padding-left: 14; }
    AdjustForm .field-error.-empty { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="adjust.cancel"),
        Binding("ctrl+s", "save", "Save", id="adjust.save"),
    ]

    @property
    def fields(self) -> tuple[str, ...]:
        """A hold KR has a threshold (its target) and no baseline to adjust."""
        return ("target", "reason") if self.kr.direction in HOLD_DIRECTIONS else FIELDS

    def compose(self) -> ComposeResult:
        kr = self.kr
        target = format_target(kr.target, kr.unit)
        baseline = format_target(kr.baseline, kr.unit)
        with Vertical():
            yield Static(
                f"Adjust {kr.key} · {kr.title}",
                id="adjust-title",
                classes="form-title",
                markup=False,
            )
            now = f"Now: target {target}"
            if "baseline" in self.fields:
                now += f", baseline {baseline}"
            yield Static(now, id="adjust-now", markup=False)
            yield Static(direction_rule(kr), id="adjust-rule", markup=False)
            labels = {"target": "New target", "baseline": "New baseline", "reason": "Reason"}
            hints = {
                "target": f"e.g. {target}",
                "baseline": f"e.g. {baseline}",
                "reason": "required: why, in a few words",
            }
            for name in self.fields:
                with Horizontal(classes="adjust-row"):
                    yield Label(labels[name])
                    yield Input(placeholder=hints[name], id=name, compact=True)
                yield Static("", id=f"{name}-error", classes="field-error -empty", markup=False)
            yield from self.footer()

    def on_mount(self) -> None:
        self.query_one("#target", Input).focus()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "reason":
            self.action_save()
        else:
            self.focus_next()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if event.input.id:
            self._error(event.input.id, "")

    def action_save(self) -> None:
        if not self.may_save():
            return
        for name in self.fields:
            self._error(name, "")
        numbers: dict[str, float | None] = {"target": None, "baseline": None}
        problems = 0
        for name in ("target", "baseline"):
            if name not in self.fields:
                continue
            text = self.query_one(f"#{name}", Input).value
            try:
                numbers[name] = parse_target(self.kr.unit, text, name) if text.strip() else None
            except InvalidInput as error:
                problems += self._error(name, error.message)
        if not problems:
            if numbers["target"] is None and numbers["baseline"] is None:
                what = "a new target or baseline" if "baseline" in self.fields else "a new target"
                problems += self._error("target", f"give {what}")
            else:
                problems += self._direction_problem(numbers["target"], numbers["baseline"])
        try:
            reason = checked_reason("reason", self.query_one("#reason", Input).value, required=True)
        except InvalidInput as error:
            reason = ""
            problems += self._error("reason", error.message)
        if problems:
            fields = "field" if problems == 1 else f"{problems} fields"
            self._status(f"Not saved: fix the marked {fields} first.", error=True)
            return
        self.save(
            adjust_key_result,
            self.kr.key,
            target=numbers["target"],
            baseline=numbers["baseline"],
            reason=reason,
        )

    def _direction_problem(self, target: float | None, baseline: float | None) -> int:
        """The plan's direction rule, said before anything is sent (the service checks
        it again against the KR as stored)."""
        kr = self.kr
        try:
            check_direction(
                kr.direction,
                kr.target if target is None else target,
                kr.baseline if baseline is None else baseline,
                baseline_given=baseline is not None,
            )
        except InvalidInput as error:
            return self._error(error.field, error.message)
        return 0

    def saved(self, board: BoardView | None) -> None:
        kr = board.kr(self.kr.key) if board is not None else None
        if kr is not None:
            self.app.notify(
                f"target {format_target(kr.target, kr.unit)}, "
                f"baseline {format_target(kr.baseline, kr.unit)}",
                title=f"Adjusted {kr.key}",
                markup=False,
            )

    def not_saved(self, error: Exception) -> None:
        """Not saved: the problem next to its field, or below them; what was typed stays."""
        field = getattr(error, "field", None)
        if isinstance(field, str) and field in self.fields:
            self._error(field, getattr(error, "message", str(error)))
        super().not_saved(error)

    def _error(self, name: str, message: str) -> int:
        shown = self.query_one(f"#{name}-error", Static)
        shown.update(f"✗ {message}" if message else "")
        shown.set_class(not message, "-empty")
        self.query_one(f"#{name}", Input).set_class(bool(message), "-invalid")
        return 1 if message else 0
