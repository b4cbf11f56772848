"""Keys typed ahead of the focus: a fast typist, or an SSH link that batches keys.

Textual hands each key to the widget focused when the key arrives, and acts on Tab once
the key has bubbled up to the app, a few steps later; by then the keys typed after the
Tab wait in the old widget's queue. A field that moves focus itself, in its own queue,
passes those keys on (`pass_on`); a field whose next field is still being built keeps
them (`HeldKeys`) and hands them on once it is there.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget

from huddle.widgets.textual_compat import forward_key


def copy_of(event: events.Key, widget: Widget) -> events.Key:
    """A fresh `event` to hand on, sent as keys are, by the app: a message made here
    would name `widget` its sender, and one handed to a child of `widget` would then
    stop bubbling at `widget`, never reaching the app's key bindings."""
    key = events.Key(event.key, event.character)
    key.set_sender(widget.app)
    return key


def pass_on(widget: Widget, event: events.Key) -> bool:
    """Hand `event` on to where the focus is now, when it has left `widget` since the key
    was typed; True when it was handed on."""
    focused = widget.screen.focused
    if focused is None or focused is widget:
        return False
    event.stop()
    event.prevent_default()
    forward_key(focused, copy_of(event, widget))
    return True


class HeldKeys:
    """Keys kept, in the order typed, while the field they are meant for is being built."""

    def __init__(self) -> None:
        self._keys: list[events.Key] | None = None

    @property
    def holding(self) -> bool:
        return self._keys is not None

    def hold(self) -> None:
        if self._keys is None:
            self._keys = []

    def take(self, event: events.Key, widget: Widget) -> bool:
        """Keep `event`, which came to `widget`, while holding; True when it was kept."""
        if self._keys is None:
            return False
        event.stop()
        event.prevent_default()
        self._keys.append(copy_of(event, widget))
        return True

    def release(self, widget: Widget) -> None:
        """Stop holding; hand the kept keys, in order, to the widget focused now (or back
        to `widget`)."""
        keys, self._keys = self._keys or [], None
        target = widget.screen.focused or widget
        for key in keys:
            forward_key(target, key)
