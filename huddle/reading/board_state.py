"""What the board shows and what it was computed from; no Textual, shared by the app and
the command line.

A `BoardState` is a snapshot, every KR's series and the board evaluated as of a day.
The series come from the snapshot's cycle fold, which the store keeps current entry by
entry: a write advances it by its own entries (re-folding only the days they touch), a
refresh after another process's write takes the fold that writer stored. So nothing
here folds entries: the next state after a change costs the statuses, not the history.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec

from huddle.domain.entry import find_key_result
from huddle.engine.board import Folded, evaluate_board, evaluate_series
from huddle.engine.cycle_fold import fold_series
from huddle.engine.series import Series
from huddle.engine.view import BoardView, KrView

if TYPE_CHECKING:
    from huddle.store.snapshot import Snapshot


class BoardState(msgspec.Struct, frozen=True):
    """A snapshot, every KR's series folded from it, and the board they evaluate to."""

    snapshot: Snapshot
    series: Folded  # every KR's series, by key (what the KR detail reads its values off)
    board: BoardView | None  # None: no plan yet


def board_state(snapshot: Snapshot, today: date, previous: BoardState | None = None) -> BoardState:
    """The board of `snapshot` as of `today`; `previous` itself when nothing it shows changed."""
    plan, fold = snapshot.plan, snapshot.fold
    if plan is None or fold is None:
        return BoardState(snapshot, {}, None)
    if (
        previous is not None
        and previous.board is not None
        and previous.board.today == today
        and previous.snapshot.fold is fold
        and previous.snapshot.plan is plan
        and previous.snapshot.changes is snapshot.changes
    ):
        return BoardState(snapshot, previous.series, previous.board)
    series = fold_series(plan, fold)
    return BoardState(snapshot, series, evaluate_board(plan, series, snapshot.changes, today))


def kr_view(snapshot: Snapshot, key: str, today: date) -> KrView:
    """One KR's view as of `today`, from its fold alone (what `huddle log` prints)."""
    plan, fold = snapshot.plan, snapshot.fold
    assert plan is not None and fold is not None  # a KR is only logged against a plan
    objective, kr = find_key_result(plan, key)
    series = Series(kr, dict(fold.days.get(key, {})))
    return evaluate_series(plan, objective, kr, series, today, snapshot.changes)
