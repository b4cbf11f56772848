"""A form's problems shown at their fields: the line under a field says what is wrong
and the field is marked; both cleared before the next try. Shared by the forms that
check many fields at once (the proposal form, the setup screen)."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Static


def mark_problem(form: DOMNode, line_id: str, message: str, field_id: str | None) -> None:
    """Say `message` in the line `#line_id` and mark the field `#field_id` (if there)."""
    shown = form.query_one(f"#{line_id}", Static)
    shown.update(f"✗ {message}")
    shown.set_class(False, "-empty")
    if field_id is not None and form.query(f"#{field_id}"):
        form.query_one(f"#{field_id}").set_class(True, "-invalid")


def clear_problems(form: DOMNode) -> None:
    """Empty every problem line (class `field-error`) and unmark every field."""
    for shown in form.query(".field-error"):
        shown.set_class(True, "-empty")
    for field in form.query(".-invalid"):
        field.set_class(False, "-invalid")
