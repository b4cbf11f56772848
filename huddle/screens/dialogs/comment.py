"""A one-line comment asked for before a write (a lead returning a proposal): Enter
answers the text, Esc answers None. An empty comment is refused here, at its field."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from huddle.domain.change import checked_reason
from huddle.domain.errors import InvalidInput


class CommentDialog(ModalScreen[str | None]):
    DEFAULT_CSS = """
    CommentDialog { align: center middle; }
    CommentDialog > Vertical {
        width: 70; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    CommentDialog #comment-title { text-style: bold; }
    CommentDialog #comment-error { color: $text-error; height: auto; }
    CommentDialog #comment-hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="comment.cancel"),
    ]

    def __init__(self, title: str, placeholder: str) -> None:
        super().__init__()
        self.title_text = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, id="comment-title", markup=False)
            yield Input(placeholder=self.placeholder, id="comment", compact=True)
            yield Static("", id="comment-error", markup=False)
            yield Static("Enter sends · Esc cancels", id="comment-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            comment = checked_reason("comment", event.value, required=True)
        except InvalidInput as error:
            self.query_one("#comment-error", Static).update(f"✗ comment: {error.message}")
            self.query_one("#comment", Input).set_class(True, "-invalid")
            return
        self.dismiss(comment)

    def action_cancel(self) -> None:
        self.dismiss(None)
