"""Reusable Textual widgets for huddle. They render view data and post messages; no store.

Each is imported when first used (PEP 562), so a screen pays only for what it shows.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from widgets.board_header import BoardHeader as BoardHeader
    from widgets.keys_footer import KeysFooter as KeysFooter
    from widgets.kr_row import KeyResultRow as KeyResultRow
    from widgets.objective_card import ObjectiveCard as ObjectiveCard
    from widgets.pace_bar import PaceBar as PaceBar
    from widgets.pace_chart import PaceChart as PaceChart
    from widgets.spark_cell import SparkCell as SparkCell
    from widgets.status_badge import StatusBadge as StatusBadge

_MODULES = {
    "BoardHeader": "board_header",
    "KeysFooter": "keys_footer",
    "KeyResultRow": "kr_row",
    "ObjectiveCard": "objective_card",
    "PaceBar": "pace_bar",
    "PaceChart": "pace_chart",
    "SparkCell": "spark_cell",
    "StatusBadge": "status_badge",
}

__all__ = list(_MODULES)


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}")
    return getattr(importlib.import_module(f"widgets.{_MODULES[name]}"), name)
