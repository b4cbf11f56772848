"""The log form's "who": a compact Select that says what was typed while picking.

Textual's Select jumps to the first name containing what you type once its list is open,
but never shows the letters typed. This one posts `MemberPicker.Searching` with them as
they change (and with "" once the search resets or the list closes), for the form to echo.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Key
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Select

# Select's parts are private in Textual 8 (pinned in pyproject.toml).
from textual.widgets._select import SelectCurrent, SelectOverlay


class _EchoingOverlay(SelectOverlay):
    """The open list: reports its type-to-search text whenever it changes."""

    def on_mount(self) -> None:
        super().on_mount()
        # The stock timer clears the search silently; this one says so.
        self._search_reset_timer = Timer(self, self._search_reset_delay, callback=self._reset)

    def _reset(self) -> None:
        self._search_query = ""
        self._echo()

    def watch_has_focus(self, value: bool) -> None:
        super().watch_has_focus(value)
        self._echo()

    async def _on_key(self, event: Key) -> None:
        await super()._on_key(event)
        self._echo()

    def _echo(self) -> None:
        picker = self.parent
        if isinstance(picker, MemberPicker):
            picker.post_message(MemberPicker.Searching(picker, self._search_query))


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
        yield _EchoingOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
