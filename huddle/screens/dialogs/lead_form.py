"""What the lead's two forms (adjust, confidence) share: a framed box over the KR
detail, a status line, Cancel and Save buttons, and the answer to a write."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from huddle.domain.errors import HuddleError
from huddle.engine.view import KrView


class LeadForm(ModalScreen[bool]):
    """A lead's form on one KR; answers True once the app saved it. A subclass names
    itself (`NAME`, the prefix of its ids), composes its fields and ends with `footer()`."""

    NAME: ClassVar[str]

    DEFAULT_CSS = """
    LeadForm {
        align: center middle;
    }
    LeadForm > Vertical {
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    LeadForm .form-title { text-style: bold; }
    LeadForm .form-status { height: auto; margin-top: 1; }
    LeadForm .form-status.-empty { display: none; }
    LeadForm .form-status.-error { color: $text-error; text-style: bold; }
    LeadForm .form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    LeadForm Button { margin-left: 2; }
    """

    def __init__(self, kr: KrView) -> None:
        super().__init__()
        self.kr = kr
        self.saving = False

    def footer(self) -> ComposeResult:
        """The status line (empty until there is something to say) and the buttons."""
        yield Static("", id=f"{self.NAME}-status", classes="form-status -empty", markup=False)
        with Horizontal(id=f"{self.NAME}-buttons", classes="form-buttons"):
            yield Button("Cancel (Esc)", id="cancel", compact=True)
            yield Button("Save (Ctrl+S)", id="save", variant="primary", compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(False)

    def write_failed(self, error: HuddleError) -> None:
        """Not saved: say why below the fields; what was typed stays."""
        self.saving = False
        self._status(f"Not saved: {error}", error=True)

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one(f"#{self.NAME}-status", Static)
        status.update(text)
        status.set_class(error, "-error")
        status.set_class(not text, "-empty")
