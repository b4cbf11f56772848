"""A form field's label that shows, with a glyph that needs no colour, when its field has
the focus: `▸ contacts` (bold) beside the focused field, `  contacts` beside the others.

The mark is set from where the focus is (`mark_focus`), never from a `:focus-within` rule:
Textual restyles a focused widget and its ancestors, not their other children, so a label
styled from its row's focus can stay marked after the focus has left.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

from huddle.widgets.kr_row import CURSOR  # the one focus mark, on the board's rows too


class FieldLabel(Label):
    """The label of `field`, marked while the focus is in that field."""

    DEFAULT_CSS = """
    FieldLabel.-marked {
        text-style: bold;
    }
    """

    marked: reactive[bool] = reactive(False)

    def __init__(self, text: str, field: Widget, *, classes: str | None = None) -> None:
        super().__init__(f"  {text}", markup=False, classes=classes)
        self.text = text
        self.field = field

    def watch_marked(self, marked: bool) -> None:
        self.update(f"{CURSOR if marked else ' '} {self.text}")
        self.set_class(marked, "-marked")


def mark_focus(labels: list[FieldLabel], focused: Widget | None) -> None:
    """Mark the label of the field the focus is in (a field's own parts count: the open
    list of a picker), and only that one."""
    within = set(focused.ancestors_with_self) if focused is not None else set()
    for label in labels:
        label.marked = label.field in within
