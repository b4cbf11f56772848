"""What the terminal shows of a running app, as `tmux capture-pane` would (TUI tests)."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App


def terminal_text(app: App[Any]) -> str:
    """The terminal's text: the screen with any modal screen over the screens below it,
    as `export_screenshot` draws them."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text(styles=False)
