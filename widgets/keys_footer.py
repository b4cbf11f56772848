"""Textual's Footer, showing its keys from the first frame and recomposing once per frame.

Textual's Footer draws no keys until the screen's first "bindings changed" signal and
then recomposes once per signal; a screen that mounts and moves focus at start sends
several in a row, and each recompose rebuilds every key. This one composes its keys at
once and folds the signals that arrive before the next refresh into one recompose.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A Footer whose keys are there from the first frame."""

    def __init__(self) -> None:
        super().__init__()
        self.set_reactive(Footer._bindings_ready, True)
        self._recompose_queued = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus or not (self.is_attached and screen is self.screen):
            return
        if not self._recompose_queued:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_queued = False
        await self.recompose()
