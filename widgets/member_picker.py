"""The log form's "who": a compact Select that says what was typed while picking, and
takes keys in a burst.

Textual's Select jumps to the first name containing what you type once its list is open,
but never shows the letters typed. This one posts `MemberPicker.Searching` with them as
they change (and with "" once the search resets or the list closes), for the form to echo.

Keys typed in one burst (`Tab Tab 15`, `Enter ana Enter 19 Tab 25`) land where they were
typed for: Tab and Shift+Tab move the focus here, in the picker's own queue, so the keys
after them go on to where the focus went (widgets/typed_ahead.py); the keys after one
that opens the list wait until the list has the focus, and those after a pick until the
form has the picked member's fields ready (`MemberPicker.Picked`, then `release_keys`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import RenderableType
from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Select

from huddle.widgets.textual_compat import SearchReportingOverlay, SelectCurrent, type_to_search
from huddle.widgets.typed_ahead import HeldKeys, pass_on

OPENING_KEYS = ("enter", "down", "space", "up")  # Select's own keys for opening its list


class _EchoingOverlay(SearchReportingOverlay):
    """The open list: reports its type-to-search text whenever it changes; Enter picks
    here, at once, so that what is typed after it is not taken for a search."""

    def search_changed(self, text: str) -> None:
        picker = self.parent
        if isinstance(picker, MemberPicker):
            picker.post_message(MemberPicker.Searching(picker, text))

    def on_key(self, event: events.Key) -> None:
        picker = self.parent
        if not isinstance(picker, MemberPicker) or picker.held.take(event, self):
            return
        if pass_on(self, event):  # typed after a Tab that left the list
            return
        if event.key == "enter" and self.highlighted is not None:
            event.stop()
            event.prevent_default()
            picker.held.hold()  # until the form has the picked member's fields ready
            self.action_select()
        elif event.key in ("tab", "shift+tab"):  # closes the list and moves on, as from who
            event.stop()
            event.prevent_default()
            self.screen.set_focus(picker)
            picker.move_focus(event.key)


class MemberPicker(Select[str]):
    """Select one member; Enter opens the list, typing jumps to a name and is echoed."""

    # Focused, drawn the other way round, as the form's fields are (widgets/log_fields.py).
    DEFAULT_CSS = """
    MemberPicker:focus > SelectCurrent {
        background: $foreground;
        text-style: bold;
        & Static#label, & .arrow {
            color: $background;
        }
    }
    MemberPicker SelectOverlay:focus > .option-list--option-highlighted {
        background: $foreground;
        color: $background;
        text-style: bold;
    }
    """

    class Searching(Message):
        """What has been typed so far while the list is open ("" when nothing)."""

        def __init__(self, picker: MemberPicker, text: str) -> None:
            super().__init__()
            self.picker = picker
            self.text = text

        @property
        def control(self) -> MemberPicker:
            return self.picker

    class Picked(Message):
        """A member was picked from the list (the one shown before, or another): the
        keys typed since wait for `release_keys`."""

        def __init__(self, picker: MemberPicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> MemberPicker:
            return self.picker

    def __init__(self, options: Iterable[tuple[RenderableType, str]], **kwargs: Any) -> None:
        super().__init__(options, **kwargs)
        self.held = HeldKeys()
        self._overlay = _EchoingOverlay(type_to_search=type_to_search(self))

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield self._overlay.data_bind(compact=Select.compact)

    def hold_keys(self) -> None:
        """Keep the keys typed here from now on, until `release_keys`."""
        self.held.hold()

    def release_keys(self) -> None:
        """Hand the kept keys on, in order, to where the focus is now."""
        self.held.release(self)

    def on_key(self, event: events.Key) -> None:
        if self.held.take(event, self):
            return
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            return  # come up from the open list, on its way to the app's keys
        if pass_on(self, event):
            return
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            self.move_focus(event.key)
        elif event.key in OPENING_KEYS and not self.expanded:
            event.stop()
            event.prevent_default()
            # The keys typed after this one wait until the list has the focus (Select
            # gives it the deferred way), then go there in order.
            self.held.hold()
            self.action_show_overlay()
            self.app.call_later(self.release_keys)

    def move_focus(self, key: str) -> None:
        """Tab or Shift+Tab from here, at once, closing the list (which is next in the
        focus chain until it has been restyled as hidden)."""
        self.expanded = False
        move = self.screen.focus_next if key == "tab" else self.screen.focus_previous
        target = move()
        while target is not None and self in target.ancestors:
            target = move()

    @on(SearchReportingOverlay.UpdateSelection)
    def _picked(self) -> None:
        # Runs before Select's own handler (which sets the value): the form hears of the
        # pick after the value has changed.
        self.post_message(self.Picked(self))
