"""The three kinds of terminal a wall runs in, for the TUI tests: 256 colours
(TERM=xterm-256color), 16 colours (TERM=xterm) and NO_COLOR.

Textual draws in true colour and leaves the downgrade to Rich as it writes out; an app of
`ColourModeLogApp` downgrades every line as the terminal would get it, so that what a test
reads off the screen, and a snapshot, is what that terminal shows. NO_COLOR is Textual's
own filter (its colours become greys).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
import textual.constants
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

from tests.factories.apps import LogApp

MODES = ("256", "16", "no-color")
_SYSTEMS = {"256": "256", "16": "standard", "no-color": "256"}
_RICH_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
}


def use_mode(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    """Set the terminal up as `mode` (before the app is made: it reads both then)."""
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", _SYSTEMS[mode])
    if mode == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)


class Downgrade(LineFilter):
    """Every colour as a terminal of `system` colours gets it."""

    def __init__(self, system: ColorSystem) -> None:
        super().__init__()
        self.system = system

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, self._style(style), control) for text, style, control in segments]

    def _style(self, style: Style | None) -> Style | None:
        if style is None:
            return None
        color = style.color.downgrade(self.system) if style.color else None
        bgcolor = style.bgcolor.downgrade(self.system) if style.bgcolor else None
        return style + Style(color=color, bgcolor=bgcolor)


class ColourModeLogApp(LogApp):
    """The log form as the terminal set up by `use_mode` shows it."""

    def get_line_filters(self) -> Sequence[LineFilter]:
        system = _RICH_SYSTEMS[self.console.color_system or "truecolor"]
        return [*super().get_line_filters(), Downgrade(system)]
