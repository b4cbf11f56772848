"""Reusable Textual widgets for huddle. They render view data and post messages; no store."""

from widgets.board_header import BoardHeader
from widgets.kr_row import KeyResultRow
from widgets.objective_card import ObjectiveCard
from widgets.pace_bar import PaceBar
from widgets.pace_chart import PaceChart
from widgets.spark_cell import SparkCell
from widgets.status_badge import StatusBadge

__all__ = [
    "BoardHeader",
    "KeyResultRow",
    "ObjectiveCard",
    "PaceBar",
    "PaceChart",
    "SparkCell",
    "StatusBadge",
]
