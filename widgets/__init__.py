"""Reusable Textual widgets for huddle. They render view data and post messages; no store.

Installed as `huddle.widgets` (the checkout's `huddle/widgets` is a link to this folder),
so the wheel puts no top-level `widgets` package into site-packages. Each widget is
imported when first used (PEP 562), so a screen pays only for what it shows.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from huddle.widgets.board_header import BoardHeader as BoardHeader
    from huddle.widgets.keys_footer import KeysFooter as KeysFooter
    from huddle.widgets.kr_row import KeyResultRow as KeyResultRow
    from huddle.widgets.objective_card import ObjectiveCard as ObjectiveCard
    from huddle.widgets.pace_chart import PaceChart as PaceChart
    from huddle.widgets.status_badge import StatusBadge as StatusBadge
    from huddle.widgets.text_table import TextTable as TextTable

_MODULES = {
    "BoardHeader": "board_header",
    "KeysFooter": "keys_footer",
    "KeyResultRow": "kr_row",
    "ObjectiveCard": "objective_card",
    "PaceChart": "pace_chart",
    "StatusBadge": "status_badge",
    "TextTable": "text_table",
}

__all__ = list(_MODULES)


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module 'huddle.widgets' has no attribute {name!r}")
    return getattr(importlib.import_module(f"huddle.widgets.{_MODULES[name]}"), name)
