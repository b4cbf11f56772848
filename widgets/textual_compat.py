"""Every private part of Textual that huddle relies on, in one place, each with why.

Textual keeps parts of its widgets private (names that start with `_`, modules such as
`textual.widgets._select`) and moves them between releases. What huddle borrows goes
through here only, so that an upgrade breaks in one file: tests/tui/test_textual_compat.py
checks that each part is still there with the shape used (and names the part that moved),
and that no other module of huddle touches a private name of Textual.

textual is pinned exactly in pyproject.toml (8.2.8) because of these; the pin can loosen
to a newer version once tests/tui/test_textual_compat.py passes on it.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual._styles_cache import StylesCache
from textual.app import App
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Select
from textual.widgets._select import SelectCurrent, SelectOverlay

__all__ = [
    "CrashKeepingApp",
    "KeyFirstInput",
    "RepaintNoticingApp",
    "SearchReportingOverlay",
    "SelectCurrent",
    "drop_watchers_of_removed_keys",
    "forget_rendered_lines",
    "forward_key",
    "mount_ahead",
    "show_keys_at_once",
    "type_to_search",
]


# ------------------------------------------------------------------ the app


class CrashKeepingApp(App[None]):
    """An app that keeps an unhandled exception in `crash` for the command line to say in
    one line, instead of Textual printing its traceback as the app exits."""

    crash: Exception | None = None

    def _handle_exception(self, error: Exception) -> None:
        # Textual's one hook for an unhandled exception; the traceback it queues to print
        # at exit waits in the private `_exit_renderables`.
        super()._handle_exception(error)
        self.crash = error
        self._exit_renderables.clear()


class RepaintNoticingApp(App[None]):
    """An app told each time a screen repaints (`repainted`), even headless.

    The wallboard exports a frame only after the screen changed: exporting on a timer
    cost ~30 ms of rendering each time for nothing. Textual has no public event for a
    repaint; every screen update goes through the private `_display`, which a headless
    app then drops.
    """

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)
        if renderable is not None:
            self.repainted()

    def repainted(self) -> None:
        """A screen was painted again (on the UI thread); subclasses act on it."""


def forget_rendered_lines() -> None:
    """Drop the memo of `StylesCache.get_inner_outer` (a private module): an `lru_cache` on
    the method, whose keys hold each StylesCache, and so every line it rendered, of
    widgets long gone."""
    StylesCache.get_inner_outer.cache_clear()


def mount_ahead(app: App[Any], screen: Screen[Any]) -> None:
    """Compose, mount and style an installed `screen` now, while it is not shown.

    Textual does it on the screen's first push (`App._get_screen` registers a screen
    that is not running yet): for the KR detail that was ~80 ms of CSS matching and
    composing on the UI thread between Enter and the first open's worker even starting.
    A screen already running is pushed as it is."""
    if not screen.is_running:
        app._register(app, screen)


# ------------------------------------------------------------------ keys


def forward_key(widget: Widget, key: events.Key) -> None:
    """Hand `key` to `widget` as if it had been typed there (no public way posts a key
    into a widget's own queue, where keys typed before it wait)."""
    widget._forward_event(key)


class KeyFirstInput(Input):
    """An Input that may act on a key (`take_key`) before Input itself types it."""

    async def _on_key(self, event: events.Key) -> None:
        # Input types keys in its private key handler; overriding it decides first.
        if not self.take_key(event):
            await super()._on_key(event)

    def take_key(self, event: events.Key) -> bool:
        """Act on `event` here; True when it is done with and Input must not type it."""
        return False


# ------------------------------------------------------------------ the footer


def show_keys_at_once(footer: Footer) -> None:
    """Footer draws no keys until the private `_bindings_ready` is set, on the screen's
    first "bindings changed" signal: set it at once."""
    footer.set_reactive(Footer._bindings_ready, True)


def drop_watchers_of_removed_keys(footer: Footer) -> None:
    """Each key of a Footer watches the footer's `compact` (`data_bind`), and Textual
    drops the watcher of a removed widget only when that value next changes (in the
    private `Reactive._check_watchers`): running the watchers drops those of the keys a
    recompose just removed."""
    footer.mutate_reactive(Footer.compact)


# ------------------------------------------------------------------ Select


class SearchReportingOverlay(SelectOverlay):
    """Select's open list (a private class), saying what has been typed to search so far
    (`search_changed`) whenever that may have changed; Select keeps it private."""

    def on_mount(self) -> None:
        super().on_mount()
        # The stock timer clears the search silently; this one says so.
        self._search_reset_timer = Timer(
            self, self._search_reset_delay, callback=self._reset_search
        )

    def _reset_search(self) -> None:
        self._search_query = ""
        self.search_changed(self._search_query)

    def watch_has_focus(self, value: bool) -> None:
        super().watch_has_focus(value)
        self.search_changed(self._search_query)

    async def _on_key(self, event: events.Key) -> None:
        await super()._on_key(event)
        self.search_changed(self._search_query)

    def search_changed(self, text: str) -> None:
        """What has been typed to search so far ("" when nothing)."""


def type_to_search(select: Select[Any]) -> bool:
    """Whether `select` jumps to an option as you type (a private setting of Select's),
    for a Select that composes its own overlay (`SelectCurrent`, then the overlay)."""
    return select._type_to_search
