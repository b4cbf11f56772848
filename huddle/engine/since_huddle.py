"""What changed status between two boards: `huddle status --since-huddle` compares the
board as of the last recorded huddle with today's (both from `build_board`)."""

from __future__ import annotations

import msgspec

from huddle.domain.statuses import Status
from huddle.engine.attention import attention_order
from huddle.engine.view import BoardView, KrView


class StatusChange(msgspec.Struct, frozen=True):
    key: str
    title: str
    before: Status | None  # None: the KR was not in the plan then
    stale_before: bool
    now: KrView


def status_changes(before: BoardView, now: BoardView) -> list[StatusChange]:
    """Every KR whose status or stale flag differs, those needing attention now first
    (worst first), then the rest in plan order."""
    old = {kr.key: kr for kr in before.key_results()}
    changed = []
    for kr in now.key_results():
        was = old.get(kr.key)
        if was is None or (was.status, was.stale) != (kr.status, kr.stale):
            changed.append(kr)
    worst = attention_order(changed)
    ordered = worst + [kr for kr in changed if kr not in worst]
    return [
        StatusChange(
            key=kr.key,
            title=kr.title,
            before=old[kr.key].status if kr.key in old else None,
            stale_before=old[kr.key].stale if kr.key in old else False,
            now=kr,
        )
        for kr in ordered
    ]
