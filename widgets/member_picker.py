"""The log form's "who": a compact Select that says what was typed while picking.

Textual's Select jumps to the first name containing what you type once its list is open,
but never shows the letters typed. This one posts `MemberPicker.Searching` with them as
they change (and with "" once the search resets or the list closes), for the form to echo.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Select

from huddle.widgets.textual_compat import SearchReportingOverlay, SelectCurrent, type_to_search


class _EchoingOverlay(SearchReportingOverlay):
    """The open list: reports its type-to-search text whenever it changes."""

    def search_changed(self, text: str) -> None:
        picker = self.parent
        if isinstance(picker, MemberPicker):
            picker.post_message(MemberPicker.Searching(picker, text))


class MemberPicker(Select[str]):
    """Select one member; Enter opens the list, typing jumps to a name and is echoed."""

    class Searching(Message):
        """What has been typed so far while the list is open ("" when nothing)."""

        def __init__(self, picker: MemberPicker, text: str) -> None:
            super().__init__()
            self.picker = picker
            self.text = text

        @property
        def control(self) -> MemberPicker:
            return self.picker

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        overlay = _EchoingOverlay(type_to_search=type_to_search(self))
        yield overlay.data_bind(compact=Select.compact)
