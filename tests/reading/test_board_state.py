"""The board from the store's fold is the board from every entry, whoever wrote them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from huddle.domain.entry import void_of
from huddle.engine.board import build_board, evaluate_kr
from huddle.reading.board_state import board_state, kr_view
from huddle.store.store import Store
from tests.factories.three_months import append_entries, solved, three_month_plan

TODAY = date(2026, 11, 20)
T0 = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def test_the_board_of_a_refreshed_snapshot_is_the_board_of_all_its_entries(db: Path) -> None:
    board, other = Store(db), Store(db)
    state = board_state(board.read(), TODAY)
    writes = [
        [solved(5, day=date(2026, 11, 2))],
        [solved(3, member="ben", day=date(2026, 11, 2), typed_at=T0 + timedelta(minutes=1))],
        [solved(9, day=date(2026, 11, 2), typed_at=T0 + timedelta(minutes=2))],  # correction
        [void_of("solved", "ben", date(2026, 11, 2), typed_by="ben", at=T0 + timedelta(minutes=3))],
        [solved(4, day=date(2026, 10, 30))],
    ]
    for number, entries in enumerate(writes):
        append_entries((board, other)[number % 2], entries)
        state = board_state(board.read(), TODAY, state)
        snapshot = state.snapshot
        expected = build_board(three_month_plan(), snapshot.entries, snapshot.changes, TODAY)
        assert state.board == expected
    solved_kr = state.board.kr("solved") if state.board else None
    assert solved_kr is not None and solved_kr.current == 13  # ana's 9 (corrected) + 4


def test_one_krs_view_from_the_fold_is_that_kr_evaluated_from_every_entry(db: Path) -> None:
    store = Store(db)
    later = T0 + timedelta(days=1)
    append_entries(store, [solved(5), solved(2, member="ben"), solved(7, typed_at=later)])
    snapshot = store.read()
    plan = three_month_plan()
    objective, key_result = plan.objectives[0], plan.objectives[0].key_results[0]
    assert kr_view(snapshot, "solved", TODAY) == evaluate_kr(
        plan, objective, key_result, snapshot.entries, TODAY
    )


def test_nothing_new_keeps_the_board_as_it_was(db: Path) -> None:
    store = Store(db)
    state = board_state(store.read(), TODAY)
    again = board_state(store.read(), TODAY, state)
    assert again.board is state.board and again.series is state.series
    assert board_state(store.read(), TODAY + timedelta(days=1), state).board is not state.board
