"""Textual's Footer, showing its keys from the first frame and recomposing once per frame.

Textual's Footer draws no keys until the screen's first "bindings changed" signal and
then recomposes once per signal; a screen that mounts and moves focus at start sends
several in a row, and each recompose rebuilds every key. This one composes its keys at
once, folds the signals that arrive before the next refresh into one recompose, and
skips it when the keys are what they were (focus moved, the screen was shown again).
Narrower than COMPACT_BELOW it packs the keys tighter, and narrower than PALETTE_FROM it
leaves the command palette's key out (help names it), so that every key shows whole.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from huddle.widgets.textual_compat import drop_watchers_of_removed_keys, show_keys_at_once

COMPACT_BELOW = 120
PALETTE_FROM = 70


class KeysFooter(Footer):
    """A Footer whose keys are there from the first frame."""

    def __init__(self) -> None:
        super().__init__()
        show_keys_at_once(self)
        self._recompose_queued = False
        # Fitted to the terminal from the first frame (composed in the screen's compose).
        width = self.app.size.width
        self.set_reactive(Footer.compact, width < COMPACT_BELOW)
        self.set_class(width < COMPACT_BELOW, "-compact", update=False)
        self.set_reactive(Footer.show_command_palette, width >= PALETTE_FROM)
        self._composed_keys: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        self._composed_keys = self._keys_to_show()
        yield from super().compose()

    def _keys_to_show(self) -> tuple[object, ...]:
        """What compose draws: the keys shown (the palette's too), enabled or not, tips."""
        palette = self.app.COMMAND_PALETTE_BINDING if self.show_command_palette else None
        return tuple(
            (key, binding.action, binding.description, binding.group, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    def on_resize(self) -> None:
        width = self.app.size.width
        self.compact = width < COMPACT_BELOW
        if self.show_command_palette != (width >= PALETTE_FROM):
            self.show_command_palette = width >= PALETTE_FROM
            self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus or not (self.is_attached and screen is self.screen):
            return
        if not self._recompose_queued:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_queued = False
        if not self.is_attached:  # its screen went away meanwhile
            return
        # Moving focus or coming back to a screen says "bindings changed" with the same
        # keys; a recompose would rebuild every key (and their styles) for nothing.
        if self._keys_to_show() == self._composed_keys:
            return
        await self.recompose()
        # Without it every recompose left the old keys alive (watching `compact`),
        # hundreds over a morning, and Python's full collections grew with them.
        drop_watchers_of_removed_keys(self)
