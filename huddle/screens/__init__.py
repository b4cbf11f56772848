"""The app's screens, imported on first use (start-up only needs the board).

The log form (`huddle.screens.log`) belongs to the log part and is imported lazily too.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from huddle.screens.at_risk import AtRiskScreen
    from huddle.screens.board import BoardScreen
    from huddle.screens.detail import KrDetailScreen
    from huddle.screens.help import HelpScreen
    from huddle.screens.huddle_mode import HuddleModeScreen

__all__ = ["AtRiskScreen", "BoardScreen", "HelpScreen", "HuddleModeScreen", "KrDetailScreen"]

_MODULES = {
    "AtRiskScreen": "huddle.screens.at_risk",
    "BoardScreen": "huddle.screens.board",
    "HelpScreen": "huddle.screens.help",
    "HuddleModeScreen": "huddle.screens.huddle_mode",
    "KrDetailScreen": "huddle.screens.detail",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'huddle.screens' has no attribute {name!r}")
    return getattr(import_module(module), name)
