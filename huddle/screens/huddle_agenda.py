"""Huddle mode's agenda and what it reads, without the screen: the pages in order, their
titles, and the day's data from the file the app shows (the record, who hasn't logged)."""

from __future__ import annotations

from datetime import date

import msgspec

from huddle.domain.huddle import HuddleDay
from huddle.domain.plan import Plan
from huddle.engine.attention import attention_order
from huddle.engine.missing import (
    NO_DAY_YET,
    MissingReport,
    last_completed_working_day,
    who_has_not_logged,
)
from huddle.engine.view import BoardView
from huddle.messages import FileView

TITLES = {
    "missing": "Who hasn't logged",
    "scoreboard": "Scoreboard",
    "notes": "Wins & blockers",
    "actions": "Actions",
    "wrap-up": "Wrap-up",
}
NO_PLAN = "no plan in this database yet (load one with `huddle plan load PLAN.toml`)"
KR_PAGE = "kr:"


def agenda(board: BoardView | None) -> list[str]:
    """The pages: `missing`, `scoreboard`, `kr:KEY` per KR needing attention (worst
    first), `notes`, `actions`, `wrap-up`."""
    flagged = attention_order(board.key_results()) if board else []
    return [
        "missing",
        "scoreboard",
        *(f"{KR_PAGE}{kr.key}" for kr in flagged),
        "notes",
        "actions",
        "wrap-up",
    ]


def kr_of(page: str) -> str | None:
    """The KR key of a `kr:KEY` page, else None."""
    return page[len(KR_PAGE) :] if page.startswith(KR_PAGE) else None


def page_title(page: str) -> str:
    key = kr_of(page)
    return f"Needs attention: {key}" if key is not None else TITLES[page]


class HuddleData(msgspec.Struct, frozen=True):
    """One day's huddle as the snapshot has it."""

    plan: Plan | None
    names: dict[str, str]  # member id -> display name
    record: HuddleDay
    missing: MissingReport


def read_huddle(source: FileView, day: date) -> HuddleData:
    """The huddle of `day`, and who has not logged the last working day before it."""
    plan = source.plan
    record = source.huddle.on(day)
    if plan is None:
        return HuddleData(None, {}, record, MissingReport(None, 0, (), NO_PLAN))
    names = {m.id: m.name for m in plan.members}
    last = last_completed_working_day(plan, day)
    missing = (
        who_has_not_logged(plan, source.month_of(last).entries, last)
        if last is not None
        else MissingReport(None, 0, (), NO_DAY_YET)
    )
    return HuddleData(plan, names, record, missing)
