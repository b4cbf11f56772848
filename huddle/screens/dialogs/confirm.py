"""A yes/no question: `ConfirmDialog(question, details, yes=…, no=…)` answers a bool."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something that cannot be taken back. y / Enter on yes; n / Esc no."""

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog > Vertical {
        width: 64;
        height: auto;
        max-width: 100%;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmDialog #confirm-details {
        margin: 1 0;
        text-style: bold;
    }
    ConfirmDialog Horizontal {
        height: auto;
        align-horizontal: right;
    }
    ConfirmDialog Button {
        margin-left: 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(
        self,
        question: str,
        details: Sequence[str] = (),
        *,
        note: str = "",
        yes: str = "Yes (y)",
        no: str = "No (n)",
    ) -> None:
        super().__init__()
        self.question = question
        self.details = tuple(details)
        self.note = note
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            if self.details:
                yield Static("\n".join(self.details), id="confirm-details", markup=False)
            if self.note:
                yield Static(self.note, markup=False)
            with Horizontal():
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
