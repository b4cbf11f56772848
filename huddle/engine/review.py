"""The at-risk review: what needs attention, worst first, each with since when and who
drags (docs/screens.md, "At risk"; `huddle status --at-risk`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import msgspec

from huddle.domain.change import Change
from huddle.domain.corrections import winning_positions
from huddle.domain.entry import Entry
from huddle.domain.plan import TEAM_OWNER, Plan
from huddle.engine.attention import attention_order
from huddle.engine.board import Folded, evaluate_board, fold_plan
from huddle.engine.drags import Drag, member_series, who_drags
from huddle.engine.series import kr_positions
from huddle.engine.since import status_since
from huddle.engine.view import BoardView, KrView


class ReviewItem(msgspec.Struct, frozen=True):
    kr: KrView
    objective_title: str
    owner_name: str  # "Team", or the member whose objective it is
    since: date | None
    drags: tuple[Drag, ...]


def review(
    plan: Plan, entries: Sequence[Entry], changes: Iterable[Change], today: date
) -> tuple[BoardView, list[ReviewItem]]:
    """The board as of today and its review items, worst first."""
    folded = fold_plan(plan, entries)
    board = evaluate_board(plan, folded, changes, today)
    return board, review_items(plan, board, folded, entries, today)


def review_items(
    plan: Plan, board: BoardView, folded: Folded, entries: Sequence[Entry], today: date
) -> list[ReviewItem]:
    """Each KR that needs attention on `board`, worst first, with since and who drags."""
    flagged = attention_order(board.key_results())
    wanted = {kr.key for kr in flagged}
    mine: dict[str, list[Entry]] = {key: [] for key in wanted}
    for entry in entries:
        if entry.kr in wanted:
            mine[entry.kr].append(entry)
    owners = {o.id: o.owner_name for o in board.objectives}
    items = []
    for view in flagged:
        found = plan.key_result(view.key)
        assert found is not None
        objective, kr = found
        drags: tuple[Drag, ...] = ()
        if view.behind and objective.scope_owner(kr) == TEAM_OWNER:
            own = mine[view.key]
            counting = kr_positions(winning_positions(own), kr.key, TEAM_OWNER)
            by_member = member_series(kr, [own[i] for i in counting])
            drags = who_drags(plan, objective, kr, view, by_member, today)
        items.append(
            ReviewItem(
                kr=view,
                objective_title=objective.title,
                owner_name=owners.get(objective.id, objective.owner),
                since=status_since(plan, objective, kr, folded[kr.key], today),
                drags=drags,
            )
        )
    return items
