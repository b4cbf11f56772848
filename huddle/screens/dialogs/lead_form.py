"""What the lead's two forms (adjust, confidence) share: a framed box over the KR
detail, a status line, Cancel and Save buttons, the KR as the app last showed it, and
the answer to a write (`WriteDone`: the form closes; `WriteFailed`: it says why). A KR
that a plan loaded meanwhile has left out cannot be saved: the form says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from huddle.engine.view import BoardView, KrView
from huddle.messages import Shown, WriteDone, WriteFailed, write

NOT_IN_PLAN = "no longer in the plan"


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
        self.kr = kr  # as the detail showed it; then as each board the app hands down has it
        self.saving = False
        self.gone = False  # the board handed down has no such KR: nothing can be saved

    def board_changed(self, shown: Shown) -> None:
        kr = shown.board.kr(self.kr.key) if shown.board is not None else None
        gone = kr is None
        if kr is not None:
            self.kr = kr
        if gone != self.gone:
            self.gone = gone
            if self.is_mounted:
                self._say_gone()

    def on_mount(self) -> None:
        if self.gone:
            self._say_gone()

    def _say_gone(self) -> None:
        self.query_one("#save", Button).disabled = self.gone
        if self.gone:
            self._status(f"{self.kr.key} is {NOT_IN_PLAN}: nothing can be saved.", error=True)
        elif not self.saving:
            self._status("")

    def may_save(self) -> bool:
        """Whether a save may start now (not while one is on its way, nor for a KR gone)."""
        if self.gone:
            self._say_gone()
        return not (self.saving or self.gone)

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

    def save(self, service: Callable[..., object], /, *args: Any, **kwargs: Any) -> None:
        """Ask the app to write (`service`, a function of huddle.service), once."""
        self.saving = True
        self._status("Saving…")
        write(self, service, *args, **kwargs)

    @on(WriteDone)
    def _saved(self, event: WriteDone) -> None:
        self.saving = False
        self.saved(event.board)
        self.dismiss(True)

    def saved(self, board: BoardView | None) -> None:
        """Saved: say so (the form closes)."""

    @on(WriteFailed)
    def _not_saved(self, event: WriteFailed) -> None:
        self.saving = False
        self.not_saved(event.error)

    def not_saved(self, error: Exception) -> None:
        """Not saved: say why below the fields; what was typed stays."""
        self._status(f"Not saved: {error}", error=True)

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one(f"#{self.NAME}-status", Static)
        status.update(text)
        status.set_class(error, "-error")
        status.set_class(not text, "-empty")
