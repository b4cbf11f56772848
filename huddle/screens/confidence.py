"""The confidence picker: a lead says how confident they are in a KR, with a note.

Opened from the KR detail (`c`). The confidence is shown beside the computed status,
never instead (docs/numbers.md); the app writes it (`set_confidence`) and answers
`WriteDone` (the picker closes) or `WriteFailed` (the problem is shown).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from huddle.domain.change import checked_reason
from huddle.domain.errors import InvalidInput
from huddle.domain.statuses import CONFIDENCE_LEVELS
from huddle.engine.view import BoardView
from huddle.present import kr_status_text, status_text
from huddle.screens.dialogs.lead_form import LeadForm
from huddle.service.lead import set_confidence


class ConfidenceForm(LeadForm):
    """Pick on track / at risk / off track (arrows), add a note; Ctrl+S or Enter in the
    note saves, Esc cancels. Answers True once saved."""

    NAME = "confidence"
    DEFAULT_CSS = """
    ConfidenceForm > Vertical { width: 64; }
    ConfidenceForm #confidence-now { color: $text-muted; margin-bottom: 1; }
    ConfidenceForm RadioSet { width: 100%; margin-bottom: 1; }
    ConfidenceForm .confidence-row { height: 1; }
    ConfidenceForm .confidence-row > Label { width: 8; }
    ConfidenceForm .confidence-row > Input { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="confidence.cancel"),
        Binding("ctrl+s", "save", "Save", id="confidence.save"),
    ]

    def compose(self) -> ComposeResult:
        kr = self.kr
        current = kr.confidence if kr.confidence in CONFIDENCE_LEVELS else "on_track"
        with Vertical():
            yield Static(
                f"Confidence in {kr.key} · {kr.title}",
                id="confidence-title",
                classes="form-title",
                markup=False,
            )
            yield Static(
                f"Computed: {kr_status_text(kr)}; yours is shown beside it.",
                id="confidence-now",
                markup=False,
            )
            with RadioSet(id="level"):
                for level in CONFIDENCE_LEVELS:
                    yield RadioButton(status_text(level), value=level == current, id=level)
            with Horizontal(classes="confidence-row"):
                yield Label("Note")
                yield Input(
                    kr.confidence_note, placeholder="optional: why", id="note", compact=True
                )
            yield from self.footer()

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def level(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.id if pressed is not None and pressed.id else CONFIDENCE_LEVELS[0]

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if not self.may_save():
            return
        try:
            note = checked_reason("note", self.query_one("#note", Input).value, required=False)
        except InvalidInput as error:
            self._status(f"Not saved: note: {error.message}", error=True)
            return
        self.save(set_confidence, self.kr.key, self.level(), note=note)

    def saved(self, board: BoardView | None) -> None:
        self.app.notify(
            status_text(self.level()),  # type: ignore[arg-type]
            title=f"Confidence in {self.kr.key}",
            markup=False,
        )
